"""What several run cmdlets share: finding a run's ids, waiting on many runs at once,
and reading a run's event stream (Start-ThreadRun / Submit-ToolOutput -Stream)."""

from __future__ import annotations

import json
from collections.abc import Generator, Sequence
from typing import Any

from ...errors import PSError, halted
from ...runtime import Parameters, SkipInput
from ._base import ApiCmdlet, Deadline, object_id, run_object_ids
from ._concurrent import OrderedWork, Steps
from ._errors import ArgumentError
from ._waiting import WaitPolicy, poll_with_progress, wait_with_progress

__all__ = ["InputWorkers", "run_ids", "step_ids", "stream_run_text"]


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
    """Per-input work (waits, reads) on worker threads sharing the session's client;
    results and errors are handed back in input order, on the pipeline's thread.

    A job may be a generator (see ``_concurrent``): :meth:`wait_steps` is the wait as
    steps, so a job written ``run = yield from workers.wait_steps(...)`` sleeps without
    holding a thread, and any number of runs are waited on at once.
    """

    def __init__(self, cmdlet: ApiCmdlet, deliver: Any) -> None:
        self.cmdlet = cmdlet
        self._deliver_result = deliver
        self.work = OrderedWork(self._deliver)

    def wait_steps(self, thread_id: str, run_id: str, policy: WaitPolicy, deadline: Deadline) -> Steps:
        """The wait as steps, with progress records; ``deadline`` started when the input arrived."""
        return poll_with_progress(self.cmdlet, thread_id, run_id, policy, deadline=deadline)

    def wait(self, thread_id: str, run_id: str, policy: WaitPolicy, timeout_sec: float) -> dict[str, Any]:
        """Wait on the calling thread, with progress records, within -TimeoutSec from now."""
        return wait_with_progress(self.cmdlet, thread_id, run_id, policy, deadline=Deadline(timeout_sec))

    def submit(self, job: Any) -> None:
        """Run ``job()`` for the current input; its result or error is delivered in input order."""
        target = self.cmdlet.current_input
        cmdlet = self.cmdlet

        def run() -> Any:
            try:
                outcome = job()
            except Exception as failure:
                return _Outcome(target, None, _as_ps_error(cmdlet, failure))
            if isinstance(outcome, Generator):
                return _steps(target, outcome, cmdlet)
            return _Outcome(target, outcome, None)

        self.work.submit(run)

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        if error is not None:  # a failure the job itself did not catch (it catches Exception)
            raise error
        outcome: _Outcome = result
        failure = outcome.failure
        if isinstance(failure, SkipInput):
            return
        if failure is not None:
            if isinstance(failure, PSError) and not halted(failure):
                self.cmdlet.write_error(failure, target_object=outcome.target)
                return
            raise failure
        try:
            self._deliver_result(outcome.value, outcome.target)
        except PSError:
            raise
        except Exception as digesting:  # digesting the answer failed (a value nothing can represent)
            converted = _as_ps_error(self.cmdlet, digesting)
            if not isinstance(converted, PSError):
                raise
            self.cmdlet.write_error(converted, target_object=outcome.target)

    def drain(self) -> None:
        self.work.drain()

    def close(self) -> None:
        self.work.close()


class _Outcome:
    __slots__ = ("failure", "target", "value")

    def __init__(self, target: Any, value: Any, failure: BaseException | None) -> None:
        self.target = target
        self.value = value
        self.failure = failure


def _as_ps_error(cmdlet: ApiCmdlet, failure: BaseException) -> BaseException:
    if isinstance(failure, PSError | SkipInput) or not isinstance(failure, Exception):
        return failure
    return cmdlet.unexpected_error(failure) or failure


def _steps(target: Any, steps: Steps, cmdlet: ApiCmdlet) -> Steps:
    """A job's steps whose result (or failure) comes out as an _Outcome for its input."""
    try:
        while True:
            try:
                delay = next(steps)
            except StopIteration as stop:
                return _Outcome(target, stop.value, None)
            yield cmdlet.sleep_time(delay)
    except Exception as failure:
        return _Outcome(target, None, _as_ps_error(cmdlet, failure))
    finally:
        steps.close()


def stream_run_text(
    cmdlet: ApiCmdlet,
    segments: Sequence[str],
    *,
    query: Sequence[tuple[str, Any]] = (),
    body: dict[str, Any],
    raw: bool,
) -> None:
    """POST with ``stream: true`` and write what PSOpenAI writes (reference 2.2, 2.7).

    ``raw``: every event's data payload as text.  Otherwise only the text of
    ``thread.message.delta`` events, each piece as soon as it arrives, to the
    output and to the information stream.
    """
    response = cmdlet.request("POST", segments, query=query, body=body, stream=True)
    try:
        for payload in response.iter_sse_data():
            if raw:
                cmdlet.write_output(payload)
                continue
            if '"object":"thread.message.delta"' not in payload.replace(" ", ""):
                continue
            parts = (json.loads(payload).get("delta") or {}).get("content") or []
            text = next((p.get("text", {}).get("value") for p in parts if p.get("type") == "text"), None)
            if text is not None:
                cmdlet.write_information(text)
                cmdlet.write_output(text)
    finally:
        response.close()
