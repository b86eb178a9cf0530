"""What the Out-* cmdlets share: collecting input objects and the width they format to."""

from __future__ import annotations

from typing import Any

from ...formatting import DEFAULT_WIDTH
from ...runtime.cmdlet import Cmdlet

__all__ = ["CollectingCmdlet", "host_width"]


def host_width(cmdlet: Cmdlet) -> int:
    """The host's width, else the width pwsh uses for redirected output."""
    width = getattr(cmdlet.runspace.host, "width", None)
    return width if isinstance(width, int) and width > 0 else DEFAULT_WIDTH


class CollectingCmdlet(Cmdlet):
    """A cmdlet that formats all its input at the end (Out-String, Format-Table ...)."""

    def begin(self) -> None:
        self.collected: list[Any] = []

    def process(self) -> None:
        if self.params.is_bound("InputObject"):
            self.collected.append(self.params.InputObject)
