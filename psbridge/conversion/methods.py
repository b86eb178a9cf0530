# ruff: noqa: E501 - member tables: one line per .NET member reads best
"""Instance members of the .NET types scripts use: ``$s.Substring(1)``, ``$list.Count``, ``$d.AddDays(1)``.

Methods and properties are implemented for String (:mod:`.string_methods`), arrays,
lists and dictionaries (:mod:`.collection_methods`), DateTime/DateTimeOffset and
TimeSpan (:mod:`.time_members`), numbers, Regex, Match/Group, Version and Guid, the
utility classes of :mod:`.utilities` (StringBuilder, Stopwatch ...), plus what every
object has (``ToString``, ``GetType``, ``Equals``, ``GetHashCode``) and PowerShell's
intrinsic ``.Where()``/``.ForEach()``.

Lookup is cached per (Python type, member name), as PowerShell's call sites cache
per type: the decision runs once, later calls are one dict lookup.  A member
psbridge does not implement goes to .NET when a runtime is loaded (the fallback
the .NET package registers with :func:`register_member_fallback`); otherwise it is
MethodNotFound naming the .NET type and the method, never a guess.

Public: :func:`invoke_method` (``target.Name(args)``), :func:`get_property`
(``(found, value)`` for a .NET property such as ``Length`` or ``Year``),
:func:`where_method`, :func:`foreach_method`, :func:`is_hashable`,
:func:`has_member_table`, :func:`register_member_fallback`.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import enum
import uuid
from collections.abc import Callable
from typing import Any

from ..objects import Hashtable, Uri, dotnet_type_name, find_adapter
from ..objects.adapters import foreign_runtime_loaded
from ..objects.encoding import TextEncoding
from ..objects.memberset import PSPropertyCollection, member_set
from ..objects.typedata import register_member_reader
from .collection_methods import DICTIONARY_METHODS, DICTIONARY_VOID, LIST_METHODS, LIST_VOID
from .collections import ArrayList, ConcurrentDictionary, GenericDictionary, GenericList, as_items
from .delegates import ScriptDelegate
from .engine import type_of
from .errors import MethodInvocationError, MethodNotFoundError, RuntimeException
from .generic_collections import GenericContainer
from .member_args import as_int, as_text, invocation_failed, no_overload
from .pstype import PSType
from .regex import Group, Match, Regex
from .richtypes import Version, enum_values
from .scalars import is_true, to_string
from .static_text import ENCODING_METHODS
from .string_methods import STRING_METHODS
from .time_members import (
    DATETIME_METHODS,
    OFFSET_ONLY,
    TIMESPAN_METHODS,
    datetime_property,
    timespan_property,
    to_string_method,
)
from .type_facts import base_type_name, is_serializable

__all__ = [
    "foreach_method",
    "get_property",
    "has_member_table",
    "invoke_generic_method",
    "invoke_method",
    "is_hashable",
    "is_void_method",
    "register_member_fallback",
    "where_method",
]

Method = Callable[..., Any]
#: ``fallback(target, name, args) -> (found, result)``: the .NET runtime's answer for a member psbridge lacks.
MemberFallback = Callable[[Any, str, tuple[Any, ...]], tuple[bool, Any]]


def _number_equals(n: Any, other: Any) -> bool:
    return type(n) is type(other) and bool(n == other)


NUMBER_METHODS: dict[str, Method] = {
    "tostring": to_string_method,
    "compareto": lambda n, other: 1 if other is None else (n > other) - (n < other),
    "equals": _number_equals,
    "gettypecode": lambda n: type_of(n).name,  # type: ignore[union-attr]
}

REGEX_METHODS: dict[str, Method] = {
    "match": lambda r, text, *a: r.match(as_text(text), as_int(a[0]) if a else 0),
    "matches": lambda r, text: r.matches(as_text(text)),
    "ismatch": lambda r, text: r.is_match(as_text(text)),
    "replace": lambda r, text, replacement, *a: r.replace(as_text(text), replacement if callable(replacement) else as_text(replacement), as_int(a[0]) if a else -1),
    "split": lambda r, text, *a: r.split(as_text(text), as_int(a[0]) if a else 0),
    "getgroupnames": lambda r: r.group_names(),
    "tostring": lambda r: str(r),
}  # fmt: skip

MATCH_METHODS: dict[str, Method] = {
    "nextmatch": lambda m: m.NextMatch(),
    "tostring": lambda m: m.Value,
    "result": lambda m, replacement: m.result(as_text(replacement)),
}

GROUP_METHODS: dict[str, Method] = {"tostring": lambda g: g.Value}


def _guid_text(value: uuid.UUID, fmt: Any = None, *_provider: Any) -> str:
    shape = to_string(fmt or "D").upper()
    text = str(value)
    shaped = {"D": text, "N": value.hex, "B": "{" + text + "}", "P": "(" + text + ")"}.get(shape)
    if shaped is None:
        raise invocation_failed("ToString", 1, 'Format string can be only "D", "d", "N", "n", "P", "p", "B", "b", "X" or "x".')
    return shaped


GUID_METHODS: dict[str, Method] = {
    "tostring": _guid_text,
    "tobytearray": lambda g: _byte_array(g.bytes_le),
    "equals": lambda g, other: isinstance(other, uuid.UUID) and g == other,
    "compareto": lambda g, other: 1 if other is None else (g.int > other.int) - (g.int < other.int),
}


def _byte_array(data: bytes) -> Any:
    from .pstype import TypedArray
    from .typenames import BYTE

    return TypedArray([BYTE.convert(b) for b in data], BYTE)


VERSION_METHODS: dict[str, Method] = {
    "tostring": lambda v, *fields: str(v) if not fields else ".".join(str(part) for part in (v.Major, v.Minor, v.Build, v.Revision)[: as_int(fields[0])]),
    "compareto": lambda v, other: 1 if other is None else (v > other) - (v < other),
    "equals": lambda v, other: isinstance(other, Version) and v == other,
}  # fmt: skip

COMMON_METHODS: dict[str, Method] = {
    "tostring": lambda v, *a: to_string(v),
    "gettype": type_of,
    "equals": lambda v, other: v is other or (type(v) is type(other) and v == other),
    "gethashcode": lambda v: hash(v) & 0x7FFFFFFF if is_hashable(v) else id(v) & 0x7FFFFFFF,
}


def is_hashable(value: Any) -> bool:
    """Whether a value can be a dictionary key."""
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _enum_name(enum_type: Any, value: Any) -> str | None:
    """Type.GetEnumName: the first label with the value (an enum or its number), else $null."""
    number = int(value.value) if isinstance(value, enum.Enum) else int(value)
    return next((member.name for member in enum_type.python_enum if int(member.value) == number), None)


TYPE_METHODS: dict[str, Method] = {
    "getgenericarguments": lambda t: list(t.type_args),
    "getelementtype": lambda t: t.element,
    "isinstanceoftype": lambda t, value: t.is_instance(value),
    "getenumnames": lambda t: list(t.members) if hasattr(t, "members") else _not_enum(),
    "getenumvalues": lambda t: enum_values(t) if hasattr(t, "python_enum") else _not_enum(),
    "getenumvaluesasunderlyingtype": lambda t: (
        [int(m.value) for m in enum_values(t)] if hasattr(t, "python_enum") else _not_enum()
    ),
    "getenumname": lambda t, value: _enum_name(t, value) if hasattr(t, "python_enum") else _not_enum(),
    "tostring": lambda t: t.full_name,
    "equals": lambda t, other: t is other,
}


def _enum_text(value: enum.Enum, *format_: Any) -> str:
    """Enum.ToString(): the name(s), or with "D" the number, "X" eight hex digits."""
    kind = str(format_[0]).upper() if format_ and format_[0] is not None else "G"
    number = int(value.value)
    if kind == "D":
        return str(number)
    if kind == "X":
        return f"{number & 0xFFFFFFFF:08X}"
    return str(value)


ENUM_METHODS: dict[str, Method] = {
    "tostring": _enum_text,
    "hasflag": lambda v, flag: int(v.value) & _enum_number(flag) == _enum_number(flag),
    "equals": lambda v, other: isinstance(other, type(v)) and v == other,
    "compareto": lambda v, other: (int(v.value) > _enum_number(other)) - (int(v.value) < _enum_number(other)),
    "gethashcode": lambda v: int(v.value),
}


def _enum_number(value: Any) -> int:
    return int(value.value) if isinstance(value, enum.Enum) else as_int(value)


def _not_enum() -> Any:
    raise invocation_failed("GetEnumNames", 0, "Type provided must be an Enum. (Parameter 'enumType')")


#: (class, table) in the order a value is tested: a Match is a Group, a Char is a str, an OrderedDictionary a Hashtable.
_TABLES: tuple[tuple[type | tuple[type, ...], dict[str, Method]], ...] = (
    (PSPropertyCollection, {}),  # its own PascalCase methods (Item, Match, Remove, Add)
    (GenericContainer, {}),  # Stack/Queue/HashSet: their own PascalCase methods
    (bool, {"tostring": lambda b, *a: "True" if b else "False", "equals": _number_equals, "compareto": lambda b, o: int(b) - int(o)}),
    (enum.Enum, ENUM_METHODS),
    (str, STRING_METHODS),
    ((list, tuple), LIST_METHODS),
    (Hashtable, DICTIONARY_METHODS),
    (_dt.datetime, DATETIME_METHODS),
    (_dt.timedelta, TIMESPAN_METHODS),
    ((int, float, decimal.Decimal), NUMBER_METHODS),
    (Regex, REGEX_METHODS),
    (Match, MATCH_METHODS),
    (Group, GROUP_METHODS),
    (uuid.UUID, GUID_METHODS),
    (Version, VERSION_METHODS),
    (TextEncoding, ENCODING_METHODS),
    (PSType, TYPE_METHODS),
)  # fmt: skip


def _table_for(kind: type) -> dict[str, Method] | None:
    for classes, table in _TABLES:
        if issubclass(kind, classes):
            return table
    return None


def has_member_table(value: Any) -> bool:
    """Whether psbridge implements ``value``'s .NET methods itself (the evaluator must not call
    a Python method of the same name: ``"a b".Split()`` is String.Split, not ``str.split``)."""
    kind = type(value)
    known = _HAS_TABLE.get(kind)
    if known is None:
        known = _HAS_TABLE[kind] = _table_for(kind) is not None
    return known


_HAS_TABLE: dict[type, bool] = {}
_CACHE: dict[tuple[type, str], Method | None] = {}
_FALLBACKS: list[MemberFallback] = []
_MISSING: Any = object()


def register_member_fallback(fallback: MemberFallback) -> None:
    """Where a member psbridge lacks is looked up next (the .NET runtime, when loaded)."""
    if fallback not in _FALLBACKS:
        _FALLBACKS.append(fallback)


def _find(kind: type, folded: str) -> Method | None:
    table = _table_for(kind)
    if table is not None:
        if issubclass(kind, _dt.datetime) and folded in OFFSET_ONLY:
            return _offset_method(folded)
        method = table.get(folded)
        if method is not None:
            return method
    if getattr(kind, "__ps_type_name__", None) is not None:
        own = _own_method(kind, folded)
        if own is not None:
            return own
    if find_adapter_class(kind):
        return None  # a .NET object: its own ToString/Equals, through the adapter
    return COMMON_METHODS.get(folded)


def find_adapter_class(kind: type) -> bool:
    """Whether values of ``kind`` are pythonnet-wrapped .NET objects."""
    return type(kind).__name__ == "CLRMetatype"


def _own_method(kind: type, folded: str) -> Method | None:
    """A .NET-named (PascalCase) method of psbridge's own classes: StringBuilder.Append, Stopwatch.Stop."""
    for attribute in dir(kind):
        if attribute[:1].isupper() and attribute.casefold() == folded and callable(getattr(kind, attribute)):
            if isinstance(getattr(kind, attribute), property):
                return None

            def call(target: Any, *args: Any, _name: str = attribute) -> Any:
                return getattr(target, _name)(*args)

            return call
    return None


