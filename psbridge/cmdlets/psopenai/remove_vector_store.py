"""Remove-VectorStore: delete a store (no output); the files themselves stay."""

from __future__ import annotations

from ...runtime import register_cmdlet
from ._base import ApiCmdlet
from ._vector_stores import vector_store_id

__all__ = ["RemoveVectorStore"]


@register_cmdlet
class RemoveVectorStore(ApiCmdlet):
    name = "Remove-VectorStore"

    def process(self) -> None:
        response = self.request("DELETE", ["vector_stores", vector_store_id(self.params)])
        if response.get("deleted"):
            self.write_verbose(f'The vector store with id "{response.get("id")}" has been deleted.')
