"""CSV as PowerShell writes and reads it (ExportCsvHelper, ImportCsvHelper).

Writing: the first object's properties are the columns (a dictionary's keys, for one);
a value is its .NET ``ToString()`` (en-US dates, ``System.Object[]`` for an array), a
``$null`` value is an empty, unquoted field; quoting is -UseQuotes (Always, AsNeeded: when
the field holds the delimiter, a quote or a newline; Never) or -QuoteFields; an optional
``#TYPE`` line names the first object's type.  Reading: an optional ``#TYPE`` line, a header
(unnamed columns become H1, H2 ...), quoted fields with ``""`` escapes and embedded newlines;
each row becomes a PSCustomObject whose values are strings (a missing one is ``$null``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ...errors import ErrorCategory
from ...formatting import format_datetime
from ...objects import Hashtable, PSObject, is_ps_collection, to_ps_string
from ..common.errors import CmdletError
from ..common.semantics import get_property, property_names

__all__ = ["CSV_TYPE_PREFIX", "UNNAMED_WARNING", "CsvWriter", "cell_text", "columns_of", "parse_csv", "type_line"]

CSV_TYPE_PREFIX = "CSV:"


def cell_text(value: Any) -> str | None:
    """A value's .NET ``ToString()`` under en-US; None for ``$null``."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, Hashtable):
        return "System.Collections.Hashtable"
    if isinstance(value, list | tuple) or is_ps_collection(value):
        return "System.Object[]"
    return to_ps_string(value)


def columns_of(obj: Any) -> list[str]:
    """The columns an object gives: a dictionary's keys (then its note properties), else its properties."""
    if isinstance(obj, Mapping) and not isinstance(obj, PSObject):
        return [to_ps_string(key) for key in obj]
    return property_names(obj)


def type_line(obj: Any) -> str:
    names = obj.pstypenames if isinstance(obj, PSObject) else _type_names(obj)
    first = names[0] if names else ""
    if first.upper().startswith(CSV_TYPE_PREFIX):
        first = first[len(CSV_TYPE_PREFIX) :]
    return f"#TYPE {first}" if first else "#TYPE"


def _type_names(obj: Any) -> list[str]:
    from ...objects import type_names_of

    return type_names_of(obj)


@dataclass
class CsvWriter:
    delimiter: str = ","
    quote: str = "Always"  # Always, AsNeeded, Never
    quote_fields: Sequence[str] | None = None

    def __post_init__(self) -> None:
        self._quoted = {name.casefold() for name in self.quote_fields} if self.quote_fields is not None else None
        self._quote_kind = self.quote.casefold()

    def _field(self, column: str, text: str) -> str:
        if self._quoted is not None:
            return _quoted(text) if column.casefold() in self._quoted else text
        if self._quote_kind == "always":
            return _quoted(text)
        if self._quote_kind == "asneeded" and any(char in text for char in (self.delimiter, "\n", '"')):
            return _quoted(text)
        return text

    def header(self, columns: Sequence[str]) -> str:
        return self.delimiter.join(self._field(name, name) for name in columns)

    def row(self, obj: Any, columns: Sequence[str]) -> str:
        fields = []
        is_dictionary = isinstance(obj, Mapping) and not isinstance(obj, PSObject)
        for column in columns:
            if is_dictionary and column in obj:
                text = cell_text(obj[column])
            else:
                found, value = get_property(obj, column)
                text = cell_text(value) if found else None
            fields.append("" if text is None else self._field(column, text))
        return self.delimiter.join(fields)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def split_records(text: str, delimiter: str) -> Iterator[list[str]]:
    """The records of CSV text: fields split at the delimiter, quotes honoured across lines."""
    record: list[str] = []
    field: list[str] = []
    index, length = 0, len(text)
    in_quotes = False
    started = False
    while index < length:
        char = text[index]
        if in_quotes:
            if char == '"':
                if index + 1 < length and text[index + 1] == '"':
                    field.append('"')
                    index += 2
                    continue
                in_quotes = False
            else:
                field.append(char)
            index += 1
            continue
        if char == '"':
            in_quotes = True
            started = True
        elif char == delimiter:
            record.append("".join(field))
            field = []
            started = True
        elif char == "\n" or char == "\r":
            if char == "\r" and index + 1 < length and text[index + 1] == "\n":
                index += 1
            record.append("".join(field))
            yield record
            record, field, started = [], [], False
        else:
            field.append(char)
            started = True
        index += 1
    if started or field or record:
        record.append("".join(field))
        yield record


def parse_csv(
    text: str, delimiter: str, header: Sequence[str] | None = None, *, type_name: str | None = None
) -> tuple[list[PSObject], str | None, bool]:
    """(objects, the #TYPE name, whether unnamed columns were named H1, H2 ...) of CSV text;
    ``header`` replaces the text's own header line."""
    records = [r for r in split_records(text, delimiter) if r != [""]]
    if type_name is None and records and records[0][0].startswith("#TYPE"):
        type_name = records[0][0][5:].strip() or None
        records = records[1:]
    if header is None:
        header, records = _read_header(records)
        if header is None:
            return [], type_name, False
    names, unnamed = _header_names(header)
    objects = []
    for values in records:
        obj = PSObject({name: (values[i] if i < len(values) else None) for i, name in enumerate(names)})
        if type_name:
            obj.pstypenames[:] = [type_name, CSV_TYPE_PREFIX + type_name]
        objects.append(obj)
    return objects, type_name, unnamed


def _read_header(records: list[list[str]]) -> tuple[list[str] | None, list[list[str]]]:
    """(the header, the records after it), as ImportCsvHelper.ReadHeader finds it: the first record
    that does not start with ``#``, or a W3C Extended Log's ``#Fields: `` line (the other ``#``
    lines before it, ``#Version:``, ``#Date:``, are skipped)."""
    for index, record in enumerate(records):
        header = list(record)
        while len(header) > 1 and header[-1] == "":
            header.pop()  # trailing empty names (a trailing delimiter) are dropped
        if header[0].startswith("#Fields: "):
            header[0] = header[0][len("#Fields: ") :]
        elif header[0].startswith("#"):
            continue
        return header, records[index + 1 :]
    return None, []


UNNAMED_WARNING = (
    'One or more headers were not specified. Default names starting with "H" have been used in place of any '
    "missing headers."
)


def _header_names(header: Sequence[str]) -> tuple[list[str], bool]:
    names: list[str] = []
    seen: set[str] = set()
    unnamed = 0
    for raw in header:
        name = raw
        if not name:
            unnamed += 1
            name = f"H{unnamed}"
        if name.casefold() in seen:
            raise CmdletError(
                f'The member "{name}" is already present.',
                error_id="AlreadyPresentPSMemberInfoInternalCollectionAdd",
                category=ErrorCategory.NotSpecified,
                exception_type="System.Management.Automation.ExtendedTypeSystemException",
            )
        seen.add(name.casefold())
        names.append(name)
    return names, unnamed > 0
