"""What psbridge needs to know about one .NET type, worked out once per type.

Reflection through pythonnet is slow on Mono (``GetType()`` ~10 µs, an
overloaded call ~45 µs) while a Python attribute read of a property is ~1 µs.
So every reflective question (kind, type names, readable properties) is asked
once per .NET type and cached under the Python class pythonnet made for it;
the per-value work is then dictionary look-ups and ``getattr``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

__all__ = ["TypeInfo", "clr_metatype", "type_info", "unwrap"]

# Kinds, by how PowerShell treats a value of the type.
STRING, BOOLEAN, INTEGER, FLOAT, DECIMAL, CHAR = "string", "boolean", "integer", "float", "decimal", "char"
DATETIME, GUID, ENUM, URI, SECURE_STRING = "datetime", "guid", "enum", "uri", "secure_string"
DICTIONARY, ENUMERABLE, OBJECT = "dictionary", "enumerable", "object"

_BY_FULL_NAME = {
    "System.String": STRING,
    "System.Boolean": BOOLEAN,
    "System.SByte": INTEGER,
    "System.Byte": INTEGER,
    "System.Int16": INTEGER,
    "System.UInt16": INTEGER,
    "System.Int32": INTEGER,
    "System.UInt32": INTEGER,
    "System.Int64": INTEGER,
    "System.UInt64": INTEGER,
    "System.Single": FLOAT,
    "System.Double": FLOAT,
    "System.Decimal": DECIMAL,
    "System.Char": CHAR,
    "System.DateTime": DATETIME,
    "System.Guid": GUID,
    "System.Security.SecureString": SECURE_STRING,
}


@dataclass(frozen=True, slots=True)
class TypeInfo:
    """One .NET type as PowerShell's adapter sees it."""

    full_name: str
    kind: str
    #: ``pstypenames`` of an instance: the type, its base types, System.Object last.
    type_names: tuple[str, ...]
    #: Public readable non-indexer instance properties, in reflection order.
    property_names: tuple[str, ...]
    #: casefolded name -> exact name, for PowerShell's case-insensitive look-up.
    by_folded_name: dict[str, str]


class _Net:
    """The handful of .NET types the classification needs, resolved after the runtime is up."""

    def __init__(self) -> None:
        import clr
        import System
        from System.Collections import IDictionary, IEnumerable
        from System.Reflection import BindingFlags

        self.uri_type = clr.GetClrType(System.Uri)
        self.idictionary_type = clr.GetClrType(IDictionary)
        self.ienumerable_type = clr.GetClrType(IEnumerable)
        self.instance_flags = BindingFlags.Public | BindingFlags.Instance
        self.metatype = type(System.Object)


_net: _Net | None = None
_net_lock = threading.Lock()
_cache: dict[type, TypeInfo] = {}


def _get_net() -> _Net:
    global _net
    if _net is None:
        with _net_lock:
            if _net is None:
                _net = _Net()
    return _net


def clr_metatype() -> type:
    """The metaclass of every pythonnet-wrapped .NET type (how a .NET object is recognised)."""
    return _get_net().metatype


def unwrap(value: Any) -> Any:
    """The object behind an interface-typed wrapper.

    pythonnet 3 wraps a value returned as an interface (``Hashtable.Keys`` is an
    ``ICollection``) in that interface's class, which hides the real type's
    properties; PowerShell always sees the runtime type.
    """
    implementation = getattr(value, "__implementation__", None)
    return value if implementation is None else implementation


def type_info(value: Any) -> TypeInfo:
    """The cached :class:`TypeInfo` of an (unwrapped) .NET object."""
    info = _cache.get(type(value))
    if info is None:
        info = _describe(value.GetType())
        # A plain dict write is atomic under the GIL; two threads may both
        # describe a new type, which is harmless (same answer).
        _cache[type(value)] = info
    return info


def _describe(clr_type: Any) -> TypeInfo:
    net = _get_net()
    full_name = str(clr_type.FullName or clr_type.Name)
    names: list[str] = []
    current = clr_type
    while current is not None:
        names.append(str(current.FullName or current.Name))
        current = current.BaseType
    if names[-1] != "System.Object":
        names.append("System.Object")  # interfaces have no base type
    property_names: list[str] = []
    by_folded: dict[str, str] = {}
    for prop in clr_type.GetProperties(net.instance_flags):
        if not prop.CanRead or prop.GetIndexParameters().Length > 0 or prop.GetGetMethod() is None:
            continue
        name = str(prop.Name)
        folded = name.casefold()
        if folded in by_folded:  # a property hidden by a derived one ("new"): the derived one wins
            continue
        by_folded[folded] = name
        property_names.append(name)
    return TypeInfo(full_name, _kind(clr_type, full_name, net), tuple(names), tuple(property_names), by_folded)


def _kind(clr_type: Any, full_name: str, net: _Net) -> str:
    known = _BY_FULL_NAME.get(full_name)
    if known is not None:
        return known
    if clr_type.IsEnum:
        return ENUM
    if net.uri_type.IsAssignableFrom(clr_type):
        return URI
    # PowerShell's hashtable-ness is the non-generic IDictionary; it is tested
    # before IEnumerable because every dictionary is also enumerable.
    if net.idictionary_type.IsAssignableFrom(clr_type):
        return DICTIONARY
    if net.ienumerable_type.IsAssignableFrom(clr_type):
        return ENUMERABLE
    return OBJECT
