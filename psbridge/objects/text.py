"""How PowerShell turns values into text and names their types.

Binding needs both: converting an argument to ``[string]`` follows these rules
(``$true`` -> ``True``, ``12.5`` -> ``12.5``, a custom object -> ``@{a=1}``), and
error messages name .NET types (``System.Int32``) the way PowerShell prints them.
"""

from __future__ import annotations

import datetime as _dt
import decimal as _decimal
import math
from collections.abc import Mapping
from typing import Any

from .adapters import find_adapter
from .hashtable import Hashtable
from .psobject import PSCUSTOMOBJECT_TYPE_NAMES, PSObject, format_custom_object
from .values import SecureString, SwitchParameter, Uri

__all__ = ["dotnet_type_name", "format_double", "is_ps_collection", "to_ps_string", "type_names_of"]


def format_double(value: float) -> str:
    """Invariant-culture round-trip text of a double, as .NET prints it (``1E+20``)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value).upper()


def to_ps_string(value: Any) -> str:
    """``[string]$value`` under the invariant culture."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, int | float):
        written = getattr(value, "ps_text", None)  # a command-line literal keeps its text
        if written is not None:
            return str(written)
        return str(value) if isinstance(value, int) else format_double(value)
    if isinstance(value, PSObject):
        return value.ps_to_string()
    if isinstance(value, SwitchParameter | SecureString | Uri | Hashtable):
        return str(value)
    if isinstance(value, Mapping):
        return format_custom_object((str(k), v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return " ".join(to_ps_string(item) for item in value)
    if isinstance(value, _dt.datetime):
        return value.strftime("%m/%d/%Y %H:%M:%S")
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
    if isinstance(value, int):
        if -(2**31) <= value < 2**31:
            return "System.Int32"
        if -(2**63) <= value < 2**63:
            return "System.Int64"
        return "System.Numerics.BigInteger"
    if isinstance(value, float):
        return "System.Double"
    if isinstance(value, _decimal.Decimal):
        return "System.Decimal"
    if isinstance(value, str):
        return "System.String"
    if isinstance(value, PSObject):
        return value.pstypenames[0]
    if isinstance(value, Hashtable):
        return "System.Collections.Hashtable"
    if isinstance(value, Mapping):
        return PSCUSTOMOBJECT_TYPE_NAMES[0]
    if isinstance(value, list | tuple):
        return "System.Object[]"
    if isinstance(value, SwitchParameter):
        return "System.Management.Automation.SwitchParameter"
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
    if isinstance(value, Mapping) and not isinstance(value, Hashtable):
        return list(PSCUSTOMOBJECT_TYPE_NAMES)
    adapter = find_adapter(value)
    if adapter is not None:
        return adapter.type_names(value)
    return [dotnet_type_name(value), "System.Object"]
