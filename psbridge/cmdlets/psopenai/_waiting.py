"""Waiting for a run (or a vector store file batch, a batch, a video): the poll schedule and when to stop.

What is waited on is described by a :class:`StatusGraph` (its statuses and
which can follow which); runs are :data:`RUN_STATUSES`.

Schedule (PSOpenAI's): the first poll is immediate, then poll k waits
min(k*P/3, P) with P = PollIntervalSec -- 0, 333, 666, 999, 1000 ms ... for
the default -- unless the server's ``openai-poll-after-ms`` header names a
usable next interval (1 ms to 60 s), which then wins.

A wait is written as steps (:func:`poll_run` yields the seconds to sleep), so
that many waits can share a few threads (see ``_concurrent``); the plain
functions run the steps on the calling thread.

When to stop, with the docs' meaning (not PSOpenAI's, which only removes
-StatusForExit values from the wait set and so returns at ``cancelling`` when
asked to wait for ``cancelled``):

* without -StatusForExit: while the status is in -StatusForWait (default
  queued, in_progress) keep waiting;
* with -StatusForExit: wait until the status is one of them; if the run
  reaches a status from which none of them can follow (a final status, or
  e.g. ``completed`` when waiting for ``queued``) stop with a RunStatusError
  naming it -- never wait forever.  The same holds at ``requires_action``,
  where the run waits for tool outputs, unless -StatusForWait lists it (the
  outputs come from elsewhere).  An explicit -StatusForWait still ends the
  wait when the status leaves it.

-TimeoutSec bounds the whole wait: sleeps and the request in flight are cut
to the deadline, so the TimeoutError comes within a fraction of a second.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...api import InvalidResponseError
from ._concurrent import Steps, drive
from ._errors import ArgumentError, RunStatusError, WaitTimeoutError

if TYPE_CHECKING:
    from ...runtime import Parameters
    from ._base import ApiCmdlet, Deadline

__all__ = [
    "FINAL_STATUSES",
    "RUN_STATUSES",
    "SELF_PROGRESSING",
    "StatusGraph",
    "WaitPolicy",
    "can_follow",
    "poll_after_ms",
    "poll_run",
    "poll_status",
    "poll_with_progress",
    "run_status",
    "wait_for_run",
    "wait_policy",
    "wait_with_progress",
    "wait_with_progress_for",
]

DEFAULT_WAIT = frozenset({"queued", "in_progress"})
FINAL_STATUSES = frozenset({"completed", "failed", "cancelled", "expired", "incomplete"})
#: Statuses a run leaves without the caller's help: what "wait until the run is done" waits through.
SELF_PROGRESSING = ("queued", "in_progress", "cancelling")

_activity_ids = itertools.count(1)

#: The run lifecycle of the Assistants API: which statuses can come next.
_NEXT: dict[str, frozenset[str]] = {
    "queued": frozenset({"in_progress", "cancelling", "cancelled", "failed", "expired"}),
    "in_progress": frozenset({"requires_action", "cancelling", "completed", "failed", "incomplete", "expired"}),
    "requires_action": frozenset({"in_progress", "cancelling", "failed", "expired"}),
    "cancelling": frozenset({"cancelled", "completed", "failed", "incomplete", "expired"}),
}


@dataclass(frozen=True)
class StatusGraph:
    """The statuses of one kind of object: which can follow which, and which wait for the caller."""

    noun: str
    next: Mapping[str, frozenset[str]]
    #: Statuses the object leaves only when the caller acts (a run waiting for tool outputs).
    waits_for_caller: frozenset[str] = frozenset()
    default_wait: frozenset[str] = field(default_factory=frozenset)

    def can_follow(self, status: str) -> frozenset[str]:
        """Every status an object in ``status`` can still reach."""
        seen: set[str] = set()
        frontier = [status]
        while frontier:
            for nxt in self.next.get(frontier.pop(), frozenset()):
                if nxt not in seen:
                    seen.add(nxt)
                    frontier.append(nxt)
        return frozenset(seen)


RUN_STATUSES = StatusGraph("run", _NEXT, frozenset({"requires_action"}), DEFAULT_WAIT)


def can_follow(status: str) -> frozenset[str]:
    """Every status a run in ``status`` can still reach."""
    return RUN_STATUSES.can_follow(status)


@dataclass(frozen=True)
class WaitPolicy:
    wait_for: frozenset[str] | None
    exit_on: frozenset[str] | None
    poll_interval_ms: int = 1000
    graph: StatusGraph = RUN_STATUSES

    @classmethod
    def build(
        cls,
        status_for_wait: Iterable[str] | None,
        status_for_exit: Iterable[str] | None,
        poll_interval_sec: float = 1.0,
        graph: StatusGraph = RUN_STATUSES,
    ) -> WaitPolicy:
        exit_on = frozenset(s.lower() for s in status_for_exit) if status_for_exit is not None else None
        if status_for_wait is not None:
            wait_for: frozenset[str] | None = frozenset(s.lower() for s in status_for_wait)
        else:
            wait_for = None if exit_on else graph.default_wait
        return cls(wait_for, exit_on, round(float(poll_interval_sec) * 1000), graph)

    def done(self, object_id: str, status: str) -> bool:
        """True to stop waiting at ``status``; raises when the wanted status can no longer come."""
        if self.exit_on:
            noun = self.graph.noun
            if status in self.exit_on:
                return True
            if not (self.graph.can_follow(status) & self.exit_on):
                raise RunStatusError(object_id, status, sorted(self.exit_on), noun=noun)
            if status in self.graph.waits_for_caller and not (self.wait_for and status in self.wait_for):
                # The run now waits for tool outputs: nothing follows until someone submits
                # them.  Unless the caller said to wait through it (-StatusForWait), stop.
                raise RunStatusError(object_id, status, sorted(self.exit_on), noun=noun)
            return self.wait_for is not None and status not in self.wait_for
        assert self.wait_for is not None
        return status not in self.wait_for


def wait_policy(params: Parameters, graph: StatusGraph = RUN_STATUSES) -> WaitPolicy:
    """The policy of a Wait-* cmdlet's -StatusForWait, -StatusForExit and -PollIntervalSec."""
    return WaitPolicy.build(
        params.StatusForWait if params.is_bound("StatusForWait") else None,
        params.StatusForExit if params.is_bound("StatusForExit") else None,
        params.PollIntervalSec,
        graph,
    )


