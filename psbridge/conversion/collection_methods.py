# ruff: noqa: E501 - member tables: one line per .NET member reads best
"""Instance methods of arrays, lists, Hashtable and OrderedDictionary.

An array (``@(1, 2)``, ``[int[]]``) is fixed-size: ``Add``/``Remove``/``Clear`` throw
"Collection was of a fixed size." as .NET's IList does, which scripts meet when
they forget ``$list = [System.Collections.Generic.List[object]]::new()``.  A typed
list converts what is added to its element type.  Hashtable keys compare
case-insensitively; ``Add`` of an existing key throws, ``$h[key] = v`` (not here)
replaces.  OrderedDictionary also indexes by position (``Insert``, ``RemoveAt``).
"""

from __future__ import annotations

import datetime as _dt
import uuid
from collections.abc import Callable
from typing import Any

from ..objects import Hashtable, OrderedDictionary
from .collections import ArrayList, ConcurrentDictionary, GenericDictionary, GenericList
from .member_args import as_int, flatten, invocation_failed
from .pstype import TypedArray
from .scalars import to_string

__all__ = ["DICTIONARY_METHODS", "DICTIONARY_VOID", "LIST_METHODS", "LIST_VOID", "DictionaryEntry"]

Method = Callable[..., Any]


def _growable(items: list[Any]) -> bool:
    return isinstance(items, GenericList | ArrayList)


def _fixed_size(method: str, count: int) -> Exception:
    return invocation_failed(method, count, "Collection was of a fixed size.")


def _element(items: list[Any], value: Any) -> Any:
    element = getattr(items, "element_type", None)
    return element.convert(value) if element is not None else value


def _same(a: Any, b: Any) -> bool:
    """Object.Equals as the collections use it: same type and equal (strings case-sensitive,
    ``[long]1`` is not ``1``); no PowerShell conversion."""
    return type(a) is type(b) and bool(a == b)


def _needle(items: list[Any], value: Any) -> Any:
    """The argument of Contains/IndexOf converted to a typed collection's element type, as the binder does."""
    return _element(items, value) if value is not None else None


def _list_add(items: list[Any], value: Any) -> Any:
    if not _growable(items):
        raise _fixed_size("Add", 1)
    items.append(_element(items, value))
    return len(items) - 1 if isinstance(items, ArrayList) else None


def _list_remove(items: list[Any], value: Any) -> bool | None:
    if not _growable(items):
        raise _fixed_size("Remove", 1)
    for index, item in enumerate(items):
        if _same(item, _needle(items, value)):
            del items[index]
            return True if isinstance(items, GenericList) else None
    return False if isinstance(items, GenericList) else None


def _index(items: list[Any], index: Any, method: str, count: int, *, inclusive: bool = False) -> int:
    at = as_int(index)
    if not 0 <= at < len(items) + inclusive:
        raise invocation_failed(method, count, "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')")
    return at


def _growing(method: str, count: int, action: Callable[..., Any]) -> Method:
    def run(items: list[Any], *args: Any) -> Any:
        if not _growable(items):
            raise _fixed_size(method, count)
        return action(items, *args)

    return run


def _clear(items: list[Any]) -> None:
    """List.Clear empties the list; IList.Clear of an array is Array.Clear: the array keeps its
    length and every element becomes its type's default (0 in an Int32[], $null in an Object[])."""
    if _growable(items):
        items.clear()
        return
    if not isinstance(items, list):
        raise _fixed_size("Clear", 0)
    items[:] = [_default_element(items)] * len(items)


#: default(T) of the value types whose cast from $null fails (``[datetime]$null`` is an error).
_DEFAULTS: dict[str, Any] = {
    "System.DateTime": _dt.datetime(1, 1, 1),
    "System.TimeSpan": _dt.timedelta(0),
    "System.Guid": uuid.UUID(int=0),
}


def _default_element(items: list[Any]) -> Any:
    """default(T) of a typed array's element type (None for reference types and Object[])."""
    element = getattr(items, "element_type", None)
    if element is None or not element.is_value_type:
        return None
    if element.full_name in _DEFAULTS:
        return _DEFAULTS[element.full_name]
    try:
        return element.convert(None)  # [int]$null is 0, [bool]$null $false, [char]$null "`0"
    except Exception:
        return None


def _sort(items: list[Any], *args: Any) -> None:
    """Array.Sort / List.Sort: the default comparer (strings by culture, ignoring case first)."""
    import functools

    items.sort(key=functools.cmp_to_key(_order))


