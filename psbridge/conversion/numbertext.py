"""Numeric text as PowerShell's number lexer reads it, for literals and for conversions.

``[int]"0x10"`` is 16, ``[int]"1kb"`` is 1024, ``"10" - "1e1"`` is 0 and
``[int]" "`` is 0, because LanguagePrimitives hands numeric strings to the
tokenizer's number scanner (``Parser.ScanNumber``).  The scanner lives here so
that both the tokenizer (language) and the conversion engine use one copy.

The value's type follows the lexer: the narrowest of Int32/Int64/Decimal/Double
without a suffix, or what the suffix asks for (``l`` Int64, ``d`` Decimal,
``u`` UInt32 or UInt64, ``s`` Int16, ``y`` SByte, ``uy`` Byte, ``n`` BigInteger),
in psbridge's numeric representation (:mod:`psbridge.objects.numeric`).

Public: :func:`parse_number` (whole text -> value), :func:`scan_number` and
:func:`number_value` (for the tokenizer), :class:`NumberScan`, :class:`NumberFormatError`.
"""

from __future__ import annotations

import decimal
import enum
import math
from collections.abc import Callable
from typing import Any

from ..objects.numeric import BigInteger, Byte, Int16, Int64, SByte, UInt16, UInt32, UInt64
from ..records import FrozenRecord, set_field

__all__ = [
    "DASHES",
    "NumberFormat",
    "NumberFormatError",
    "NumberScan",
    "is_dash",
    "is_decimal_digit",
    "is_hex_digit",
    "is_multiplier_start",
    "is_type_suffix",
    "number_value",
    "parse_number",
    "scan_number",
]

#: '-' and the dashes word processors substitute for it, which PowerShell accepts as a sign.
DASHES = frozenset("-\u2013\u2014\u2015")
_HEX = frozenset("0123456789abcdefABCDEF")


def is_dash(char: str) -> bool:
    return char in DASHES


def is_decimal_digit(char: str) -> bool:
    return "0" <= char <= "9" and len(char) == 1


def is_hex_digit(char: str) -> bool:
    return char in _HEX and len(char) == 1


def is_type_suffix(char: str) -> bool:
    return len(char) == 1 and char in "dDlLnNsSuUyY"


def is_multiplier_start(char: str) -> bool:
    return len(char) == 1 and char in "kKmMgGtTpP"


def _at_end(char: str) -> bool:
    return not char


class NumberFormat(enum.Enum):
    DECIMAL = "decimal"
    HEX = "hex"
    BINARY = "binary"


