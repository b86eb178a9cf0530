"""Get-VectorStoreFile: one file of a vector store, or its files (paged, optionally by -Filter status)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...runtime import register_cmdlet
from ._base import ApiCmdlet, Deadline
from ._objects import VECTOR_STORE_FILE, typed_object
from ._paging import list_with_parameters
from ._vector_stores import vector_store_file_ids

__all__ = ["GetVectorStoreFile"]


@register_cmdlet
class GetVectorStoreFile(ApiCmdlet):
    name = "Get-VectorStoreFile"

    def process(self) -> None:
        p = self.params
        set_name = p.parameter_set_name
        store_id, file_id = vector_store_file_ids(p)
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
