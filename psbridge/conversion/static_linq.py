"""``[System.Linq.Enumerable]`` and ``[Activator]``: the generic statics scripts call most.

PowerShell 7.3+ calls a generic method either with explicit type arguments
(``[Linq.Enumerable]::Select[int, int]($xs, [Func[int, int]] { ... })``) or, without them,
inferring ``T`` from the arguments' types (``[Linq.Enumerable]::Distinct([int[]] $xs)``).
Both go through the functions here: each takes the type arguments (None when the call had
none: then ``T`` is the source's element type, Object for a plain array) and the arguments.

.NET's Linq is lazy; psbridge evaluates at once and returns a :class:`LinqSequence` (a
``List[T]`` that also has ``ToList()``/``ToArray()``), which enumerates like the iterator
would.  A delegate argument must be a delegate (``[Func[...]]``) unless the type arguments
were given, when a script block converts to the parameter's delegate type as pwsh converts
it; otherwise it is pwsh's "Cannot find an overload" error.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from ..objects.numeric import Char
from .collections import GenericList, as_items
from .delegates import DelegateType, ScriptDelegate, func_type
from .errors import RuntimeException
from .member_args import as_int, invocation_failed, no_overload
from .pstype import PSType

__all__ = ["ACTIVATOR", "GENERIC_STATICS", "LINQ", "LinqSequence"]

Types = list[PSType] | None
_OUT_OF_RANGE = "Specified argument was out of the range of valid values. (Parameter 'count')"


class LinqSequence(GenericList):
    """What a Linq method returned: enumerates, counts and indexes like a ``List[T]``."""

    __slots__ = ()

    def __ps_type_name__(self) -> str:
        name = self.element_type.full_name if self.element_type is not None else "System.Object"
        return f"System.Linq.Enumerable+Iterator`1[{name}]"

    def ToList(self) -> GenericList:
        return GenericList(self, self.element_type)

    def ToArray(self) -> Any:
        return _array(self.element_type, list(self))


def _type(name: str) -> PSType:
    from .typenames import find_type

    found = find_type(name)
    assert found is not None
    return found


def _array(element: PSType | None, items: list[Any]) -> Any:
    from .typenames import array_of

    if element is None or element.full_name == "System.Object":
        return list(items)
    return array_of(element).convert(items)


def _element_of(source: Any) -> PSType:
    element = getattr(source, "element_type", None)
    if isinstance(element, PSType):
        return element
    if isinstance(source, str):
        return _type("char")
    return _type("object")


def _items(method: str, count: int, source: Any, element: PSType | None = None) -> list[Any]:
    if source is None:
        raise invocation_failed(method, count, "Value cannot be null. (Parameter 'source')")
    if isinstance(source, str):
        items: list[Any] | None = [Char(character) for character in source]
    else:
        items = as_items(source)
    if items is None:
        raise no_overload(method, count)
    if element is not None and element.full_name != "System.Object":
        items = [element.convert(item) for item in items]
    return items


def _delegate(method: str, count: int, value: Any, made: DelegateType | None) -> Callable[..., Any]:
    if isinstance(value, ScriptDelegate):
        return value
    if made is not None:
        converted: Callable[..., Any] = made.convert(value)
        if converted is not None:
            return converted
    raise no_overload(method, count)


def _arity(method: str, types: Types, count: int, args: list[Any], allowed: tuple[int, ...], generic: int) -> None:
    """pwsh's errors for a call no overload takes: the argument count, the type argument count."""
    if len(args) not in allowed:
        raise no_overload(method, len(args))
    if types is not None and len(types) != generic:
        raise RuntimeException(
            f'Cannot find an overload for "{method}" and the argument count: "{count}".',
            error_id="MethodCountCouldNotFindBestGeneric",
        )


def _sequence(element: PSType | None, items: list[Any]) -> LinqSequence:
    return LinqSequence(items, element)


def _source(method: str, types: Types, args: list[Any]) -> tuple[PSType, list[Any]]:
    """The source sequence and ``TSource`` (given, or the source's element type)."""
    element = types[0] if types else _element_of(args[0])
    return element, _items(method, len(args), args[0], element if types else None)


