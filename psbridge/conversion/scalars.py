"""Conversions to the primitive types: numbers, String, Boolean, Char, SwitchParameter.

The rules are LanguagePrimitives': a string becomes a number through the lexer's
number scanner (``"0x10"``, ``"1kb"``, ``" 7 "``, ``""`` -> 0), then .NET's integer
parser (``"&h10"``), then a pass through Double (``"1,000"`` -> 1000); reals round
half to even into integers; out-of-range values fail with .NET's overflow text;
anything becomes a String (``$OFS`` joins arrays) and a Boolean (truthiness).

Public: :class:`NumericType`, :class:`StringType`, :class:`BooleanType`,
:class:`CharType`, :class:`SwitchType`, :data:`OFS` (the ``$OFS`` context variable),
:func:`is_true`, :func:`to_string`, :func:`numeric_value` (any value as a number for
an arithmetic operator, or None).
"""

from __future__ import annotations

import contextvars
import decimal
import enum
import functools
import math
import re
from typing import Any

from ..objects import SwitchParameter, find_adapter, to_ps_string
from ..objects.numeric import (
    DECIMAL_MAX,
    Char,
    Single,
    TypeCode,
    fit_decimal,
    integer_of,
    to_single,
    type_code,
)
from .errors import cast_with_inner
from .numbertext import NumberFormatError, parse_number
from .pstype import Converter, PSType

__all__ = [
    "OFS",
    "BooleanType",
    "CharType",
    "NumericType",
    "StringType",
    "SwitchType",
    "is_true",
    "numeric_value",
    "to_string",
]

#: ``$OFS``: the separator ``[string]`` puts between array elements (the evaluator sets it).
OFS: contextvars.ContextVar[str] = contextvars.ContextVar("OFS", default=" ")

_INTEGER_CODES = frozenset(
    {
        TypeCode.SByte,
        TypeCode.Byte,
        TypeCode.Int16,
        TypeCode.UInt16,
        TypeCode.Int32,
        TypeCode.UInt32,
        TypeCode.Int64,
        TypeCode.UInt64,
        TypeCode.BigInteger,
    }
)


@functools.cache
def _net_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """.NET's integer, hex and floating-point text (Int32Converter, Double.Parse), compiled when a
    text is first converted to a number: the case-insensitive ones cost a fresh process's bind
    about a millisecond when compiled at import."""
    return (
        re.compile(r"^\s*([+-]?)(\d+)\s*$"),
        re.compile(r"^\s*(?:0x|&h)([0-9a-f]+)\s*$", re.IGNORECASE),
        re.compile(r"^\s*([+-]?)((?:\d[\d,]*)?(?:\.\d*)?)(?:e([+-]?\d+))?\s*$", re.IGNORECASE),
    )


_NET_SPECIAL = {"infinity": math.inf, "+infinity": math.inf, "-infinity": -math.inf, "nan": math.nan}


def to_string(value: Any, ofs: str | None = None) -> str:
    """``[string]$value``: invariant culture; collections joined with ``ofs`` (default: :data:`OFS`)."""
    return to_ps_string(value, OFS.get() if ofs is None else ofs)


def is_true(value: Any) -> bool:
    """LanguagePrimitives.IsTrue: PowerShell's truthiness of any value.

    ``$null``, ``""``, ``0``, ``$false`` and an empty array are false; a
    one-element array is as true as its element (an element that is itself an
    array is true when it is not empty); every other object is true.
    """
    kind = type(value)
    if kind is bool:
        return value
    if value is None:
        return False
    if kind is str or kind is int or kind is float:
        return bool(value)
    if isinstance(value, str):
        return len(value) != 0
    if isinstance(value, decimal.Decimal):
        return not value.is_zero()
    if isinstance(value, int | float):
        return value != 0
    if isinstance(value, SwitchParameter):
        return value.is_present
    if isinstance(value, list | tuple):
        if not value:
            return False
        if len(value) == 1:
            first = value[0]
            if isinstance(first, list | tuple):
                return len(first) > 0
            return is_true(first)
        return True
    if isinstance(value, enum.Enum):
        return bool(value.value)
    adapter = find_adapter(value)
    if adapter is not None:
        native = adapter.to_python(value)
        if native is not value:
            return is_true(native)
    return True


def numeric_value(value: Any) -> Any:
    """``value`` as a number when it already is one (bool, Char and enums count), else None."""
    if isinstance(value, int | float | decimal.Decimal):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    return None