def _offset_method(folded: str) -> Method:
    """DateTimeOffset's methods exist on an aware value only (a plain DateTime has no ToUnixTimeSeconds)."""
    method = DATETIME_METHODS.get(folded)

    def run(value: _dt.datetime, *args: Any) -> Any:
        if value.tzinfo is None or method is None:
            raise MethodNotFoundError("System.DateTime", folded)
        return method(value, *args)

    return run


def invoke_method(target: Any, name: str, args: tuple[Any, ...] | list[Any] = ()) -> Any:
    """``target.name(args)``; MethodNotFoundError when neither psbridge nor .NET has it."""
    if target is None:
        raise RuntimeException("You cannot call a method on a null-valued expression.", error_id="InvokeMethodOnNull")
    key = (type(target), name.casefold())
    method = _CACHE.get(key, _MISSING)
    if method is _MISSING:
        method = _CACHE[key] = _find(key[0], key[1])
    if method is None:
        return _not_in_tables(target, name, tuple(args))
    try:
        return method(target, *args)
    except TypeError as error:
        if "positional argument" in str(error) or "required" in str(error):
            raise no_overload(name, len(args)) from None
        raise
    except (IndexError, KeyError, ValueError, OverflowError, ZeroDivisionError) as error:
        raise MethodInvocationError(name, len(args), str(error) or type(error).__name__) from None