# -- the methods -----------------------------------------------------------------------------------------
def _range(types: Types, args: list[Any]) -> Any:
    _arity("Range", types, len(args), args, (2,), 0)
    start, count = as_int(args[0]), as_int(args[1])
    if count < 0 or start + count - 1 > 2**31 - 1:
        raise invocation_failed("Range", 2, _OUT_OF_RANGE)
    return _sequence(_type("int"), list(range(start, start + count)))


def _repeat(types: Types, args: list[Any]) -> Any:
    _arity("Repeat", types, len(args), args, (2,), 1)
    element = types[0] if types else _element_scalar(args[0])
    count = as_int(args[1])
    if count < 0:
        raise invocation_failed("Repeat", 2, _OUT_OF_RANGE)
    value = element.convert(args[0])
    return _sequence(element, [value] * count)


def _element_scalar(value: Any) -> PSType:
    from .engine import type_of

    found = type_of(value) if value is not None else None
    return found if found is not None else _type("object")


def _empty(types: Types, args: list[Any]) -> Any:
    if types is None:
        raise RuntimeException(
            'Cannot find an overload for "Empty" and the argument count: "0".',
            error_id="MethodCountCouldNotFindBestGeneric",
        )
    _arity("Empty", types, 0, args, (0,), 1)
    return _sequence(types[0], [])


def _unary(name: str, apply: Callable[[list[Any]], list[Any]]) -> Callable[[Types, list[Any]], Any]:
    """``Distinct``, ``Reverse``...: one source sequence in, one out."""

    def method(types: Types, args: list[Any]) -> Any:
        _arity(name, types, len(args), args, (1,), 1)
        element, items = _source(name, types, args)
        return _sequence(element, apply(items))

    return method


def _distinct(items: list[Any]) -> list[Any]:
    seen: list[Any] = []
    hashed: set[Any] = set()
    for item in items:
        try:
            key = (type(item), item)
            if key in hashed:
                continue
            hashed.add(key)
        except TypeError:
            if any(other is item or other == item for other in seen):
                continue
            seen.append(item)
            continue
        seen.append(item)
    return seen


def _to_array(types: Types, args: list[Any]) -> Any:
    _arity("ToArray", types, len(args), args, (1,), 1)
    element, items = _source("ToArray", types, args)
    return _array(element, items)


def _to_list(types: Types, args: list[Any]) -> Any:
    _arity("ToList", types, len(args), args, (1,), 1)
    element, items = _source("ToList", types, args)
    return GenericList(items, element)


def _cast(name: str, keep_others: bool) -> Callable[[Types, list[Any]], Any]:
    """``Cast[T]``/``OfType[T]``: the type argument is the result's, never inferred."""

    def method(types: Types, args: list[Any]) -> Any:
        if types is None:
            raise RuntimeException(
                f'Cannot find an overload for "{name}" and the argument count: "{len(args)}".',
                error_id="MethodCountCouldNotFindBestGeneric",
            )
        _arity(name, types, len(args), args, (1,), 1)
        target = types[0]
        items = _items(name, 1, args[0])
        if not keep_others:
            return _sequence(target, [item for item in items if target.is_instance(item)])
        result = []
        for item in items:
            if target.full_name != "System.Object" and not target.is_instance(item):
                actual = _element_scalar(item).full_name
                raise invocation_failed(
                    name, 1, f"Unable to cast object of type '{actual}' to type '{target.full_name}'."
                )
            result.append(item)
        return _sequence(target, result)

    return method


def _select(types: Types, args: list[Any]) -> Any:
    _arity("Select", types, len(args), args, (2,), 2)
    element, items = _source("Select", types, args)
    made = func_type(element, types[1]) if types else None
    selector = _delegate("Select", 2, args[1], made)
    result_type = types[1] if types else getattr(getattr(selector, "delegate_type", None), "returns", None)
    return _sequence(result_type, [selector(item) for item in items])