# -- numbers -------------------------------------------------------------------------------------
def _article(name: str) -> str:
    return "an" if name[0] in "AEIOUaeiou" else "a"


class NumericType(PSType):
    """An integer, real or Decimal type; ``code`` is its TypeCode."""

    is_value_type = True
    is_numeric = True

    def __init__(self, full_name: str, code: int, minimum: Any = None, maximum: Any = None) -> None:
        super().__init__(full_name)
        self.code = code
        self.minimum, self.maximum = minimum, maximum
        self.is_integer = code in _INTEGER_CODES
        self.overflow_text = f"Value was either too large or too small for {_article(self.name)} {self.name}."

    def is_instance(self, value: Any) -> bool:
        return not isinstance(value, bool | Char) and type_code(value) == self.code

    # The rank of the source decides the converter; each is a closure over ``self``.
    def figure(self, value: Any) -> Converter:
        if value is None:
            zero = self.from_number(0)
            return lambda _value: zero
        if isinstance(value, bool):
            return lambda v: self.from_number(int(v))
        if isinstance(value, SwitchParameter):
            return lambda v: self.from_number(int(v.is_present))
        if isinstance(value, Char):
            return self._from_char
        if isinstance(value, int | float | decimal.Decimal):
            return self.from_number
        if isinstance(value, str):
            return self.from_string
        if isinstance(value, enum.Enum):
            return lambda v: self.from_number(v.value)
        return self.no_conversion

    def overflow(self, value: Any, error_id: str = "InvalidCastIConvertible") -> Exception:
        return cast_with_inner(value, self.full_name, self.overflow_text, error_id=error_id)

    def from_number(self, value: Any, shown: Any = None) -> Any:
        """Convert.ChangeType between numeric types: reals round half to even; overflow fails."""
        shown = value if shown is None else shown
        code = self.code
        if isinstance(value, decimal.Decimal) and (not value.is_finite() or abs(value) > DECIMAL_MAX):
            raise self.overflow(shown)  # not a .NET Decimal (NaN, infinity, 1E+400 from a Python caller)
        if code == TypeCode.Double:
            try:
                return float(value)
            except OverflowError:
                return math.inf if value > 0 else -math.inf
        if code == TypeCode.Single:
            try:
                return to_single(float(value))
            except OverflowError:
                return Single(math.inf if value > 0 else -math.inf)
        if code == TypeCode.Decimal:
            return self._to_decimal(value, shown)
        # an integer type
        if isinstance(value, float):
            if math.isnan(value) or math.isinf(value):
                raise self.overflow(shown)
            value = round(value)
        elif isinstance(value, decimal.Decimal):
            if not value.is_finite():
                raise self.overflow(shown)
            value = int(value.to_integral_value(rounding=decimal.ROUND_HALF_EVEN))
        else:
            value = int(value)
        if self.minimum is not None and not self.minimum <= value <= self.maximum:
            raise self.overflow(shown)
        return integer_of(value, code)

    def _to_decimal(self, value: Any, shown: Any) -> decimal.Decimal:
        if isinstance(value, float):
            if math.isnan(value) or math.isinf(value):
                raise self.overflow(shown)
            # Convert.ToDecimal(double) keeps 15 significant digits: [decimal]0.1 is 0.1.
            value = decimal.Decimal(format(value, ".15g"))
        elif not isinstance(value, decimal.Decimal):
            value = decimal.Decimal(int(value))
        fitted = fit_decimal(value)
        if fitted is None:
            raise self.overflow(shown)
        return fitted

    def _from_char(self, value: Any) -> Any:
        if self.is_integer:
            return self.from_number(ord(value))
        raise cast_with_inner(
            value, self.full_name, f"Invalid cast from 'Char' to '{self.name}'.", error_id="InvalidCastIConvertible"
        )

    def from_string(self, text: str) -> Any:
        """ConvertStringToInteger / ToDecimal / ToReal: the lexer first, then .NET's parsers."""
        if not text:
            return self.from_number(0)
        try:
            scanned = parse_number(text)
        except NumberFormatError:
            pass
        else:
            try:
                return self.from_number(scanned, text)
            except Exception:  # PowerShell swallows this and tries .NET's parsers
                pass
        error_id = (
            "InvalidCastFromStringToInteger"
            if self.is_integer
            else "InvalidCastFromStringToDecimal"
            if self.code == TypeCode.Decimal
            else "InvalidCastFromStringToDoubleOrSingle"
        )
        format_text = f"The input string '{text}' was not in a correct format."
        if self.is_integer:
            parsed = _net_integer(text)
            if parsed is not None:
                if self.minimum is not None and not self.minimum <= parsed <= self.maximum:
                    raise cast_with_inner(text, self.full_name, self.overflow_text, error_id=error_id)
                return integer_of(parsed, self.code)
        through_double = _net_double(text)
        if through_double is not None and (
            self.code in (TypeCode.Double, TypeCode.Single) or math.isfinite(through_double)
        ):
            try:
                return self.from_number(through_double, text)
            except Exception:  # the format error below is what PowerShell reports
                pass
        raise cast_with_inner(text, self.full_name, format_text, error_id=error_id)


