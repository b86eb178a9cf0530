"""When a background job moves on: vector store file ingestion, batches, videos.

The emulator has no background worker (see :mod:`.lifecycle`): a job moves when
someone looks at it.  One :class:`Schedule` keeps, per job, how often it was
looked at and since when it waits, and answers "is the next step due?" by the
lifecycle's mode:

- ``polls``: the ``polls_per_step`` first looks still see the job where it is,
  the next one sees it moved (so with the default a GET shows the old state,
  the following GET the new one);
- ``time``: a step is due ``step_seconds`` after the previous one;
- ``manual``: never (tests move jobs through the emulator's own methods).
"""

from __future__ import annotations

import time
from collections.abc import Hashable
from dataclasses import dataclass, field

from .lifecycle import Lifecycle

__all__ = ["Schedule"]


@dataclass
class _Clock:
    looks: int = 0
    since: float = field(default_factory=time.monotonic)


class Schedule:
    def __init__(self, lifecycle: Lifecycle) -> None:
        self.lifecycle = lifecycle
        self._clocks: dict[Hashable, _Clock] = {}

    def start(self, key: Hashable) -> None:
        """The job (re)starts waiting for its next step now."""
        self._clocks[key] = _Clock()

    def due(self, key: Hashable) -> bool:
        """One look at the job: whether its next step is due (the wait then starts over)."""
        mode = self.lifecycle.mode
        if mode == "manual":
            return False
        clock = self._clocks.setdefault(key, _Clock())  # a job reloaded from disk waits from now
        clock.looks += 1
        if mode == "polls":
            due = clock.looks > self.lifecycle.polls_per_step
        else:
            due = time.monotonic() - clock.since >= self.lifecycle.step_seconds
        if due:
            self._clocks[key] = _Clock()
        return due

    def forget(self, key: Hashable) -> None:
        self._clocks.pop(key, None)
