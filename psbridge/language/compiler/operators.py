"""Operators: one dispatch table from the parser's token kinds to the conversion engine's
operator functions (:mod:`psbridge.conversion.operators`), plus the fast paths.

The semantics live in the conversion engine; this module only picks the function per
operator once at compile time and adds the shortcuts a loop needs: Int32 arithmetic and
comparison of two plain ``int`` operands is done inline (PowerShell's call sites cache
the same per-type decision), everything else goes to the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...conversion import is_true
from ...conversion import operators as ops
from ..tokens import KIND_TEXT, TokenKind

__all__ = ["BINARY", "UNARY", "binary_function", "fast_binary", "with_int_constant"]

INT32_MIN = -(2**31)
INT32_MAX = 2**31 - 1

#: Token kind -> function of (left, right); ``-match`` and friends return (result, $Matches).
BINARY: dict[int, Callable[[Any, Any], Any]] = {}
for _kind in TokenKind:
    _text = KIND_TEXT[_kind] if isinstance(KIND_TEXT, list | tuple) else KIND_TEXT.get(_kind)
    if isinstance(_text, str) and _text in ops.BINARY:
        BINARY[int(_kind)] = ops.BINARY[_text]
# The parser's kinds for the unprefixed comparison operators read "-eq"; their "-i" twins too.
for _kind in (
    TokenKind.Ilike,
    TokenKind.Inotlike,
    TokenKind.Imatch,
    TokenKind.Inotmatch,
    TokenKind.Ireplace,
    TokenKind.Icontains,
    TokenKind.Inotcontains,
    TokenKind.Iin,
    TokenKind.Inotin,
    TokenKind.Isplit,
):
    BINARY[int(_kind)] = ops.BINARY["-" + KIND_TEXT[_kind][2:]]  # fmt: skip
BINARY[int(TokenKind.DotDot)] = ops.range_of
BINARY[int(TokenKind.Format)] = ops.format_operator

MATCH_KINDS = frozenset(int(k) for k in (TokenKind.Imatch, TokenKind.Inotmatch, TokenKind.Cmatch, TokenKind.Cnotmatch))

UNARY: dict[int, Callable[[Any], Any]] = {
    int(TokenKind.Not): ops.logical_not,
    int(TokenKind.Exclaim): ops.logical_not,
    int(TokenKind.Bnot): ops.bnot,
    int(TokenKind.Minus): ops.negate,
    int(TokenKind.Plus): ops.unary_plus,
    int(TokenKind.Join): ops.unary_join,
    int(TokenKind.Isplit): ops.unary_split,
    int(TokenKind.Csplit): ops.unary_split,
}


def binary_function(kind: int) -> Callable[[Any, Any], Any]:
    function = BINARY.get(kind)
    if function is None:
        raise KeyError(kind)
    return function


def _add(left: Any, right: Any) -> Any:
    if type(left) is int and type(right) is int:
        result = left + right
        if INT32_MIN <= result <= INT32_MAX:
            return result
    elif type(left) is float and (type(right) is float or type(right) is int):
        return left + right  # DoubleOps.Add: an Int32 converts to Double exactly
    return ops.add(left, right)


def _subtract(left: Any, right: Any) -> Any:
    if type(left) is int and type(right) is int:
        result = left - right
        if INT32_MIN <= result <= INT32_MAX:
            return result
    return ops.subtract(left, right)


def _multiply(left: Any, right: Any) -> Any:
    if type(left) is int and type(right) is int:
        result = left * right
        if INT32_MIN <= result <= INT32_MAX:
            return result
    return ops.multiply(left, right)


def _remainder(left: Any, right: Any) -> Any:
    if type(left) is int and type(right) is int and left >= 0 and right > 0:
        return left % right
    return ops.remainder(left, right)


def _eq(left: Any, right: Any) -> Any:
    if type(left) is int and type(right) is int:
        return left == right
    return ops.compare("eq", left, right, True)


def _ne(left: Any, right: Any) -> Any:
    if type(left) is int and type(right) is int:
        return left != right
    return ops.compare("ne", left, right, True)


def _lt(left: Any, right: Any) -> Any:
    if type(left) is int and type(right) is int:
        return left < right
    return ops.compare("lt", left, right, True)


def _le(left: Any, right: Any) -> Any:
    if type(left) is int and type(right) is int:
        return left <= right
    return ops.compare("le", left, right, True)


def _gt(left: Any, right: Any) -> Any:
    if type(left) is int and type(right) is int:
        return left > right
    return ops.compare("gt", left, right, True)


def _ge(left: Any, right: Any) -> Any:
    if type(left) is int and type(right) is int:
        return left >= right
    return ops.compare("ge", left, right, True)


_FAST: dict[int, Callable[[Any, Any], Any]] = {
    int(TokenKind.Plus): _add,
    int(TokenKind.Minus): _subtract,
    int(TokenKind.Multiply): _multiply,
    int(TokenKind.Rem): _remainder,
    int(TokenKind.Ieq): _eq,
    int(TokenKind.Ine): _ne,
    int(TokenKind.Ilt): _lt,
    int(TokenKind.Ile): _le,
    int(TokenKind.Igt): _gt,
    int(TokenKind.Ige): _ge,
}


def fast_binary(kind: int) -> Callable[[Any, Any], Any]:
    """The operator's function with the plain-Int32 shortcut where there is one."""
    return _FAST.get(kind) or binary_function(kind)