def invoke_generic_method(target: Any, name: str, type_arguments: list[Any], args: list[Any]) -> Any:
    """``target.Name[T](args)``: ConcurrentDictionary's ``AddOrUpdate[TArg]``/``GetOrAdd[TArg]``
    (factories given the key, the current value and a TArg argument); any other is the error naming
    it (never the non-generic method of the same name, which would ignore ``T``)."""
    if target is None:
        raise RuntimeException("You cannot call a method on a null-valued expression.", error_id="InvokeMethodOnNull")
    folded = name.casefold()
    if isinstance(target, ConcurrentDictionary) and len(type_arguments) == 1 and folded in ("addorupdate", "getoradd"):
        from .collection_methods import concurrent_with_argument

        return concurrent_with_argument(target, folded, type_arguments[0], args)
    raise MethodNotFoundError(dotnet_type_name(target), name)


def is_void_method(target: Any, name: str) -> bool:
    """Whether ``target.name()`` is a ``void`` .NET method, so that a call statement writes nothing
    (``$list.Add(1)`` inside a function must not add ``$null`` to its output).  Asked only when a
    call returned None, so it costs nothing on the common path."""
    folded = name.casefold()
    if isinstance(target, GenericContainer | PSPropertyCollection):
        return declared_void(type(target), folded)
    if isinstance(target, list | tuple):
        if folded == "add":
            return not isinstance(target, ArrayList)  # ArrayList.Add returns the index
        if folded == "remove":
            return not isinstance(target, GenericList)  # List<T>.Remove returns a bool
        return folded in LIST_VOID
    if isinstance(target, Hashtable):
        return folded in DICTIONARY_VOID and not (folded == "remove" and isinstance(target, GenericDictionary))
    if isinstance(target, ScriptDelegate):
        return folded == "invoke" and target.delegate_type.returns is None  # an Action
    return declared_void(type(target), folded)


