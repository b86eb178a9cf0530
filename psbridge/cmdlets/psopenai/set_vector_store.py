"""Set-VectorStore: change a store's name, expiry or metadata (the fields given; see New-VectorStore)."""

from __future__ import annotations

from ...runtime import register_cmdlet
from ._base import ApiCmdlet
from ._objects import VECTOR_STORE, typed_object
from ._vector_stores import vector_store_id
from .new_vector_store import vector_store_body

__all__ = ["SetVectorStore"]


@register_cmdlet
class SetVectorStore(ApiCmdlet):
    name = "Set-VectorStore"

    def process(self) -> None:
        store_id = vector_store_id(self.params)
        updated = self.request("POST", ["vector_stores", store_id], body=vector_store_body(self))
        self.write_output(typed_object(updated, VECTOR_STORE))
