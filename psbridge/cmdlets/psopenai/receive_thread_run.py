"""Receive-ThreadRun: the thread (with all its messages) a run belongs to, optionally after waiting."""

from __future__ import annotations

from typing import Any

from ...errors import PSError
from ...runtime import register_cmdlet
from ._base import ApiCmdlet, Deadline, object_id
from ._concurrent import Steps
from ._errors import InvalidOperationError
from ._objects import warn_status
from ._runs import InputWorkers, run_ids
from ._threads import read_thread
from ._waiting import SELF_PROGRESSING, WaitPolicy


@register_cmdlet
class ReceiveThreadRun(ApiCmdlet):
    name = "Receive-ThreadRun"

    def begin(self) -> None:
        p = self.params
        self.auto_remove = bool(p.AutoRemoveThread and p.Wait)
        if p.AutoRemoveThread and not p.Wait:
            # PSOpenAI: a non-terminating error, after which the switch is ignored.
            self.write_error(
                InvalidOperationError("The -AutoRemoveThread parameter cannot be used without the -Wait parameter.")
            )
        super().begin()
        # "Until the run is completed", as far as the run gets there without the caller.
        self.policy = WaitPolicy.build(SELF_PROGRESSING, None, 1.0)
        self.read_thread_ids: dict[str, None] = {}
        self.waits = InputWorkers(self, self._emit_thread)

    def process(self) -> None:
        p = self.params
        run_object_given = p.get("Run", None)
        thread_id, run_id = run_ids(p)
        wait, timeout = bool(p.Wait), p.TimeoutSec
        status = object_id(run_object_given, name="status") if run_object_given is not None else None
        deadline = Deadline(timeout)  # the wait's -TimeoutSec runs from when the run arrived

        def job() -> Steps:
            run = None
            current = status
            if run_object_given is None:
                run = self.request("GET", ["threads", thread_id, "runs", run_id], deadline=deadline)
                current = run.get("status")
            if wait and current != "completed":
                run = yield from self.waits.wait_steps(thread_id, run_id, self.policy, deadline)
            # Reading the thread is its own call in PSOpenAI (Get-Thread), with its own -TimeoutSec.
            return run or {}, read_thread(self, thread_id, deadline=Deadline(timeout))

        self.waits.submit(job)

    def _emit_thread(self, result: Any, _target: Any) -> None:
        run, thread = result
        if run:
            warn_status("run", run, self.write_warning)  # last_error, incomplete_details
            if run.get("status") == "requires_action":
                run_id = run.get("id")
                self.write_warning(f'The run with id "{run_id}" requires action; its thread is returned.')
        self.read_thread_ids[thread.id] = None
        self.write_output(thread)

    def end(self) -> None:
        self.waits.drain()
        if not self.auto_remove:
            return
        for thread_id in self.read_thread_ids:
            try:
                deleted = self.request("DELETE", ["threads", thread_id])
            except PSError as error:  # reported per thread; the others are still removed
                self.write_error(error, target_object=thread_id)
                continue
            if isinstance(deleted, dict) and deleted.get("deleted"):
                self.write_verbose(f'The thread with id "{thread_id}" has been deleted.')

    def dispose(self) -> None:
        if hasattr(self, "waits"):
            self.waits.close()
        super().dispose()
