"""Where in the script a token or node is: PowerShell's IScriptExtent and IScriptPosition.

Tokens and nodes keep character offsets only; line and column are computed
when someone asks (an error message, ``psbridge parse``), from a table of line
starts built once per script on first use.  Counting lines while scanning
would cost every token; asking costs a binary search.  Lines end at ``\\r\\n``,
``\\r`` or ``\\n`` as in PowerShell.
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["Extent", "ScriptPosition", "SourceText"]

_LINE_BREAK = re.compile(r"\r\n?|\n")


class SourceText:
    """A script's text, its file name (``None`` for text not from a file) and its line starts."""

    __slots__ = ("_line_starts", "file", "text")

    def __init__(self, text: str, file: str | None = None) -> None:
        self.text = text
        self.file = file
        self._line_starts: list[int] | None = None

    @property
    def line_starts(self) -> list[int]:
        starts = self._line_starts
        if starts is None:
            starts = [0]
            starts.extend(match.end() for match in _LINE_BREAK.finditer(self.text))
            self._line_starts = starts
        return starts

    def line_number(self, offset: int) -> int:
        """The 1-based line of ``offset``."""
        return bisect_right(self.line_starts, offset)

    def column_number(self, offset: int) -> int:
        """The 1-based column of ``offset``."""
        starts = self.line_starts
        return offset - starts[bisect_right(starts, offset) - 1] + 1

    def position(self, offset: int) -> ScriptPosition:
        return ScriptPosition(self, max(0, min(offset, len(self.text))))

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        starts = self.line_starts
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def extent(self, start: int, end: int) -> Extent:
        return Extent(self, start, end)


class ScriptPosition:
    """One point in the script (IScriptPosition): ``line_number``, ``column_number``, ``offset``, ``line``."""

    __slots__ = ("offset", "source")

    def __init__(self, source: SourceText, offset: int) -> None:
        self.source = source
        self.offset = offset

    @property
    def line_number(self) -> int:
        return self.source.line_number(self.offset)

    @property
    def column_number(self) -> int:
        return self.source.column_number(self.offset)

    # The subset parser's Position spelled these ``line`` and ``column``; ParseError.at reads them.
    line = line_number
    column = column_number

    @property
    def file(self) -> str | None:
        return self.source.file

    @property
    def line_text(self) -> str:
        """The text of the line this position is on (IScriptPosition.Line)."""
        return self.source.line_text(self.line_number)

    def __repr__(self) -> str:
        return f"ScriptPosition(line {self.line_number}, char {self.column_number})"


class Extent:
    """A range of the script (IScriptExtent): offsets, 1-based lines and columns, and ``text``.

    ``text`` is always exactly ``source.text[start_offset:end_offset]``.
    """

    __slots__ = ("end_offset", "source", "start_offset")

    def __init__(self, source: SourceText, start: int, end: int) -> None:
        self.source = source
        self.start_offset = start
        self.end_offset = end

    @property
    def text(self) -> str:
        return self.source.text[self.start_offset : self.end_offset]

    @property
    def file(self) -> str | None:
        return self.source.file

    @property
    def start_line_number(self) -> int:
        return self.source.line_number(self.start_offset)

    @property
    def start_column_number(self) -> int:
        return self.source.column_number(self.start_offset)

    @property
    def end_line_number(self) -> int:
        return self.source.line_number(self.end_offset)

    @property
    def end_column_number(self) -> int:
        return self.source.column_number(self.end_offset)

    @property
    def start_script_position(self) -> ScriptPosition:
        return ScriptPosition(self.source, self.start_offset)

    @property
    def end_script_position(self) -> ScriptPosition:
        return ScriptPosition(self.source, self.end_offset)

    @property
    def start_line_text(self) -> str:
        return self.source.line_text(self.start_line_number)

    def to_dict(self) -> dict[str, object]:
        return {
            "StartLineNumber": self.start_line_number,
            "StartColumnNumber": self.start_column_number,
            "EndLineNumber": self.end_line_number,
            "EndColumnNumber": self.end_column_number,
            "StartOffset": self.start_offset,
            "EndOffset": self.end_offset,
            "Text": self.text,
        }

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Extent)
            and other.source is self.source
            and other.start_offset == self.start_offset
            and other.end_offset == self.end_offset
        )

    def __hash__(self) -> int:
        return hash((id(self.source), self.start_offset, self.end_offset))

    def __repr__(self) -> str:
        return (
            f"Extent({self.start_line_number}:{self.start_column_number}-"
            f"{self.end_line_number}:{self.end_column_number} {self.text[:40]!r})"
        )
