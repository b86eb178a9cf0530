# ruff: noqa: E501 - member tables: one line per .NET member reads best
"""``[math]::`` and the numeric types' statics: ``MaxValue``, ``Parse``, ``TryParse($s, [ref]$n)``.

.NET's ``Int32.Parse`` is stricter than PowerShell's cast: ``[int]"0x10"`` is 16 but
``[int]::Parse("0x10")`` throws, and ``"1,000"`` parses only as a real.  So Parse
and TryParse here follow NumberStyles.Integer / Float|AllowThousands under the
invariant culture, and TryParse writes the value (or the type's zero) through its
``[ref]`` argument as .NET's ``out`` parameter does.
"""

from __future__ import annotations

import decimal
import math
import re
from collections.abc import Callable
from typing import Any

from .member_args import as_int, invocation_failed, set_reference
from .netenums import MidpointRounding
from .scalars import NumericType, to_string
from .typenames import DOUBLE, INT32, INT64

__all__ = ["MATH", "numeric_static"]

_INTEGER = re.compile(r"^\s*([+-]?)(\d+)\s*$")
_HEX = re.compile(r"^\s*([0-9a-fA-F]+)\s*$")
_FLOAT = re.compile(r"^\s*([+-]?)((?:\d[\d,]*)?(?:\.\d*)?)(?:[eE]([+-]?\d+))?\s*$")
_SPECIAL = {"infinity": math.inf, "+infinity": math.inf, "-infinity": -math.inf, "nan": math.nan, "∞": math.inf, "-∞": -math.inf}


def _num(value: Any) -> Any:
    if isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool):
        return value
    return DOUBLE.convert(value)


def _round(value: Any, *args: Any) -> Any:
    """Math.Round: half to even unless a MidpointRounding says otherwise; a Decimal stays Decimal."""
    digits = 0
    mode = MidpointRounding.ToEven
    for arg in args:
        if isinstance(arg, MidpointRounding):
            mode = arg
        elif isinstance(arg, str):
            mode = MidpointRounding[arg]
        else:
            digits = as_int(arg)
    if not 0 <= digits <= 15:
        raise invocation_failed("Round", 1 + len(args), "Rounding digits must be between 0 and 15, inclusive. (Parameter 'digits')")
    number = _num(value)
    rounding = {
        MidpointRounding.ToEven: decimal.ROUND_HALF_EVEN,
        MidpointRounding.AwayFromZero: decimal.ROUND_HALF_UP,
        MidpointRounding.ToZero: decimal.ROUND_DOWN,
        MidpointRounding.ToNegativeInfinity: decimal.ROUND_FLOOR,
        MidpointRounding.ToPositiveInfinity: decimal.ROUND_CEILING,
    }[mode]
    if isinstance(number, float) and not math.isfinite(number):
        return number
    exact = decimal.Decimal(number) if not isinstance(number, decimal.Decimal) else number
    result = exact.quantize(decimal.Decimal(1).scaleb(-digits), rounding=rounding)
    return result if isinstance(number, decimal.Decimal) else float(result)


def _integral(rounding: str, real: Callable[[float], float]) -> Callable[[Any], Any]:
    """Floor/Ceiling/Truncate: the Double overload for integers and reals, Decimal for a Decimal."""

    def run(value: Any) -> Any:
        number = _num(value)
        if isinstance(number, decimal.Decimal):
            return number.to_integral_value(rounding)
        number = float(number)
        return number if not math.isfinite(number) else float(real(number))

    return run


def _widest(a: Any, b: Any) -> tuple[Any, Any]:
    """The two arguments converted to the overload PowerShell's binder picks (the wider type):
    adding the other operand's zero widens as arithmetic does, and cannot overflow."""
    from .operators.numeric import numeric_op

    left, right = _num(a), _num(b)
    return numeric_op("add", left, type(right)(0)), numeric_op("add", right, type(left)(0))


def _max_min(pick: Callable[..., Any]) -> Callable[..., Any]:
    def run(a: Any, b: Any) -> Any:
        left, right = _widest(a, b)
        if isinstance(left, float) and (math.isnan(left) or math.isnan(right)):
            return math.nan
        return pick(left, right)

    return run


def _log(value: Any, base: Any = None) -> float:
    number = float(_num(value))
    if number < 0 or math.isnan(number):
        return math.nan
    if number == 0:
        return -math.inf
    if math.isinf(number):
        return math.inf
    if base is None:
        return math.log(number)
    b = float(_num(base))
    if b == 1 or b <= 0:
        return math.nan
    return math.log(number) / math.log(b)


