"""ConvertTo-Json's text, as PowerShell 7 writes it (JsonObject.ConvertToJson over Newtonsoft.Json).

The object graph is first walked as PowerShell's ``ProcessValue`` walks it -- scalars as they
are, dictionaries and custom objects as JSON objects, collections as arrays, and anything
deeper than -Depth as its string (with one warning) -- into plain data, which is then
written with Newtonsoft's layout: two-space indentation, ``"name": value``, ``[]``/``{}``
when empty, doubles with a decimal point (``0.0``, ``1E+20``), NaN and infinities as
strings, DateTimes in ISO 8601 with their kind (``Z``, ``+02:00``, none).  The writing is
done by the standard library's C encoder; what Newtonsoft writes differently is patched in
through placeholders, so a 10 MB graph costs a small multiple of ``json.dumps``.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import json
import math
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ...errors import ErrorCategory
from ...objects import (
    Hashtable,
    PSObject,
    SecureString,
    SwitchParameter,
    Uri,
    format_double,
    is_ps_collection,
    to_ps_string,
)
from ...objects.numeric import Single, number_text
from ..common.errors import CmdletError
from ..common.semantics import get_property, property_names

__all__ = ["JsonSettings", "convert_to_json", "datetime_json"]

_MARK = "\x00\x01"  # what a number placeholder starts and ends with (json escapes it as \u0000\u0001)
_PLACEHOLDER = re.compile(r'"\\u0000\\u0001([-+0-9.E]+)\\u0000\\u0001"')
_LINE_SEPARATORS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_HTML = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"}
_ESCAPED_QUOTE = re.compile(r'(?<!\\)((?:\\\\)*)\\"')


@dataclass(frozen=True)
class JsonSettings:
    depth: int = 2
    compress: bool = False
    enums_as_strings: bool = False
    escape_handling: str = "Default"  # Default, EscapeNonAscii, EscapeHtml


def datetime_json(value: dt.datetime) -> str:
    """Newtonsoft's ISO 8601 text: ``yyyy-MM-ddTHH:mm:ss.FFFFFFF`` then ``Z`` (Utc), the offset
    (Local) or nothing (Unspecified)."""
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.microsecond:
        text += f".{value.microsecond:06d}".rstrip("0")
    offset = value.utcoffset()
    if offset is None:
        return text
    if value.tzinfo is dt.UTC or (offset == dt.timedelta(0) and getattr(value.tzinfo, "key", "") in ("UTC", "Etc/UTC")):
        return text + "Z"
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{text}{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _number(text: str) -> str:
    return _MARK + text + _MARK


def _double(value: float) -> Any:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    text = number_text(value) if isinstance(value, Single) else format_double(value)
    if "E" not in text and "." not in text:
        text += ".0"  # Newtonsoft's EnsureDecimalPlace
    return _number(text)


def _decimal(value: decimal.Decimal) -> str:
    text = number_text(value)
    return _number(text if any(c in text for c in ".Ee") else text + ".0")


_TIMESPAN_FIELDS = (
    "Ticks",
    "Days",
    "Hours",
    "Milliseconds",
    "Microseconds",
    "Nanoseconds",
    "Minutes",
    "Seconds",
    "TotalDays",
    "TotalHours",
    "TotalMilliseconds",
    "TotalMicroseconds",
    "TotalNanoseconds",
    "TotalMinutes",
    "TotalSeconds",
)


def _timespan(span: dt.timedelta) -> dict[str, Any]:
    """TimeSpan's public properties, in the order .NET reflects them."""
    ticks = (span.days * 86_400 + span.seconds) * 10_000_000 + span.microseconds * 10
    sign = -1 if ticks < 0 else 1
    whole = abs(ticks)
    return {
        "Ticks": ticks,
        "Days": sign * (whole // 864_000_000_000),
        "Hours": sign * (whole // 36_000_000_000 % 24),
        "Milliseconds": sign * (whole // 10_000 % 1000),
        "Microseconds": sign * (whole // 10 % 1000),
        "Nanoseconds": sign * (whole % 10 * 100),
        "Minutes": sign * (whole // 600_000_000 % 60),
        "Seconds": sign * (whole // 10_000_000 % 60),
        "TotalDays": _double(ticks / 864_000_000_000),
        "TotalHours": _double(ticks / 36_000_000_000),
        "TotalMilliseconds": _double(ticks / 10_000),
        "TotalMicroseconds": _double(ticks / 10),
        "TotalNanoseconds": _double(ticks * 100.0),
        "TotalMinutes": _double(ticks / 600_000_000),
        "TotalSeconds": _double(ticks / 10_000_000),
    }


class _Walker:
    """PowerShell's ProcessValue: the graph as plain data, cut at -Depth."""

    def __init__(self, settings: JsonSettings, warn: Callable[[str], None]) -> None:
        self.settings = settings
        self.max_depth = settings.depth
        self.warn = warn
        self.warned = False

    def value(self, obj: Any, depth: int) -> Any:
        kind = type(obj)
        if obj is None or kind is str or kind is bool:
            return obj
        if kind is int:
            return obj
        if kind is float:
            # Where Python's repr and .NET's round-trip text agree, the encoder writes the float itself.
            return obj if obj == 0 or 1e-5 <= abs(obj) < 1e15 else _double(obj)
        if isinstance(obj, enum.Enum):
            return self._enum(obj)
        if isinstance(obj, bool | str):
            return bool(obj) if isinstance(obj, bool) else str(obj)
        if isinstance(obj, int):
            return int(obj)
        if isinstance(obj, float):
            return _double(obj)
        if isinstance(obj, decimal.Decimal):
            return _decimal(obj)
        if isinstance(obj, dt.datetime):
            return datetime_json(obj)
        if isinstance(obj, uuid.UUID):
            return str(obj)
        if isinstance(obj, Uri):
            return obj.original_string
        if depth > self.max_depth:
            return self._truncated(obj)
        if isinstance(obj, PSObject):
            return {name: self.value(value, depth + 1) for name, value in _ps_properties(obj)}
        if isinstance(obj, Mapping):
            return self._dictionary(obj, depth)
        if isinstance(obj, list | tuple) or is_ps_collection(obj):
            return [self.value(item, depth + 1) for item in obj]
        if isinstance(obj, dt.timedelta):
            return _timespan(obj)
        if isinstance(obj, SwitchParameter):
            return {"IsPresent": obj.is_present}
        if isinstance(obj, SecureString):
            return {"Length": len(obj)}
        return self._custom(obj, depth)

    def _enum(self, member: enum.Enum) -> Any:
        """An enum is its number, or its .NET name(s) with -EnumsAsStrings (StringEnumConverter)."""
        if self.settings.enums_as_strings:
            return str(member)
        return int(member.value)

    def _truncated(self, obj: Any) -> str:
        if not self.warned:
            self.warned = True
            self.warn(f"Resulting JSON is truncated as serialization has exceeded the set depth of {self.max_depth}.")
        return to_ps_string(obj)

    def _dictionary(self, table: Mapping[Any, Any], depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, item in table.items():
            if not isinstance(key, str):
                kind = "System.Collections.Hashtable" if isinstance(table, Hashtable) else type(table).__name__
                raise CmdletError(
                    f"The type '{kind}' is not supported for serialization or deserialization of a dictionary. "
                    "Keys must be strings.",
                    error_id="NonStringKeyInDictionary",
                    category=ErrorCategory.InvalidOperation,
                    exception_type="System.InvalidOperationException",
                    target_object=table,
                )
            result[key] = self.value(item, depth + 1)
        return result

    def _custom(self, obj: Any, depth: int) -> Any:
        names = property_names(obj)
        if not names:
            return to_ps_string(obj)
        return {name: self.value(get_property(obj, name)[1], depth + 1) for name in names}


def _ps_properties(obj: PSObject) -> list[tuple[str, Any]]:
    return [(name, obj.get(name)) for name in obj.property_names]


def convert_to_json(value: Any, settings: JsonSettings, warn: Callable[[str], None]) -> str:
    """The JSON text of ``value`` (already an array when several objects came in)."""
    data = _Walker(settings, warn).value(value, 0)
    ascii_only = settings.escape_handling.casefold() == "escapenonascii"
    if settings.compress:
        text = json.dumps(data, ensure_ascii=ascii_only, separators=(",", ":"), allow_nan=False)
    else:
        text = json.dumps(data, ensure_ascii=ascii_only, indent=2, allow_nan=False)
    if _MARK in text or "\\u0000" in text:
        text = _PLACEHOLDER.sub(lambda match: match.group(1), text)
    if not ascii_only:
        for char, escaped in _LINE_SEPARATORS.items():
            if char in text:
                text = text.replace(char, escaped)
    if settings.escape_handling.casefold() == "escapehtml":
        text = _ESCAPED_QUOTE.sub(lambda m: m.group(1) + "\\u0022", text)
        for char, escaped in _HTML.items():
            text = text.replace(char, escaped)
    return text
