"""Measure-Command: how long -Expression takes to run, as a TimeSpan.

MeasureCommandCommand runs the block once per input object (once without input) in the
caller's scope -- not a child scope: what it assigns stays -- with ``$_`` the input object,
writes the block's output to a null pipe (it is discarded, piped input or not; errors still
reach the error stream), and at the end writes the time the runs took together.  Only the
block's own running is timed, not the time between input objects.
"""

from __future__ import annotations

import datetime as dt
import time

from ...runtime import register_cmdlet
from ...runtime.cmdlet import NOT_BOUND, Cmdlet
from ..common.scriptblocks import underbar_runner

__all__ = ["MeasureCommand"]


@register_cmdlet
class MeasureCommand(Cmdlet):
    name = "Measure-Command"

    def begin(self) -> None:
        self.elapsed_ns = 0
        self.runner = underbar_runner(self.params.Expression)

    def process(self) -> None:
        value = self.params.bound_value("InputObject")
        underbar = None if value is NOT_BOUND else value
        start = time.perf_counter_ns()
        try:
            self.runner(underbar)  # the output goes nowhere (a null pipe)
        finally:
            self.elapsed_ns += time.perf_counter_ns() - start

    def end(self) -> None:
        # Stopwatch.Elapsed: whole 100 ns ticks; a timedelta keeps microseconds.
        self.write_output(dt.timedelta(microseconds=self.elapsed_ns // 1000))