def logical(kind: int, left: Callable[[Any], Any], right: Callable[[Any], Any]) -> Callable[[Any], bool]:
    """``-and``/``-or`` (short-circuit) and ``-xor``."""
    if kind == TokenKind.And:

        def and_(scope: Any) -> bool:
            return is_true(left(scope)) and is_true(right(scope))

        return and_
    if kind == TokenKind.Or:

        def or_(scope: Any) -> bool:
            return is_true(left(scope)) or is_true(right(scope))

        return or_

    def xor(scope: Any) -> bool:
        return is_true(left(scope)) != is_true(right(scope))

    return xor


_INT_COMPARISONS: dict[int, Callable[[int, int], bool]] = {
    int(TokenKind.Ieq): int.__eq__,
    int(TokenKind.Ine): int.__ne__,
    int(TokenKind.Ilt): int.__lt__,
    int(TokenKind.Ile): int.__le__,
    int(TokenKind.Igt): int.__gt__,
    int(TokenKind.Ige): int.__ge__,
}


def with_int_constant(kind: int, left: Callable[[Any], Any], constant: Any) -> Callable[[Any], Any] | None:
    """``$i % 3``, ``$i -eq 0``, ``$i + 1`` with an Int32 literal on the right: the Int32 case
    inline in one closure (what a loop runs most), anything else through the engine's function.
    None when there is no such shortcut for the operator."""
    if type(constant) is not int:
        return None
    function = fast_binary(kind)
    if kind == TokenKind.Rem and constant > 0:

        def remainder(scope: Any) -> Any:
            value = left(scope)
            if type(value) is int and value >= 0:
                return value % constant
            return function(value, constant)

        return remainder
    if kind in (TokenKind.Plus, TokenKind.Minus):
        step = constant if kind == TokenKind.Plus else -constant

        def add(scope: Any) -> Any:
            value = left(scope)
            if type(value) is int:
                result = value + step
                if INT32_MIN <= result <= INT32_MAX:
                    return result
            return function(value, constant)

        return add
    compare = _INT_COMPARISONS.get(kind)
    if compare is not None:
        if kind == TokenKind.Ieq:

            def equals(scope: Any) -> Any:
                value = left(scope)
                if type(value) is int:
                    return value == constant
                return function(value, constant)

            return equals

        def comparison(scope: Any) -> Any:
            value = left(scope)
            if type(value) is int:
                return compare(value, constant)
            return function(value, constant)

        return comparison
    return None
