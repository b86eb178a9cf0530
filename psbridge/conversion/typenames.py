"""Type literals: ``[int]``, ``[System.Int32]``, ``[string[]]``, ``[List[string]]``, ``[Nullable[int]]``.

A name resolves as PowerShell's TypeResolver does: a type accelerator (the
PowerShell 7 list: ``int``, ``long``, ``hashtable``, ``ordered``, ``pscustomobject``,
``regex``, ``datetime`` ...), a full name, the name under ``System.`` or under one
of the script's ``using namespace`` namespaces; generic arguments and array
suffixes compose.  An unknown name is :class:`TypeNotFoundError` (``Unable to find
type [Foo].``), unless a resolver registered with :func:`register_type_resolver`
(the .NET adapter, when a runtime is loaded) knows it.

Public: :func:`resolve_type`, :func:`find_type`, :func:`register_type`,
:func:`register_type_resolver`, :func:`parse_type_name`, :data:`ACCELERATORS`,
and the PSTypes scripts name most: :data:`OBJECT`, :data:`STRING`, :data:`INT32` ...
"""

from __future__ import annotations

import contextvars
import datetime as _dt
import decimal
import enum
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..objects import Hashtable, PSObject, SwitchParameter
from ..objects.adapters import foreign_runtime_loaded
from ..objects.numeric import INT32_MAX, INT32_MIN, INT64_MAX, INT64_MIN, Char, TypeCode
from .basictypes import EnumType, SecureStringType, UriType
from .collections import (
    ArrayList,
    ArrayType,
    ConcurrentDictionaryType,
    CustomObjectType,
    DictionaryType,
    GenericList,
    HashtableType,
    InterfaceType,
    ListType,
    NullableType,
    OrderedType,
    as_items,
)
from .enums import ENUM_CLASSES
from .errors import TypeNotFoundError
from .pstype import ObjectType, PSType
from .scalars import BooleanType, CharType, NumericType, StringType, SwitchType

__all__ = [
    "ACCELERATORS",
    "USING_NAMESPACES",
    "defer_type",
    "find_type",
    "parse_type_name",
    "register_type",
    "register_type_resolver",
    "registered_type",
    "resolve_type",
]

_TYPES: dict[str, PSType] = {}
# Types made on first use (folded full name -> factory): date, regex, enum and the other rich types
# cost their modules' import, which binding a [string] or [int] parameter never needs.
_DEFERRED: dict[str, Callable[[], PSType]] = {}
_MADE: dict[str, PSType] = {}
#: The ``using namespace`` namespaces of the script running now: a type name given as text
#: (``'StringBuilder' -as [type]``, ``[type]$name``) resolves in them too, as PowerShell's
#: TypeResolutionState makes it (type literals get theirs when the script is compiled).
USING_NAMESPACES: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar(
    "psbridge_using_namespaces", default=()
)
_RESOLVERS: list[Callable[[str], PSType | None]] = []
_CACHE: dict[tuple[str, tuple[str, ...]], PSType] = {}


def register_type(ps_type: PSType, *aliases: str) -> PSType:
    """Make ``ps_type`` resolvable by its full name and by each accelerator alias."""
    _TYPES[ps_type.full_name.casefold()] = ps_type
    for alias in aliases:
        ACCELERATORS[alias.casefold()] = ps_type.full_name
    return ps_type


def forget_resolved(full_name: str) -> None:
    """Drop what name resolution remembers of ``full_name`` (after it was registered anew)."""
    folded = full_name.casefold()
    for key in [key for key, value in _CACHE.items() if value.full_name.casefold() == folded]:
        del _CACHE[key]


def defer_type(full_name: str, factory: Callable[[], PSType], *aliases: str) -> None:
    """Like :func:`register_type`, but the type is made by ``factory`` when a name first resolves to it."""
    _DEFERRED[full_name.casefold()] = factory
    for alias in aliases:
        ACCELERATORS[alias.casefold()] = full_name


