"""The conversion engine's entry points: casts, ``-as``, ``-is``, ``GetType()``.

Public: :func:`convert_to` (``[T]$x``), :func:`as_type` (``$x -as [T]``),
:func:`is_instance` (``$x -is [T]``), :func:`type_of` (``$x.GetType()``).
Each accepts a PSType or a type name (resolved as a type literal).
"""

from __future__ import annotations

import datetime as _dt
import decimal
import enum
import uuid
from typing import Any

from ..errors import PSError
from ..objects import Hashtable, OrderedDictionary, PSObject, SecureString, SwitchParameter, Uri, dotnet_type_name
from ..objects.numeric import BigInteger, Byte, Char, Int16, Int64, SByte, Single, UInt16, UInt32, UInt64
from . import typenames as t
from .collections import ArrayList, ConcurrentDictionary, GenericDictionary, GenericList
from .pstype import ObjectType, PSType, TypedArray

__all__ = ["as_type", "convert_to", "is_instance", "type_of"]


def _type(target: PSType | str) -> PSType:
    return target if isinstance(target, PSType) else t.resolve_type(target)


def convert_to(value: Any, target: PSType | str) -> Any:
    """``[target]value``: LanguagePrimitives.ConvertTo; PSInvalidCastError when it cannot."""
    return _type(target).convert(value)


def as_type(value: Any, target: PSType | str) -> Any:
    """``value -as [target]``: the converted value, or None when the conversion fails."""
    try:
        return _type(target).convert(value)
    except PSError:
        return None
    except (ValueError, TypeError, ArithmeticError, RecursionError):
        return None


def is_instance(value: Any, target: PSType | str) -> bool:
    """``value -is [target]``: no conversion; ``$null`` is never an instance of anything."""
    return _type(target).is_instance(value)


def _exact_types() -> dict[type, PSType]:
    """Python type -> the PSType of its values (the first ``type_of`` builds it: it names the rich types)."""
    from .regex import Regex
    from .richtypes import Version

    return {
        bool: t.BOOLEAN,
        float: t.DOUBLE,
        Single: t.SINGLE,
        decimal.Decimal: t.DECIMAL,
        Char: t.CHAR,
        str: t.STRING,
        SByte: t.SBYTE,
        Byte: t.BYTE,
        Int16: t.INT16,
        UInt16: t.UINT16,
        UInt32: t.UINT32,
        Int64: t.INT64,
        UInt64: t.UINT64,
        BigInteger: t.BIGINT,
        list: t.OBJECT_ARRAY,
        tuple: t.OBJECT_ARRAY,
        Hashtable: t.HASHTABLE,
        OrderedDictionary: t.ORDERED,
        PSObject: t.resolve_type("System.Management.Automation.PSCustomObject"),
        dict: t.resolve_type("System.Management.Automation.PSCustomObject"),
        _dt.datetime: t.DATETIME,
        _dt.timedelta: t.TIMESPAN,
        uuid.UUID: t.GUID,
        Version: t.VERSION,
        Uri: t.URI,
        Regex: t.REGEX,
        SecureString: t.SECURESTRING,
        SwitchParameter: t.SWITCH,
        ArrayList: t.ARRAYLIST,
    }


_EXACT: dict[type, PSType] = {}
_OTHER: dict[str, PSType] = {}


def _generic_of(name: str, *arguments: PSType, namespace: str = "Generic") -> PSType:
    """``List[T]``/``Dictionary[K,V]`` of these arguments (a script's type is found by its name)."""
    local = {a.full_name.casefold(): a for a in arguments if getattr(a, "script_defined", False)}
    text = ",".join(a.full_name for a in arguments)
    return t.resolve_type(f"System.Collections.{namespace}.{name}[{text}]", local=local or None)


def type_of(value: Any) -> PSType | None:
    """``$value.GetType()`` as a PSType (None for ``$null``)."""
    if value is None:
        return None
    kind = type(value)
    if kind is int:
        if -(2**31) <= value < 2**31:
            return t.INT32
        return t.INT64 if -(2**63) <= value < 2**63 else t.BIGINT
    exact = _EXACT
    if not exact:
        exact.update(_exact_types())
    found = exact.get(kind)
    if found is not None:
        return found
    if isinstance(value, PSType):
        return t.TYPE
    if isinstance(value, TypedArray) and value.element_type is not None:
        return t.array_of(value.element_type)
    if isinstance(value, GenericList) and value.element_type is not None:
        return _generic_of("List", value.element_type)
    if isinstance(value, GenericDictionary) and value.key_type is not None and value.value_type is not None:
        if isinstance(value, ConcurrentDictionary):
            return _generic_of("ConcurrentDictionary", value.key_type, value.value_type, namespace="Concurrent")
        return _generic_of("Dictionary", value.key_type, value.value_type)
    script_type = getattr(kind, "__ps_script_type__", None)
    if script_type is not None:  # a script's enum (kept on its Python class: it has no global name)
        return script_type  # type: ignore[no-any-return,unused-ignore]
    script_class = getattr(value, "script_class", None)
    if isinstance(script_class, PSType) and isinstance(value, PSObject):
        return script_class
    if isinstance(value, enum.Enum):
        named = t.find_type(getattr(kind, "__ps_type_name__", kind.__name__))
        if named is not None:
            return named
    for base, ps_type in exact.items():
        if isinstance(value, base) and base not in (str, int):
            return ps_type
    if isinstance(value, int):
        return type_of(int(value))
    if isinstance(value, str):
        return t.STRING
    name = dotnet_type_name(value)
    known = t.find_type(name)
    if known is not None:
        return known
    placeholder = _OTHER.get(name)
    if placeholder is None:
        placeholder = _OTHER[name] = ObjectType(name)
    return placeholder
