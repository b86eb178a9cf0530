"""PowerShell's numeric operations (NumericOps.cs): the operation type and its overflow rules.

Both operands are numbers (bool and Char count; enums are their values).  The
operation type is the wider TypeCode of the two: up to Int32 the sum is an Int32
and an overflowing one becomes a Double; UInt32 and Int64 overflow to Double too;
a negative signed operand with UInt32 uses Int64, with UInt64 Decimal; Decimal
overflow is an error; Single and Double compute in Double; BigInteger stays big.

Public: :func:`numeric_op` (``op`` one of ``add sub mul div rem``),
:func:`numeric_compare` (-1/0/1, None for NaN), :func:`as_operand` (a value made
a number for an operator: ``$null`` is 0, a string goes through the number lexer),
:func:`divide_by_zero`.
"""

from __future__ import annotations

import decimal
import enum
import math
from typing import Any

from ...objects.numeric import (
    DECIMAL_MAX,
    INT32_MAX,
    INT32_MIN,
    INT64_MAX,
    INT64_MIN,
    WIDE,
    BigInteger,
    Char,
    Int64,
    TypeCode,
    UInt32,
    UInt64,
    fit_decimal,
    type_code,
)
from ..errors import RuntimeException
from ..numbertext import NumberFormatError, parse_number

__all__ = ["as_operand", "divide_by_zero", "is_number", "numeric_compare", "numeric_op"]

_SIGNED = frozenset({TypeCode.SByte, TypeCode.Int16, TypeCode.Int32, TypeCode.Int64})


def is_number(value: Any) -> bool:
    """IsNumericOrPrimitive: numbers, bool and Char (not strings, not enums)."""
    return isinstance(value, int | float | decimal.Decimal | Char) and not isinstance(value, enum.Enum)


class DivideByZeroError(ZeroDivisionError):
    """.NET's DivideByZeroException, inside the RuntimeException an integer division by zero raises."""

    dotnet_exception_type = "System.DivideByZeroException"

    @property
    def Message(self) -> str:
        return str(self)


def divide_by_zero() -> RuntimeException:
    """The RuntimeException wrapping .NET's DivideByZeroException (``catch [DivideByZeroException]``
    matches it through the inner exception, as PowerShell's handler search does)."""
    error = RuntimeException("Attempted to divide by zero.", error_id="RuntimeException", category="NotSpecified")
    error.inner_exception = DivideByZeroError("Attempted to divide by zero.")  # type: ignore[attr-defined]
    return error


def as_operand(value: Any, other: Any) -> Any:
    """A value as the number an arithmetic operator uses (``other`` names the type in errors)."""
    if value is None:
        return 0
    if isinstance(value, Char):
        return ord(value)
    if isinstance(value, enum.Enum):
        return int(value.value)
    if isinstance(value, str):
        try:
            return parse_number(value)
        except NumberFormatError:
            from ..engine import type_of
            from ..typenames import INT32

            target = type_of(other) if is_number(other) and not isinstance(other, bool | Char) else INT32
            return target.convert(value) if target is not None else INT32.convert(value)  # raises the cast error
    return value


def _code(value: Any) -> int:
    if isinstance(value, Char):
        return TypeCode.Char
    return type_code(value)


