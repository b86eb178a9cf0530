"""When runs move, and where they go: the schedule and the state machine's rules.

Tests need runs that progress fast and deterministically, so there is no
background worker: a run moves only when something looks at it (``polls``), when
enough wall time has passed by the time something looks (``time``), or when a
test says so (``manual``).  The side effects of each move live in
:mod:`.runs`; this module holds only the rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Mode = Literal["polls", "time", "manual"]

STATUSES = (
    "queued",
    "in_progress",
    "requires_action",
    "cancelling",
    "cancelled",
    "failed",
    "completed",
    "incomplete",
    "expired",
)
TERMINAL = frozenset({"cancelled", "failed", "completed", "incomplete", "expired"})
CANCELLABLE = frozenset({"queued", "in_progress", "requires_action"})

OUTCOMES = ("completed", "failed", "expired", "incomplete", "requires_action", "cancelled")
"""What ``set_next_run_outcome`` accepts.  ``cancelled`` plays a cancel request
arriving while the run is in progress (in_progress -> cancelling -> cancelled)."""

MARKERS = (
    ("[fail]", "failed"),
    ("[expire]", "expired"),
    ("[incomplete]", "incomplete"),
    ("[requires_action]", "requires_action"),
)
"""Content markers, checked in this order, that choose a run's outcome."""


@dataclass(frozen=True)
class Lifecycle:
    """How runs advance.

    - ``polls``: every ``polls_per_step`` retrievals of a run (GET run) move it
      one step; the response shows the status from *before* the move, so with
      the default a client sees queued, in_progress, completed on three GETs.
    - ``time``: a run moves one step every ``step_seconds`` of wall time,
      computed when anything is requested (no threads, nothing to stop).
    - ``manual``: only ``Emulator.advance`` moves runs.

    Streamed calls (``stream: true``) always run to a resting state at once,
    since a stream has to end.
    """

    mode: Mode = "polls"
    polls_per_step: int = 1
    step_seconds: float = 0.05

    def __post_init__(self) -> None:
        if self.mode not in ("polls", "time", "manual"):
            raise ValueError(f"unknown lifecycle mode {self.mode!r}; use 'polls', 'time' or 'manual'")
        if self.polls_per_step < 1:
            raise ValueError("polls_per_step must be >= 1")
        if self.step_seconds <= 0:
            raise ValueError("step_seconds must be > 0")


def outcome_from_text(*texts: str) -> str | None:
    """The outcome named by the first text (in argument order) that carries a marker."""
    for text in texts:
        for marker, outcome in MARKERS:
            if marker in text:
                return outcome
    return None


def next_status(status: str, outcome: str, outputs_submitted: bool) -> str | None:
    """The natural successor of ``status`` for a run headed to ``outcome``.

    ``None`` means the run rests: it is terminal, or it waits for tool outputs
    (only submit_tool_outputs or a cancel moves a run out of requires_action).
    """
    if status == "queued":
        return "in_progress"
    if status == "in_progress":
        if outputs_submitted:
            return "completed"  # a run that got its tool outputs finishes normally
        if outcome == "cancelled":
            return "cancelling"
        return outcome
    if status == "cancelling":
        return "cancelled"
    return None


def can_jump(current: str, target: str) -> bool:
    """Whether ``advance(to=target)`` may move a run that is in ``current``.

    Only forward moves are allowed; a finished run stays finished.
    """
    if current in TERMINAL or target == current:
        return False
    if target == "queued":
        return False
    if target == "in_progress":
        return current == "queued"
    if target == "requires_action":
        return current in ("queued", "in_progress")
    if target == "cancelling":
        return current in CANCELLABLE
    return True
