"""Get-Uptime: the time since the system started (a TimeSpan of whole seconds, as GetUptimeCommand
divides Stopwatch ticks by their frequency), or with -Since the local time it started."""

from __future__ import annotations

import datetime as dt
import time

from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet

__all__ = ["GetUptime", "uptime"]


def uptime() -> dt.timedelta:
    """Stopwatch.GetTimestamp() / Stopwatch.Frequency on Linux: CLOCK_MONOTONIC in whole seconds."""
    return dt.timedelta(seconds=int(time.clock_gettime(time.CLOCK_MONOTONIC)))


@register_cmdlet
class GetUptime(Cmdlet):
    name = "Get-Uptime"

    def process(self) -> None:
        elapsed = uptime()
        self.write_output(dt.datetime.now() - elapsed if self.params.Since else elapsed)
