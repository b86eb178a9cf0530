"""How PowerShell turns values into text and names their types.

Binding needs both: converting an argument to ``[string]`` follows these rules
(``$true`` -> ``True``, ``12.5`` -> ``12.5``, a custom object -> ``@{a=1}``), and
error messages name .NET types (``System.Int32``) the way PowerShell prints them.
"""

from __future__ import annotations

import datetime as _dt
import decimal as _decimal
import enum
from collections.abc import Mapping
from typing import Any

from .adapters import find_adapter
from .hashtable import Hashtable, OrderedDictionary
from .members import EXTENDED_TYPES
from .numeric import Char, format_double, string_text
from .psobject import PSCUSTOMOBJECT_TYPE_NAMES, PSObject, format_custom_object
from .values import SecureString, SwitchParameter, Uri

__all__ = ["dotnet_type_name", "format_double", "is_ps_collection", "to_ps_string", "type_names_of"]


#: Integers below this print with int.__repr__ (Python's digit limit is far above; a module
#: constant, as ``10**4000`` written in the test is computed anew on every call).
_INT_TEXT_LIMIT = 10**4000


def to_ps_string(value: Any, ofs: str = " ") -> str:
    """``[string]$value`` under the invariant culture (PSObject.ToString).

    A collection's elements are joined with ``ofs`` (``$OFS``, a space by default);
    an element that is itself a collection shows its type name, as PowerShell
    does not recurse (``[string]@(1, @(2, 3))`` is ``1 System.Object[]``).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return str.__str__(value)
    kind = type(value)
    if kind is int and -_INT_TEXT_LIMIT < value < _INT_TEXT_LIMIT:
        return int.__repr__(value)
    if isinstance(value, enum.Enum):
        return str(value)
    if isinstance(value, bool | int | float | _decimal.Decimal):
        written = getattr(value, "ps_text", None)  # a command-line literal keeps its text
        if written is not None:
            return str(written)
        return string_text(value)
    if isinstance(value, list | tuple):
        return ofs.join(element_text(item) for item in value)
    return _scalar_text(value)


def timespan_text(span: _dt.timedelta) -> str:
    """TimeSpan.ToString(): ``[-][d.]hh:mm:ss[.fffffff]`` in 100 ns ticks."""
    ticks = ((span.days * 86_400 + span.seconds) * 1_000_000 + span.microseconds) * 10
    sign = "-" if ticks < 0 else ""
    ticks = abs(ticks)
    days, rest = divmod(ticks, 86_400 * 10_000_000)
    hours, rest = divmod(rest, 3_600 * 10_000_000)
    minutes, rest = divmod(rest, 60 * 10_000_000)
    seconds, fraction = divmod(rest, 10_000_000)
    text = f"{sign}{f'{days}.' if days else ''}{hours:02d}:{minutes:02d}:{seconds:02d}"
    return text + (f".{fraction:07d}" if fraction else "")


def element_text(value: Any) -> str:
    """An array element inside ``[string]`` of the array: nested collections are not expanded."""
    if isinstance(value, list | tuple):
        return dotnet_type_name(value)
    return to_ps_string(value)


def _scalar_text(value: Any) -> str:
    if isinstance(value, PSObject):
        return value.ps_to_string()
    if isinstance(value, SwitchParameter | SecureString | Uri | Hashtable):
        return str(value)
    if isinstance(value, Mapping):
        return format_custom_object((str(k), v) for k, v in value.items())
    if isinstance(value, _dt.datetime):
        return value.strftime("%m/%d/%Y %H:%M:%S")
    if isinstance(value, _dt.timedelta):
        return timespan_text(value)
    adapter = find_adapter(value)
    if adapter is not None:
        return adapter.to_ps_string(value)
    return str(value)


def is_ps_collection(value: Any) -> bool:
    """Whether PowerShell would enumerate the value (arrays, lists; not strings or dictionaries)."""
    if isinstance(value, list | tuple | set | frozenset):
        return True
    adapter = find_adapter(value)
    return adapter is not None and adapter.is_enumerable(value)


def dotnet_type_name(value: Any) -> str:
    """The full .NET type name PowerShell would print for ``value``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "System.Boolean"
    named = getattr(type(value), "__ps_type_name__", None)
    if named is not None:
        return str(named(value)) if callable(named) else str(named)
    if isinstance(value, int | float | Char):
        known = getattr(type(value), "dotnet_name", None)
        if known is not None:
            return str(known)
        if isinstance(value, float):
            return "System.Double"
        value = int(value)
        if -(2**31) <= value < 2**31:
            return "System.Int32"
        if -(2**63) <= value < 2**63:
            return "System.Int64"
        return "System.Numerics.BigInteger"
    if isinstance(value, _decimal.Decimal):
        return "System.Decimal"
    if isinstance(value, str):
        return "System.String"
    if isinstance(value, PSObject):
        return value.pstypenames[0]
    if isinstance(value, Hashtable):
        return str(value) if isinstance(value, OrderedDictionary) else "System.Collections.Hashtable"
    if isinstance(value, Mapping):
        return PSCUSTOMOBJECT_TYPE_NAMES[0]
    if isinstance(value, list | tuple):
        element = getattr(value, "element_type", None)
        return f"{element.full_name}[]" if element is not None else "System.Object[]"
    if isinstance(value, SwitchParameter):
        return "System.Management.Automation.SwitchParameter"
    if isinstance(value, BaseException):
        exception_type = getattr(value, "dotnet_exception_type", None)  # a cmdlet error carries its own
        if isinstance(exception_type, str):
            return exception_type
    if isinstance(value, SecureString):
        return "System.Security.SecureString"
    if isinstance(value, Uri):
        return "System.Uri"
    if isinstance(value, _dt.datetime):
        return "System.DateTime"
    adapter = find_adapter(value)
    if adapter is not None:
        return adapter.type_names(value)[0]
    cls = type(value)
    return f"{cls.__module__}.{cls.__qualname__}"


def type_names_of(value: Any) -> list[str]:
    """``$value.pstypenames``: what a ``[PSTypeName()]`` constraint is checked against."""
    if isinstance(value, PSObject):
        return value.pstypenames
    if type(value) in EXTENDED_TYPES:
        return value.__dict__["__psextended__"].pstypenames
    if isinstance(value, Mapping) and not isinstance(value, Hashtable):
        return list(PSCUSTOMOBJECT_TYPE_NAMES)
    adapter = find_adapter(value)
    if adapter is not None:
        return adapter.type_names(value)
    return [dotnet_type_name(value), "System.Object"]