def _made(folded: str) -> PSType:
    """The deferred type named ``folded``, made once."""
    found = _MADE.get(folded)
    if found is None:
        found = _MADE[folded] = _DEFERRED[folded]()
    return found


def _registered(folded: str) -> PSType | None:
    found = _TYPES.get(folded)
    if found is None and folded in _DEFERRED:
        found = _TYPES[folded] = _made(folded)
    return found


def registered_type(full_name: str) -> PSType | None:
    """The type registered under ``full_name``, without resolving anything (no accelerators, no
    ``System.`` prefix, no member tables or .NET runtime imported to look further)."""
    return _registered(full_name.casefold())


def register_type_resolver(resolver: Callable[[str], PSType | None]) -> None:
    """A fallback for names psbridge does not know (the .NET runtime, when loaded)."""
    if resolver not in _RESOLVERS:
        _RESOLVERS.append(resolver)
        _CACHE.clear()


ACCELERATORS: dict[str, str] = {}

OBJECT = register_type(ObjectType(), "object")
STRING = register_type(StringType(), "string")
CHAR = register_type(CharType(), "char")
BOOLEAN = register_type(BooleanType(), "bool")
SWITCH = register_type(SwitchType(), "switch")
SBYTE = register_type(NumericType("System.SByte", TypeCode.SByte, -128, 127), "sbyte")
BYTE = register_type(NumericType("System.Byte", TypeCode.Byte, 0, 255), "byte")
INT16 = register_type(NumericType("System.Int16", TypeCode.Int16, -(2**15), 2**15 - 1), "short", "int16")
UINT16 = register_type(NumericType("System.UInt16", TypeCode.UInt16, 0, 2**16 - 1), "ushort", "uint16")
INT32 = register_type(NumericType("System.Int32", TypeCode.Int32, INT32_MIN, INT32_MAX), "int", "int32")
UINT32 = register_type(NumericType("System.UInt32", TypeCode.UInt32, 0, 2**32 - 1), "uint", "uint32")
INT64 = register_type(NumericType("System.Int64", TypeCode.Int64, INT64_MIN, INT64_MAX), "long", "int64")
UINT64 = register_type(NumericType("System.UInt64", TypeCode.UInt64, 0, 2**64 - 1), "ulong", "uint64")
BIGINT = register_type(NumericType("System.Numerics.BigInteger", TypeCode.BigInteger), "bigint")
SINGLE = register_type(NumericType("System.Single", TypeCode.Single), "float", "single")
DOUBLE = register_type(NumericType("System.Double", TypeCode.Double), "double")
DECIMAL = register_type(NumericType("System.Decimal", TypeCode.Decimal), "decimal")
HASHTABLE = register_type(HashtableType(), "hashtable")
ORDERED = register_type(OrderedType(), "ordered")
PSOBJECT = register_type(CustomObjectType(), "psobject", "pscustomobject")


def _rich(class_name: str, *args: Any) -> Callable[[], PSType]:
    def make() -> PSType:
        from . import richtypes

        made: PSType = getattr(richtypes, class_name)(*args)
        return made

    return make


# The rich types, made on first use: module constant -> (full name, class in richtypes, accelerators).
_RICH: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "DATETIME": ("System.DateTime", "DateTimeType", ("datetime",)),
    "TIMESPAN": ("System.TimeSpan", "TimeSpanType", ("timespan",)),
    "GUID": ("System.Guid", "GuidType", ("guid",)),
    "VERSION": ("System.Version", "VersionType", ("version",)),
    "REGEX": ("System.Text.RegularExpressions.Regex", "RegexType", ("regex",)),
    "SCRIPTBLOCK": ("System.Management.Automation.ScriptBlock", "ScriptBlockType", ("scriptblock",)),
    "ENCODING": ("System.Text.Encoding", "EncodingType", ()),
}
for _full_name, _class_name, _aliases in _RICH.values():
    defer_type(_full_name, _rich(_class_name), *_aliases)