def _number(value: Any) -> Any:
    """bool and Char as their integer values."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Char):
        return ord(value)
    return value


def numeric_op(op: str, left: Any, right: Any) -> Any:
    """``left op right`` for two numbers, typed and overflowing as PowerShell does."""
    left_code, right_code = _code(left), _code(right)
    code = max(left_code, right_code)
    left, right = _number(left), _number(right)
    if code == TypeCode.BigInteger:
        return _big(op, left, right)
    if code <= TypeCode.Int32:
        return _integer(op, int(left), int(right), INT32_MIN, INT32_MAX, int)
    if code == TypeCode.UInt32:
        if (left_code in _SIGNED and left < 0) or (right_code in _SIGNED and right < 0):
            return _integer(op, int(left), int(right), INT64_MIN, INT64_MAX, Int64)
        return _integer(op, int(left), int(right), 0, 2**32 - 1, UInt32)
    if code == TypeCode.Int64:
        return _integer(op, int(left), int(right), INT64_MIN, INT64_MAX, Int64)
    if code == TypeCode.UInt64:
        if (left_code in _SIGNED and left < 0) or (right_code in _SIGNED and right < 0):
            try:
                return _decimal(op, decimal.Decimal(int(left)), decimal.Decimal(int(right)))
            except RuntimeException:
                return _double(op, float(left), float(right))
        return _integer(op, int(left), int(right), 0, 2**64 - 1, UInt64)
    if code == TypeCode.Decimal:
        return _decimal(op, _to_decimal(left), _to_decimal(right))
    return _double(op, float(left), float(right))


def _integer(op: str, left: int, right: int, low: int, high: int, kind: type) -> Any:
    if op == "add":
        result = left + right
    elif op == "sub":
        result = left - right
    elif op == "mul":
        result = left * right
    elif op == "div":
        if right == 0:
            raise divide_by_zero()
        if left % right != 0:
            return left / right  # not exact: a Double (Python's int true division rounds correctly)
        result = left // right
    else:  # rem: the sign follows the dividend, as in C#
        if right == 0:
            raise divide_by_zero()
        result = abs(left) % abs(right) * (-1 if left < 0 else 1)
    if low <= result <= high:
        return result if kind is int else kind(result)
    return float(result)


def _to_decimal(value: Any) -> decimal.Decimal:
    if isinstance(value, decimal.Decimal):
        return value
    if isinstance(value, float):
        if not math.isfinite(value) or abs(value) > float(DECIMAL_MAX):
            raise _decimal_overflow()
        return decimal.Decimal(format(value, ".15g"))
    return decimal.Decimal(int(value))


def _decimal_overflow() -> RuntimeException:
    return RuntimeException("Value was either too large or too small for a Decimal.", error_id="RuntimeException")


def _decimal(op: str, left: decimal.Decimal, right: decimal.Decimal) -> decimal.Decimal:
    if op in ("div", "rem") and right.is_zero():
        raise divide_by_zero()
    if op == "add":
        result = WIDE.add(left, right)
    elif op == "sub":
        result = WIDE.subtract(left, right)
    elif op == "mul":
        result = WIDE.multiply(left, right)
    elif op == "div":
        result = WIDE.divide(left, right)
        exponent = result.as_tuple().exponent
        if result == result.to_integral_value() and isinstance(exponent, int) and exponent < 0:
            result = result.quantize(decimal.Decimal(1), context=WIDE)
    else:
        result = WIDE.remainder(left, right)
    fitted = fit_decimal(result)
    if fitted is None:
        raise _decimal_overflow()
    return fitted


def _double(op: str, left: float, right: float) -> float:
    if op == "add":
        return left + right
    if op == "sub":
        return left - right
    if op == "mul":
        return left * right
    if op == "div":
        if right == 0:
            if left == 0 or math.isnan(left):
                return math.nan
            return math.copysign(math.inf, left) * math.copysign(1.0, right)
        return left / right
    if right == 0:
        return math.nan
    return math.fmod(left, right)


def _big(op: str, left: Any, right: Any) -> Any:
    if isinstance(left, float | decimal.Decimal) or isinstance(right, float | decimal.Decimal):
        return _double(op, float(left), float(right))
    left, right = int(left), int(right)
    if op in ("div", "rem") and right == 0:
        raise divide_by_zero()
    if op == "add":
        return BigInteger(left + right)
    if op == "sub":
        return BigInteger(left - right)
    if op == "mul":
        return BigInteger(left * right)
    quotient = abs(left) // abs(right) * (1 if (left < 0) == (right < 0) else -1)
    if op == "div":
        return BigInteger(quotient)
    return BigInteger(left - quotient * right)


def numeric_compare(left: Any, right: Any) -> int | None:
    """-1, 0 or 1 comparing two numbers; None when one is NaN.

    Python compares int, float and Decimal exactly; only Decimal against a real
    needs .NET's rule, which first makes the real a Decimal (15 significant digits).
    """
    left, right = _number(left), _number(right)
    if (isinstance(left, float) and math.isnan(left)) or (isinstance(right, float) and math.isnan(right)):
        return None
    if isinstance(left, decimal.Decimal) and isinstance(right, float):
        right = _real_as_decimal(right)
    elif isinstance(right, decimal.Decimal) and isinstance(left, float):
        left = _real_as_decimal(left)
    return (left > right) - (left < right)


def _real_as_decimal(value: float) -> Any:
    if not math.isfinite(value) or abs(value) > float(DECIMAL_MAX):
        return value
    return decimal.Decimal(format(value, ".15g"))
