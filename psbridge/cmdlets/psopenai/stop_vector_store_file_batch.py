"""Stop-VectorStoreFileBatch: cancel a file batch; -Wait waits until it is final, -PassThru outputs it."""

from __future__ import annotations

from ...runtime import register_cmdlet
from ._base import ApiCmdlet, Deadline
from ._objects import VECTOR_STORE_FILE_BATCH, typed_object
from ._vector_stores import BATCH_STATUSES, batch_ids
from ._waiting import WaitPolicy, wait_with_progress_for

__all__ = ["StopVectorStoreFileBatch"]


@register_cmdlet
class StopVectorStoreFileBatch(ApiCmdlet):
    name = "Stop-VectorStoreFileBatch"

    def begin(self) -> None:
        super().begin()
        self.policy = WaitPolicy.build(None, ["cancelled", "completed", "failed"], 1.0, BATCH_STATUSES)

    def process(self) -> None:
        p = self.params
        store_id, batch_id = batch_ids(p)
        segments = ["vector_stores", store_id, "file_batches", batch_id]
        batch = self.request("POST", [*segments, "cancel"])
        self.write_verbose("Requested to cancel batch.")
        if p.Wait:
            self.write_verbose("Waiting for a cancellation...")
            batch = wait_with_progress_for(self, segments, batch_id, self.policy, deadline=Deadline(p.TimeoutSec))
        if p.PassThru:
            self.write_output(typed_object(batch, VECTOR_STORE_FILE_BATCH))
