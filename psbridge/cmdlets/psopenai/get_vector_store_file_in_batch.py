"""Get-VectorStoreFileInBatch: the files a file batch added (paged, optionally by -Filter status)."""

from __future__ import annotations

from ...runtime import register_cmdlet
from ._base import ApiCmdlet, Deadline
from ._objects import VECTOR_STORE_FILE, typed_object
from ._paging import list_with_parameters
from ._vector_stores import batch_ids

__all__ = ["GetVectorStoreFileInBatch"]


@register_cmdlet
class GetVectorStoreFileInBatch(ApiCmdlet):
    name = "Get-VectorStoreFileInBatch"

    def process(self) -> None:
        p = self.params
        store_id, batch_id = batch_ids(p)
        segments = ["vector_stores", store_id, "file_batches", batch_id, "files"]
        filters = [("filter", p.Filter)] if p.Filter else []
        for file in list_with_parameters(self, segments, filters=filters, deadline=Deadline(p.TimeoutSec)):
            self.write_output(typed_object(file, VECTOR_STORE_FILE))
