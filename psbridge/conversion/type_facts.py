"""What ``System.Type`` says about a type beyond its name: IsPublic, IsSerializable, BaseType.

pwsh shows a type (``[string]``, ``(Get-Date).GetType()``) by PowerShellCore.format.ps1xml's
System.RuntimeType table -- IsPublic, IsSerial(izable), Name, BaseType -- so these answers are
what a user sees first of a type.  They are facts of the .NET base class library, written as
data for the types psbridge models; rules cover the rest as .NET's RuntimeType does: a value
type derives from System.ValueType, an enum from System.Enum (and is serializable, as every
enum is), an array from System.Array; an interface has no base type.
"""

from __future__ import annotations

import re

from .pstype import PSType

__all__ = ["base_type_name", "is_serializable"]

#: full name -> (IsSerializable, BaseType's full name or None), from the BCL's declarations.
_FACTS: dict[str, tuple[bool, str | None]] = {
    "System.Object": (True, None),
    "System.String": (True, "System.Object"),
    "System.Array": (True, "System.Object"),
    "System.ValueType": (True, "System.Object"),
    "System.Enum": (True, "System.ValueType"),
    "System.Type": (False, "System.Reflection.MemberInfo"),
    "System.Math": (False, "System.Object"),
    "System.Convert": (False, "System.Object"),
    "System.Console": (False, "System.Object"),
    "System.Environment": (False, "System.Object"),
    "System.IO.Path": (False, "System.Object"),
    "System.IO.File": (False, "System.Object"),
    "System.IO.Directory": (False, "System.Object"),
    "System.Version": (True, "System.Object"),
    "System.Uri": (True, "System.Object"),
    "System.Exception": (True, "System.Object"),
    "System.Text.StringBuilder": (True, "System.Object"),
    "System.Collections.Hashtable": (True, "System.Object"),
    "System.Collections.ArrayList": (True, "System.Object"),
    "System.Collections.Specialized.OrderedDictionary": (True, "System.Object"),
    "System.Management.Automation.PSObject": (True, "System.Object"),
}

_INTERFACE = re.compile(r"^I[A-Z]")


def _is_interface(kind: PSType) -> bool:
    from .collections import InterfaceType

    return isinstance(kind, InterfaceType) and _INTERFACE.match(kind.name) is not None


def _is_enum(kind: PSType) -> bool:
    from .richtypes import EnumType

    return isinstance(kind, EnumType)


def base_type_name(kind: PSType) -> str | None:
    """``Type.BaseType``'s full name (None for System.Object and interfaces)."""
    facts = _FACTS.get(kind.full_name)
    if facts is not None:
        return facts[1]
    if kind.element is not None:
        return "System.Array"
    if _is_enum(kind):
        return "System.Enum"
    if _is_interface(kind):
        return None
    if kind.is_value_type:
        return "System.ValueType"
    return "System.Object"


def is_serializable(kind: PSType) -> bool:
    """``Type.IsSerializable``: declared ``[Serializable]``, or an enum (RuntimeType's rule)."""
    facts = _FACTS.get(kind.full_name)
    if facts is not None:
        return facts[0]
    if kind.element is not None or _is_enum(kind):
        return True
    if getattr(kind, "script_defined", False) or _is_interface(kind):
        return False
    return kind.is_value_type  # the BCL's structs are [Serializable]; other classes unknown: not claimed
