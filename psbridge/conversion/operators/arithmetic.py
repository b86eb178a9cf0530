"""``+ - * / %``, the bitwise operators, shifts and the unary operators (PSBinaryOperationBinder).

What the left operand is decides the operation: ``$null + x`` is x; a number
computes with the right operand made a number (a string through the number
lexer); a string concatenates (``+``) or repeats (``*``); an array makes a new
array; a hashtable merges with another (a duplicate key is an error); a
DateTime/TimeSpan uses its .NET operators; anything else fails with
``Method invocation failed because [T] does not contain a method named 'op_Addition'.``

Public: :func:`add`, :func:`subtract`, :func:`multiply`, :func:`divide`,
:func:`remainder`, :func:`band`, :func:`bor`, :func:`bxor`, :func:`bnot`,
:func:`shift_left`, :func:`shift_right`, :func:`negate`, :func:`unary_plus`,
:func:`increment` (``++``/``--``: ``increment(value, -1)``), :func:`logical_not`.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import enum
import math
from typing import Any

from ...objects import Hashtable, dotnet_type_name
from ...objects.numeric import INT32_MAX, INT32_MIN, Char, Int64, TypeCode, UInt32, UInt64, type_code
from ..collections import as_items
from ..errors import MethodNotFoundError, RuntimeException, invalid_cast
from ..scalars import is_true, to_string
from .numeric import as_operand, is_number, numeric_op

__all__ = [
    "add",
    "band",
    "bnot",
    "bor",
    "bxor",
    "divide",
    "increment",
    "logical_not",
    "multiply",
    "negate",
    "remainder",
    "shift_left",
    "shift_right",
    "subtract",
    "unary_plus",
]

_OPERATOR_METHODS = {
    "add": ("op_Addition", "+"),
    "sub": ("op_Subtraction", "-"),
    "mul": ("op_Multiply", "*"),
    "div": ("op_Division", "/"),
    "rem": ("op_Modulus", "%"),
}


def _no_operator(op: str, left: Any, right: Any) -> RuntimeException:
    """ParserOps.ImplicitOp's failure: the method is looked up on the left type, or the right
    one when the left is a primitive."""
    method, symbol = _OPERATOR_METHODS.get(op, (op, op))
    left_primitive = left is None or is_number(left)
    right_primitive = right is None or is_number(right)
    if left_primitive and right_primitive:
        left_name = "$null" if left is None else dotnet_type_name(left)
        right_name = "$null" if right is None else dotnet_type_name(right)
        return RuntimeException(
            f"The operation '[{left_name}] {symbol} [{right_name}]' is not defined.",
            error_id="NotADefinedOperationForType",
        )
    owner = right if left_primitive else left
    return MethodNotFoundError(dotnet_type_name(owner), method)


def _numeric_right(left: Any, right: Any) -> Any:
    """GetArgAsNumericOrPrimitive: the right operand as a number, or None when it is not one."""
    if right is None:
        return 0
    if is_number(right):
        return right
    if isinstance(right, enum.Enum):
        return int(right.value)
    if isinstance(right, str):
        return as_operand(right, left)
    return None


def _arith(op: str, left: Any, right: Any) -> Any:
    """The common path of - / % (and + * once strings and collections are handled)."""
    if isinstance(left, enum.Enum):
        result = _arith(op, int(left.value), right)
        try:
            return type(left)(result)
        except (ValueError, TypeError):
            return result
    if is_number(left):
        number = _numeric_right(left, right)
        if number is not None:
            return numeric_op(op, left, number)
        raise _no_operator(op, left, right)
    if isinstance(left, str):  # '10' - '2' is 8: both sides as numbers (about_Type_Conversion)
        number = as_operand(left, right)
        other = _numeric_right(number, right)
        if other is not None:
            return numeric_op(op, number, other)
    special = _dotnet_operator(op, left, right)
    if special is not NotImplemented:
        return special
    raise _no_operator(op, left, right)


def _dotnet_operator(op: str, left: Any, right: Any) -> Any:
    """The .NET operators of DateTime and TimeSpan."""
    if isinstance(left, _dt.datetime):
        if op == "add" and isinstance(right, _dt.timedelta):
            return left + right
        if op == "sub" and isinstance(right, _dt.timedelta):
            return left - right
        if op == "sub" and isinstance(right, _dt.datetime):
            return left.replace(tzinfo=None) - right.replace(tzinfo=None)
    if isinstance(left, _dt.timedelta) and isinstance(right, _dt.timedelta):
        if op == "add":
            return left + right
        if op == "sub":
            return left - right
    return NotImplemented


def add(left: Any, right: Any) -> Any:
    """``left + right``."""
    kind = type(left)
    if kind is int and type(right) is int and INT32_MIN <= left <= INT32_MAX and INT32_MIN <= right <= INT32_MAX:
        result = left + right
        return result if INT32_MIN <= result <= INT32_MAX else float(result)
    if left is None:
        return right
    if kind is str or isinstance(left, str):  # a Char concatenates too
        return str.__str__(left) + to_string(right)
    if is_number(left) or isinstance(left, enum.Enum):
        return _arith("add", left, right)
    items = as_items(left)
    if items is not None:
        more = as_items(right)
        return items + (more if more is not None else [right])
    if isinstance(left, Hashtable):
        if not isinstance(right, Hashtable):
            raise RuntimeException(
                "A hash table can only be added to another hash table.", error_id="AddHashTableToNonHashTable"
            )
        merged = left.copy()
        for key, value in right.items():
            if key in merged:
                existing = next(k for k in merged if merged._fold(k) == merged._fold(key))
                raise RuntimeException(
                    f"Item has already been added. Key in dictionary: '{to_string(existing)}'  "
                    f"Key being added: '{to_string(key)}'",
                    error_id="System.ArgumentException",
                    category="OperationStopped",
                )
            merged[key] = value
        return merged
    return _arith("add", left, right)


def subtract(left: Any, right: Any) -> Any:
    """``left - right``."""
    if type(left) is int and type(right) is int and INT32_MIN <= left <= INT32_MAX and INT32_MIN <= right <= INT32_MAX:
        result = left - right
        return result if INT32_MIN <= result <= INT32_MAX else float(result)
    return _arith("sub", 0 if left is None else left, right)


def multiply(left: Any, right: Any) -> Any:
    """``left * right``: numbers multiply, a string or an array repeats."""
    if left is None:
        return None
    if isinstance(left, bool):  # Boolean is primitive, not numeric: no * (Binders.cs BinaryMultiply)
        raise _no_operator("mul", left, right)
    if is_number(left) and not isinstance(left, Char):
        return _arith("mul", left, right)
    if isinstance(left, str):
        return str.__str__(left) * _count(right, "System.Int32")
    items = as_items(left)
    if items is not None:
        return items * _count(right, "System.UInt32")
    return _arith("mul", left, right)


def _count(value: Any, type_name: str) -> int:
    from ..typenames import INT32, UINT32

    number = (INT32 if type_name == "System.Int32" else UINT32).convert(
        as_operand(value, 0) if isinstance(value, str) else value
    )
    if number < 0:
        raise invalid_cast(value, type_name)
    return int(number)


def divide(left: Any, right: Any) -> Any:
    """``left / right``: an Int32 quotient stays Int32 only when exact; ``x / 0`` is an error."""
    return _arith("div", 0 if left is None else left, right)


def remainder(left: Any, right: Any) -> Any:
    """``left % right`` (the sign follows the dividend, as in .NET)."""
    return _arith("rem", 0 if left is None else left, right)


# -- bitwise ------------------------------------------------------------------------------------------
def _bit_operand(value: Any, other: Any) -> tuple[int, int]:
    """(integer, TypeCode) for a bitwise operand; reals round half to even as .NET's conversion does."""
    if value is None:
        return 0, TypeCode.Int32
    if isinstance(value, enum.Enum):
        return int(value.value), TypeCode.Int32 if int(value.value) <= INT32_MAX else TypeCode.Int64
    if isinstance(value, str):
        value = as_operand(value, other)
    if isinstance(value, Char):
        return ord(value), TypeCode.Char
    if isinstance(value, bool):
        return int(value), TypeCode.Boolean
    if isinstance(value, float | decimal.Decimal):
        if isinstance(value, float) and not math.isfinite(value):
            from ..typenames import INT64

            INT64.convert(value)  # raises the overflow error
        rounded = round(value) if isinstance(value, float) else int(value.to_integral_value(decimal.ROUND_HALF_EVEN))
        code = (
            TypeCode.Int32
            if INT32_MIN <= rounded <= INT32_MAX
            else TypeCode.Int64
            if abs(rounded) < 2**63
            else TypeCode.UInt64
        )
        return rounded, code
    if isinstance(value, int):
        return int(value), type_code(value)
    raise invalid_cast(value, "System.Int32")