# Declared for type checkers; made by the module's __getattr__ on first use.
DATETIME: PSType
TIMESPAN: PSType
GUID: PSType
VERSION: PSType
REGEX: PSType
SCRIPTBLOCK: PSType
ENCODING: PSType
TYPE: PSType
URI = register_type(UriType(), "uri")
SECURESTRING = register_type(SecureStringType(), "securestring")
ARRAYLIST = register_type(ListType("System.Collections.ArrayList", None, ArrayList))
VOID = register_type(ObjectType("System.Void"), "void")
OBJECT_ARRAY = ArrayType(OBJECT)


def _custom_object(value: Any) -> bool:
    if getattr(value, "script_class", None) is not None:
        return False  # an instance of a script's class is not a PSCustomObject
    return isinstance(value, PSObject) or (isinstance(value, Mapping) and not isinstance(value, Hashtable))


def _declares(value: Any, method: str) -> bool:
    """Whether a script class's instance has the method (how it implements an interface)."""
    script_class = getattr(value, "script_class", None)
    return script_class is not None and bool(script_class.find_methods(method, static=False))


for _name, _predicate, _value_type in (
    ("System.Array", lambda v: as_items(v) is not None and isinstance(v, list | tuple), False),
    (
        "System.ValueType",
        lambda v: isinstance(
            v, int | float | decimal.Decimal | Char | _dt.datetime | _dt.timedelta | enum.Enum | SwitchParameter
        ),
        False,
    ),
    ("System.Enum", lambda v: isinstance(v, enum.Enum), False),
    ("System.Collections.IDictionary", lambda v: isinstance(v, Mapping) and not isinstance(v, PSObject), False),
    ("System.Collections.IEnumerable", lambda v: isinstance(v, str | Hashtable) or as_items(v) is not None, False),
    ("System.Collections.ICollection", lambda v: isinstance(v, Hashtable) or as_items(v) is not None, False),
    ("System.Collections.IList", lambda v: isinstance(v, list | tuple), False),
    ("System.IComparable", lambda v: isinstance(v, str | int | float | decimal.Decimal | _dt.datetime), False),
    ("System.IFormattable", lambda v: isinstance(v, int | float | decimal.Decimal | _dt.datetime), False),
    ("System.Management.Automation.PSCustomObject", _custom_object, False),
    ("System.IDisposable", lambda v: callable(getattr(v, "Dispose", None)) or _declares(v, "dispose"), False),
):
    register_type(InterfaceType(_name, _predicate, is_value_type=_value_type))
ACCELERATORS["array"] = "System.Array"


def _resolve_for_type(name: str) -> PSType:
    from .script_types import state

    return resolve_type(name, USING_NAMESPACES.get(), local=state.visible())


_RICH["TYPE"] = ("System.Type", "TypeType", ("type",))
defer_type("System.Type", _rich("TypeType", _resolve_for_type), "type")


def _enum_type(full_name: str, class_name: str, flags: bool) -> PSType:
    """A .NET enum's type, its Python enum made (:mod:`.enums`) when the name first resolves."""
    from . import enums

    return EnumType(full_name, getattr(enums, class_name), flags=flags)


for _full_name, (_class_name, _flags) in ENUM_CLASSES.items():
    defer_type(_full_name, functools.partial(_enum_type, _full_name, _class_name, _flags))


def __getattr__(name: str) -> PSType:
    """The rich types' module constants (``DATETIME``, ``REGEX`` ...), made on first use."""
    rich = _RICH.get(name)
    if rich is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = _made(rich[0].casefold())
    globals()[name] = value
    return value


def _generic_container(class_name: str) -> Callable[..., PSType]:
    def make(element: PSType) -> PSType:
        from . import generic_collections

        made: PSType = generic_collections.generic_container_type(getattr(generic_collections, class_name))(element)
        return made

    return make


def _generic_list(element: PSType) -> PSType:
    def make(items: list[Any]) -> GenericList:
        return GenericList(items, element)

    return ListType(f"System.Collections.Generic.List`1[{element.full_name}]", element, make)


