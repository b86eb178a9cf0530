"""Out-Host and Out-Default: input formatted as pwsh shows it, written to the host.

A host without a UI (psbridge's Python API, like a hosting application's PowerShell
without one) has nowhere to show it, so the text goes nowhere, as there.
"""

from __future__ import annotations

from ...formatting import render_lines
from ...runtime import register_cmdlet
from ..common.output import CollectingCmdlet, host_width

__all__ = ["OutDefault", "OutHost"]


@register_cmdlet
class OutHost(CollectingCmdlet):
    name = "Out-Host"

    def end(self) -> None:
        host = self.runspace.host
        if host is None or not self.collected:
            return
        height = getattr(host, "height", None)
        lines = render_lines(self.collected, host_width(self), height if isinstance(height, int) else None)
        host.write("".join(line + "\n" for line in lines))


@register_cmdlet
class OutDefault(OutHost):
    name = "Out-Default"
