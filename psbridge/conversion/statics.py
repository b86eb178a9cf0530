"""Static members of .NET types: ``[math]::Round``, ``[string]::Join``, ``[datetime]::Now``, ``[int]::MaxValue``.

Implemented in Python for Math and the numeric types (:mod:`.static_math`), String,
Char, Regex, Convert, Encoding and Uri (:mod:`.static_text`), DateTime,
DateTimeOffset, TimeSpan and Guid (:mod:`.static_time`), Path, File, Directory and
Environment (:mod:`.static_io`), Array and Enum and every enum's members
(:mod:`.static_types`), and the classes of :mod:`.utilities`.  A member psbridge
lacks goes to .NET when a runtime is loaded (the fallback the .NET package
registers with :func:`register_static_fallback`); otherwise it is
MethodNotFound naming the type, never a guess.  A static *property* psbridge does
not know reads as ``$null``, as PowerShell reads a missing static property.

Lookups are cached per (type, member name).

Public: :func:`get_static` (``[T]::Name``), :func:`invoke_static` (``[T]::Name(args)``),
:func:`has_static`, :func:`register_static_fallback`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..objects.adapters import foreign_runtime_loaded
from .errors import MethodInvocationError, MethodNotFoundError, RuntimeException
from .generic_collections import STRING_COMPARERS, StringComparer
from .io_streams import MemoryStream, StreamReader, StreamWriter
from .member_args import no_overload
from .pstype import PSType
from .richtypes import DateTimeType, EnumType
from .scalars import NumericType
from .static_io import DIRECTORY, ENVIRONMENT, FILE, PATH, PROPERTY_CALLS
from .static_linq import ACTIVATOR, GENERIC_STATICS, LINQ
from .static_math import MATH, numeric_static
from .static_misc import MISC_PROPERTY_CALLS, MISC_STATICS
from .static_text import CHAR, CONVERT, ENCODING, REGEX, STRING_STATICS, URI, WILDCARD
from .static_time import DATETIME, DATETIMEOFFSET, GUID, TIMESPAN
from .static_types import ARRAY, ENUM, enum_member
from .typenames import array_of, find_type, register_type
from .utilities import ClassType, Random, Stopwatch, StringBuilder, static_class

__all__ = [
    "get_static",
    "has_static",
    "invoke_generic_static",
    "invoke_static",
    "is_void_static",
    "register_static_fallback",
]

#: ``fallback(ps_type, name) -> (found, member)``: the .NET runtime's static member psbridge lacks.
StaticFallback = Callable[[PSType, str], tuple[bool, Any]]

_BY_TYPE: dict[str, dict[str, Any]] = {
    "System.Math": MATH,
    "System.String": STRING_STATICS,
    "System.DateTime": DATETIME,
    "System.DateTimeOffset": DATETIMEOFFSET,
    "System.TimeSpan": TIMESPAN,
    "System.Guid": GUID,
    "System.Text.RegularExpressions.Regex": REGEX,
    "System.Convert": CONVERT,
    "System.IO.Path": PATH,
    "System.IO.File": FILE,
    "System.IO.Directory": DIRECTORY,
    "System.Text.Encoding": ENCODING,
    "System.Environment": ENVIRONMENT,
    "System.Char": CHAR,
    "System.Uri": URI,
    "System.Array": ARRAY,
    "System.Enum": ENUM,
    "System.Management.Automation.WildcardPattern": WILDCARD,
    "System.Linq.Enumerable": LINQ,
    "System.Activator": ACTIVATOR,
    "System.StringComparer": STRING_COMPARERS,
    **MISC_STATICS,
}
_STATIC_ONLY = ("System.Math", "System.Convert", "System.IO.Path", "System.IO.File", "System.IO.Directory",
                "System.Environment", "System.Management.Automation.WildcardPattern", "System.Linq.Enumerable",
                "System.Activator")  # fmt: skip
for _name in _STATIC_ONLY:
    if find_type(_name) is None:
        register_type(static_class(_name), *(["WildcardPattern"] if _name.endswith("WildcardPattern") else []))
if find_type("System.DateTimeOffset") is None:
    _offset = DateTimeType()
    _offset.full_name = "System.DateTimeOffset"
    register_type(_offset)
for _class in (StringBuilder, Stopwatch, Random, StringComparer, MemoryStream, StreamWriter, StreamReader):
    register_type(ClassType(_class))

#: Static classes and abstract types: ``[math]::new()`` is MethodNotFound, as in .NET.
_NO_CONSTRUCTOR = frozenset({
    *_STATIC_ONLY, "System.Text.Encoding", "System.Array", "System.Enum", "System.Char", "System.Threading.Thread",
    "System.Runtime.InteropServices.RuntimeInformation", "System.DBNull",
})  # fmt: skip

#: Members that are properties in .NET but computed on each read here.
_PROPERTY_CALLS = PROPERTY_CALLS | MISC_PROPERTY_CALLS | {"now", "utcnow", "today"}
_CACHE: dict[tuple[int, str], tuple[bool, Any]] = {}
_FALLBACKS: list[StaticFallback] = []


def register_static_fallback(fallback: StaticFallback) -> None:
    """Where a static member psbridge lacks is looked up next (the .NET runtime, when loaded)."""
    if fallback not in _FALLBACKS:
        _FALLBACKS.append(fallback)
        _CACHE.clear()


def _class_member(ps_type: ClassType, folded: str) -> tuple[bool, Any]:
    if folded == "new":
        return True, ps_type.construct
    for attribute in dir(ps_type.cls):
        if attribute[:1].isupper() and attribute.casefold() == folded:
            return True, getattr(ps_type.cls, attribute)
    return False, None


def _own(ps_type: PSType, folded: str) -> tuple[bool, Any]:
    """psbridge's implementation of ``[ps_type]::name``, if any."""
    if isinstance(ps_type, NumericType):
        found, member = numeric_static(ps_type, folded)
        if found:
            return found, member
    if isinstance(ps_type, EnumType):
        found, member = enum_member(ps_type, folded)
        if found:
            return found, member
        if folded in ENUM:  # System.Enum's statics, inherited (PowerShell flattens the hierarchy)
            return True, ENUM[folded]
    table = _BY_TYPE.get(ps_type.full_name)
    if table is not None and folded in table:
        return True, table[folded]
    if isinstance(ps_type, ClassType):
        return _class_member(ps_type, folded)
    if folded == "new" and ps_type.full_name not in _NO_CONSTRUCTOR:
        return True, _constructor(ps_type)
    return False, None