def _delegate(factory: str) -> Callable[..., PSType]:
    def make(*arguments: PSType) -> PSType:
        from . import delegates

        made: PSType = getattr(delegates, factory)(*arguments)
        return made

    return make


# Generic type definitions: name -> (arity (-1: one to sixteen), factory of the closed type).
_GENERICS: dict[str, tuple[int, Callable[..., PSType]]] = {
    "system.collections.generic.list": (1, _generic_list),
    "system.collections.generic.dictionary": (2, DictionaryType),
    "system.collections.concurrent.concurrentdictionary": (2, ConcurrentDictionaryType),
    "system.nullable": (1, NullableType),
    "system.collections.generic.stack": (1, _generic_container("GenericStack")),
    "system.collections.generic.queue": (1, _generic_container("GenericQueue")),
    "system.collections.generic.hashset": (1, _generic_container("GenericHashSet")),
    "system.func": (-1, _delegate("func_type")),
    "system.action": (-1, _delegate("action_type")),
    "system.predicate": (1, _delegate("predicate_type")),
}
_GENERIC_CACHE: dict[tuple[str, tuple[int, ...]], PSType] = {}

_TOKEN = re.compile(r"\s*(\[|\]|,|[^\[\],]+)")


def parse_type_name(text: str) -> tuple[str, list[Any], int]:
    """``"List[string][]"`` -> ``("List", [("string", [], 0)], 1)``: name, generic arguments, array rank."""
    tokens = [match.group(1).strip() for match in _TOKEN.finditer(text.strip())]
    tokens = [token for token in tokens if token]
    if len(tokens) >= 2 and tokens[0] == "[" and tokens[-1] == "]" and _balanced(tokens[1:-1]):
        tokens = tokens[1:-1]
    parsed, end = _parse(tokens, 0, text)
    if end != len(tokens):
        raise TypeNotFoundError(text.strip())
    return parsed


def _balanced(tokens: list[str]) -> bool:
    depth = 0
    for token in tokens:
        depth += token == "["
        depth -= token == "]"
        if depth < 0:
            return False
    return depth == 0


def _parse(tokens: list[str], pos: int, text: str) -> tuple[tuple[str, list[Any], int], int]:
    if pos >= len(tokens) or tokens[pos] in "[],":
        raise TypeNotFoundError(text.strip())
    name = tokens[pos]
    pos += 1
    args: list[Any] = []
    rank = 0
    while pos < len(tokens) and tokens[pos] == "[":
        if pos + 1 < len(tokens) and tokens[pos + 1] == "]":
            rank += 1
            pos += 2
            continue
        if args or rank:
            raise TypeNotFoundError(text.strip())
        pos += 1
        while True:
            bracketed = tokens[pos : pos + 1] == ["["]
            argument, pos = _parse(tokens, pos + bracketed, text)
            if bracketed:
                if tokens[pos : pos + 1] != ["]"]:
                    raise TypeNotFoundError(text.strip())
                pos += 1
            args.append(argument)
            if tokens[pos : pos + 1] == [","]:
                pos += 1
                continue
            if tokens[pos : pos + 1] != ["]"]:
                raise TypeNotFoundError(text.strip())
            pos += 1
            break
    return (name, args, rank), pos


def find_type(
    name: str, namespaces: Iterable[str] = (), local: Mapping[str, PSType] | None = None
) -> PSType | None:
    """The PSType for a type name, or None (no TypeNotFound error)."""
    try:
        return resolve_type(name, namespaces, local)
    except TypeNotFoundError:
        return None


def resolve_type(name: str, namespaces: Iterable[str] = (), local: Mapping[str, PSType] | None = None) -> PSType:
    """``[name]`` as a type literal; TypeNotFoundError when nothing by that name is known.

    ``local`` (folded name -> type) are the types a script defined where the literal is
    evaluated; they are found first, as PowerShell's TypeResolver looks in the scopes' type
    tables before the assemblies (such a result is not cached here: it depends on the scope)."""
    if local:
        return _build(parse_type_name(name), tuple(namespaces), name, local)
    key = (name, tuple(namespaces))
    found = _CACHE.get(key)
    if found is None:
        parsed = parse_type_name(name)
        found = _build(parsed, key[1], name)
        _CACHE[key] = found
    return found


