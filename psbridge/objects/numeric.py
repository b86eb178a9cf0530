"""The .NET numeric and character types as Python values, and their invariant text.

PowerShell's arithmetic depends on the operand types (an Int32 sum that overflows
becomes a Double, an Int64 one stays Int64, a Byte promotes to Int32, a Decimal
keeps its scale) and ``$x -is [int]`` must have an answer, so psbridge keeps the
.NET type of every number.  One representation, used everywhere:

=============================  ===========================================================
.NET type                      Python value
=============================  ===========================================================
System.Boolean                 ``bool``
System.Int32                   ``int`` whose value fits Int32 (the common case stays fast)
System.Int64                   :class:`Int64`, or a plain ``int`` beyond the Int32 range
System.Numerics.BigInteger     :class:`BigInteger`, or a plain ``int`` beyond Int64
System.Byte, SByte, Int16,     :class:`Byte`, :class:`SByte`, :class:`Int16`, :class:`UInt16`,
UInt16, UInt32, UInt64         :class:`UInt32`, :class:`UInt64` (``int`` subclasses)
System.Double                  ``float``
System.Single                  :class:`Single` (a ``float`` rounded to binary32)
System.Decimal                 ``decimal.Decimal`` (at most 29 digits, ±79228162514264337593543950335)
System.Char                    :class:`Char` (a ``str`` of one UTF-16 code unit)
=============================  ===========================================================

A plain ``int`` takes the narrowest of Int32/Int64/BigInteger, so numbers from Python
callers and JSON keep working; arithmetic that must stay Int64 returns :class:`Int64`.

Public: the classes above, :func:`type_code` (.NET TypeCode numbers, used to pick an
operation type), :func:`integer_of` (wrap an int as a given TypeCode),
:func:`format_double`, :func:`format_single`, :func:`format_decimal`,
:func:`number_text` (``ToString()`` of any number, invariant culture),
:data:`DECIMAL_MAX`, :func:`fit_decimal`.
"""

from __future__ import annotations

import decimal
import math
import struct
from typing import Any, ClassVar

__all__ = [
    "DECIMAL_MAX",
    "WIDE",
    "BigInteger",
    "Byte",
    "Char",
    "Int16",
    "Int64",
    "SByte",
    "Single",
    "TypeCode",
    "UInt16",
    "UInt32",
    "UInt64",
    "fit_decimal",
    "format_decimal",
    "format_double",
    "format_general",
    "format_single",
    "integer_of",
    "integer_text",
    "number_text",
    "string_text",
    "to_single",
    "type_code",
]

INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
DECIMAL_MAX = decimal.Decimal("79228162514264337593543950335")
#: wide enough that quantizing a Decimal never fails for lack of precision
WIDE = decimal.Context(prec=80, rounding=decimal.ROUND_HALF_EVEN, Emax=999999, Emin=-999999)


class TypeCode:
    """System.TypeCode: the order PowerShell widens numeric operands in."""

    Empty = 0
    Object = 1
    Boolean = 3
    Char = 4
    SByte = 5
    Byte = 6
    Int16 = 7
    UInt16 = 8
    Int32 = 9
    UInt32 = 10
    Int64 = 11
    UInt64 = 12
    Single = 13
    Double = 14
    Decimal = 15
    DateTime = 16
    String = 18
    #: not a .NET TypeCode (BigInteger's is Object): marks psbridge's BigInteger
    BigInteger = 20


class _SizedInteger(int):
    """An integer of a fixed-width .NET type; arithmetic on it is done by the operators."""

    __slots__ = ()
    dotnet_name: ClassVar[str]
    code: ClassVar[int]
    minimum: ClassVar[int]
    maximum: ClassVar[int]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({int(self)})"


class SByte(_SizedInteger):
    dotnet_name, code, minimum, maximum = "System.SByte", TypeCode.SByte, -128, 127


class Byte(_SizedInteger):
    dotnet_name, code, minimum, maximum = "System.Byte", TypeCode.Byte, 0, 255


class Int16(_SizedInteger):
    dotnet_name, code, minimum, maximum = "System.Int16", TypeCode.Int16, -(2**15), 2**15 - 1


class UInt16(_SizedInteger):
    dotnet_name, code, minimum, maximum = "System.UInt16", TypeCode.UInt16, 0, 2**16 - 1


