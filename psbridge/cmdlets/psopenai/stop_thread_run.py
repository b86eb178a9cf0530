"""Stop-ThreadRun: cancel a run; with -Wait, wait until the cancellation is final."""

from __future__ import annotations

from ...runtime import register_cmdlet
from ._base import ApiCmdlet, Deadline, object_id
from ._errors import InvalidOperationError
from ._objects import run_object
from ._runs import run_ids
from ._waiting import FINAL_STATUSES, WaitPolicy, wait_with_progress

_CANCELLABLE = ("queued", "in_progress", "requires_action")


@register_cmdlet
class StopThreadRun(ApiCmdlet):
    name = "Stop-ThreadRun"

    def begin(self) -> None:
        super().begin()
        # Wait until the run is final (PSOpenAI's list minus its bug: it stopped at "cancelling").
        self.policy = WaitPolicy.build(None, sorted(FINAL_STATUSES), 1.0)

    def process(self) -> None:
        p = self.params
        thread_id, run_id = run_ids(p)
        if p.parameter_set_name == "Run":
            status = object_id(p.Run, name="status")  # the object's own (possibly stale) status
        else:
            status = self.request("GET", ["threads", thread_id, "runs", run_id]).get("status")
        if not p.Force and status not in _CANCELLABLE:
            raise InvalidOperationError(f'Cannot cancel run with status "{status}".')
        cancelled = self.request("POST", ["threads", thread_id, "runs", run_id, "cancel"])
        self.write_verbose("Requested to cancel run.")
        if p.Wait:
            self.write_verbose("Waiting for cancelled...")
            cancelled = wait_with_progress(self, thread_id, run_id, self.policy, deadline=Deadline(p.TimeoutSec))
        if p.PassThru:
            self.write_output(run_object(cancelled, self.write_warning))