def declared_void(owner: Any, folded: str) -> bool:
    """A psbridge class's PascalCase method annotated ``-> None`` (Stopwatch.Stop, ...)."""
    for attribute in dir(owner):
        if attribute[:1].isupper() and attribute.casefold() == folded:
            member = getattr(owner, attribute)
            return getattr(member, "__annotations__", {}).get("return") in ("None", None.__class__)
    return False


def _not_in_tables(target: Any, name: str, args: tuple[Any, ...]) -> Any:
    if foreign_runtime_loaded():
        for fallback in _FALLBACKS:
            found, result = fallback(target, name, args)
            if found:
                return result
    if find_adapter(target) is not None:
        method = COMMON_METHODS.get(name.casefold())
        if method is not None:
            return method(target, *args)
    raise MethodNotFoundError(dotnet_type_name(target), name)


# -- properties ----------------------------------------------------------------------------------
PropertyReader = Callable[[Any, str], tuple[bool, Any]]
_NOT_FOUND: tuple[bool, Any] = (False, None)


def _string_property(value: str, folded: str) -> tuple[bool, Any]:
    return (True, len(value)) if folded == "length" else _NOT_FOUND


def _list_property(value: list[Any], folded: str) -> tuple[bool, Any]:
    if folded in ("length", "count", "longlength"):
        return True, len(value)
    if folded == "rank":
        return True, 1
    if folded == "isfixedsize":
        from .collections import ArrayList, GenericList

        return True, not isinstance(value, ArrayList | GenericList)
    if folded in ("isreadonly", "issynchronized"):
        return True, False
    if folded == "syncroot":
        return True, value
    if folded == "capacity" and hasattr(value, "element_type"):
        return True, len(value)
    return _NOT_FOUND


