"""Microsoft.PowerShell.Commands.MatchInfo: one line Select-String matched, with its context.

Its text is what pwsh prints: the line alone for piped input; ``path:number:line`` for a
file, the path relative to the current location when the file lies under it (the format
data calls ``ToString((Get-Location).Path)``); with -Context, the lines around it indented
by two spaces and the match marked ``> ``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, ClassVar

__all__ = ["INPUT_STREAM", "MatchInfo", "MatchInfoContext"]

#: The Path of a match in piped text (MatchInfo's placeholder).
INPUT_STREAM = "InputStream"


@dataclass
class MatchInfoContext:
    """``$match.Context``: the lines before and after (and the ones shown, without overlap)."""

    __ps_type_name__ = "Microsoft.PowerShell.Commands.MatchInfoContext"

    PreContext: list[str] = field(default_factory=list)
    PostContext: list[str] = field(default_factory=list)
    DisplayPreContext: list[str] = field(default_factory=list)
    DisplayPostContext: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return "Microsoft.PowerShell.Commands.MatchInfoContext"


@dataclass
class MatchInfo:
    __ps_type_name__ = "Microsoft.PowerShell.Commands.MatchInfo"
    pstypenames: ClassVar[tuple[str, ...]] = (__ps_type_name__, "System.Object")  # format data selects by these

    IgnoreCase: bool
    LineNumber: int
    Line: str
    Filename: str
    Path: str
    Pattern: str
    Context: MatchInfoContext | None
    Matches: list[Any]
    #: The location when the match was made: where the default view shows paths relative to.
    _directory: str | None = field(default=None, repr=False)

    @property
    def path_set(self) -> bool:
        return self.Path != INPUT_STREAM

    def RelativePath(self, directory: str) -> str:
        """The path relative to ``directory`` when the file lies under it, else the path."""
        if not self.path_set:
            return self.Path
        base = directory.rstrip(os.sep)
        if self.Path.casefold().startswith(base.casefold() + os.sep):
            return self.Path[len(base) + 1 :]
        return self.Path

    def ToString(self, directory: str | None = None) -> str:
        shown = self.RelativePath(directory) if directory is not None else self.Path
        if self.Context is None:
            return self._line(self.Line, self.LineNumber, shown, "")
        lines: list[str] = []
        before = self.Context.DisplayPreContext
        for offset, text in enumerate(before):
            lines.append(self._line(text, self.LineNumber - len(before) + offset, shown, "  "))
        lines.append(self._line(self.Line, self.LineNumber, shown, "> "))
        for offset, text in enumerate(self.Context.DisplayPostContext, start=1):
            lines.append(self._line(text, self.LineNumber + offset, shown, "  "))
        return "\n".join(lines)

    def _line(self, text: str, number: int, path: str, prefix: str) -> str:
        return f"{prefix}{path}:{number}:{text}" if self.path_set else f"{prefix}{text}"

    def display_lines(self) -> list[str]:
        """The default view's text (relative to the location the match was made in)."""
        return self.ToString(self._directory).split("\n")

    def __str__(self) -> str:
        return self.ToString()