def _predicate_method(
    name: str, finish: Callable[[str, PSType, list[Any]], Any], optional: bool = True
) -> Callable[[Types, list[Any]], Any]:
    """``Where``, ``Count``, ``Any``, ``First``...: a source and (maybe) a ``Func[T, bool]``."""

    def method(types: Types, args: list[Any]) -> Any:
        _arity(name, types, len(args), args, (1, 2) if optional else (2,), 1)
        element, items = _source(name, types, args)
        if len(args) == 2:
            made = func_type(element, _type("bool")) if types else None
            test = _delegate(name, 2, args[1], made)
            items = [item for item in items if test(item)]
        return finish(name, element, items)

    return method


def _first(name: str, element: PSType, items: list[Any]) -> Any:
    if not items:
        raise invocation_failed(name, 1, "Sequence contains no elements")
    return items[-1] if name == "Last" else items[0]


def _or_default(name: str, element: PSType, items: list[Any]) -> Any:
    if not items:
        return element.convert(None) if element.is_value_type else None
    return items[-1] if name == "LastOrDefault" else items[0]


def _all(types: Types, args: list[Any]) -> Any:
    _arity("All", types, len(args), args, (2,), 1)
    element, items = _source("All", types, args)
    made = func_type(element, _type("bool")) if types else None
    test = _delegate("All", 2, args[1], made)
    return all(test(item) for item in items)


def _contains(types: Types, args: list[Any]) -> Any:
    _arity("Contains", types, len(args), args, (2,), 1)
    element, items = _source("Contains", types, args)
    value = element.convert(args[1]) if element.full_name != "System.Object" else args[1]
    return any((item == value and type(item) is type(value)) or item is value for item in items)


def _skip_take(name: str) -> Callable[[Types, list[Any]], Any]:
    def method(types: Types, args: list[Any]) -> Any:
        _arity(name, types, len(args), args, (2,), 1)
        element, items = _source(name, types, args)
        count = max(as_int(args[1]), 0)
        return _sequence(element, items[count:] if name == "Skip" else items[:count])

    return method


def _pair(name: str, combine: Callable[[list[Any], list[Any]], Any]) -> Callable[[Types, list[Any]], Any]:
    """``Concat``, ``Union``, ``Intersect``, ``Except``, ``SequenceEqual``: two sequences of one T."""

    def method(types: Types, args: list[Any]) -> Any:
        _arity(name, types, len(args), args, (2,), 1)
        element, first = _source(name, types, args)
        second = _items(name, 2, args[1], element if types else None)
        result = combine(first, second)
        return result if isinstance(result, bool) else _sequence(element, result)

    return method


def _order_by(name: str, descending: bool) -> Callable[[Types, list[Any]], Any]:
    def method(types: Types, args: list[Any]) -> Any:
        _arity(name, types, len(args), args, (2,), 2)
        element, items = _source(name, types, args)
        made = func_type(element, types[1]) if types else None
        key = _delegate(name, 2, args[1], made)
        from .operators.comparison import compare

        def order(left: Any, right: Any) -> int:
            if compare("lt", left, right, False):
                return -1
            return 1 if compare("gt", left, right, False) else 0

        keyed: list[tuple[Any, Any]] = [(key(item), item) for item in items]
        def by_key(left: tuple[Any, Any], right: tuple[Any, Any]) -> int:
            return order(left[0], right[0])

        keyed.sort(key=functools.cmp_to_key(by_key), reverse=descending)
        return _sequence(element, [item for _key, item in keyed])

    return method