def _group_property(value: Group, folded: str) -> tuple[bool, Any]:
    if folded == "groups" and isinstance(value, Match):
        return True, value.Groups
    readers = {"value": "Value", "success": "Success", "index": "Index", "length": "Length", "name": "Name", "captures": "Captures"}
    attribute = readers.get(folded)
    return (True, getattr(value, attribute)) if attribute is not None else _NOT_FOUND


def _version_property(value: Version, folded: str) -> tuple[bool, Any]:
    parts = {"major": value.Major, "minor": value.Minor, "build": value.Build, "revision": value.Revision,
             "majorrevision": value.Revision >> 16 if value.Revision > 0 else value.Revision,
             "minorrevision": value.Revision & 0xFFFF if value.Revision > 0 else value.Revision}  # fmt: skip
    return (folded in parts), parts.get(folded)


def _regex_property(value: Regex, folded: str) -> tuple[bool, Any]:
    if folded == "options":
        return True, value.options
    if folded == "righttoleft":
        return True, False
    if folded == "matchtimeout":  # Regex.InfiniteMatchTimeout unless one was given
        return True, getattr(value, "match_timeout", INFINITE_MATCH_TIMEOUT)
    return _NOT_FOUND


def _hashtable_property(value: Hashtable, folded: str) -> tuple[bool, Any]:
    return value.net_property(folded)


_URI_PROPERTIES = frozenset({"absoluteuri", "host", "port", "scheme", "absolutepath", "query", "fragment",
                             "pathandquery", "segments", "authority", "userinfo", "localpath", "isdefaultport",
                             "hostnametype", "isfile", "isloopback", "isunc", "dnssafehost", "idnhost"})  # fmt: skip


def _uri_property(value: Uri, folded: str) -> tuple[bool, Any]:
    """System.Uri's parts; a relative URI has only OriginalString and IsAbsoluteUri, as in .NET."""
    if folded == "originalstring":
        return True, value.original_string
    if folded == "isabsoluteuri":
        return True, value.is_absolute
    if folded == "userescaped":  # made from a string by PowerShell's cast: never "already escaped"
        return True, False
    if folded not in _URI_PROPERTIES:
        return _NOT_FOUND
    if not value.is_absolute:
        raise RuntimeException(
            f'Exception getting "{folded}": "This operation is not supported for a relative URI."',
            error_id="ExceptionWhenGetting",
        )
    from urllib.parse import urlsplit

    parts = urlsplit(value.original_string.strip())
    default = {"http": 80, "https": 443, "ftp": 21, "ws": 80, "wss": 443}.get(parts.scheme.lower(), -1)
    port = parts.port if parts.port is not None else default
    path = parts.path or "/"
    host = (parts.hostname or "").lower()
    authority = host + ("" if port == default else f":{port}")
    query = f"?{parts.query}" if parts.query else ""
    answers = {
        "scheme": parts.scheme.lower(), "host": host, "port": port, "isdefaultport": port == default,
        "absolutepath": path, "query": query, "fragment": f"#{parts.fragment}" if parts.fragment else "",
        "pathandquery": path + query, "authority": authority, "userinfo": parts.username or "",
        "localpath": path, "segments": _segments(path),
        "hostnametype": _host_name_type(host), "isfile": parts.scheme.lower() == "file",
        "isloopback": host == "localhost" or host.startswith("127.") or host in ("[::1]", "::1"),
        "isunc": parts.scheme.lower() == "file" and bool(host), "dnssafehost": host.strip("[]"),
        "idnhost": host.strip("[]").encode("idna").decode("ascii") if host else host,
        "absoluteuri": f"{parts.scheme.lower()}://{authority}{path}{query}" + (f"#{parts.fragment}" if parts.fragment else ""),
    }  # fmt: skip
    return True, answers[folded]


