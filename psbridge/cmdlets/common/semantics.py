"""The language semantics the cmdlets lean on, behind one small seam.

Where-Object's comparison parameters, Sort-Object, Group-Object, Compare-Object, Measure-Object
and Select-Object -Unique compare values as PowerShell's LanguagePrimitives do; -Like is a
wildcard match; properties are read through PowerShell's adapters.  The engine for all of that
belongs to the language (``psbridge.conversion`` and its operators); these functions are the
only place the cmdlets call it, so the cmdlets never carry a second copy of the rules.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import re
from collections.abc import Mapping
from typing import Any

from ...objects import Hashtable, PSObject, property_lookup, to_ps_string

__all__ = [
    "compare",
    "equals",
    "format_value",
    "get_property",
    "is_number",
    "like",
    "property_names",
    "sort_key_text",
    "to_number",
    "to_string",
    "wildcard_regex",
]


def to_string(value: Any) -> str:
    """``[string]$value`` (invariant culture)."""
    return to_ps_string(value)


def is_number(value: Any) -> bool:
    return isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool)


def to_number(value: Any) -> int | float | decimal.Decimal | None:
    """The value as a number the way arithmetic converts it, or None when it is not one."""
    if is_number(value):
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return 0
        try:
            return int(text, 0) if text.lower().startswith(("0x", "-0x")) else int(text)
        except ValueError:
            try:
                return float(text)
            except ValueError:
                return None
    return None


def sort_key_text(text: str, case_sensitive: bool) -> tuple[str, str]:
    """A key ordering strings as .NET's culture comparer does for common text: letters
    alphabetically whatever their case, and lowercase before uppercase when case counts."""
    folded = text.casefold()
    return (folded, text.swapcase()) if case_sensitive else (folded, "")


def compare(left: Any, right: Any, *, case_sensitive: bool = False) -> int:
    """LanguagePrimitives.Compare: -1, 0 or 1, converting ``right`` to ``left``'s kind.

    ``$null`` is less than anything else; numbers compare as numbers (a string on the right
    that reads as one too); a string on the left compares as text; dates as dates.
    """
    if left is None or right is None:
        return 0 if left is None and right is None else (-1 if left is None else 1)
    if is_number(left) or isinstance(left, bool):
        other = to_number(right)
        if other is not None:
            a, b = _comparable_numbers(to_number(left), other)
            return (a > b) - (a < b)
    if isinstance(left, dt.datetime) and isinstance(right, dt.datetime):
        a_dt, b_dt = _naive(left), _naive(right)
        return (a_dt > b_dt) - (a_dt < b_dt)
    if isinstance(left, dt.timedelta) and isinstance(right, dt.timedelta):
        return (left > right) - (left < right)
    a_text = sort_key_text(to_string(left), case_sensitive)
    b_text = sort_key_text(to_string(right), case_sensitive)
    return (a_text > b_text) - (a_text < b_text)


def _comparable_numbers(a: Any, b: Any) -> tuple[Any, Any]:
    if isinstance(a, decimal.Decimal) != isinstance(b, decimal.Decimal):
        return float(a), float(b)
    return a, b


def _naive(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value


def equals(left: Any, right: Any, *, case_sensitive: bool = False) -> bool:
    """``$left -eq $right`` for two scalars (``right`` converted to ``left``'s kind)."""
    if left is None or right is None:
        return left is None and right is None
    if isinstance(left, str):
        text = to_string(right)
        return left == text if case_sensitive else left.casefold() == text.casefold()
    if is_number(left) or isinstance(left, bool):
        other = to_number(right)
        if other is None:
            return False
        if isinstance(left, bool):
            return left == bool(other)
        a, b = _comparable_numbers(left, other)
        return bool(a == b)
    if isinstance(left, dt.datetime) and isinstance(right, str):
        try:
            return _naive(left) == _naive(dt.datetime.fromisoformat(right))
        except ValueError:
            return False
    return bool(left == right)


@functools.lru_cache(maxsize=256)
def wildcard_regex(pattern: str, case_sensitive: bool = False) -> re.Pattern[str]:
    """PowerShell's WildcardPattern: ``*``, ``?``, ``[abc]``/``[a-z]``, and backtick escapes."""
    parts: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "`" and index + 1 < len(pattern):
            parts.append(re.escape(pattern[index + 1]))
            index += 2
            continue
        if char == "*":
            parts.append(".*")
        elif char == "?":
            parts.append(".")
        elif char == "[":
            end = pattern.find("]", index + 1)
            if end == -1:
                parts.append(re.escape(char))
            else:
                body = pattern[index + 1 : end].replace("\\", "\\\\").replace("^", "\\^")
                parts.append(f"[{body}]")
                index = end
        else:
            parts.append(re.escape(char))
        index += 1
    flags = re.DOTALL | (0 if case_sensitive else re.IGNORECASE)
    return re.compile("".join(parts) + r"\Z", flags)


def like(text: Any, pattern: str, *, case_sensitive: bool = False) -> bool:
    """``$text -like $pattern``."""
    return wildcard_regex(pattern, case_sensitive).match(to_string(text)) is not None


def get_property(value: Any, name: str) -> tuple[bool, Any]:
    """``(found, value)`` of ``value.name`` through PowerShell's adapters (no enumeration)."""
    if isinstance(value, Hashtable):
        if name in value:
            return True, value[name]
        return value.net_property(name)
    return property_lookup(value)(name)


def property_names(value: Any) -> list[str]:
    """The properties an object shows (``Select-Object *``, Format-List, ConvertTo-Json): a
    PSObject's in order, a dict's keys (a PSCustomObject), a Python object's public fields."""
    if isinstance(value, PSObject):
        return value.property_names
    if isinstance(value, Hashtable):
        return ["IsReadOnly", "IsFixedSize", "IsSynchronized", "Keys", "Values", "SyncRoot", "Count"]
    if isinstance(value, Mapping):
        return [str(key) for key in value]
    if value is None or isinstance(value, str | int | float | bool | list | tuple):
        return ["Length"] if isinstance(value, str) else []
    fields = getattr(value, "__dataclass_fields__", None)
    if fields is not None:
        return list(fields)
    attributes = getattr(value, "__dict__", None)
    if isinstance(attributes, dict):
        return [key for key in attributes if not key.startswith("_")]
    return []


def format_value(value: Any, fmt: str) -> str:
    """``"{0:fmt}" -f $value`` (a FormatString): .NET numeric and date formats, en-US."""
    from .dotnet_format import format_value as dotnet_format_value

    return dotnet_format_value(value, fmt)
