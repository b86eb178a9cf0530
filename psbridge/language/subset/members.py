"""What ``$x.Prop``, ``$x[i]`` and pipeline enumeration do to a value.

PowerShell reads members through adapters: a hashtable's keys win over its
.NET properties (``@{Keys=1}.Keys`` is 1), a PSCustomObject answers with its
note properties, any object has the intrinsic ``Count``/``Length`` (1, or 0 for
``$null``), and a collection that lacks the member *enumerates* it: ``$threads.id``
is every thread's id (MiscOps ``PropertyGetter``).  Non-strict mode: a missing
member is ``$null``, an index out of range is ``$null``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...objects import Hashtable, PSObject, find_adapter, property_lookup, to_ps_string, type_names_of
from ..errors import ScriptRuntimeError

__all__ = ["collapse", "enumerate_value", "get_index", "get_member", "is_collection"]

_COLLECTION_PROPERTIES = {"count", "length", "longlength"}
_INTRINSIC = ("count", "length")


def is_collection(value: Any) -> bool:
    """Whether PowerShell enumerates the value in a pipeline (arrays and lists, not strings or dictionaries)."""
    if isinstance(value, list | tuple):
        return True
    if value is None or isinstance(value, str | Mapping | PSObject | int | float):
        return False
    if isinstance(value, set | frozenset):
        return True
    adapter = find_adapter(value)
    return adapter is not None and adapter.is_enumerable(value)


def enumerate_value(value: Any) -> list[Any]:
    """The objects a value puts into a pipeline: a collection's items (one level), else the value itself."""
    if isinstance(value, list | tuple | set | frozenset):
        return list(value)
    if is_collection(value):
        adapter = find_adapter(value)
        assert adapter is not None
        return list(adapter.to_python(value))
    return [value]


def collapse(output: list[Any]) -> Any:
    """A pipeline's output as one value: none -> ``$null``, one -> that object, several -> an array."""
    if not output:
        return None
    if len(output) == 1:
        return output[0]
    return list(output)


def _own_member(value: Any, name: str) -> tuple[bool, Any]:
    """``(found, value)`` of a member of a single object (no enumeration)."""
    folded = name.casefold()
    if value is None:
        return (True, 0) if folded in _INTRINSIC else (False, None)
    if isinstance(value, Hashtable):
        if name in value:
            return True, value[name]
        found, result = value.net_property(name)
        if found:
            return found, result
    else:
        # .NET properties psbridge implements (a DateTime's Year, a Match's Groups) come first,
        # so a Python attribute of the same name never answers for them.
        from ...conversion.methods import get_property as dotnet_property  # .NET members: loaded when used

        found, result = dotnet_property(value, name)
        if found:
            return found, result
        found, result = property_lookup(value)(name)
        if found:
            return found, result
    if folded in _INTRINSIC:
        return True, 1
    if folded == "pstypenames":
        return True, type_names_of(value)
    return False, None


def get_member(value: Any, name: str) -> Any:
    """``value.name`` as PowerShell evaluates it (non-strict: a missing member is ``$null``)."""
    if is_collection(value):
        items = enumerate_value(value)
        if name.casefold() in _COLLECTION_PROPERTIES:
            return len(items)
        results: list[Any] = []
        _enumerate_member(items, name, results)
        return collapse(results)
    return _own_member(value, name)[1]


def _enumerate_member(items: list[Any], name: str, results: list[Any]) -> None:
    """Member enumeration: each item's member, flattened; items lacking it are searched if collections."""
    for item in items:
        if is_collection(item):
            _enumerate_member(enumerate_value(item), name, results)
            continue
        found, result = _own_member(item, name)
        if found:
            results.extend(enumerate_value(result) if is_collection(result) else [result])


def get_index(value: Any, index: Any) -> Any:
    """``value[index]``: arrays by position (negative from the end), hashtables by key."""
    if value is None:
        raise ScriptRuntimeError("Cannot index into a null array.", error_id="NullArray")
    if isinstance(value, Hashtable):
        if is_collection(index):
            return [value.get(key) for key in enumerate_value(index)]
        return value.get(index) if _is_hashable(index) else None
    if is_collection(index):
        return [get_index(value, item) for item in enumerate_value(index)]
    if is_collection(value) or isinstance(value, str):
        items: Any = enumerate_value(value) if not isinstance(value, str) else value
        position = _as_position(index, value)
        if -len(items) <= position < len(items):
            return items[position]
        return None
    # A scalar is a one-element collection: $obj[0] and $obj[-1] are the object itself.
    position = _as_position(index, value)
    return value if position in (0, -1) else None



def _as_position(index: Any, target: Any) -> int:
    if isinstance(index, bool):
        return int(index)
    if isinstance(index, int):
        return index
    if isinstance(index, float) and index.is_integer():
        return int(index)
    try:
        return int(to_ps_string(index).strip())
    except ValueError:
        type_name = "System.Object[]" if is_collection(target) else type(target).__name__
        raise ScriptRuntimeError(
            f'Cannot convert value "{to_ps_string(index)}" to type "System.Int32". '
            f"Error: \"The input string '{to_ps_string(index)}' was not in a correct format.\"",
            error_id="InvalidCastFromStringToInteger",
            category="InvalidArgument",
            target_object=type_name,
        ) from None


def _is_hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True