class UInt32(_SizedInteger):
    dotnet_name, code, minimum, maximum = "System.UInt32", TypeCode.UInt32, 0, 2**32 - 1


class Int64(_SizedInteger):
    dotnet_name, code, minimum, maximum = "System.Int64", TypeCode.Int64, INT64_MIN, INT64_MAX


class UInt64(_SizedInteger):
    dotnet_name, code, minimum, maximum = "System.UInt64", TypeCode.UInt64, 0, 2**64 - 1


class BigInteger(int):
    """System.Numerics.BigInteger (``[bigint]``, literals with the ``n`` suffix)."""

    __slots__ = ()
    dotnet_name = "System.Numerics.BigInteger"

    def __repr__(self) -> str:
        return f"BigInteger({int(self)})"


class Single(float):
    """System.Single: construct with :func:`to_single` so the value is rounded to binary32."""

    __slots__ = ()
    dotnet_name = "System.Single"

    def __repr__(self) -> str:
        return f"Single({format_single(self)})"


class Char(str):
    """System.Char: one UTF-16 code unit.  ``'a'`` is a String; ``[char]'a'`` is a Char."""

    __slots__ = ()
    dotnet_name = "System.Char"

    def __repr__(self) -> str:
        return f"Char({str.__repr__(self)})"


_SIZED: dict[int, type[_SizedInteger]] = {cls.code: cls for cls in (SByte, Byte, Int16, UInt16, UInt32, Int64, UInt64)}
_CODES: dict[type, int] = {
    bool: TypeCode.Boolean,
    float: TypeCode.Double,
    decimal.Decimal: TypeCode.Decimal,
    Single: TypeCode.Single,
    Char: TypeCode.Char,
    BigInteger: TypeCode.BigInteger,
    **{cls: code for code, cls in _SIZED.items()},
}


def type_code(value: Any) -> int:
    """The TypeCode of a number (``TypeCode.Object`` for anything else; Char counts)."""
    kind = type(value)
    if kind is int:
        if INT32_MIN <= value <= INT32_MAX:
            return TypeCode.Int32
        if INT64_MIN <= value <= INT64_MAX:
            return TypeCode.Int64
        return TypeCode.BigInteger
    code = _CODES.get(kind)
    if code is not None:
        return code
    if isinstance(value, int):  # an int subclass from elsewhere (a command-line literal)
        return type_code(int(value))
    if isinstance(value, float):
        return TypeCode.Double
    return TypeCode.Object


def integer_of(value: int, code: int) -> int:
    """``value`` as the integer type ``code`` (the caller has checked the range)."""
    if code == TypeCode.Int32:
        return int(value)
    if code == TypeCode.BigInteger:
        return BigInteger(value)
    return _SIZED[code](value)


def to_single(value: float) -> Single:
    """Round a double to the nearest binary32 value (overflow gives infinity, as .NET does)."""
    try:
        return Single(struct.unpack("f", struct.pack("f", value))[0])
    except OverflowError:
        return Single(math.copysign(math.inf, value))


def _general(digits: str, exponent: int, negative: bool, max_digits: int) -> str:
    """.NET's "G" layout of a shortest digit string: fixed unless the scale leaves [-3, max_digits]."""
    sign = "-" if negative else ""
    scale = len(digits) + exponent  # position of the decimal point relative to the digits
    if scale > max_digits or scale < -3:
        mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        power = scale - 1
        return f"{sign}{mantissa}E{'+' if power >= 0 else '-'}{abs(power):02d}"
    if scale <= 0:
        return f"{sign}0.{'0' * -scale}{digits}"
    if scale >= len(digits):
        return sign + digits + "0" * (scale - len(digits))
    return f"{sign}{digits[:scale]}.{digits[scale:]}"


def _shortest_digits(text: str) -> tuple[str, int]:
    """Significant digits (no leading or trailing zeros) and exponent of a decimal text."""
    _sign, digit_tuple, exponent = decimal.Decimal(text).as_tuple()
    digits = "".join(map(str, digit_tuple)).lstrip("0") or "0"
    stripped = digits.rstrip("0") or "0"
    return stripped, int(exponent) + (len(digits) - len(stripped))