def _constructor(ps_type: PSType) -> Callable[..., Any]:
    """``[T]::new(args)`` for a type psbridge converts to: one argument converts, none makes an empty one."""
    construct = getattr(ps_type, "construct", None)
    if callable(construct):
        return construct

    def new(*args: Any) -> Any:
        if not args:
            maker = getattr(ps_type, "new", None)
            return maker() if callable(maker) else ps_type.convert([])
        return ps_type.convert(args[0] if len(args) == 1 else list(args))

    return new


def _lookup(ps_type: PSType, name: str) -> tuple[bool, Any]:
    key = (id(ps_type), name.casefold())
    found = _CACHE.get(key)
    if found is None:
        found = _own(ps_type, key[1])
        if found[0] or not foreign_runtime_loaded():
            _CACHE[key] = found
    if not found[0] and foreign_runtime_loaded():
        for fallback in _FALLBACKS:
            found = fallback(ps_type, name)
            if found[0]:
                _CACHE[key] = found
                break
    return found


#: Static methods .NET declares ``void``: a call statement writes nothing.
_VOID_STATICS: dict[str, frozenset[str]] = {
    "System.Array": frozenset({"reverse", "sort", "clear", "copy", "resize"}),
    "System.IO.File": frozenset({"writealltext", "appendalltext", "writealllines", "appendalllines", "writeallbytes",
                                 "copy", "move", "delete"}),
    "System.IO.Directory": frozenset({"delete", "setcurrentdirectory"}),
    "System.Environment": frozenset({"setenvironmentvariable"}),
    "System.Threading.Thread": frozenset({"sleep"}),
}  # fmt: skip


def is_void_static(ps_type: PSType, name: str) -> bool:
    """Whether ``[T]::name()`` is a ``void`` method (asked only when a call returned None)."""
    folded = name.casefold()
    if folded in _VOID_STATICS.get(ps_type.full_name, ()):
        return True
    if isinstance(ps_type, ClassType):
        from .methods import declared_void

        return declared_void(ps_type.cls, folded)
    return False


def _empty_array(types: list[PSType], args: list[Any]) -> Any:
    """``[Array]::Empty[T]()``: an empty T[]."""
    if len(types) != 1 or args:
        raise RuntimeException(
            f'Cannot find an overload for "Empty" and the argument count: "{len(args)}".',
            error_id="MethodCountCouldNotFindBestGeneric",
        )
    return array_of(types[0]).convert([])


#: Generic static methods: (type, folded name) -> the method given its type arguments and arguments.
_GENERIC_STATICS: dict[tuple[str, str], Callable[[list[PSType], list[Any]], Any]] = {
    ("System.Array", "empty"): _empty_array,
    **GENERIC_STATICS,
}


def invoke_generic_static(ps_type: PSType, name: str, type_arguments: list[PSType], args: list[Any]) -> Any:
    """``[T]::Name[T1, ...](args)``; MethodNotFoundError for a generic method psbridge lacks."""
    method = _GENERIC_STATICS.get((ps_type.full_name, name.casefold()))
    if method is None:
        raise MethodNotFoundError(ps_type.full_name, name)
    return method(type_arguments, args)


def has_static(ps_type: PSType, name: str) -> bool:
    """Whether ``[ps_type]::name`` is implemented (used by the member audit)."""
    return _lookup(ps_type, name)[0]


def get_static(ps_type: PSType, name: str) -> Any:
    """``[T]::Name``: a property's value (PowerShell gives ``$null`` for a missing static property)."""
    found, member = _lookup(ps_type, name)
    if not found or member is None:
        return None
    if name.casefold() in _PROPERTY_CALLS and callable(member):
        return member()
    return member


def invoke_static(ps_type: PSType, name: str, args: tuple[Any, ...] | list[Any] = ()) -> Any:
    """``[T]::Name(args)``; MethodNotFoundError when neither psbridge nor .NET has such a static method."""
    found, member = _lookup(ps_type, name)
    if not found or not callable(member) or name.casefold() in _PROPERTY_CALLS or isinstance(member, PSType):
        raise MethodNotFoundError(ps_type.full_name, name)
    try:
        return member(*args)
    except TypeError as error:
        if "argument" in str(error):
            raise no_overload(name, len(args)) from None
        raise
    except RuntimeException:
        raise
    except (ValueError, IndexError, KeyError, OverflowError, ArithmeticError) as error:
        raise MethodInvocationError(name, len(args), str(error)) from None
