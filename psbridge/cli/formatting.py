"""Showing output objects the way PowerShell's host does.

One object is shown as a list (``Name : Value`` lines), several as a table.
PSOpenAI's objects get their key properties first (an id, a status ...), the
way a format file would pick them; anything else keeps its property order.
Strings and numbers print as they are.  ``--json`` bypasses all of this.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..objects import Hashtable, PSObject, to_jsonable, to_ps_string

__all__ = ["format_output", "to_json_text"]

#: Columns shown first (tables show only these) for PSOpenAI's object types.
KEY_PROPERTIES: dict[str, tuple[str, ...]] = {
    "PSOpenAI.Thread.Run": ("id", "status", "thread_id", "assistant_id", "created_at"),
    "PSOpenAI.Thread.Run.Step": ("id", "type", "status", "run_id", "created_at"),
    "PSOpenAI.Thread": ("id", "created_at", "Messages"),
    "PSOpenAI.Thread.Message": ("id", "role", "SimpleContent", "created_at"),
    "PSOpenAI.Assistant": ("id", "name", "model", "created_at"),
}
MAX_TABLE_COLUMNS = 5


def _key_properties(obj: PSObject) -> tuple[str, ...]:
    for type_name in obj.pstypenames:
        keys = KEY_PROPERTIES.get(type_name)
        if keys is not None:
            return keys
    return ()


def _ordered_names(obj: PSObject) -> list[str]:
    keys = [k for k in _key_properties(obj) if k in obj]
    return keys + [name for name in obj.property_names if name not in keys]


def display_value(value: Any) -> str:
    """A property value as the host shows it in a view (collections in braces)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%m/%d/%Y %H:%M:%S")
    if isinstance(value, list | tuple):
        inner = ", ".join(_element_text(item) for item in value)
        return "{" + inner + "}"
    if isinstance(value, PSObject):
        return value.ps_to_string()
    return to_ps_string(value)


def _element_text(value: Any) -> str:
    if isinstance(value, PSObject) and not _key_properties(value):
        content = value.get("Content")
        return to_ps_string(content) if content is not None else value.ps_to_string()
    return display_value(value)


def _list_view(obj: PSObject) -> str:
    names = _ordered_names(obj)
    if not names:
        return ""
    width = max(len(name) for name in names)
    return "\n".join(f"{name.ljust(width)} : {display_value(obj[name])}" for name in names)


def _mapping_object(value: Mapping[Any, Any]) -> PSObject:
    return PSObject({str(k): v for k, v in value.items()})


_ENTRY_TYPE = "System.Collections.DictionaryEntry"


def _entries(table: Hashtable) -> list[PSObject]:
    """A hashtable is enumerated for display: PowerShell shows its entries as a Name/Value table."""
    return [PSObject({"Name": key, "Value": value}, type_names=[_ENTRY_TYPE]) for key, value in table.items()]


def _table(objects: Sequence[PSObject], width: int) -> str:
    keys = [k for k in _key_properties(objects[0]) if k in objects[0]]
    columns = keys or objects[0].property_names[:MAX_TABLE_COLUMNS]
    rows = [[display_value(obj.get(column)) for column in columns] for obj in objects]
    widths = [max(len(column), *(len(row[i]) for row in rows)) for i, column in enumerate(columns)]
    budget = max(width - (len(columns) - 1), 10)
    while sum(widths) > budget and max(widths) > 10:
        widest = widths.index(max(widths))
        widths[widest] -= 1

    def cell(text: str, size: int) -> str:
        return text if len(text) <= size else text[: max(size - 3, 0)] + "..."

    lines = [" ".join(column.ljust(widths[i]) for i, column in enumerate(columns)).rstrip()]
    lines.append(" ".join("-" * widths[i] for i in range(len(columns))))
    for row in rows:
        lines.append(" ".join(cell(text, widths[i]).ljust(widths[i]) for i, text in enumerate(row)).rstrip())
    return "\n".join(lines)


def format_output(objects: Iterable[Any], width: int | None = None) -> str:
    """Text for the output objects: scalars one per line, objects as list or table views.

    Consecutive scalars share one block, as PowerShell prints them on
    consecutive lines; each run of objects of one type becomes a list view
    (one object) or a table, set apart by a blank line.
    """
    width = width or shutil.get_terminal_size((120, 24)).columns
    blocks: list[str] = []
    group: list[PSObject] = []
    scalars: list[str] = []

    def flush() -> None:
        if group:
            one = len(group) == 1 and group[0].pstypenames[0] != _ENTRY_TYPE
            blocks.append(_list_view(group[0]) if one else _table(group, width))
            group.clear()
        if scalars:
            blocks.append("\n".join(scalars))
            scalars.clear()

    for value in objects:
        if isinstance(value, Hashtable):
            for entry in _entries(value):
                if scalars or (group and group[0].pstypenames[0] != _ENTRY_TYPE):
                    flush()
                group.append(entry)
            continue
        if isinstance(value, dict):  # a dict stands for a PSCustomObject (its keys are properties)
            value = _mapping_object(value)
        if isinstance(value, PSObject):
            if scalars or (group and group[0].pstypenames[0] != value.pstypenames[0]):
                flush()
            group.append(value)
            continue
        if group:
            flush()
        scalars.append(display_value(value) if isinstance(value, list | tuple) else to_ps_string(value))
    flush()
    return "\n\n".join(blocks)


def to_json_text(objects: Iterable[Any]) -> str:
    return json.dumps([to_jsonable(o) for o in objects], indent=2, ensure_ascii=False)