def _order(a: Any, b: Any) -> int:
    """Comparer.Default: $null first, strings by culture (case-sensitive), numbers by value."""
    from .operators.comparison import _order as ordered

    if a is None or b is None:
        return (a is not None) - (b is not None)
    found = ordered(a, b, False)
    if found is None:
        raise invocation_failed("Sort", 1, "Failed to compare two elements in the array.")
    return found


def _copy_to(items: list[Any], target: list[Any], index: Any = 0) -> None:
    at = as_int(index)
    if at < 0 or at + len(items) > len(target):
        raise invocation_failed("CopyTo", 2, "Destination array was not long enough. Check the destination index, length, and the array's lower bounds. (Parameter 'destinationArray')")
    target[at : at + len(items)] = [_element(target, item) for item in items]


def _get_range(items: list[Any], index: Any, count: Any) -> Any:
    start, length = as_int(index), as_int(count)
    if start < 0 or length < 0 or start + length > len(items):
        raise invocation_failed("GetRange", 2, "Offset and length were out of bounds for the array or count is greater than the number of elements from index to the end of the source collection.")
    return type(items)(items[start : start + length], items.element_type) if isinstance(items, GenericList) else items[start : start + length]


def _bound(items: list[Any], dimension: Any, upper: bool) -> int:
    if as_int(dimension) != 0:
        raise invocation_failed("GetUpperBound" if upper else "GetLowerBound", 1, "Index was outside the bounds of the array.")
    return len(items) - 1 if upper else 0


def _clone(items: list[Any]) -> list[Any]:
    if isinstance(items, TypedArray | GenericList):
        return type(items)(items, items.element_type)
    return type(items)(items)


def _collection_text(items: Any, *_args: Any) -> str:
    """Object.ToString() of an array or list: its type's name (``System.Object[]``,
    ``System.Collections.Generic.List`1[System.String]``; about_Member-Access_Enumeration), not its
    items: "$array" and [string] join them, ToString() does not."""
    from ..objects import dotnet_type_name

    return dotnet_type_name(items)


LIST_METHODS: dict[str, Method] = {
    "tostring": _collection_text,
    "add": _list_add,
    "addrange": _growing("AddRange", 1, lambda items, more: items.extend(_element(items, v) for v in flatten(more))),
    "remove": _list_remove,
    "removeat": _growing("RemoveAt", 1, lambda items, i: items.__delitem__(_index(items, i, "RemoveAt", 1))),
    "removerange": _growing("RemoveRange", 2, lambda items, i, n: items.__delitem__(slice(as_int(i), as_int(i) + as_int(n)))),
    "removeall": _growing("RemoveAll", 1, lambda items, match: _remove_all(items, match)),
    "insert": _growing("Insert", 2, lambda items, i, v: items.insert(_index(items, i, "Insert", 2, inclusive=True), _element(items, v))),
    "insertrange": _growing("InsertRange", 2, lambda items, i, more: items.__setitem__(slice(as_int(i), as_int(i)), [_element(items, v) for v in flatten(more)])),
    "clear": _clear,
    "contains": lambda items, value: any(_same(item, _needle(items, value)) for item in items),
    "indexof": lambda items, value, *a: next((i for i, item in enumerate(items) if i >= (as_int(a[0]) if a else 0) and _same(item, _needle(items, value))), -1),
    "lastindexof": lambda items, value: max((i for i, item in enumerate(items) if _same(item, _needle(items, value))), default=-1),
    "toarray": lambda items: TypedArray(items, items.element_type) if isinstance(items, GenericList) and items.element_type is not None else list(items),
    "reverse": lambda items: items.reverse(),
    "sort": _sort,
    "getrange": _get_range,
    "getenumerator": lambda items: list(items),
    "clone": _clone,
    "copyto": _copy_to,
    "getvalue": lambda items, i: items[_index(items, i, "GetValue", 1)],
    "setvalue": lambda items, v, i: items.__setitem__(_index(items, i, "SetValue", 2), _element(items, v)),
    "get": lambda items, i: items[_index(items, i, "Get", 1)],
    "set": lambda items, i, v: items.__setitem__(_index(items, i, "Set", 2), _element(items, v)),
    "get_item": lambda items, i: items[_index(items, i, "get_Item", 1)],
    "set_item": lambda items, i, v: items.__setitem__(_index(items, i, "set_Item", 2), _element(items, v)),
    "getupperbound": lambda items, d: _bound(items, d, True),
    "getlowerbound": lambda items, d: _bound(items, d, False),
    "getlength": lambda items, d: _bound(items, d, True) + 1,
    "exists": lambda items, match: any(_truthy(match(item)) for item in items),
    "find": lambda items, match: next((item for item in items if _truthy(match(item))), None),
    "findall": lambda items, match: [item for item in items if _truthy(match(item))],
    "findindex": lambda items, match: next((i for i, item in enumerate(items) if _truthy(match(item))), -1),
    "trueforall": lambda items, match: all(_truthy(match(item)) for item in items),
}  # fmt: skip


