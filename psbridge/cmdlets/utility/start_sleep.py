"""Start-Sleep: waits -Seconds (a double), -Milliseconds or -Duration, and ends at once when the
pipeline stops (Ctrl+C).  The wait passes through ``Cmdlet.sleep_time``, the seam every cmdlet's
time goes through, so tests record it instead of sleeping."""

from __future__ import annotations

import datetime as dt
import math

from ...binding.errors import validation_error
from ...errors import ErrorCategory
from ...objects.text import timespan_text
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import cmdlet_error

__all__ = ["StartSleep"]

_MAX_MILLISECONDS = 2**31 - 1


@register_cmdlet
class StartSleep(Cmdlet):
    name = "Start-Sleep"

    def process(self) -> None:
        if self.params.parameter_set_name == "Milliseconds":
            milliseconds = int(self.params.Milliseconds)
        elif self.params.parameter_set_name == "FromTimeSpan":
            milliseconds = self._duration_milliseconds(self.params.Duration)
        else:
            milliseconds = int(float(self.params.Seconds) * 1000)  # (int)(Seconds * 1000): truncated
        self.wait_or_stop(milliseconds / 1000)

    def _duration_milliseconds(self, duration: dt.timedelta) -> int:
        if duration < dt.timedelta(0):
            # [ValidateRange(ValidateRangeKind.NonNegative)]: the spec format has no range kinds.
            raise validation_error(
                self.command.qualifier,
                "Duration",
                f'The argument "{timespan_text(duration)}" cannot be validated because its value is not greater '
                "than or equal to zero.",
            )
        total = duration / dt.timedelta(milliseconds=1)
        if total > _MAX_MILLISECONDS:
            error = cmdlet_error(
                f"The '-Duration' parameter value must not exceed "
                f"'{timespan_text(dt.timedelta(milliseconds=_MAX_MILLISECONDS))}', provided value was "
                f"'{timespan_text(duration)}'.",
                "MaximumDurationExceeded",
                ErrorCategory.InvalidArgument,
                "System.Management.Automation.PSArgumentException",
            )
            self.throw_terminating_error(error)
        return math.floor(total)
