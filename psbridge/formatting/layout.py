"""Laying views out as lines of text: tables, lists and wide views, as pwsh prints them.

Tables: a column is as wide as its format-data width, else as its label and widest cell;
numbers are right-aligned (their label too); a cell too long for its column ends in ``…``;
the last column takes what is left of the line and nothing is padded at the end.  When the
columns do not fit the width, the last ones shrink and then drop out.  Lists: labels padded
to the longest one, values wrapped at the width under their first character.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .values import display_value
from .views import Column, ListView, TableView, WideView, get_value, is_right_aligned, object_properties

__all__ = ["list_entry_lines", "table_lines", "wide_lines"]

ELLIPSIS = "…"
#: TableWriter's ScreenInfo.minimumColumnWidth (FormatAndOutput/common/TableWriter.cs:39).
MIN_COLUMN_WIDTH = 1


def _cell(value: Any, table: bool = False) -> str:
    return display_value(value, table=table).replace("\r\n", "\n")


def _one_line(text: str) -> str:
    """A cell cut at its first line break, with ``…`` (TableWriter: TruncateAtNewLine)."""
    cut = min((index for index in (text.find("\n"), text.find("\r")) if index >= 0), default=-1)
    return text if cut < 0 else text[:cut] + ELLIPSIS


def _fit(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    return text[: max(width - 1, 0)] + ELLIPSIS if width > 0 else ""


def _align(text: str, width: int, right: bool) -> str:
    text = _fit(text, width)
    return text.rjust(width) if right else text.ljust(width)


def table_lines(
    view: TableView, objects: Sequence[Any], width: int, *, header: bool = True, wrap: bool = False
) -> list[str]:
    """Header, dashes and one line per object (no leading or trailing blank lines); with ``wrap``
    a long or multi-line cell continues on the following lines instead of being cut."""
    columns: list[Column] = view.columns
    if not columns:
        return []
    raw = [[col.value(obj) for col in columns] for obj in objects]
    cells = [[_cell(value, table=True) for value in row] for row in raw]
    right = []
    for index, col in enumerate(columns):
        if col.align is not None:
            right.append(col.align == "right")
        else:  # ComputeDefaultAlignment: by the first object's value
            right.append(bool(raw) and is_right_aligned(raw[0][index]))
    widths = []
    for index, col in enumerate(columns):
        if col.width is not None:
            widths.append(col.width)
        else:
            widths.append(max([len(col.label), *(len(row[index]) for row in cells)]))
    widths, shown = _fit_columns(widths, width)
    lines: list[str] = []

    def line(values: Sequence[str]) -> str:
        parts = []
        for index in range(shown):
            last = index == shown - 1
            text = _one_line(values[index])
            if last and not right[index]:
                parts.append(_fit(text, widths[index]))
            else:
                parts.append(_align(text, widths[index], right[index]))
        return " ".join(parts).rstrip()

    if header:
        lines.append(line([col.label for col in columns]))
        lines.append(line(["-" * len(col.label) for col in columns]))
    for row in cells:
        if wrap:
            lines.extend(line(part) for part in _wrapped(row[:shown], widths))
        else:
            lines.append(line(row))
    return lines


def _wrapped(row: Sequence[str], widths: Sequence[int]) -> list[list[str]]:
    """A row as several lines: each cell split at its newlines, then at its column's width."""
    pieces = []
    for text, size in zip(row, widths, strict=False):
        chunks: list[str] = []
        for part in text.split("\n"):
            chunks.extend(part[i : i + size] for i in range(0, len(part), max(size, 1)))
            if not part:
                chunks.append("")
        pieces.append(chunks or [""])
    height = max(len(chunks) for chunks in pieces)
    return [[chunks[i] if i < len(chunks) else "" for chunks in pieces] for i in range(height)]


def _fit_columns(widths: list[int], total: int) -> tuple[list[int], int]:
    """ColumnWidthManager.TrimToFit: while the line is too wide, the last visible column gives up
    the excess, or is hidden when less than the minimum width (one character) would be left."""
    widths = list(widths)
    shown = len(widths)
    while shown > 1:
        excess = sum(widths[:shown]) + (shown - 1) - total
        if excess <= 0:
            return widths, shown
        narrowed = widths[shown - 1] - excess
        if narrowed >= MIN_COLUMN_WIDTH:
            widths[shown - 1] = narrowed
            return widths, shown
        shown -= 1
    widths[0] = min(widths[0], max(total, 1))
    return widths, 1


def list_entry_lines(view: ListView, obj: Any, width: int) -> list[str]:
    """One object's ``Label : value`` lines."""
    if view.items is not None:
        items = [(label, getter(obj)) for label, getter in view.items]
    else:
        items = [(name, get_value(obj, name)) for name in object_properties(obj)]
    if not items:
        return []
    label_width = max(len(label) for label, _ in items)
    lines: list[str] = []
    indent = label_width + 3
    room = max(width - indent, 10)
    for label, value in items:
        text = display_value(value)
        value_lines = text.replace("\r\n", "\n").split("\n") if text else [""]
        first = True
        for value_line in value_lines:
            chunks = [value_line[i : i + room] for i in range(0, len(value_line), room)] or [""]
            for chunk in chunks:
                prefix = f"{label.ljust(label_width)} : " if first else " " * indent
                lines.append((prefix + chunk).rstrip() if not first else prefix + chunk)
                first = False
    return [line.rstrip() for line in lines]


def wide_lines(
    view: WideView, objects: Sequence[Any], width: int, columns: int | None = None, autosize: bool = False
) -> list[str]:
    """Format-Wide: the values in ``columns`` columns (2 unless -Column or -AutoSize says) across the width."""
    values = [_cell(view.value(obj)) for obj in objects]
    if not values:
        return []
    if autosize and columns is None:
        widest = max(len(value) for value in values)
        count = max(1, width // (widest + 2))
    else:
        count = max(columns or 2, 1)
    cell_width = max(width // count - 1, 1)
    lines = []
    for start in range(0, len(values), count):
        row = values[start : start + count]
        lines.append(" ".join(_align(text, cell_width, False) for text in row).rstrip())
    return lines
