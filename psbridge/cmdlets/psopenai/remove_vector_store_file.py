"""Remove-VectorStoreFile: detach a file from a vector store (the file itself stays; no output)."""

from __future__ import annotations

from ...runtime import register_cmdlet
from ._base import ApiCmdlet, object_id
from ._errors import ArgumentError

__all__ = ["RemoveVectorStoreFile"]


@register_cmdlet
class RemoveVectorStoreFile(ApiCmdlet):
    name = "Remove-VectorStoreFile"

    def process(self) -> None:
        p = self.params
        if p.parameter_set_name == "VectorStoreFile":
            store_id, file_id = object_id(p.VectorStoreFile, name="vector_store_id"), object_id(p.VectorStoreFile)
        else:
            store_id, file_id = p.VectorStoreId, p.FileId
        if not store_id:
            raise ArgumentError("Could not retrieve vector store id.")
        if not file_id:
            raise ArgumentError("Could not retrieve vector store file id.")
        response = self.request("DELETE", ["vector_stores", store_id, "files", file_id])
        if response.get("deleted"):
            self.write_verbose(f'The vector store file with id "{response.get("id")}" has been deleted.')
