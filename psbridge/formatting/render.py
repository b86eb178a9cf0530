"""Out-Default: a stream of output objects as the text pwsh prints for it.

The first object that needs a view opens a group with that view (a blank line before it,
one after the group).  Objects of the same type join the group -- rows of one table, whose
columns the first object chose -- while strings and numbers, and objects of other types,
are written "out of band" inside the group: text as it is, other objects as a list.  What
Format-Table/-List/-Wide emitted (a :class:`FormatDocument`) prints as it was laid out.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any

from ..objects import Hashtable, PSObject, SecureString, dotnet_object, is_ps_collection
from ..records import field, record
from .layout import list_entry_lines, table_lines, wide_lines
from .values import display_value
from .views import (
    CustomView,
    ListView,
    TableView,
    View,
    WideView,
    default_view,
    format_data_view,
    object_properties,
    text_view_lines,
    type_key,
)

__all__ = ["DEFAULT_WIDTH", "FormatDocument", "out_string", "render_lines", "shows_as_text"]

#: The width pwsh formats to when it cannot ask a console (output redirected).
DEFAULT_WIDTH = 120


@record
class FormatDocument:
    """What a Format-* cmdlet writes: objects laid out by one view (PowerShell's format
    start/entry/end records), turned into text by whatever Out-* receives it."""

    view: View
    objects: list[Any]
    columns: int | None = None  # Format-Wide -Column
    autosize: bool = False
    hide_table_headers: bool = False
    wrap: bool = False
    repeat_header: bool = False
    group_by: Any = None  # a getter: obj -> group label text
    pstypenames: list[str] = field(
        default_factory=lambda: ["Microsoft.PowerShell.Commands.Internal.Format.FormatStartData", "System.Object"]
    )

    def lines(self, width: int, height: int | None = None) -> list[str]:
        """The document's lines at ``width``; -RepeatHeader repeats a table's header every screenful
        of ``height`` lines (only a console has one)."""
        groups: list[tuple[str | None, list[Any]]] = []
        for obj in self.objects:
            label = self.group_by(obj) if self.group_by is not None else None
            if groups and groups[-1][0] == label:
                groups[-1][1].append(obj)
            else:
                groups.append((label, [obj]))
        lines: list[str] = []
        for label, members in groups:
            if label is not None:
                lines.extend(["", label])
            lines.append("")
            body = self._body(members, width)
            if self.repeat_header and height and isinstance(self.view, TableView) and not self.hide_table_headers:
                body = _repeat_header(body, max(height - 3, 1))
            lines.extend(body)
            lines.append("")
        return lines

    def _body(self, members: list[Any], width: int) -> list[str]:
        view = self.view
        if isinstance(view, TableView):
            return table_lines(view, members, width, header=not self.hide_table_headers, wrap=self.wrap)
        if isinstance(view, WideView):
            return wide_lines(view, members, width, self.columns, self.autosize)
        if isinstance(view, ListView):
            body: list[str] = []
            for index, obj in enumerate(members):
                if index:
                    body.append("")
                body.extend(list_entry_lines(view, obj, width))
            return body
        return [line for obj in members for line in view.lines(obj, width)]

    def __str__(self) -> str:
        return "Microsoft.PowerShell.Commands.Internal.Format.FormatStartData"


def _repeat_header(body: list[str], page: int) -> list[str]:
    header, rows = body[:2], body[2:]
    out = list(header)
    for index, row in enumerate(rows):
        if index and index % page == 0:
            out.extend(header)
        out.append(row)
    return out


def _scalar_text(value: Any) -> list[str] | None:
    """The lines of a value written as text (None: it needs a view)."""
    if isinstance(value, str):
        return [value]  # written as it is: embedded newlines stay (Out-String -NoNewline keeps them)
    if isinstance(value, bool | int | float | enum.Enum | SecureString) or type(value).__name__ == "Decimal":
        return [display_value(value)]  # an enum prints its name (ToString())
    return text_view_lines(value)  # a script block, an error record: out-of-band custom views


def shows_as_text(obj: Any) -> bool:
    """Whether the formatter writes ``obj`` out of band as text rather than through a view: a
    default scalar type, a type whose format data is a text view, an object without properties."""
    return _scalar_text(obj) is not None or _as_text(obj) is not None


def _as_text(obj: Any) -> list[str] | None:
    """An object with no view of its own and no properties prints as its ToString(), out of band
    (OutOfBandFormatViewManager.GenerateOutOfBandData: ``!HasNonRemotingProperties``)."""
    if format_data_view(obj) is not None or object_properties(obj):
        return None
    return [display_value(obj)]


class _Group:
    def __init__(self, view: View, key: str) -> None:
        self.view = view
        self.key = key
        self.items: list[tuple[str, Any]] = []  # ("row", obj) or ("text", [lines])

    def lines(self, width: int) -> list[str]:
        view = self.view
        out: list[str] = [""]
        if isinstance(view, TableView):
            rows = [obj for kind, obj in self.items if kind == "row"]
            return out + self._table(view, rows, width)
        for kind, item in self.items:
            if kind == "text":
                out.extend(item)
            elif isinstance(view, ListView):
                out.extend(list_entry_lines(view, item, width))
                out.append("")
            elif isinstance(view, CustomView):
                out.extend(view.lines(item, width))
                if view.spacing:
                    out.append("")
        if out[-1] != "":
            out.append("")
        return out

    def _table(self, view: TableView, rows: list[Any], width: int) -> list[str]:
        """Rows in order with out-of-band text between them; a new group header (Directory: ...)
        starts a new table."""
        out: list[str] = []
        rendered = _table_rows(view, rows, width)
        row_index = 0
        current_group: str | None = None
        started = False
        for kind, item in self.items:
            if kind == "text":
                out.extend(item)
                continue
            label = view.group_by(item) if view.group_by is not None else None
            if not started or label != current_group:
                if started and view.group_by is not None:
                    out.append("")
                if label is not None:
                    out.extend([label, ""])
                out.extend(rendered.header_for(label))
                current_group, started = label, True
            out.append(rendered.rows[row_index])
            row_index += 1
        out.append("")
        return out


class _RenderedTable:
    def __init__(self, view: TableView, rows: list[Any], width: int) -> None:
        self.headers: dict[str | None, list[str]] = {}
        self.rows: list[str] = []
        groups: dict[str | None, list[int]] = {}
        for index, obj in enumerate(rows):
            label = view.group_by(obj) if view.group_by is not None else None
            groups.setdefault(label, []).append(index)
        self.rows = [""] * len(rows)
        for label, indexes in groups.items():
            lines = table_lines(view, [rows[i] for i in indexes], width)
            self.headers[label] = lines[:2]
            for index, line in zip(indexes, lines[2:], strict=False):  # no columns: no lines, empty rows
                self.rows[index] = line

    def header_for(self, label: str | None) -> list[str]:
        return self.headers.get(label, [])


def _table_rows(view: TableView, rows: list[Any], width: int) -> _RenderedTable:
    return _RenderedTable(view, rows, width)


def _out_of_band(obj: Any, width: int) -> list[str]:
    """An object that does not fit the open view: a list (or its custom view); one without
    properties as its text."""
    text = _as_text(obj)
    if text is not None:
        return text
    view = default_view(obj)
    if isinstance(view, CustomView):
        return [*view.lines(obj, width), ""]
    # A list entry out of band has an empty line before and after it
    # (BaseOutputtingCommand.ProcessOutOfBandPayload); without a list view of its own the object's
    # properties are listed (the out-of-band ListViewGenerator is made from the object).
    listed = view if isinstance(view, ListView) else ListView()
    return ["", *list_entry_lines(listed, obj, width), ""]


def render_lines(objects: Iterable[Any], width: int = DEFAULT_WIDTH, height: int | None = None) -> list[str]:
    """The lines Out-Default prints for ``objects`` (one output stream); ``height`` is the
    console's, when there is one."""
    lines: list[str] = []
    group: _Group | None = None
    for value in objects:
        for obj in _enumerated(value):
            group = _render_one(obj, group, lines, width, height)
    if group is not None:
        lines.extend(group.lines(width))
    return lines


