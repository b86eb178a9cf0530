"""Wait-VectorStoreFileBatch: wait while a file batch is in progress (or for -StatusForExit).

The schedule and the stopping rules are Wait-ThreadRun's (``_waiting``), with
the doc's meaning of -StatusForExit: wait *until* the batch is in one of them,
and stop with an error once none of them can come.
"""

from __future__ import annotations

from ...runtime import register_cmdlet
from ._base import ApiCmdlet, Deadline
from ._objects import VECTOR_STORE_FILE_BATCH, typed_object
from ._vector_stores import BATCH_STATUSES, batch_ids
from ._waiting import wait_policy, wait_with_progress_for

__all__ = ["WaitVectorStoreFileBatch"]


@register_cmdlet
class WaitVectorStoreFileBatch(ApiCmdlet):
    name = "Wait-VectorStoreFileBatch"

    def begin(self) -> None:
        super().begin()
        self.policy = wait_policy(self.params, BATCH_STATUSES)

    def process(self) -> None:
        store_id, batch_id = batch_ids(self.params)
        segments = ["vector_stores", store_id, "file_batches", batch_id]
        deadline = Deadline(self.params.TimeoutSec)
        batch = wait_with_progress_for(self, segments, batch_id, self.policy, deadline=deadline)
        self.write_output(typed_object(batch, VECTOR_STORE_FILE_BATCH))