#: Methods .NET declares ``void`` (a call statement writes nothing); Add and Remove depend on the class.
LIST_VOID = frozenset({"addrange", "removeat", "removerange", "insert", "insertrange", "clear", "reverse", "sort",
                       "copyto", "setvalue", "set", "set_item"})  # fmt: skip


def _truthy(value: Any) -> bool:
    from .scalars import is_true

    return is_true(value)


def _remove_all(items: list[Any], match: Callable[[Any], Any]) -> int:
    kept = [item for item in items if not _truthy(match(item))]
    removed = len(items) - len(kept)
    items[:] = kept
    return removed


# -- dictionaries ----------------------------------------------------------------------------------
class DictionaryEntry:
    """A System.Collections.DictionaryEntry from ``GetEnumerator()``: ``Key`` and ``Value``
    (and ``Name``, the alias property PowerShell's type data adds)."""

    __ps_type_name__ = "System.Collections.DictionaryEntry"
    __slots__ = ("Key", "Value")

    def __init__(self, key: Any, value: Any) -> None:
        self.Key, self.Value = key, value

    @property
    def Name(self) -> Any:
        return self.Key

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DictionaryEntry) and (self.Key, self.Value) == (other.Key, other.Value)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"[{self.Key}, {self.Value}]"

    def __str__(self) -> str:
        return self.__ps_type_name__


def _dictionary_add(table: Hashtable, key: Any, value: Any) -> None:
    if key is None:
        raise invocation_failed("Add", 2, "Key cannot be null. (Parameter 'key')")
    if key in table:
        raise invocation_failed("Add", 2, f"Item has already been added. Key in dictionary: '{to_string(key)}'  Key being added: '{to_string(key)}'")
    table[key] = value


def _ordered_only(method: str, count: int, action: Callable[..., Any]) -> Method:
    def run(table: Hashtable, *args: Any) -> Any:
        if not isinstance(table, OrderedDictionary):
            from .errors import MethodNotFoundError

            raise MethodNotFoundError(str(table), method)
        return action(table, *args)

    return run


def _ordered_insert(table: OrderedDictionary, index: Any, key: Any, value: Any) -> None:
    at = as_int(index)
    if not 0 <= at <= len(table):
        raise invocation_failed("Insert", 3, "Specified argument was out of the range of valid values. (Parameter 'index')")
    if key in table:
        raise invocation_failed("Insert", 3, f"Item has already been added. Key in dictionary: '{to_string(key)}'  Key being added: '{to_string(key)}'")
    entries = list(table.items())
    entries.insert(at, (key, value))
    table.clear()
    table.update(entries)


def _ordered_remove_at(table: OrderedDictionary, index: Any) -> None:
    at = as_int(index)
    if not 0 <= at < len(table):
        raise invocation_failed("RemoveAt", 1, "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')")
    del table[list(table)[at]]


def _only(kind: type, method: str, action: Callable[..., Any]) -> Method:
    """A method only ``kind``'s dictionaries have (Hashtable has no TryAdd): MethodNotFound on others."""

    def run(table: Hashtable, *args: Any) -> Any:
        if not isinstance(table, kind):
            from .errors import MethodNotFoundError

            raise MethodNotFoundError(str(table), method)
        return action(table, *args)

    return run


def _try_add(table: GenericDictionary, key: Any, value: Any) -> bool:
    """``TryAdd(key, value)``: False, and nothing changed, when the key is there."""
    if key is None:
        raise invocation_failed("TryAdd", 2, "Value cannot be null. (Parameter 'key')")
    if key in table:
        return False
    table[key] = value
    return True