def _enumerated(value: Any) -> Iterable[Any]:
    """What the formatter takes from one input object: a dictionary's entries, a collection's
    elements -- one level only, the elements are not enumerated again -- else the object itself
    (InnerFormatShapeCommand.ProcessRecord, EnumerableExpansion.EnumOnly)."""
    if isinstance(value, Hashtable):
        return dictionary_entries(value)
    if isinstance(value, str | Mapping | PSObject) or not is_ps_collection(value):
        return (value,)
    # A $null element is an empty PSObject to the formatter (PSObjectHelper.AsPSObject): no
    # properties, so it prints its ToString(), an empty line -- only a $null input object is skipped.
    return [PSObject() if item is None else item for item in value]


def _render_one(obj: Any, group: _Group | None, lines: list[str], width: int, height: int | None) -> _Group | None:
    if obj is None:
        return group
    if isinstance(obj, FormatDocument):
        if group is not None:
            lines.extend(group.lines(width))
            group = None
        lines.extend(obj.lines(width, height))
        return None
    text = _scalar_text(obj)
    if text is not None:
        if group is None:
            lines.extend(text)
        else:
            group.items.append(("text", text))
        return group
    key = type_key(obj)
    if group is None:
        text = _as_text(obj)
        if text is not None:
            lines.extend(text)
            return None
        group = _Group(default_view(obj), key)
        group.items.append(("row", obj))
    elif group.key == key:
        group.items.append(("row", obj))
    else:
        group.items.append(("text", _out_of_band(obj, width)))
    return group


def out_string(objects: Iterable[Any], width: int = DEFAULT_WIDTH) -> str:
    """Out-String's text: every line followed by a newline."""
    return "".join(line + "\n" for line in render_lines(objects, width))


def dictionary_entries(table: Mapping[Any, Any]) -> list[PSObject]:
    """A hashtable is enumerated for display: its entries, shown by the DictionaryEntry view."""
    return [
    dotnet_object(["System.Collections.DictionaryEntry"], {"Name": key, "Key": key, "Value": value})
    for key, value in table.items()
    ]
