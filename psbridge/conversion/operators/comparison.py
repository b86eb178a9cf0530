"""Comparison operators: -eq -ne -gt -ge -lt -le, -like, -match, -contains, -in, -is, -as.

As PowerShell: case-insensitive unless the ``c`` variant is used (``ignore_case=False``);
an array on the left *filters* (``1,2,3 -gt 1`` is ``2,3``); the right operand is
converted to the left's type (``"1" -eq 1`` compares strings, ``1 -eq "1"`` numbers);
``$null`` compares as PowerShell's binder does (against a number it is 0 for the
ordering operators); strings compare by the invariant culture.

Public: :func:`compare` (``op`` one of ``eq ne gt ge lt le``), :func:`equals`,
:func:`like`, :func:`wildcard_regex`, :func:`match` (returns ``(result, matches)``:
the value and the ``$Matches`` hashtable to set, or None), :func:`contains`,
:func:`is_in`, :func:`is_type`, :func:`as_type`.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import re
from typing import Any

from ...objects import Hashtable
from ...objects.numeric import Char
from ..collections import as_items
from ..engine import as_type as _as_type
from ..engine import is_instance, type_of
from ..errors import PSInvalidCastError, RuntimeException
from ..pstype import PSType
from ..regex import Match, Regex, RegexParseError, regex_for
from ..scalars import to_string
from ..script_types import state as script_types
from ..typenames import find_type
from .numeric import as_operand, is_number, numeric_compare

__all__ = ["as_type", "compare", "contains", "equals", "is_in", "is_type", "like", "match", "wildcard_regex"]

_ORDERED = {"gt": (1,), "ge": (0, 1), "lt": (-1,), "le": (-1, 0)}


def _culture_key(text: str) -> tuple[str, str]:
    """An approximation of the invariant culture's order: letters first by their lower case,
    and (case-sensitive) a lower-case letter before its upper case."""
    return text.lower(), text.swapcase()


def _string_order(left: str, right: str, ignore_case: bool) -> int:
    if ignore_case:
        a, b = left.lower(), right.lower()
    else:
        a, b = _culture_key(left), _culture_key(right)  # type: ignore[assignment]
    return (a > b) - (a < b)


def equals(left: Any, right: Any, ignore_case: bool = True) -> bool:
    """``left -eq right`` for a scalar left operand (no filtering)."""
    if left is None:
        return right is None
    if right is None:
        return False
    kind = type(left)
    if kind is str or (isinstance(left, str) and not isinstance(left, Char)):
        other = right if type(right) is str else to_string(right)
        return left.lower() == other.lower() if ignore_case else str.__eq__(left, other)
    if isinstance(left, Char) and ignore_case and isinstance(right, str):
        return left.lower() == right.lower()
    if is_number(left) and not isinstance(left, bool | Char):  # IsNumeric: not Boolean, not Char
        if is_number(right):
            return numeric_compare(left, right) == 0
        if isinstance(right, str):
            try:
                return numeric_compare(left, as_operand(right, left)) == 0
            except PSInvalidCastError:
                return False
    if _plain_equal(left, right):
        return True
    target = type_of(left)
    if target is None:
        return False
    try:
        converted = target.convert(right)
    except (PSInvalidCastError, RuntimeException, ValueError, TypeError):
        return False
    return _plain_equal(left, converted)


def _plain_equal(left: Any, right: Any) -> bool:
    """Object.Equals: same kind and value (Python's 1 == True is not .NET's)."""
    if isinstance(left, bool) != isinstance(right, bool):
        return False
    if isinstance(left, list | tuple | Hashtable) or isinstance(right, list | tuple | Hashtable):
        return left is right
    left, right = _wall_clocks(left, right)
    try:
        return bool(left == right)
    except (TypeError, ValueError, ArithmeticError):
        return False


def _wall_clocks(left: Any, right: Any) -> tuple[Any, Any]:
    """DateTime's Equals and CompareTo read the ticks and ignore the Kind: a local (offset-aware) date
    and an unspecified one compare by their wall clocks.  Two aware values compare as instants."""
    if isinstance(left, _dt.datetime) and isinstance(right, _dt.datetime) and (left.tzinfo is None) != (
        right.tzinfo is None
    ):
        return left.replace(tzinfo=None), right.replace(tzinfo=None)
    return left, right


def _order(left: Any, right: Any, ignore_case: bool) -> int | None:
    """-1/0/1 ordering a scalar left operand and the right one; None when NaN is involved."""
    if left is None or right is None:
        # The binder's rule: against a number, $null is 0; otherwise $null sorts first.
        if is_number(left) and not isinstance(left, bool | Char):
            return numeric_compare(left, 0)
        if is_number(right) and not isinstance(right, bool | Char):
            return numeric_compare(0, right)
        return (left is not None) - (right is not None)
    if isinstance(left, str) and not isinstance(left, Char):
        return _string_order(left, right if type(right) is str else to_string(right), ignore_case)
    if is_number(left) and not isinstance(left, bool | Char) and (is_number(right) or isinstance(right, str)):
        return numeric_compare(left, as_operand(right, left) if isinstance(right, str) else right)
    target = type_of(left)
    assert target is not None
    try:
        converted = target.convert(right)
    except PSInvalidCastError as error:
        raise RuntimeException(
            f'Could not compare "{to_string(left)}" to "{to_string(right)}". Error: "{error}"',
            error_id="ComparisonFailure",
        ) from None
    if isinstance(left, enum.Enum) and isinstance(converted, enum.Enum):
        # Enums order by their underlying numbers (IComparable on System.Enum).
        left, converted = left.value, converted.value
    left, converted = _wall_clocks(left, converted)
    try:
        return (left > converted) - (left < converted)
    except TypeError:
        if _plain_equal(left, converted):
            return 0
        raise RuntimeException(
            f'Cannot compare "{to_string(left)}" because it is not IComparable.', error_id="NotIcomparable"
        ) from None


def compare(op: str, left: Any, right: Any, ignore_case: bool = True) -> Any:
    """``left -op right`` for ``op`` in ``eq ne gt ge lt le``; an array on the left filters."""
    items = as_items(left)
    if items is not None:
        return [item for item in items if _scalar(op, item, right, ignore_case)]
    return _scalar(op, left, right, ignore_case)


def _scalar(op: str, left: Any, right: Any, ignore_case: bool) -> bool:
    if op == "eq":
        return equals(left, right, ignore_case)
    if op == "ne":
        return not equals(left, right, ignore_case)
    order = _order(left, right, ignore_case)
    if order is None:
        return False
    return order in _ORDERED[op]


# -- -contains / -in ------------------------------------------------------------------------------------
def contains(collection: Any, value: Any, ignore_case: bool = True) -> bool:
    """``collection -contains value``: any element -eq value (a scalar is a one-element collection)."""
    items = as_items(collection)
    if items is None:
        items = [collection]
    return any(equals(item, value, ignore_case) for item in items)


def is_in(value: Any, collection: Any, ignore_case: bool = True) -> bool:
    """``value -in collection``."""
    return contains(collection, value, ignore_case)


# -- -like ------------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=512)
def wildcard_regex(pattern: str, ignore_case: bool = True) -> re.Pattern[str]:
    """WildcardPattern as a regular expression: ``*``, ``?``, ``[a-z]``, backtick escapes."""
    out: list[str] = []
    pos = 0
    while pos < len(pattern):
        char = pattern[pos]
        if char == "`" and pos + 1 < len(pattern):
            out.append(re.escape(pattern[pos + 1]))
            pos += 2
            continue
        if char == "*":
            out.append(".*")
        elif char == "?":
            out.append(".")
        elif char == "[":
            end = pattern.find("]", pos + 1)
            if end < 0:
                raise RuntimeException(
                    f"The specified wildcard character pattern is not valid: {pattern}",
                    error_id="RuntimeException",
                )
            inner = pattern[pos + 1 : end]
            out.append("[" + "".join("\\" + c if c in "\\^[" else c for c in inner.replace("`", "")) + "]")
            pos = end
        else:
            out.append(re.escape(char))
        pos += 1
    flags = re.DOTALL | (re.IGNORECASE if ignore_case else 0)
    try:
        return re.compile("".join(out) + r"\Z", flags)
    except re.error:  # a reversed range ([z-a]): WildcardPatternException
        raise RuntimeException(
            f"The specified wildcard character pattern is not valid: {pattern}", error_id="RuntimeException"
        ) from None


def like(left: Any, pattern: Any, ignore_case: bool = True) -> Any:
    """``left -like pattern``; an array on the left filters."""
    regex = wildcard_regex(to_string(pattern), ignore_case)
    items = as_items(left)
    if items is not None:
        return [item for item in items if regex.match(to_string(item))]
    return regex.match(to_string(left)) is not None


# -- -match ------------------------------------------------------------------------------------------------
def _regex(pattern: Any, ignore_case: bool) -> Regex:
    if isinstance(pattern, Regex):
        return pattern
    text = to_string(pattern)
    try:
        return regex_for(text, 1 if ignore_case else 0)
    except RegexParseError as error:
        raise RuntimeException(
            f'The regular expression pattern {text} is not valid.', error_id="InvalidRegularExpression",
            category="InvalidArgument",
        ) from error  # fmt: skip


def matches_table(found: Match) -> Hashtable:
    """``$Matches``: each successful group by number (an int key) and by name."""
    table = Hashtable()
    for group in found.Groups:
        if group.Success:
            table[int(group.Name) if group.Name.isdigit() else group.Name] = group.Value
    return table


def match(left: Any, pattern: Any, ignore_case: bool = True) -> tuple[Any, Hashtable | None]:
    """``left -match pattern`` -> ``(result, matches)``.

    For a scalar the result is a bool and ``matches`` the new ``$Matches`` (None when
    there was no match: PowerShell then leaves ``$Matches`` as it was).  For an array
    the result is the matching elements and ``$Matches`` is not set (None).
    """
    regex = _regex(pattern, ignore_case)
    items = as_items(left)
    if items is not None:
        return [item for item in items if regex.is_match(to_string(item))], None
    found = regex.match(to_string(left))
    if not found.Success:
        return False, None
    return True, matches_table(found)


# -- -is / -as ----------------------------------------------------------------------------------------------
def _type_operand(target: Any, operator: str) -> PSType:
    if isinstance(target, PSType):
        return target
    if isinstance(target, str):
        found = find_type(target, local=script_types.visible())
        if found is None:
            # A string converts to [type] (a failed conversion, not a type literal's TypeNotFound).
            raise RuntimeException(
                f'Cannot convert the "{target}" value of type "System.String" to type "System.Type".',
                error_id="RuntimeException",
            )
        return found
    raise RuntimeException(
        f"The right operand of '{operator}' must be a type.",
        error_id="IsOperatorRequiresType" if operator == "-is" else "AsOperatorRequiresType",
    )


def is_type(value: Any, target: Any) -> bool:
    """``value -is [type]`` (a type name string resolves as a type literal)."""
    return is_instance(value, _type_operand(target, "-is"))


def as_type(value: Any, target: Any) -> Any:
    """``value -as [type]``: the converted value or ``$null``."""
    return _as_type(value, _type_operand(target, "-as"))