def _bitwise(op: str, left: Any, right: Any) -> Any:
    left_int, left_code = _bit_operand(left, right)
    right_int, right_code = _bit_operand(right, left)
    code = max(left_code, right_code)
    if op == "and":
        result = left_int & right_int
    elif op == "or":
        result = left_int | right_int
    else:
        result = left_int ^ right_int
    result = _wrap(result, code)
    if isinstance(left, enum.Enum):
        try:
            return type(left)(result)
        except ValueError:
            return result
    return result


def _wrap(result: int, code: int) -> int:
    """The result in the operation type (-band on Int32 operands is an Int32, and so on)."""
    if code <= TypeCode.Int32:
        result &= 0xFFFFFFFF
        return result - 2**32 if result > INT32_MAX else result
    if code == TypeCode.UInt32:
        return UInt32(result & 0xFFFFFFFF)
    if code == TypeCode.Int64:
        result &= 2**64 - 1
        return Int64(result - 2**64 if result >= 2**63 else result)
    return UInt64(result & (2**64 - 1))


def band(left: Any, right: Any) -> Any:
    """``-band``."""
    return _bitwise("and", left, right)


def bor(left: Any, right: Any) -> Any:
    """``-bor``."""
    return _bitwise("or", left, right)


def bxor(left: Any, right: Any) -> Any:
    """``-bxor``."""
    return _bitwise("xor", left, right)