def format_double(value: float) -> str:
    """``[double]::ToString()`` under the invariant culture: shortest round-trip digits (``1E+20``,
    ``0.30000000000000004``, ``1E-05``), as .NET Core 3.0 and later print them."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "-0" if math.copysign(1.0, value) < 0 else "0"
    digits, exponent = _shortest_digits(repr(abs(float(value))))
    return _general(digits, exponent, value < 0, max(len(digits), 15))


def format_general(value: float, precision: int) -> str:
    """``value.ToString("G<precision>")``: what ``[string]`` makes of a Double (G15) or Single (G7)."""
    if math.isnan(value) or math.isinf(value) or value == 0:
        return format_double(value)
    digits, exponent = _shortest_digits(f"{abs(float(value)):.{precision - 1}e}")
    return _general(digits, exponent, value < 0, precision)


def format_single(value: float) -> str:
    """``[float]::ToString()``: the shortest digits that round-trip through binary32."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "-0" if math.copysign(1.0, value) < 0 else "0"
    magnitude = abs(float(value))
    wanted = struct.pack("f", magnitude)
    text = repr(magnitude)
    for precision in range(1, 10):
        candidate = f"{magnitude:.{precision - 1}e}"
        if struct.pack("f", float(candidate)) == wanted:
            text = candidate
            break
    digits, exponent = _shortest_digits(text)
    return _general(digits, exponent, value < 0, max(len(digits), 7))


def format_decimal(value: decimal.Decimal) -> str:
    """``[decimal]::ToString()``: fixed notation keeping the scale (``1.50``), never an exponent."""
    if not value.is_finite() or abs(value.adjusted()) > 60:
        return str(value)  # no .NET Decimal looks like this (a Python caller's NaN or 1E+400): keep it short
    if value.is_zero():
        value = abs(value)
    return format(value, "f")


def fit_decimal(value: decimal.Decimal) -> decimal.Decimal | None:
    """``value`` as a .NET Decimal (at most 28 places, 96-bit mantissa), or None when it overflows."""
    if not value.is_finite():
        return None
    if abs(value) > DECIMAL_MAX:
        rounded = value.to_integral_value(rounding=decimal.ROUND_HALF_EVEN, context=WIDE)
        return None if abs(rounded) > DECIMAL_MAX else rounded
    _sign, digits, exponent = value.as_tuple()
    exponent = int(exponent)
    if exponent < -28:
        value = value.quantize(decimal.Decimal(1).scaleb(-28), context=WIDE)
        _sign, digits, exponent = value.as_tuple()
        exponent = int(exponent)
    # Drop digits until the coefficient fits in 96 bits (Decimal holds 28-29 significant digits).
    while exponent < 0 and int("".join(map(str, digits)) or "0") > 2**96 - 1:
        value = value.quantize(decimal.Decimal(1).scaleb(exponent + 1), context=WIDE)
        _sign, digits, exponent = value.as_tuple()
        exponent = int(exponent)
    if exponent > 0:
        value = value.quantize(decimal.Decimal(1), context=WIDE)
    return value


def string_text(value: Any) -> str:
    """``[string]`` of a number (LanguagePrimitives.ConvertNumericToString): Double with G15, Single with
    G7 (so ``[string](0.1 + 0.2)`` is ``0.3`` while ``(0.1 + 0.2).ToString()`` is ``0.30000000000000004``)."""
    if isinstance(value, Single):
        return format_general(value, 7)
    if isinstance(value, float):
        return format_general(value, 15)
    return number_text(value)


def number_text(value: Any) -> str:
    """``ToString()`` of any number kind under the invariant culture (Double: shortest round trip)."""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, Single):
        return format_single(value)
    if isinstance(value, float):
        return format_double(value)
    if isinstance(value, decimal.Decimal):
        return format_decimal(value)
    return integer_text(int(value))


def integer_text(value: int) -> str:
    """Decimal digits of any integer, however long (``str()`` refuses past 4300 digits)."""
    try:
        return str(value)
    except ValueError:
        pass
    if value < 0:
        return "-" + integer_text(-value)
    chunk = 10**1000
    parts = []
    while value:
        value, rest = divmod(value, chunk)
        parts.append(rest)
    return str(parts[-1]) + "".join(f"{part:01000d}" for part in reversed(parts[:-1]))