def _build(
    parsed: tuple[str, list[Any], int],
    namespaces: tuple[str, ...],
    text: str,
    local: Mapping[str, PSType] | None = None,
) -> PSType:
    base_name, args, rank = parsed
    if args:
        base = _generic(base_name, [_build(arg, namespaces, text, local) for arg in args], namespaces, _display(parsed))
    else:
        named = local.get(base_name.casefold()) if local else None
        if named is None:
            named = _named(base_name, namespaces)
        if named is None:
            raise TypeNotFoundError(_display(parsed))
        base = named
    for _ in range(rank):
        base = _array_of(base)
    return base


_ARRAYS: dict[int, ArrayType] = {}


def _array_of(element: PSType) -> ArrayType:
    if getattr(element, "script_defined", False):
        # A script's type lives as long as its scope: its array type is kept on it, not by id here.
        own: ArrayType | None = getattr(element, "array_type", None)
        if own is None:
            own = ArrayType(element)
            element.array_type = own  # type: ignore[attr-defined]
        return own
    found = _ARRAYS.get(id(element))
    if found is None:
        found = OBJECT_ARRAY if element is OBJECT else ArrayType(element)
        _ARRAYS[id(element)] = found
    return found


def _candidates(name: str, namespaces: tuple[str, ...]) -> list[str]:
    folded = name.casefold().split("`")[0]
    names = [folded]
    accelerated = ACCELERATORS.get(folded)
    if accelerated is not None:
        names.insert(0, accelerated.casefold())
    names.append("system." + folded)
    names.extend(f"{space.casefold()}.{folded}" for space in namespaces)
    return names


def _named(name: str, namespaces: tuple[str, ...]) -> PSType | None:
    for candidate in _candidates(name, namespaces):
        found = _registered(candidate)
        if found is not None:
            return found
    if _register_member_types():
        return _named(name, namespaces)
    foreign_runtime_loaded()  # once a runtime is up, this imports psbridge.dotnet, which registers its resolver
    for resolver in _RESOLVERS:
        found = resolver(name)
        if found is not None:
            return found
    return None


_member_types_registered = False


def _register_member_types() -> bool:
    """Import the static member tables once, which registers the types they serve
    (``[IO.File]``, ``[cultureinfo]``, ``[Text.StringBuilder]`` ...); True when that was new."""
    global _member_types_registered
    if _member_types_registered:
        return False
    _member_types_registered = True
    from . import statics  # noqa: F401 - registers its types on import

    return True


def _generic(name: str, args: list[PSType], namespaces: tuple[str, ...], text: str) -> PSType:
    for candidate in _candidates(name, namespaces):
        definition = _GENERICS.get(candidate)
        if definition is None:
            continue
        arity, factory = definition
        if arity != len(args) and not (arity == -1 and 1 <= len(args) <= 16):
            break
        if candidate == "system.nullable" and not args[0].is_value_type:
            raise TypeNotFoundError(
                text,
                f"GenericArguments[0], '{args[0].full_name}', on 'System.Nullable`1[T]' "
                "violates the constraint of type 'T'.",
            )
        if any(getattr(arg, "script_defined", False) for arg in args):
            return factory(*args)  # not cached by id: a script's type does not live for ever
        key = (candidate, tuple(id(arg) for arg in args))
        found = _GENERIC_CACHE.get(key)
        if found is None:
            found = factory(*args)
            _GENERIC_CACHE[key] = found
        return found
    raise TypeNotFoundError(text)


def _display(parsed: tuple[str, list[Any], int]) -> str:
    name, args, rank = parsed
    inner = f"[{','.join(_display(arg) for arg in args)}]" if args else ""
    return name + inner + "[]" * rank


def array_of(element: PSType) -> ArrayType:
    """The ``T[]`` type for an element type (cached, so ``[int[]]`` is always the same object)."""
    return _array_of(element)
