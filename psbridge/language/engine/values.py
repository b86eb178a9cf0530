"""How values enter and leave pipelines: enumeration one level deep, and a pipeline's
output as one value (none -> ``$null``, one -> the object, several -> an array).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...conversion import as_items

__all__ = ["collapse", "enumerate_value", "enumerated", "write_enumerated"]


def enumerate_value(value: Any) -> list[Any]:
    """The objects ``value`` puts into a pipeline: a collection's items, else the value itself."""
    if type(value) is list:
        return value
    items = as_items(value)
    return [value] if items is None else items


def write_enumerated(value: Any, out: Callable[[Any], None]) -> None:
    """Write ``value`` to ``out`` as an expression statement does (a collection item by item)."""
    if type(value) is list:
        for item in value:
            out(item)
        return
    if value is None or type(value) in _SCALARS:
        out(value)
        return
    items = as_items(value)
    if items is None:
        out(value)
    else:
        for item in items:
            out(item)


_SCALARS = frozenset({str, int, float, bool})


def enumerated(value: Any) -> list[Any]:
    """What :func:`write_enumerated` writes, as a new list."""
    if type(value) is list:
        return list(value)
    if value is None or type(value) in _SCALARS:
        return [value]
    items = as_items(value)
    return [value] if items is None else list(items)


def collapse(output: list[Any]) -> Any:
    """A pipeline's output as one value."""
    if not output:
        return None
    if len(output) == 1:
        return output[0]
    return output


_UNSET: Any = object()


def save_underbar(scope: Any) -> Any:
    """``$_`` of ``scope`` itself (not a parent's), to put back after a block set it."""
    variable = scope.variables.get("_")
    return _UNSET if variable is None else (variable, variable.value)


def restore_underbar(scope: Any, saved: Any) -> None:
    if saved is _UNSET:
        scope.variables.pop("_", None)
        return
    variable, value = saved
    variable.value = value
    scope.variables["_"] = variable
