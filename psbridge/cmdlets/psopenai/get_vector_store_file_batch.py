"""Get-VectorStoreFileBatch: a file batch, by ids or as an object (read again)."""

from __future__ import annotations

from ...runtime import register_cmdlet
from ._base import ApiCmdlet
from ._objects import VECTOR_STORE_FILE_BATCH, typed_object
from ._vector_stores import batch_ids

__all__ = ["GetVectorStoreFileBatch"]


@register_cmdlet
class GetVectorStoreFileBatch(ApiCmdlet):
    name = "Get-VectorStoreFileBatch"

    def process(self) -> None:
        store_id, batch_id = batch_ids(self.params)
        batch = self.request("GET", ["vector_stores", store_id, "file_batches", batch_id])
        self.write_output(typed_object(batch, VECTOR_STORE_FILE_BATCH))