def _real(function: Callable[..., float]) -> Callable[..., float]:
    """A Math function over Doubles: a domain error is NaN, as .NET returns it, never an exception."""

    def run(*args: Any) -> float:
        try:
            return function(*(float(_num(a)) for a in args))
        except ValueError:
            return math.nan
        except OverflowError:
            return math.inf

    return run


def _div_rem(a: Any, b: Any, reference: Any = None) -> Any:
    left, right = as_int(a) if not isinstance(a, int) else a, as_int(b) if not isinstance(b, int) else b
    if right == 0:
        raise invocation_failed("DivRem", 3 if reference is not None else 2, "Attempted to divide by zero.")
    quotient = abs(left) // abs(right) * (1 if (left >= 0) == (right >= 0) else -1)
    remainder = left - quotient * right
    if reference is not None:
        set_reference(reference, 3, remainder)
        return quotient
    return [quotient, remainder]


def _clamp(value: Any, low: Any, high: Any) -> Any:
    v, lo = _widest(value, low)
    _, hi = _widest(value, high)
    if lo > hi:
        raise invocation_failed("Clamp", 3, f"'{to_string(lo)}' cannot be greater than {to_string(hi)}.")
    return lo if v < lo else hi if v > hi else v


def _abs(value: Any) -> Any:
    """Math.Abs keeps the operand's type; the minimum of a signed type has no absolute value."""
    from ..objects.numeric import INT32_MIN, TypeCode, integer_of, type_code

    number = _num(value)
    if not isinstance(number, int):
        return abs(number)
    minimum = getattr(type(number), "minimum", INT32_MIN if type(number) is int else None)
    if minimum is not None and minimum < 0 and number == minimum:
        raise invocation_failed("Abs", 1, "Negating the minimum value of a twos complement number is invalid.")
    code = type_code(number)
    return integer_of(abs(number), code) if code != TypeCode.Object else abs(number)


MATH: dict[str, Any] = {
    "pi": math.pi,
    "e": math.e,
    "tau": math.tau,
    "round": _round,
    "floor": _integral(decimal.ROUND_FLOOR, math.floor),
    "ceiling": _integral(decimal.ROUND_CEILING, math.ceil),
    "truncate": _integral(decimal.ROUND_DOWN, math.trunc),
    "abs": _abs,
    "max": _max_min(max),
    "min": _max_min(min),
    "clamp": _clamp,
    "pow": _real(lambda a, b: math.pow(a, b) if not (a == 0 and b < 0) else math.inf),
    "sqrt": _real(lambda v: math.sqrt(v) if v >= 0 else math.nan),
    "cbrt": _real(lambda v: math.copysign(abs(v) ** (1 / 3), v)),
    "log": _log,
    "log10": _real(lambda v: math.log10(v) if v > 0 else (-math.inf if v == 0 else math.nan)),
    "log2": _real(lambda v: math.log2(v) if v > 0 else (-math.inf if v == 0 else math.nan)),
    "exp": _real(math.exp),
    "sin": _real(math.sin),
    "cos": _real(math.cos),
    "tan": _real(math.tan),
    "asin": _real(math.asin),
    "acos": _real(math.acos),
    "atan": _real(math.atan),
    "atan2": _real(math.atan2),
    "sinh": _real(math.sinh),
    "cosh": _real(math.cosh),
    "tanh": _real(math.tanh),
    "sign": lambda v: _sign(_num(v)),
    "bigmul": lambda a, b: INT64.convert(as_int(a) * as_int(b)),
    "divrem": _div_rem,
    "ieeeremainder": _real(math.remainder),
    "copysign": _real(math.copysign),
}  # fmt: skip


def _sign(number: Any) -> int:
    if isinstance(number, float) and math.isnan(number):
        raise invocation_failed("Sign", 1, "Function does not accept floating point Not-a-Number values.")
    return (number > 0) - (number < 0)