_MULTIPLIERS = {"k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4, "p": 1024**5}

# (minimum, maximum) of the integer type each suffix names.
_RANGES: dict[str, tuple[int, int]] = {
    "y": (-(2**7), 2**7 - 1),
    "uy": (0, 2**8 - 1),
    "s": (-(2**15), 2**15 - 1),
    "us": (0, 2**16 - 1),
    "l": (-(2**63), 2**63 - 1),
    "u": (0, 2**64 - 1),  # UInt32, else UInt64
    "ul": (0, 2**64 - 1),
}
# Hex digits expected for a sign bit to count (0xFFFFFFFF is -1, 0xFFs is -1 ...).
_SIGNED_HEX_WIDTH = {"y": 2, "s": 4, "l": 16}


class NumberScan(FrozenRecord):
    """What ScanNumberHelper found: the digits (with sign), format, suffix, real-ness, multiplier."""

    _fields = _compared = ("digits", "format", "suffix", "real", "multiplier")
    __slots__ = _fields

    digits: str
    format: NumberFormat
    suffix: str
    real: bool
    multiplier: int

    def __init__(self, digits: str, format: NumberFormat, suffix: str, real: bool, multiplier: int) -> None:
        set_field(self, "digits", digits)
        set_field(self, "format", format)
        set_field(self, "suffix", suffix)
        set_field(self, "real", real)
        set_field(self, "multiplier", multiplier)


def _char(text: str, index: int) -> str:
    return text[index] if index < len(text) else ""


def _scan_digits(text: str, index: int, accept: Any) -> tuple[str, int]:
    start = index
    while index < len(text) and accept(text[index]):
        index += 1
    return text[start:index], index


def _scan_exponent(text: str, index: int, out: list[str]) -> tuple[int, bool]:
    """Digits of an exponent after ``e``; returns (index, ok)."""
    char = _char(text, index)
    if char == "+" or is_dash(char):
        out.append("-" if is_dash(char) else "+")
        index += 1
    digits, index = _scan_digits(text, index, is_decimal_digit)
    out.append(digits)
    return index, bool(digits)


def _scan_after_dot(text: str, index: int, out: list[str]) -> tuple[int, bool]:
    digits, index = _scan_digits(text, index, is_decimal_digit)
    out.append(digits)
    char = _char(text, index)
    if char in ("e", "E"):
        out.append("e")
        return _scan_exponent(text, index + 1, out)
    return index, True


def scan_number(text: str, start: int, *, ends: Callable[[str], bool] = _at_end) -> tuple[NumberScan | None, int]:
    """Scan a number at ``start`` (a digit, ``.``, or a sign); ``(None, _)`` when it is not one.

    Mirrors PowerShell's ScanNumberHelper: the number must end where ``ends``
    says a token may end (the tokenizer passes its character classes; the
    default, for a whole string, is the end of the text).
    """
    index = start
    out: list[str] = []
    fmt = NumberFormat.DECIMAL
    real = False
    ok = True
    char = _char(text, index)
    if char == "+" or is_dash(char):
        out.append("-" if is_dash(char) else "+")
        index += 1
        char = _char(text, index)
    if char == ".":
        out.append(".")
        index, ok = _scan_after_dot(text, index + 1, out)
        real = True
    elif char == "0" and _char(text, index + 1) in ("x", "X", "b", "B"):
        if _char(text, index + 1) in ("x", "X"):
            fmt = NumberFormat.HEX
            out.append("0")  # keeps the value positive unless the digits fill the sign bit
            digits, index = _scan_digits(text, index + 2, is_hex_digit)
        else:
            fmt = NumberFormat.BINARY
            digits, index = _scan_digits(text, index + 2, lambda c: c in ("0", "1"))
            if not digits and not out:
                ok = False
        out.append(digits)
    elif is_decimal_digit(char):
        digits, index = _scan_digits(text, index, is_decimal_digit)
        out.append(digits)
        char = _char(text, index)
        if char == "." and _char(text, index + 1) != ".":
            out.append(".")
            real = True
            index, ok = _scan_after_dot(text, index + 1, out)
        elif char in ("e", "E"):
            out.append("e")
            real = True
            index, ok = _scan_exponent(text, index + 1, out)
    else:
        return None, start

    suffix = ""
    char = _char(text, index)
    if is_type_suffix(char):
        suffix = char.lower()
        index += 1
        char = _char(text, index)
        if is_type_suffix(char):
            index += 1
            if suffix == "u" and char.lower() in ("l", "s", "y"):
                suffix = "u" + char.lower()
            else:
                ok = False
            char = _char(text, index)

    multiplier = 1
    if is_multiplier_start(char):
        multiplier = _MULTIPLIERS[char.lower()]
        index += 1
        if _char(text, index) in ("b", "B"):
            index += 1
            char = _char(text, index)
        else:
            ok = False

    if not ends(char):
        ok = False
    if not ok:
        return None, index
    return NumberScan("".join(out), fmt, suffix, real, multiplier), index


def number_value(scan: NumberScan) -> Any:
    """The value the lexer gives the literal, or ``None`` when it does not fit its type."""
    try:
        if scan.real:
            return _real_value(scan)
        return _integer_value(scan)
    except (ArithmeticError, ValueError):
        return None


def _real_value(scan: NumberScan) -> Any:
    digits = scan.digits
    if scan.suffix == "d":
        value = decimal.Decimal(digits)
        if value.as_tuple().exponent > 0:  # type: ignore[operator]  # 1e3d is 1000, not 1E+3
            value = decimal.Decimal(int(value))
        return value * scan.multiplier
    number = float(digits) * scan.multiplier
    if math.isinf(number):
        return None
    if not scan.suffix:
        return number
    if scan.suffix == "n":
        return BigInteger(round(number))
    return _fit_integer(round(number), scan.suffix)  # Math.Round: half to even, as round() does


def _integer_value(scan: NumberScan) -> Any:
    digits = scan.digits
    multiplier = scan.multiplier
    suffix = scan.suffix
    sign = ""
    if digits[:1] in ("+", "-"):
        sign, digits = digits[0], digits[1:]
    if scan.format is NumberFormat.DECIMAL:
        value = int(digits)
    elif scan.format is NumberFormat.HEX:
        value = _hex_value(digits, suffix)
        if len(digits) == 17 and suffix in ("", "u"):
            suffix = "l" if suffix == "" else "ul"
    else:
        if not digits:
            return None
        width = len(digits)
        value = int(digits, 2)
        # A leading 1 is a sign bit only at the widths of .NET integer types (Utils.ParseBinary).
        if "u" not in suffix and digits[0] == "1" and (width in (8, 16, 32, 64, 96) or width >= 128):
            value -= 2**width
        if width == 64 and suffix in ("", "u"):
            suffix = "l" if suffix == "" else "ul"
    if sign == "-":
        value = -value
    value *= multiplier
    if suffix == "d":
        return decimal.Decimal(value)
    if suffix == "n":
        return BigInteger(value)
    if suffix:
        return _fit_integer(value, suffix)
    if -(2**31) <= value < 2**31:
        return value
    if -(2**63) <= value < 2**63:
        return Int64(value)
    if scan.format is NumberFormat.DECIMAL:
        big = decimal.Decimal(value)
        return big if abs(big) < decimal.Decimal("79228162514264337593543950335") else float(value)
    return None


def _hex_value(digits: str, suffix: str) -> int:
    """Hex digits (with the leading 0 the scanner adds) -> value, honouring the sign bit."""
    if "u" not in suffix:
        expected = _SIGNED_HEX_WIDTH.get(suffix, 8 if len(digits) < 16 else 16)
        if len(digits) == expected + 1:
            raw = digits[1:]
            value = int(raw, 16)
            bits = expected * 4
            return value - 2**bits if value >= 2 ** (bits - 1) else value
    return int(digits, 16)


_KINDS: dict[str, type[int]] = {"y": SByte, "uy": Byte, "s": Int16, "us": UInt16, "l": Int64, "ul": UInt64}


def _fit_integer(value: int, suffix: str) -> int | None:
    low, high = _RANGES[suffix]
    if not low <= value <= high:
        return None
    if suffix == "u":
        return UInt32(value) if value < 2**32 else UInt64(value)
    return _KINDS[suffix](value)


class NumberFormatError(ValueError):
    """The text is not one PowerShell number."""


def parse_number(text: str) -> Any:
    """``Parser.ScanNumber``: the value of ``text`` as a PowerShell number literal, or NumberFormatError.

    Whitespace around the number is ignored and blank text is the Int32 0; a
    sign is allowed; hex (``0x10``), binary (``0b101``), multipliers (``1kb``),
    type suffixes (``10l``, ``1.5d``) and exponents are the lexer's, culture-invariant.
    """
    stripped = text.strip()
    if not stripped:
        return 0
    scan, end = scan_number(stripped, 0)
    if scan is None or end != len(stripped):
        raise NumberFormatError(text)
    value = number_value(scan)
    if value is None:
        raise NumberFormatError(text)
    return value
