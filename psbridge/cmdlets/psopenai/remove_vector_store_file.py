"""Remove-VectorStoreFile: detach a file from a vector store (the file itself stays; no output)."""

from __future__ import annotations

from ...runtime import register_cmdlet
from ._base import ApiCmdlet
from ._errors import ArgumentError
from ._vector_stores import vector_store_file_ids

__all__ = ["RemoveVectorStoreFile"]


@register_cmdlet
class RemoveVectorStoreFile(ApiCmdlet):
    name = "Remove-VectorStoreFile"

    def process(self) -> None:
        store_id, file_id = vector_store_file_ids(self.params)
        if not file_id:
            raise ArgumentError("Could not retrieve vector store file id.")
        response = self.request("DELETE", ["vector_stores", store_id, "files", file_id])
        if response.get("deleted"):
            self.write_verbose(f'The vector store file with id "{response.get("id")}" has been deleted.')
