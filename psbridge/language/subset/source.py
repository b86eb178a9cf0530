"""Script text with line and column lookup.

Every token and node records the character offset where it starts; errors
turn offsets into PowerShell's 1-based ``line:char`` only when one is reported,
so the scanner never counts lines itself.  Nested scans (a ``$( )`` inside a
string) share one ``SourceText`` so their positions are absolute too.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["Position", "SourceText"]


@dataclass(frozen=True, slots=True)
class Position:
    """Where something starts: offset into the text, 1-based line and column."""

    offset: int
    line: int
    column: int


class SourceText:
    """The text being parsed and its line starts (``\\r\\n``, ``\\r`` and ``\\n`` end a line)."""

    __slots__ = ("_line_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        index = 0
        length = len(text)
        while index < length:
            char = text[index]
            if char == "\r":
                if index + 1 < length and text[index + 1] == "\n":
                    index += 1
                starts.append(index + 1)
            elif char == "\n":
                starts.append(index + 1)
            index += 1
        self._line_starts = starts

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self._line_starts, offset)
        return Position(offset, line, offset - self._line_starts[line - 1] + 1)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def is_line_start(self, offset: int) -> bool:
        """Whether only blanks stand between the start of the line and ``offset``."""
        line = bisect_right(self._line_starts, offset)
        return self.text[self._line_starts[line - 1] : offset].strip(" \t") == ""