def _host_name_type(host: str) -> str:
    """UriHostNameType's name for a host: Dns, IPv4, IPv6, Basic (no host)."""
    import ipaddress

    if not host:
        return "Basic"
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return "Dns"
    return "IPv6" if address.version == 6 else "IPv4"


def _segments(path: str) -> list[str]:
    """Uri.Segments: ``/a/b.txt`` is ``/``, ``a/``, ``b.txt``."""
    pieces = path.split("/")
    return ["/"] + [piece + "/" for piece in pieces[1:-1]] + ([pieces[-1]] if pieces[-1] else [])


def _member_set_property(reader: PropertyReader) -> PropertyReader:
    """Every value has the intrinsic ``psobject`` member set besides its own properties."""

    def read(value: Any, folded: str) -> tuple[bool, Any]:
        if folded == "psobject":
            return True, member_set(value)
        return reader(value, folded)

    return read


def _guid_property(value: uuid.UUID, folded: str) -> tuple[bool, Any]:
    return (True, str(value)) if folded == "guid" else _NOT_FOUND


def _type_property(value: PSType, folded: str) -> tuple[bool, Any]:
    """System.Type's properties scripts read: ``[int].Name``, ``$t.IsArray``, ``$t.IsEnum`` ..."""
    from .richtypes import EnumType

    full = value.full_name
    answers: dict[str, Callable[[], Any]] = {
        "name": lambda: value.name, "fullname": lambda: full,
        "namespace": lambda: full.partition("[")[0].rpartition(".")[0] or None,
        "isarray": lambda: value.element is not None, "isenum": lambda: isinstance(value, EnumType),
        "isvaluetype": lambda: value.is_value_type, "isclass": lambda: not value.is_value_type,
        "isgenerictype": lambda: bool(value.type_args), "isprimitive": lambda: value.is_numeric and full != "System.Decimal",
        "assemblyqualifiedname": lambda: full, "underlyingsystemtype": lambda: value,
    }  # fmt: skip
    answers["ispublic"] = lambda: True  # psbridge models public types only
    answers["isserializable"] = lambda: is_serializable(value)
    answers["basetype"] = lambda: _base_type(value)
    if getattr(value, "script_defined", False):
        answers["basetype"] = lambda: getattr(value, "BaseType", None)
    reader = answers.get(folded)
    return (True, reader()) if reader is not None else _NOT_FOUND


def _base_type(value: PSType) -> PSType | None:
    """``Type.BaseType`` as a type object (a plain named type when psbridge does not model it)."""
    name = base_type_name(value)
    if name is None:
        return None
    from .typenames import resolve_type

    try:
        return resolve_type(name)
    except Exception:  # a type psbridge has no model of (System.Reflection.MemberInfo): its name is enough
        return PSType(name)


def _enum_property(value: enum.Enum, folded: str) -> tuple[bool, Any]:
    """``$e.value__``: the enum's number, of its underlying type."""
    if folded != "value__":
        return _NOT_FOUND
    script_type = getattr(type(value), "__ps_script_type__", None)
    number = int(value.value)
    return True, (script_type.underlying.convert(number) if script_type is not None else number)


def _no_property(_value: Any, _folded: str) -> tuple[bool, Any]:
    return _NOT_FOUND