def _net_integer(text: str) -> int | None:
    """Int32Converter.ConvertFrom: ``[+-]digits`` with blanks, or hex after ``0x``/``&h``."""
    integer, hexadecimal, _ = _net_patterns()
    match = integer.match(text)
    if match:
        value = int(match.group(2))
        return -value if match.group(1) == "-" else value
    match = hexadecimal.match(text)
    if match:
        return int(match.group(1), 16)
    return None


def _net_double(text: str) -> float | None:
    """Double.Parse with NumberStyles.Float | AllowThousands under the invariant culture."""
    special = _NET_SPECIAL.get(text.strip().casefold())
    if special is not None:
        return special
    match = _net_patterns()[2].match(text)
    if not match or not any(ch.isdigit() for ch in match.group(2)):
        return None
    mantissa = match.group(2)
    if "," in mantissa.partition(".")[2]:
        return None
    number = f"{match.group(1)}{mantissa.replace(',', '')}" + (f"e{match.group(3)}" if match.group(3) else "")
    try:
        return float(number)
    except ValueError:
        return None


# -- String, Boolean, Char, SwitchParameter --------------------------------------------------------
class StringType(PSType):
    """``[string]``: every value converts (PSObject.ToString); a Char is not a String."""

    def __init__(self) -> None:
        super().__init__("System.String")

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, str) and not isinstance(value, Char)

    def figure(self, value: Any) -> Converter:
        if type(value) is str:
            return _same
        return to_string


def _same(value: Any) -> Any:
    return value


class BooleanType(PSType):
    """``[bool]``: truthiness of anything (``[bool]"False"`` is True: the string is not empty)."""

    is_value_type = True

    def __init__(self) -> None:
        super().__init__("System.Boolean")

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, bool)

    def figure(self, value: Any) -> Converter:
        return is_true


class SwitchType(PSType):
    """``[switch]``: a SwitchParameter made from the truthiness of the value."""

    is_value_type = True

    def __init__(self) -> None:
        super().__init__("System.Management.Automation.SwitchParameter")

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, SwitchParameter)

    def figure(self, value: Any) -> Converter:
        if isinstance(value, SwitchParameter):
            return _same
        return lambda v: SwitchParameter(is_true(v))


class CharType(PSType):
    """``[char]``: a one-character string or a code point 0..65535."""

    is_value_type = True

    def __init__(self) -> None:
        super().__init__("System.Char")

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, Char)

    def figure(self, value: Any) -> Converter:
        if value is None:
            return lambda _v: Char("\0")
        if isinstance(value, Char):
            return _same
        if isinstance(value, str):
            return self._from_string
        if isinstance(value, int) and not isinstance(value, bool):
            return self._from_integer
        if isinstance(value, bool | float | decimal.Decimal):
            source = (
                "Boolean" if isinstance(value, bool) else "Decimal" if isinstance(value, decimal.Decimal) else "Double"
            )
            return lambda v: _raise(
                cast_with_inner(
                    v, self.full_name, f"Invalid cast from '{source}' to 'Char'.", error_id="InvalidCastIConvertible"
                )
            )
        return self.no_conversion

    def _from_string(self, text: str) -> Char:
        if len(text) == 1:
            return Char(text)
        raise cast_with_inner(
            text,
            self.full_name,
            "String must be exactly one character long.",
            error_id="InvalidCastParseTargetInvocation",
        )

    def _from_integer(self, value: int) -> Char:
        if 0 <= value <= 0xFFFF:
            return Char(chr(value))
        raise cast_with_inner(
            value,
            self.full_name,
            "Value was either too large or too small for a character.",
            error_id="InvalidCastIConvertible",
        )


def _raise(error: Exception) -> Any:
    raise error
