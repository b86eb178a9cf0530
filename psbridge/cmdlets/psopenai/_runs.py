"""What several run cmdlets share: finding a run's ids, and waiting on many runs at once."""

from __future__ import annotations

from typing import Any

from ...errors import PSError, halted
from ...runtime import Parameters, SkipInput
from ._base import ApiCmdlet, Deadline, object_id, run_object_ids
from ._concurrent import OrderedWork
from ._errors import ArgumentError
from ._waiting import WaitPolicy, wait_with_progress

__all__ = ["InputWorkers", "run_ids", "step_ids"]


def run_ids(params: Parameters) -> tuple[str, str]:
    """(thread id, run id) from -Run (an object) or -ThreadId/-RunId."""
    run = params.get("Run", None) if params.declares("Run") else None
    if run is not None:
        thread_id, run_id = run_object_ids(run)
    else:
        thread_id, run_id = params.ThreadId, params.RunId
    if not thread_id:
        raise ArgumentError("Could not retrieve Thread ID.")
    if not run_id:
        raise ArgumentError("Could not retrieve Run ID.")
    return thread_id, run_id


def step_ids(step: Any) -> tuple[str | None, str | None, str | None]:
    """(thread id, run id, step id) of a run-step object."""
    return object_id(step, name="thread_id"), object_id(step, name="run_id"), object_id(step, name="id")


class InputWorkers:
    """Per-input work (waits, reads) on worker threads sharing the invocation's client;
    results and errors are handed back in input order, on the pipeline's thread."""

    def __init__(self, cmdlet: ApiCmdlet, deliver: Any) -> None:
        self.cmdlet = cmdlet
        self._deliver_result = deliver
        self.work = OrderedWork(self._deliver)

    def wait(self, thread_id: str, run_id: str, policy: WaitPolicy, timeout_sec: float) -> dict[str, Any]:
        """Wait on the calling thread (a worker), with progress records, within -TimeoutSec."""
        return wait_with_progress(self.cmdlet, thread_id, run_id, policy, deadline=Deadline(timeout_sec))

    def submit(self, job: Any) -> None:
        """Run ``job()`` for the current input; its result or error is delivered in input order."""
        target = self.cmdlet.current_input

        def run() -> tuple[Any, Any, BaseException | None]:
            try:
                return target, job(), None
            except BaseException as failure:  # delivered (and re-raised if not a PSError) in order
                return target, None, failure

        self.work.submit(run)

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        target, value, failure = result if error is None else (None, None, error)
        if isinstance(failure, SkipInput):
            return
        if failure is not None:
            if isinstance(failure, PSError) and not halted(failure):
                self.cmdlet.write_error(failure, target_object=target)
                return
            raise failure
        self._deliver_result(value, target)

    def drain(self) -> None:
        self.work.drain()

    def close(self) -> None:
        self.work.close()
