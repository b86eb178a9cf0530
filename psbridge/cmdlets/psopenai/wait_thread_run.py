"""Wait-ThreadRun: wait for runs to reach a status (several piped runs waited on at once)."""

from __future__ import annotations

from typing import Any

from ...runtime import register_cmdlet
from ._base import ApiCmdlet, Deadline
from ._objects import run_object
from ._runs import InputWorkers, run_ids
from ._waiting import wait_policy


@register_cmdlet
class WaitThreadRun(ApiCmdlet):
    name = "Wait-ThreadRun"

    def begin(self) -> None:
        super().begin()
        self.policy = wait_policy(self.params)
        self.waits = InputWorkers(self, self._emit_run)

    def process(self) -> None:
        thread_id, run_id = run_ids(self.params)
        deadline = Deadline(self.params.TimeoutSec)  # from when the run arrived, however long the queue
        self.waits.submit(lambda: self.waits.wait_steps(thread_id, run_id, self.policy, deadline))

    def _emit_run(self, run: dict[str, Any], _target: Any) -> None:
        self.write_output(run_object(run, self.write_warning))

    def end(self) -> None:
        self.waits.drain()

    def dispose(self) -> None:
        if hasattr(self, "waits"):
            self.waits.close()
        super().dispose()