#: The longest openai-poll-after-ms honoured; beyond it (or at 0, or unreadable) the own schedule applies.
MAX_POLL_AFTER_MS = 60_000


def poll_after_ms(value: str | None) -> int | None:
    """The server's ``openai-poll-after-ms``, when it is a usable interval (1 ms .. 60 s).

    Only ASCII digits count ("²" is a digit to ``str.isdigit`` but not to ``int``), and a
    hostile value cannot make the client hammer the server (0) or sleep for ages.
    """
    if value is None:
        return None
    text = value.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        return None
    number = int(text)
    return number if 0 < number <= MAX_POLL_AFTER_MS else None


def run_status(run: Any, url: str, noun: str = "run") -> str:
    """The run's status; PSOpenAI's error when it has none, an InvalidResponseError when the
    answer is not a run at all (an array, a status that is a list or an object)."""
    if not isinstance(run, dict):
        raise InvalidResponseError(f"The response from {url} is not a {noun} object.", url=url)
    status = run.get("status")
    if status is None or status == "":
        raise ArgumentError(f"Could not retrieve the status of {noun}.")
    if not isinstance(status, str):
        raise InvalidResponseError(f"The response from {url} has a status that is not a string.", url=url)
    return status


def poll_run(
    cmdlet: ApiCmdlet,
    thread_id: str,
    run_id: str,
    policy: WaitPolicy,
    *,
    deadline: Deadline,
    progress: Callable[[str], None] | None = None,
) -> Steps:
    """The wait for a run as steps (see :func:`poll_status`)."""
    segments = ["threads", thread_id, "runs", run_id]
    return poll_status(cmdlet, segments, run_id, policy, deadline=deadline, progress=progress)


