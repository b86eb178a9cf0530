"""How a value reads in a formatted view (a table cell, a list item, a line of output).

PowerShell's formatter (PSObjectHelper.SmartToString) shows a value with the *current*
culture -- psbridge formats as en-US, the culture pwsh most often runs under -- and a
collection as ``{a, b, c}``, cut after ``$FormatEnumerationLimit`` (4) items with ``…``.
``[string]`` conversion (invariant culture) is a different thing: see objects.text.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import math
import sys
from collections.abc import Iterable, Mapping
from typing import Any

from ..objects import Hashtable, PSObject, is_ps_collection, to_ps_string
from ..objects.numeric import Single, format_general

__all__ = ["ENUMERATION_LIMIT", "display_value", "format_datetime", "format_timespan", "is_scalar"]

#: ``$FormatEnumerationLimit``: how many items of a collection a view shows.
ENUMERATION_LIMIT = 4
ELLIPSIS = "…"


def format_datetime(value: dt.datetime) -> str:
    """en-US general date/time: ``8/1/2026 9:30:05 AM``."""
    hour = value.hour % 12 or 12
    suffix = "AM" if value.hour < 12 else "PM"
    return f"{value.month}/{value.day}/{value.year:04d} {hour}:{value.minute:02d}:{value.second:02d} {suffix}"


def format_long_datetime(value: dt.datetime) -> str:
    """en-US long date and long time (Get-Date's display): ``Saturday, August 1, 2026 9:30:05 AM``."""
    hour = value.hour % 12 or 12
    suffix = "AM" if value.hour < 12 else "PM"
    return (
        f"{value.strftime('%A')}, {value.strftime('%B')} {value.day}, {value.year:04d} "
        f"{hour}:{value.minute:02d}:{value.second:02d} {suffix}"
    )


def format_timespan(value: dt.timedelta) -> str:
    """TimeSpan.ToString(): ``[-][d.]hh:mm:ss[.fffffff]``."""
    ticks = round(value / dt.timedelta(microseconds=1)) * 10
    sign = "-" if ticks < 0 else ""
    ticks = abs(ticks)
    days, rest = divmod(ticks, 864_000_000_000)
    hours, rest = divmod(rest, 36_000_000_000)
    minutes, rest = divmod(rest, 600_000_000)
    seconds, fraction = divmod(rest, 10_000_000)
    text = f"{sign}{f'{days}.' if days else ''}{hours:02d}:{minutes:02d}:{seconds:02d}"
    return text + (f".{fraction:07d}" if fraction else "")


def is_uuid(value: Any) -> bool:
    """Whether ``value`` is a ``uuid.UUID``, without importing ``uuid`` (and ``platform`` behind it)
    for the question: no UUID exists before the module is loaded."""
    module = sys.modules.get("uuid")
    return module is not None and isinstance(value, module.UUID)


def is_scalar(value: Any) -> bool:
    """Values Out-Default writes as one line of text rather than through a view."""
    return (
        value is None
        or isinstance(value, str | int | float | bool | decimal.Decimal | dt.timedelta | dt.datetime)
        or is_uuid(value)
    )


def display_value(value: Any, limit: int = ENUMERATION_LIMIT, *, table: bool = False) -> str:
    """A value as a view shows it; a table cell shows floating-point numbers with the culture's
    two decimals (SmartToString's ``formatFloat``: ``ToString("F")``)."""
    if value is None:
        return ""
    if table and isinstance(value, float | decimal.Decimal) and math.isfinite(value):
        return f"{value:.2f}"
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "True" if value else "False"
    # PSObject.ToString's fast track (engine/MshObject.cs, PowerShell PR #9893): a Double shows
    # 15 significant digits (G15: 0.1 + 0.2 is 0.3), a Single 7 (G7), as before .NET Core 3.0;
    # NaN and the infinities are spelled as ToString("F") spells them in a table.
    if isinstance(value, Single):
        return format_general(value, 7)
    if isinstance(value, float):
        # PSObject.ToString's fast track: G15 (LanguagePrimitives.DoublePrecision), as [string] does;
        # NaN and the infinities too (ToString("F") spells them the same)
        return format_general(value, 15)
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.timedelta):
        return format_timespan(value)
    if isinstance(value, PSObject):
        return value.ps_to_string()
    if isinstance(value, Hashtable):
        return _enumeration([f"[{to_ps_string(k)}, {display_value(v)}]" for k, v in value.items()], limit)
    if isinstance(value, Mapping):
        return PSObject({str(k): v for k, v in value.items()}).ps_to_string()
    if isinstance(value, list | tuple) or is_ps_collection(value) or _models_a_collection(value):
        return _enumeration([_element_name(item) for item in value], limit)
    return to_ps_string(value)


def _models_a_collection(value: Any) -> bool:
    """A .NET collection psbridge models as its own class (a regex match's GroupCollection):
    SmartToString enumerates any IEnumerable."""
    return (
        getattr(type(value), "__ps_type_name__", None) is not None
        and isinstance(value, Iterable)
        and not isinstance(value, enum.Enum)  # a [Flags] enum iterates its flags in Python, not in .NET
    )


def _element_name(item: Any) -> str:
    """An element inside ``{a, b}`` (PSObjectHelper.GetObjectName): ``$null`` spelled out; an
    object whose type has no ToString() of its own (an array, a hashtable) by PSObject.ToString():
    a nested array's elements joined by spaces, a hashtable its type name."""
    if item is None:
        return "$null"
    if isinstance(item, Hashtable):
        return str(item)
    if isinstance(item, list | tuple):
        return to_ps_string(item)
    if getattr(type(item), "__ps_type_name__", None) in _NAMED_BY_NAME:
        return display_value(getattr(item, "Name", None))
    return display_value(item)


#: Types whose ToString() is inherited (Group's is Capture's), so GetObjectName shows them by their
#: display name: the first property matching ``name``/``id``/``key`` (MshObjectUtil.cs:52-91).
_NAMED_BY_NAME = frozenset({"System.Text.RegularExpressions.Group", "System.Text.RegularExpressions.Match"})


def _enumeration(items: list[str], limit: int) -> str:
    if limit >= 0 and len(items) > limit:
        return "{" + ", ".join(items[:limit]) + ELLIPSIS + "}"
    return "{" + ", ".join(items) + "}"
