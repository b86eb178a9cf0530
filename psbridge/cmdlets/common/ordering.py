"""Ordering objects by property values, as Sort-Object and Group-Object do (OrderByProperty).

Each object gets a vector of key values, one per -Property expression (a name, a script block,
or for Sort-Object a hashtable with Ascending/Descending).  Keys compare with the language's
comparison (:func:`.semantics.compare`: ``$null`` is 0 against a number, else first), and an object lacking the
property sorts after all others whichever the direction, as ObjectCommandComparer does.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from ...errors import PSError
from .properties import PropertyExpression
from .semantics import compare, sort_key_text

__all__ = ["MISSING", "compare_keys", "compare_values", "key_values", "sort_entries"]


class _Missing:
    def __repr__(self) -> str:
        return "<no such property>"


#: An object lacking the property (ObjectCommandPropertyValue.NonExistingProperty).
MISSING: Any = _Missing()


def key_values(obj: Any, expressions: Sequence[PropertyExpression]) -> list[Any]:
    """The object's key vector; without expressions the object itself is its one key."""
    if not expressions:
        return [obj]
    values: list[Any] = []
    for expression in expressions:
        if expression.is_wildcard:  # each property the pattern matches is a key
            values.extend([value for _name, value in expression.values(obj)] or [MISSING])
            continue
        try:
            found, value = expression.value(obj)
        except PSError:
            found, value = False, None
        values.append(value if found else MISSING)
    return values


def compare_values(left: Any, right: Any, case_sensitive: bool) -> int:
    """ObjectCommandComparer for two key values (ascending; ``$null`` against a number is 0)."""
    if left is None and right is None:
        return 0
    return compare(left, right, case_sensitive=case_sensitive)


def sort_entries(
    entries: list[tuple[list[Any], Any]], ascending: Sequence[bool], case_sensitive: bool
) -> list[tuple[list[Any], Any]]:
    """``(keys, object)`` pairs in sorted order (stable: equal keys keep the input order)."""
    fast = _fast_key(entries, case_sensitive)
    if fast is not None and len(ascending) == 1:
        return sorted(entries, key=lambda entry: fast(entry[0][0]), reverse=not ascending[0])

    def order(a: tuple[list[Any], Any], b: tuple[list[Any], Any]) -> int:
        return compare_keys(a[0], b[0], ascending, case_sensitive)

    return sorted(entries, key=functools.cmp_to_key(order))


def compare_keys(a: list[Any], b: list[Any], ascending: Sequence[bool], case_sensitive: bool) -> int:
    for index, up in enumerate(ascending):
        left = a[index] if index < len(a) else MISSING
        right = b[index] if index < len(b) else MISSING
        if left is MISSING or right is MISSING:
            result = 0 if left is right else (1 if left is MISSING else -1)  # missing last, either way
        else:
            result = compare_values(left, right, case_sensitive)
            if not up:
                result = -result
        if result:
            return result
    return 0


def _fast_key(entries: list[tuple[list[Any], Any]], case_sensitive: bool) -> Any:
    """A plain sort key when every entry has one key of one simple kind (all plain numbers, or
    all strings), which order exactly as the comparison does; None otherwise."""
    if any(len(entry[0]) != 1 for entry in entries):
        return None
    kinds = {type(entry[0][0]) for entry in entries}
    if kinds <= {int, float}:
        return lambda value: value
    if kinds == {str}:
        return lambda value: sort_key_text(value, case_sensitive)
    return None
