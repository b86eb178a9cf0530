# ruff: noqa: E501 - member tables: one line per .NET member reads best
"""``[array]::`` and ``[enum]::`` statics, and an enum type's own members (``[DayOfWeek]::Monday``)."""

from __future__ import annotations

import enum
import functools
from typing import Any

from .collection_methods import LIST_METHODS, _order
from .errors import RuntimeException
from .member_args import as_int, invocation_failed, set_reference
from .pstype import PSType, TypedArray
from .richtypes import EnumType, enum_values
from .scalars import is_true, to_string

__all__ = ["ARRAY", "ENUM", "enum_member"]


def _array(value: Any, method: str, count: int) -> list[Any]:
    if value is None:
        raise invocation_failed(method, count, "Value cannot be null. (Parameter 'array')")
    if not isinstance(value, list):
        raise invocation_failed(method, count, "Object must be an array of primitives.")
    return value


def _sort(items: Any, *rest: Any) -> None:
    target = _array(items, "Sort", 1 + len(rest))
    if rest and isinstance(rest[0], list):  # Sort(keys, items)
        values = rest[0]
        positions: list[int] = list(range(len(target)))
        key: Any = functools.cmp_to_key(lambda a, b: _order(target[a], target[b]))
        order = sorted(positions, key=key)
        target[:], values[:] = [target[i] for i in order], [values[i] for i in order]
        return
    LIST_METHODS["sort"](target)




def _resize(reference: Any, size: Any) -> None:
    from .member_args import is_reference

    if not is_reference(reference):
        set_reference(reference, 1, None)
    current = reference.Value or []
    length = as_int(size)
    if length < 0:
        raise invocation_failed("Resize", 2, "Non-negative number required. (Parameter 'newSize')")
    element = getattr(current, "element_type", None)
    filler = element.convert(None) if element is not None and element.is_value_type else None
    items = list(current[:length]) + [filler] * max(0, length - len(current))
    reference.Value = TypedArray(items, element) if element is not None else items


def _copy(source: Any, *rest: Any) -> None:
    if len(rest) == 2:  # Copy(source, destination, length)
        target, length = rest[0], as_int(rest[1])
        start_source = start_target = 0
    else:  # Copy(source, sourceIndex, destination, destinationIndex, length)
        start_source, target, start_target, length = as_int(rest[0]), rest[1], as_int(rest[2]), as_int(rest[3])
    if start_source + length > len(source) or start_target + length > len(target):
        raise invocation_failed("Copy", 1 + len(rest), "Source array was not long enough. Check the source index, length, and the array's lower bounds. (Parameter 'sourceArray')")
    element = getattr(target, "element_type", None)
    for offset in range(length):
        value = source[start_source + offset]
        target[start_target + offset] = element.convert(value) if element is not None else value


def _create(element: Any, length: Any) -> Any:
    if not isinstance(element, PSType):
        from .typenames import resolve_type

        element = resolve_type(to_string(element))
    size = as_int(length)
    filler = element.convert(None) if element.is_value_type else None
    return TypedArray([filler] * size, element) if element.full_name != "System.Object" else [filler] * size


def _matching(action: str) -> Any:
    def run(items: Any, predicate: Any) -> Any:
        return LIST_METHODS[action](_array(items, action, 2), predicate)

    return run


ARRAY: dict[str, Any] = {
    "indexof": lambda items, value, *a: LIST_METHODS["indexof"](_array(items, "IndexOf", 2 + len(a)), value, *a),
    "lastindexof": lambda items, value: LIST_METHODS["lastindexof"](_array(items, "LastIndexOf", 2), value),
    "reverse": lambda items, *a: _array(items, "Reverse", 1 + len(a)).reverse(),
    "sort": _sort,
    "clear": lambda items, *a: _clear(_array(items, "Clear", 1 + len(a)), *a),
    "copy": _copy,
    "resize": _resize,
    "createinstance": _create,
    "exists": _matching("exists"),
    "find": _matching("find"),
    "findall": _matching("findall"),
    "findindex": _matching("findindex"),
    "trueforall": _matching("trueforall"),
    "convertall": lambda items, convert: [convert(item) for item in _array(items, "ConvertAll", 2)],
    "binarysearch": lambda items, value: _binary_search(_array(items, "BinarySearch", 2), value),
}  # fmt: skip