# -- the numeric types ----------------------------------------------------------------------------
def net_parse(ps_type: NumericType, text: Any, hex_digits: bool = False) -> Any:
    """``[T]::Parse(text)`` under the invariant culture; ValueError/OverflowError carry .NET's message."""
    if text is None:
        raise ValueError("Value cannot be null. (Parameter 's')")
    shown = to_string(text)
    if ps_type.is_integer:
        if hex_digits:
            found = _HEX.match(shown)
            number = int(found.group(1), 16) if found else None
        else:
            found = _INTEGER.match(shown)
            number = (-1 if found.group(1) == "-" else 1) * int(found.group(2)) if found else None
        if number is None:
            raise ValueError(f"The input string '{shown}' was not in a correct format.")
        if ps_type.minimum is not None and not ps_type.minimum <= number <= ps_type.maximum:
            raise OverflowError(ps_type.overflow_text)
        return ps_type.from_number(number)
    special = _SPECIAL.get(shown.strip().casefold())
    if special is not None and ps_type.full_name != "System.Decimal":
        return ps_type.from_number(special)
    found = _FLOAT.match(shown)
    if not found or not any(ch.isdigit() for ch in found.group(2)) or "," in found.group(2).partition(".")[2]:
        raise ValueError(f"The input string '{shown}' was not in a correct format.")
    literal = f"{found.group(1)}{found.group(2).replace(',', '')}" + (f"e{found.group(3)}" if found.group(3) else "")
    if ps_type.full_name == "System.Decimal":
        return ps_type.from_number(decimal.Decimal(literal))
    return ps_type.from_number(float(literal))


def _parse(ps_type: NumericType) -> Callable[..., Any]:
    def parse(text: Any, *options: Any) -> Any:
        hex_digits = any("hexnumber" in to_string(option).casefold() for option in options)
        try:
            return net_parse(ps_type, text, hex_digits)
        except (ValueError, OverflowError) as error:
            raise invocation_failed("Parse", 1 + len(options), str(error)) from None

    return parse


def _try_parse(ps_type: NumericType) -> Callable[..., Any]:
    def try_parse(text: Any, *rest: Any) -> bool:
        if not rest:
            from .member_args import no_overload

            raise no_overload("TryParse", 1)
        hex_digits = any("hexnumber" in to_string(option).casefold() for option in rest[:-1])
        try:
            value, parsed = net_parse(ps_type, text, hex_digits), True
        except (ValueError, OverflowError, Exception):
            value, parsed = ps_type.from_number(0), False
        set_reference(rest[-1], 1 + len(rest), value)
        return parsed

    return try_parse


_REAL_STATICS: dict[str, dict[str, Any]] = {
    "System.Double": {"nan": math.nan, "positiveinfinity": math.inf, "negativeinfinity": -math.inf,
                      "maxvalue": 1.7976931348623157e308, "minvalue": -1.7976931348623157e308, "epsilon": 5e-324},
    "System.Single": {"nan": math.nan, "positiveinfinity": math.inf, "negativeinfinity": -math.inf,
                      "maxvalue": 3.4028234663852886e38, "minvalue": -3.4028234663852886e38, "epsilon": 1.401298464324817e-45},
    "System.Decimal": {"maxvalue": decimal.Decimal("79228162514264337593543950335"),
                       "minvalue": decimal.Decimal("-79228162514264337593543950335"), "zero": decimal.Decimal(0),
                       "one": decimal.Decimal(1), "minusone": decimal.Decimal(-1)},
}  # fmt: skip

_REAL_TESTS: dict[str, Callable[[float], bool]] = {
    "isnan": math.isnan,
    "isinfinity": math.isinf,
    "ispositiveinfinity": lambda v: v == math.inf,
    "isnegativeinfinity": lambda v: v == -math.inf,
    "isfinite": math.isfinite,
}


def numeric_static(ps_type: NumericType, folded: str) -> tuple[bool, Any]:
    """``(found, member)`` of a numeric type's static member."""
    if folded == "maxvalue" and ps_type.maximum is not None:
        return True, ps_type.from_number(ps_type.maximum)
    if folded == "minvalue" and ps_type.minimum is not None:
        return True, ps_type.from_number(ps_type.minimum)
    specials = _REAL_STATICS.get(ps_type.full_name, {})
    if folded in specials:
        return True, ps_type.from_number(specials[folded])
    if folded == "parse":
        return True, _parse(ps_type)
    if folded == "tryparse":
        return True, _try_parse(ps_type)
    if folded in _REAL_TESTS and not ps_type.is_integer:
        test = _REAL_TESTS[folded]
        return True, lambda value: test(float(_num(value)))
    if folded in ("max", "min") and ps_type is not INT32:
        return True, _max_min(max if folded == "max" else min)
    return False, None
