"""PowerShell's operators as plain functions over psbridge values (the evaluator calls these).

Why here: operators need only the conversion engine and the object model, so they
sit beside it (``psbridge.conversion.operators``) and the language imports them.

Arithmetic (``arithmetic``): ``add sub``→``subtract``, ``multiply``, ``divide``, ``remainder``,
``band``, ``bor``, ``bxor``, ``bnot``, ``shift_left``, ``shift_right``, ``negate``,
``unary_plus``, ``increment(value, step=1)``, ``logical_not``.

Comparison (``comparison``): ``compare(op, left, right, ignore_case=True)`` with ``op`` in
``eq ne gt ge lt le`` (an array on the left filters), ``equals``, ``like``,
``match(left, pattern, ignore_case) -> (result, matches)`` (``matches`` is the new
``$Matches`` Hashtable, or None: leave ``$Matches`` alone), ``contains``, ``is_in``,
``is_type``, ``as_type``.

Text (``text``): ``replace(left, arguments, ignore_case)`` (``arguments``: pattern or
``[pattern, replacement]``; a callable replacement gets the Match), ``split(left, arguments,
ignore_case)`` (``[pattern, max, options]``; a callable pattern is a predicate called with
``(char, index)``), ``unary_split``, ``join``, ``unary_join``, ``format_operator`` (``-f``),
``range_of``.

:data:`BINARY` maps each binary operator's text (``"-eq"``, ``"-cmatch"``, ``"+"`` ...) to a
function of ``(left, right)``; ``-match`` returns ``(result, matches)`` as above.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..collections import as_items
from ..errors import RuntimeException
from ..formatting import FormatError, composite_format
from .arithmetic import (
    add,
    band,
    bnot,
    bor,
    bxor,
    divide,
    increment,
    logical_not,
    multiply,
    negate,
    remainder,
    shift_left,
    shift_right,
    subtract,
    unary_plus,
)
from .comparison import as_type, compare, contains, equals, is_in, is_type, like, match
from .text import join, range_of, replace, split, unary_join, unary_split

__all__ = [
    "BINARY",
    "add",
    "as_type",
    "band",
    "bnot",
    "bor",
    "bxor",
    "compare",
    "contains",
    "divide",
    "equals",
    "format_operator",
    "increment",
    "is_in",
    "is_type",
    "join",
    "like",
    "logical_not",
    "match",
    "multiply",
    "negate",
    "range_of",
    "remainder",
    "replace",
    "shift_left",
    "shift_right",
    "split",
    "subtract",
    "unary_join",
    "unary_plus",
    "unary_split",
]


def format_operator(template: Any, arguments: Any) -> str:
    """``template -f arguments``: .NET composite formatting; errors are FormatError RuntimeExceptions."""
    from ..scalars import to_string

    items = as_items(arguments)
    try:
        return composite_format(to_string(template), items if items is not None else [arguments])
    except FormatError as error:
        raise RuntimeException(f"Error formatting a string: {error}.", error_id="FormatError") from None


def _family(name: str, function: Callable[..., Any]) -> dict[str, Callable[[Any, Any], Any]]:
    """``-name``, ``-iname`` (case-insensitive) and ``-cname`` (case-sensitive)."""
    return {
        f"-{name}": lambda left, right: function(left, right, True),
        f"-i{name}": lambda left, right: function(left, right, True),
        f"-c{name}": lambda left, right: function(left, right, False),
    }


def _negated(function: Callable[..., Any]) -> Callable[..., Any]:
    def run(left: Any, right: Any, ignore_case: bool) -> Any:
        result = function(left, right, ignore_case)
        if isinstance(result, tuple):  # -notmatch
            value, matches = result
            return (value if isinstance(value, list) else not value), matches
        return result if isinstance(result, list) else not result

    return run


def _not_like(left: Any, right: Any, ignore_case: bool) -> Any:
    items = as_items(left)
    if items is not None:
        return [item for item in items if not like(item, right, ignore_case)]
    return not like(left, right, ignore_case)


def _not_match(left: Any, right: Any, ignore_case: bool) -> Any:
    items = as_items(left)
    if items is not None:
        return [item for item in items if not match(item, right, ignore_case)[0]], None
    result, matches = match(left, right, ignore_case)
    return (not result), matches


BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": add,
    "-": subtract,
    "*": multiply,
    "/": divide,
    "%": remainder,
    "-band": band,
    "-bor": bor,
    "-bxor": bxor,
    "-shl": shift_left,
    "-shr": shift_right,
    "-f": format_operator,
    "-join": join,
    "-is": is_type,
    "-isnot": lambda left, right: not is_type(left, right),
    "-as": as_type,
    "..": range_of,
}
for _op in ("eq", "ne", "gt", "ge", "lt", "le"):
    BINARY.update(_family(_op, lambda left, right, case, op=_op: compare(op, left, right, case)))
BINARY.update(_family("like", like))
BINARY.update(_family("notlike", _not_like))
BINARY.update(_family("match", match))
BINARY.update(_family("notmatch", _not_match))
BINARY.update(_family("replace", replace))
BINARY.update(_family("split", split))
BINARY.update(_family("contains", contains))
BINARY.update(_family("notcontains", lambda left, right, case: not contains(left, right, case)))
BINARY.update(_family("in", is_in))
BINARY.update(_family("notin", lambda left, right, case: not is_in(left, right, case)))