def poll_status(
    cmdlet: ApiCmdlet,
    segments: Sequence[str],
    object_id: str,
    policy: WaitPolicy,
    *,
    deadline: Deadline,
    progress: Callable[[str], None] | None = None,
) -> Steps:
    """The wait as steps: GETs ``segments``, yielding the seconds to sleep before each next poll,
    until the policy says stop; returns the last (fresh) object JSON.  Sleeps never pass the
    deadline: a sleep the deadline cuts short ends in the timeout."""
    interval = policy.poll_interval_ms
    step = round(interval / 3)
    server_hint: int | None = None
    poll = 0
    while True:
        delay_ms = server_hint if server_hint is not None else min(step * poll, interval)
        if delay_ms > 0:
            remaining = deadline.remaining()
            if remaining is not None and remaining <= delay_ms / 1000:
                yield remaining
                raise WaitTimeoutError()
            yield delay_ms / 1000
        response = cmdlet.request("GET", segments, deadline=deadline, raw=True)
        run = response.json()
        server_hint = poll_after_ms(response.headers.get("openai-poll-after-ms"))
        status = run_status(run, response.url, policy.graph.noun)
        if progress is not None:
            progress(status)
        if policy.done(object_id, status):
            return run
        poll += 1


def wait_for_run(
    cmdlet: ApiCmdlet,
    thread_id: str,
    run_id: str,
    policy: WaitPolicy,
    *,
    deadline: Deadline,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Poll the run until the policy says stop; return the last (fresh) run JSON."""
    steps = poll_run(cmdlet, thread_id, run_id, policy, deadline=deadline, progress=progress)
    run: dict[str, Any] = drive(steps, cmdlet.sleep)
    return run


def poll_with_progress(
    cmdlet: ApiCmdlet, thread_id: str, run_id: str, policy: WaitPolicy, *, deadline: Deadline
) -> Steps:
    """poll_run with PSOpenAI's progress records and verbose lines (one activity per run)."""
    segments = ["threads", thread_id, "runs", run_id]
    return poll_status_with_progress(cmdlet, segments, run_id, policy, deadline=deadline)


def poll_status_with_progress(
    cmdlet: ApiCmdlet,
    segments: Sequence[str],
    object_id: str,
    policy: WaitPolicy,
    *,
    deadline: Deadline,
    activity_title: str = "Waiting for completes...",
) -> Steps:
    """poll_status with PSOpenAI's progress records and verbose lines (one activity per object).

    PSOpenAI titles a run's wait "Waiting for completes..." and the others' "Waiting for completion...".
    """
    activity = next(_activity_ids)
    noun = policy.graph.noun
    progress: Callable[[str], None] | None = None
    if cmdlet.progress_enabled:

        def progress(status: str) -> None:
            cmdlet.write_progress(
                activity_title, f'The status of {noun} with id "{object_id}" is "{status}"', activity_id=activity
            )

    try:
        found = yield from poll_status(cmdlet, segments, object_id, policy, deadline=deadline, progress=progress)
    finally:
        if progress is not None:
            cmdlet.write_progress(activity_title, "Completed", completed=True, activity_id=activity)
    if cmdlet.verbose:
        cmdlet.write_verbose(f'The status of {noun} with id "{object_id}" is "{found.get("status")}"')
    return found


def wait_with_progress(
    cmdlet: ApiCmdlet, thread_id: str, run_id: str, policy: WaitPolicy, *, deadline: Deadline
) -> dict[str, Any]:
    """wait_for_run with PSOpenAI's progress records and verbose lines (one activity per run)."""
    run: dict[str, Any] = drive(poll_with_progress(cmdlet, thread_id, run_id, policy, deadline=deadline), cmdlet.sleep)
    return run


def wait_with_progress_for(
    cmdlet: ApiCmdlet, segments: Sequence[str], object_id: str, policy: WaitPolicy, *, deadline: Deadline
) -> dict[str, Any]:
    """Wait on any object (not a run) with progress, on the calling thread."""
    steps = poll_status_with_progress(
        cmdlet, segments, object_id, policy, deadline=deadline, activity_title="Waiting for completion..."
    )
    found: dict[str, Any] = drive(steps, cmdlet.sleep)
    return found