def _clear(items: list[Any], *bounds: Any) -> None:
    start, length = (as_int(bounds[0]), as_int(bounds[1])) if len(bounds) == 2 else (0, len(items))
    element = getattr(items, "element_type", None)
    filler = element.convert(None) if element is not None and element.is_value_type else None
    items[start : start + length] = [filler] * length


def _binary_search(items: list[Any], value: Any) -> int:
    low, high = 0, len(items) - 1
    while low <= high:
        middle = (low + high) // 2
        order = _order(items[middle], value)
        if order == 0:
            return middle
        low, high = (middle + 1, high) if order < 0 else (low, middle - 1)
    return ~low


# -- Enum ---------------------------------------------------------------------------------------------
def _enum_type(value: Any, method: str, count: int) -> EnumType:
    if isinstance(value, str):  # [Enum]::GetNames("System.DayOfWeek"): the string converts to a Type
        from .typenames import find_type

        value = find_type(value) or value
    if isinstance(value, EnumType):
        return value
    if isinstance(value, enum.Enum):
        from .engine import type_of

        found = type_of(value)
        if isinstance(found, EnumType):
            return found
    raise invocation_failed(method, count, "Type provided must be an Enum. (Parameter 'enumType')")


def _parse(enum_type: Any, text: Any, ignore_case: Any = False) -> Any:
    kind = _enum_type(enum_type, "Parse", 2)
    shown = to_string(text)
    parts = [part.strip() for part in shown.split(",")]
    names = kind.members if not is_true(ignore_case) else None
    result = 0
    for part in parts:
        name = part if names is not None and part in names else kind.by_fold.get(part.casefold()) if names is None else None
        if name is not None:
            result |= kind.members[name]
        elif part.lstrip("-").isdigit():
            result |= int(part)
        else:
            raise invocation_failed("Parse", 2 + (ignore_case is not False), f"Requested value '{part}' was not found.")
    try:
        return kind.python_enum(result)
    except ValueError:
        return result


def _try_parse(enum_type: Any, text: Any, *rest: Any) -> bool:
    try:
        value, parsed = _parse(enum_type, text, *rest[:-1]), True
    except RuntimeException:
        value, parsed = None, False
    set_reference(rest[-1], 2 + len(rest), value)
    return parsed


ENUM: dict[str, Any] = {
    "getvalues": lambda t: enum_values(_enum_type(t, "GetValues", 1)),
    "getnames": lambda t: list(_enum_type(t, "GetNames", 1).members),
    "getname": lambda t, value: next((m.name for m in _enum_type(t, "GetName", 2).python_enum if int(m.value) == _number(value)), None),
    "isdefined": lambda t, value: (to_string(value) in _enum_type(t, "IsDefined", 2).members) if isinstance(value, str) else any(int(m.value) == _number(value) for m in _enum_type(t, "IsDefined", 2).python_enum),
    "parse": _parse,
    "tryparse": _try_parse,
    "toobject": lambda t, value: _enum_type(t, "ToObject", 2).convert(_number(value)),
    "getunderlyingtype": lambda t: getattr(_enum_type(t, "GetUnderlyingType", 1), "underlying", None) or _int32(),
}  # fmt: skip


def _number(value: Any) -> int:
    return int(value.value) if isinstance(value, enum.Enum) else as_int(value)


def enum_member(enum_type: EnumType, folded: str) -> tuple[bool, Any]:
    """``[DayOfWeek]::Monday``: a member by name, case-insensitively."""
    name = enum_type.by_fold.get(folded)
    if name is None:
        return False, None
    return True, enum_type.convert(name)


def _int32() -> PSType:
    from .typenames import INT32

    return INT32
