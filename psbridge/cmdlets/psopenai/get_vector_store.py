"""Get-VectorStore: one store (by id or object), or the stores list (paged, every piped input)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...runtime import register_cmdlet
from ._base import ApiCmdlet, Deadline
from ._objects import VECTOR_STORE, typed_object
from ._paging import list_with_parameters
from ._vector_stores import vector_store_id

__all__ = ["GetVectorStore"]


@register_cmdlet
class GetVectorStore(ApiCmdlet):
    name = "Get-VectorStore"

    def process(self) -> None:
        p = self.params
        deadline = Deadline(p.TimeoutSec)
        stores: Iterable[dict[str, Any]]
        if p.parameter_set_name == "List":
            stores = list_with_parameters(self, ["vector_stores"], deadline=deadline)
        else:
            stores = [self.request("GET", ["vector_stores", vector_store_id(p)], deadline=deadline)]
        for store in stores:
            self.write_output(typed_object(store, VECTOR_STORE))
