"""Get-VectorStoreFile: one file of a vector store, or its files (paged, optionally by -Filter status)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...runtime import register_cmdlet
from ._base import ApiCmdlet, Deadline, object_id
from ._errors import ArgumentError
from ._objects import VECTOR_STORE_FILE, typed_object
from ._paging import list_with_parameters

__all__ = ["GetVectorStoreFile"]


@register_cmdlet
class GetVectorStoreFile(ApiCmdlet):
    name = "Get-VectorStoreFile"

    def process(self) -> None:
        p = self.params
        set_name = p.parameter_set_name
        if set_name == "Get_VectorStoreFile":
            store_id, file_id = object_id(p.VectorStoreFile, name="vector_store_id"), object_id(p.VectorStoreFile)
        else:
            store_id, file_id = p.VectorStoreId, (p.FileId if set_name == "Get" else None)
        if not store_id:
            raise ArgumentError("Could not retrieve vector store id.")
        deadline = Deadline(p.TimeoutSec)
        segments = ["vector_stores", store_id, "files"]
        files: Iterable[dict[str, Any]]
        if set_name == "List":
            filters = [("filter", p.Filter)] if p.Filter else []
            files = list_with_parameters(self, segments, filters=filters, deadline=deadline)
        else:
            files = [self.request("GET", [*segments, file_id or ""], deadline=deadline)]
        for file in files:
            self.write_output(typed_object(file, VECTOR_STORE_FILE))