def _aggregate_number(name: str) -> Callable[[Types, list[Any]], Any]:
    """``Sum``, ``Min``, ``Max``, ``Average`` of a numeric sequence (non-generic overloads)."""

    def method(types: Types, args: list[Any]) -> Any:
        if types is not None and name in ("Sum", "Average"):
            raise RuntimeException(
                f'Cannot find an overload for "{name}" and the argument count: "{len(args)}".',
                error_id="MethodCountCouldNotFindBestGeneric",
            )
        _arity(name, types, len(args), args, (1,), 1)
        element, items = _source(name, types, args)
        if not element.is_numeric and name in ("Sum", "Average"):
            raise no_overload(name, 1)
        if name == "Sum":
            return element.convert(sum(items)) if element.is_numeric else sum(items)
        if not items:
            if name == "Average" or element.is_value_type:
                raise invocation_failed(name, 1, "Sequence contains no elements")
            return None
        if name == "Average":
            return sum(items) / len(items)
        from .operators.comparison import compare

        best = items[0]
        for item in items[1:]:
            if compare("lt" if name == "Min" else "gt", item, best, False):
                best = item
        return best

    return method


def _union(first: list[Any], second: list[Any]) -> list[Any]:
    return _distinct(first + second)


def _intersect(first: list[Any], second: list[Any]) -> list[Any]:
    return [item for item in _distinct(first) if item in second]


def _except(first: list[Any], second: list[Any]) -> list[Any]:
    return [item for item in _distinct(first) if item not in second]


_METHODS: dict[str, Callable[[Types, list[Any]], Any]] = {
    "range": _range,
    "repeat": _repeat,
    "empty": _empty,
    "distinct": _unary("Distinct", _distinct),
    "reverse": _unary("Reverse", lambda items: items[::-1]),
    "toarray": _to_array,
    "tolist": _to_list,
    "cast": _cast("Cast", True),
    "oftype": _cast("OfType", False),
    "select": _select,
    "where": _predicate_method("Where", lambda _name, element, items: _sequence(element, items), optional=False),
    "count": _predicate_method("Count", lambda _name, _element, items: len(items)),
    "any": _predicate_method("Any", lambda _name, _element, items: bool(items)),
    "first": _predicate_method("First", _first),
    "last": _predicate_method("Last", _first),
    "firstordefault": _predicate_method("FirstOrDefault", _or_default),
    "lastordefault": _predicate_method("LastOrDefault", _or_default),
    "all": _all,
    "contains": _contains,
    "skip": _skip_take("Skip"),
    "take": _skip_take("Take"),
    "concat": _pair("Concat", lambda first, second: first + second),
    "union": _pair("Union", _union),
    "intersect": _pair("Intersect", _intersect),
    "except": _pair("Except", _except),
    "sequenceequal": _pair("SequenceEqual", lambda first, second: first == second),
    "orderby": _order_by("OrderBy", False),
    "orderbydescending": _order_by("OrderByDescending", True),
    "sum": _aggregate_number("Sum"),
    "min": _aggregate_number("Min"),
    "max": _aggregate_number("Max"),
    "average": _aggregate_number("Average"),
}


def _inferred(method: Callable[[Types, list[Any]], Any]) -> Callable[..., Any]:
    return lambda *args: method(None, list(args))


#: ``[Linq.Enumerable]::Name(args)``: T inferred from the arguments.
LINQ: dict[str, Any] = {name: _inferred(method) for name, method in _METHODS.items()}


def _create_instance(types: Types, args: list[Any]) -> Any:
    """``[Activator]::CreateInstance[T]()`` / ``[Activator]::CreateInstance([T], args...)``."""
    from .statics import invoke_static

    if types is not None:
        _arity("CreateInstance", types, len(args), args, (0,), 1)
        return invoke_static(types[0], "new", [])
    if not args or not isinstance(args[0], PSType):
        raise no_overload("CreateInstance", len(args))
    rest = list(args[1:])
    if len(rest) == 1 and isinstance(rest[0], list):
        rest = list(rest[0])  # CreateInstance(Type, params object[] args)
    return invoke_static(args[0], "new", rest)


ACTIVATOR: dict[str, Any] = {"createinstance": _inferred(_create_instance)}

#: Generic static methods: (type, folded name) -> the method given its type arguments and arguments.
GENERIC_STATICS: dict[tuple[str, str], Callable[[list[PSType], list[Any]], Any]] = {
    **{("System.Linq.Enumerable", name): method for name, method in _METHODS.items()},
    ("System.Activator", "createinstance"): _create_instance,
}
