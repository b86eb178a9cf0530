"""New-TimeSpan: -End minus -Start (either defaulting to now, wall clock as DateTime.Subtract
reads it), or a span of -Days .. -Milliseconds."""

from __future__ import annotations

import datetime as dt

from ...errors import ErrorCategory
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import cmdlet_error

__all__ = ["NewTimeSpan"]

#: TimeSpan's range in 100 ns ticks (Int64).
_MAX_TICKS = 2**63 - 1


@register_cmdlet
class NewTimeSpan(Cmdlet):
    name = "New-TimeSpan"

    def process(self) -> None:
        params = self.params
        if params.parameter_set_name == "Time":
            self.write_output(self._from_parts())
            return
        now = dt.datetime.now()
        start = params.Start if params.is_bound("Start") else now
        end = params.End if params.is_bound("End") else now
        # DateTime.Subtract compares wall clocks: the Kind (psbridge's offset) plays no part.
        self.write_output(end.replace(tzinfo=None) - start.replace(tzinfo=None))

    def _from_parts(self) -> dt.timedelta:
        days, hours, minutes, seconds, milliseconds = (
            int(self.params.get(part, 0)) for part in ("Days", "Hours", "Minutes", "Seconds", "Milliseconds")
        )
        milliseconds += (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000
        if abs(milliseconds) * 10_000 > _MAX_TICKS:
            self.throw_terminating_error(
                cmdlet_error(
                    "TimeSpan overflowed because the duration is too long.",
                    "System.ArgumentOutOfRangeException",
                    ErrorCategory.NotSpecified,
                    "System.ArgumentOutOfRangeException",
                )
            )
        return dt.timedelta(milliseconds=milliseconds)