def _value_of(factory: Any, *args: Any) -> Any:
    """A value argument, or what a value factory (a script block, a delegate) makes of ``args``."""
    invoke = getattr(factory, "invoke", None)
    if invoke is None or not hasattr(factory, "invoke_with_underbar"):
        return factory
    output = invoke(*args)
    return output[0] if len(output) == 1 else (output or None)


def _get_or_add(table: ConcurrentDictionary, key: Any, value: Any) -> Any:
    if key not in table:
        table[key] = _value_of(value, key)
    return table[key]


def _add_or_update(table: ConcurrentDictionary, key: Any, add: Any, update: Any) -> Any:
    table[key] = _value_of(update, key, table[key]) if key in table else _value_of(add, key)
    return table[key]


def _try_remove(table: ConcurrentDictionary, key: Any, reference: Any = None) -> bool:
    from .member_args import set_reference

    found = key in table
    removed = table.pop(key) if found else None
    if reference is not None:
        set_reference(reference, 2, removed)
    return found


def _try_update(table: ConcurrentDictionary, key: Any, new: Any, comparison: Any) -> bool:
    if key in table and _same(table[key], comparison):
        table[key] = new
        return True
    return False


def concurrent_with_argument(table: ConcurrentDictionary, method: str, argument_type: Any, args: list[Any]) -> Any:
    """``AddOrUpdate[TArg](key, addFactory, updateFactory, factoryArgument)`` and
    ``GetOrAdd[TArg](key, valueFactory, factoryArgument)``: the factories get the key (the current
    value for an update) and the argument, converted to TArg."""
    expected = 4 if method == "addorupdate" else 3
    if len(args) != expected:
        raise invocation_failed("AddOrUpdate" if method == "addorupdate" else "GetOrAdd", len(args), "no overload")
    key, *factories, raw = args
    argument = argument_type.convert(raw) if hasattr(argument_type, "convert") else raw
    if method == "getoradd":
        if key not in table:
            table[key] = _typed_value(table, _value_of(factories[0], key, argument))
        return table[key]
    add, update = factories
    current = _value_of(update, key, table[key], argument) if key in table else _value_of(add, key, argument)
    table[key] = _typed_value(table, current)
    return table[key]


def _typed_value(table: GenericDictionary, value: Any) -> Any:
    value_type = table.value_type
    return value_type.convert(value) if value_type is not None else value


def _try_get_value(table: Hashtable, key: Any, reference: Any = None) -> bool:
    from .member_args import set_reference

    found = key in table
    if reference is not None:
        set_reference(reference, 2, table[key] if found else None)
    return found


def _dictionary_remove(table: Any, key: Any) -> Any:
    """``Remove(key)``: void for a Hashtable; a ``Dictionary[K, V]`` answers whether it removed."""
    found = key in table
    table.pop(key, None)
    return found if isinstance(table, GenericDictionary) else None


DICTIONARY_VOID = frozenset({"add", "remove", "clear", "set_item", "insert", "removeat", "copyto"})

DICTIONARY_METHODS: dict[str, Method] = {
    "add": _dictionary_add,
    "remove": _dictionary_remove,
    "containskey": lambda table, key: key is not None and key in table,
    "contains": lambda table, key: key is not None and key in table,
    "containsvalue": lambda table, value: any(_same(item, value) for item in table.values()),
    "clear": lambda table: table.clear(),
    "clone": lambda table: table.copy(),
    "getenumerator": lambda table: [DictionaryEntry(key, value) for key, value in table.items()],
    "trygetvalue": _try_get_value,
    "tryadd": _only(GenericDictionary, "TryAdd", _try_add),
    "getoradd": _only(ConcurrentDictionary, "GetOrAdd", _get_or_add),
    "addorupdate": _only(ConcurrentDictionary, "AddOrUpdate", _add_or_update),
    "tryremove": _only(ConcurrentDictionary, "TryRemove", _try_remove),
    "tryupdate": _only(ConcurrentDictionary, "TryUpdate", _try_update),
    "get_item": lambda table, key: table.get(key),
    "set_item": lambda table, key, value: table.__setitem__(key, value),
    "insert": _ordered_only("Insert", 3, _ordered_insert),
    "removeat": _ordered_only("RemoveAt", 1, _ordered_remove_at),
    "asreadonly": _ordered_only("AsReadOnly", 0, lambda table: table.copy()),
    "copyto": lambda table, target, index=0: _copy_to([DictionaryEntry(k, v) for k, v in table.items()], target, index),
}  # fmt: skip
