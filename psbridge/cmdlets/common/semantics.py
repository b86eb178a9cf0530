"""The language semantics the cmdlets lean on, behind one small seam.

Where-Object's comparison parameters, Sort-Object, Group-Object, Compare-Object, Measure-Object
and Select-Object -Unique compare values as PowerShell's LanguagePrimitives do; -Like is a
wildcard match; properties are read through PowerShell's adapters.  The engine for all of that
belongs to the language (``psbridge.conversion`` and its operators); these functions are the
only place the cmdlets call it, so the cmdlets never carry a second copy of the rules.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Mapping
from typing import Any

from ...conversion import RuntimeException, methods, operators
from ...conversion.operators.comparison import wildcard_regex as _wildcard_regex
from ...objects import Hashtable, PSObject, dotnet_type_name, property_lookup, to_ps_string
from ...objects.typedata import DOTNET_PROPERTIES, modelled_property_names, time_property_names

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
    """A sort key ordering strings as the comparison operators do (letters by their lower
    case; with case counting, a lower-case letter before its upper case): lets Sort-Object sort
    a run of plain strings without a comparison call per pair."""
    folded = text.lower()
    return (folded, text.swapcase()) if case_sensitive else (folded, "")


def compare(left: Any, right: Any, *, case_sensitive: bool = False) -> int:
    """LanguagePrimitives.Compare as the operators apply it: -1, 0 or 1, ``right`` converted
    to ``left``'s kind; ``$null`` first.  Values that cannot be compared (a ComparisonFailure)
    compare as their text, as Sort-Object's comparer falls back to."""
    ignore_case = not case_sensitive
    if isinstance(left, list | tuple) or isinstance(right, list | tuple):
        left, right = to_string(left), to_string(right)  # an array on the left would filter
    try:
        if operators.compare("lt", left, right, ignore_case):
            return -1
        return 1 if operators.compare("gt", left, right, ignore_case) else 0
    except RuntimeException:
        a, b = to_string(left), to_string(right)
        if operators.compare("lt", a, b, ignore_case):
            return -1
        return 1 if operators.compare("gt", a, b, ignore_case) else 0


def equals(left: Any, right: Any, *, case_sensitive: bool = False) -> bool:
    """``$left -eq $right`` for two scalars (``right`` converted to ``left``'s kind)."""
    return bool(operators.equals(left, right, not case_sensitive))


def wildcard_regex(pattern: str, case_sensitive: bool = False) -> re.Pattern[str]:
    """PowerShell's WildcardPattern: ``*``, ``?``, ``[abc]``/``[a-z]``, and backtick escapes."""
    return _wildcard_regex(pattern, not case_sensitive)


def like(text: Any, pattern: str, *, case_sensitive: bool = False) -> bool:
    """``$text -like $pattern``."""
    return wildcard_regex(pattern, case_sensitive).match(to_string(text)) is not None


def get_property(value: Any, name: str) -> tuple[bool, Any]:
    """``(found, value)`` of ``value.name`` through PowerShell's adapters (no enumeration)."""
    if isinstance(value, Hashtable):
        if name in value:
            return True, value[name]
        return value.net_property(name)
    found, result = property_lookup(value)(name)
    if found or value is None:
        return found, result
    return methods.get_property(value, name)  # a .NET type's own (DateTime.Year, String.Length ...)


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
    timed = time_property_names(value)
    if timed is not None:
        return timed
    known = DOTNET_PROPERTIES.get(dotnet_type_name(value))
    if known is not None:  # a .NET type psbridge models in Python (Regex, StringBuilder, Uri ...)
        return list(known)
    modelled = modelled_property_names(value)
    if modelled is not None:  # AliasInfo, CmdletInfo ...: their Python properties are the .NET ones
        return modelled
    fields = getattr(value, "__dataclass_fields__", None)
    if fields is not None:
        names = list(fields)
    else:
        attributes = getattr(value, "__dict__", None)
        names = [key for key in attributes if not key.startswith("_")] if isinstance(attributes, dict) else []
    if getattr(type(value), "__ps_type_name__", None) is not None:
        names = [name for name in names if name[:1].isupper()]  # .NET's PascalCase, not the model's own fields
    return names


def format_value(value: Any, fmt: str) -> str:
    """``"{0:fmt}" -f $value`` (a FormatString): .NET numeric and date formats, en-US."""
    from .dotnet_format import format_value as dotnet_format_value

    return dotnet_format_value(value, fmt)