def bnot(value: Any) -> Any:
    """``-bnot``: Int32 for values that fit, else Int64 (UInt types keep theirs)."""
    number, code = _bit_operand(value, 0)
    if code < TypeCode.Int32:
        code = TypeCode.Int32
    return _wrap(~number, code)


def _shift(value: Any, count: Any, left_shift: bool) -> Any:
    if value is None:
        return 0
    number, code = _bit_operand(value, count)
    amount, _ = _bit_operand(count, value)
    code = max(code, TypeCode.Int32)
    amount &= 0x1F if code < TypeCode.Int64 else 0x3F
    if left_shift:
        return _wrap(number << amount, code)
    return _wrap(number >> amount, code)


def shift_left(value: Any, count: Any) -> Any:
    """``-shl`` (the count is masked to 5 bits for 32-bit values, 6 for 64-bit, as .NET does)."""
    return _shift(value, count, True)


def shift_right(value: Any, count: Any) -> Any:
    """``-shr`` (arithmetic for signed types)."""
    return _shift(value, count, False)


# -- unary --------------------------------------------------------------------------------------------
def negate(value: Any) -> Any:
    """Unary ``-``: ``0 - value`` for anything that is not already a number."""
    if type(value) is int and INT32_MIN <= value <= INT32_MAX:
        return -value if value != INT32_MIN else float(-value)
    if is_number(value) and not isinstance(value, bool | Char):
        return numeric_op("sub", 0, value)
    return subtract(0, value)


def unary_plus(value: Any) -> Any:
    """Unary ``+``: a number as is (a Byte/SByte becomes an Int32), anything else ``0 + value``."""
    if is_number(value) and not isinstance(value, bool | Char):
        code = type_code(value)
        return int(value) if code in (TypeCode.Byte, TypeCode.SByte) else value
    return add(0, value)


def increment(value: Any, step: int = 1) -> Any:
    """``++``/``--`` (``step`` -1): ``$null`` counts as 0."""
    if value is None:
        return step
    return add(as_operand(value, 0) if isinstance(value, str) else value, step)


def logical_not(value: Any) -> bool:
    """``-not`` and ``!``."""
    return not is_true(value)