_PROPERTY_READERS: tuple[tuple[type | tuple[type, ...], PropertyReader], ...] = (
    (bool, _no_property),
    (str, _string_property),
    ((list, tuple), _list_property),
    (Hashtable, _hashtable_property),
    (_dt.datetime, datetime_property),
    (_dt.timedelta, timespan_property),
    (Group, _group_property),
    (Version, _version_property),
    (Regex, _regex_property),
    (Uri, _uri_property),
    (uuid.UUID, _guid_property),
    (PSType, _type_property),
    (enum.Enum, _enum_property),
)
_READER_CACHE: dict[type, PropertyReader] = {}

#: ``Regex.InfiniteMatchTimeout`` (``Timeout.InfiniteTimeSpan``): -1 millisecond.
INFINITE_MATCH_TIMEOUT = _dt.timedelta(milliseconds=-1)


def get_property(value: Any, name: str) -> tuple[bool, Any]:
    """``(found, value)`` of a .NET property psbridge implements for ``value``'s type."""
    kind = type(value)
    reader = _READER_CACHE.get(kind)
    if reader is None:
        reader = next((r for classes, r in _PROPERTY_READERS if issubclass(kind, classes)), _no_property)
        reader = _READER_CACHE[kind] = _member_set_property(reader)
    return reader(value, name.casefold())


register_member_reader(get_property)  # the formatter reads these members too (it sits below this layer)


# -- intrinsic methods ------------------------------------------------------------------------------------
def where_method(collection: Any, predicate: Callable[[Any], Any], mode: str = "Default", count: int = 0) -> list[Any]:
    """``.Where({...}, mode, count)``: modes Default, First, Last, SkipUntil, Until, Split."""
    items = as_items(collection)
    if items is None:
        items = [] if collection is None else [collection]
    mode = mode.casefold()
    if mode not in _WHERE_MODES:
        raise RuntimeException(
            f'Cannot convert value "{mode}" to type "System.Management.Automation.WhereOperatorSelectionMode". '
            'Error: "Unable to match the identifier name ' + mode + ' to a valid enumerator name. Specify one of the '
            'following enumerator names and try again:\nDefault, First, Last, SkipUntil, Until, Split"',
            error_id="MethodArgumentConversionInvalidCastArgument",
        )
    chosen: list[Any] = []
    if mode == "split":
        rest: list[Any] = []
        for item in items:
            (chosen if is_true(predicate(item)) and (not count or len(chosen) < count) else rest).append(item)
        return [chosen, rest]
    if mode == "last":
        matched = [item for item in items if is_true(predicate(item))]
        return matched[-(count or 1):]  # fmt: skip
    if mode in ("skipuntil", "until"):
        for index, item in enumerate(items):
            if is_true(predicate(item)):
                selected = items[index:] if mode == "skipuntil" else items[:index]
                return selected[:count] if count else selected
        return [] if mode == "skipuntil" else (items[:count] if count else items)
    limit = 1 if mode == "first" and not count else count
    for item in items:
        if is_true(predicate(item)):
            chosen.append(item)
            if limit and len(chosen) >= limit:
                break
    return chosen


_WHERE_MODES = frozenset({"default", "first", "last", "skipuntil", "until", "split"})


def foreach_method(collection: Any, action: Any, *args: Any) -> list[Any]:
    """``.ForEach({...})``, ``.ForEach('PropertyName')``, ``.ForEach('Method', args)``, ``.ForEach([type])``."""
    from .pstype import PSType

    items = as_items(collection)
    if items is None:
        items = [] if collection is None else [collection]
    results: list[Any] = []
    for item in items:
        if isinstance(action, PSType):
            results.append(action.convert(item))
            continue
        if callable(action):
            value = action(item)
        elif args:
            value = invoke_method(item, to_string(action), args)
        else:
            from ..objects import property_lookup

            found, value = property_lookup(item)(to_string(action))
            if not found:
                found, value = get_property(item, to_string(action))
        more = as_items(value)
        results.extend(more if more is not None else ([] if value is None and callable(action) else [value]))
    return results
