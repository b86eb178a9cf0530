""".NET format strings for numbers and dates (en-US), as Get-Date -Format, FormatString and
ToString(format) apply them.

Standard date formats (``d``, ``D``, ``f``, ``F``, ``g``, ``G``, ``M``, ``O``, ``R``, ``s``,
``t``, ``T``, ``u``, ``U``, ``Y``) expand to their en-US patterns; custom patterns use
``yyyy MM dd HH hh mm ss fff tt dddd MMMM zzz K`` and friends, quotes and backslash escapes.
Numbers take ``N``/``F``/``D``/``X``/``P``/``E``/``C``/``G`` with a precision.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from typing import Any

__all__ = ["format_date", "format_number", "format_value"]

_STANDARD_DATE = {
    "d": "M/d/yyyy",
    "D": "dddd, MMMM d, yyyy",
    "f": "dddd, MMMM d, yyyy h:mm tt",
    "F": "dddd, MMMM d, yyyy h:mm:ss tt",
    "g": "M/d/yyyy h:mm tt",
    "G": "M/d/yyyy h:mm:ss tt",
    "m": "MMMM d",
    "M": "MMMM d",
    "o": "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
    "O": "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
    "r": "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
    "R": "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
    "s": "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
    "t": "h:mm tt",
    "T": "h:mm:ss tt",
    "u": "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
    "U": "dddd, MMMM d, yyyy h:mm:ss tt",
    "y": "MMMM yyyy",
    "Y": "MMMM yyyy",
}

_DATE_TOKEN = re.compile(r"'[^']*'|\"[^\"]*\"|\\.|%|([dfFghHKmMstyz:/])\1*")


def format_date(value: dt.datetime, fmt: str) -> str:
    """``value.ToString(fmt)`` under en-US."""
    if len(fmt) == 1 and fmt in _STANDARD_DATE:
        if fmt in "rRuU":
            value = value.astimezone(dt.UTC) if value.tzinfo else value
        fmt = _STANDARD_DATE[fmt]
    out: list[str] = []
    position = 0
    while position < len(fmt):
        match = _DATE_TOKEN.match(fmt, position)
        if match is None:
            out.append(fmt[position])
            position += 1
            continue
        token = match.group(0)
        position = match.end()
        out.append(_date_token(value, token))
    return "".join(out)


def _date_token(value: dt.datetime, token: str) -> str:
    if token[0] in "'\"":
        return token[1:-1]
    if token[0] == "\\":
        return token[1:]
    if token == "%":
        return ""
    kind, count = token[0], len(token)
    if kind == "d":
        if count == 1:
            return str(value.day)
        if count == 2:
            return f"{value.day:02d}"
        return value.strftime("%a" if count == 3 else "%A")
    if kind == "M":
        if count == 1:
            return str(value.month)
        if count == 2:
            return f"{value.month:02d}"
        return value.strftime("%b" if count == 3 else "%B")
    if kind == "y":
        if count == 1:
            return str(value.year % 100)
        if count == 2:
            return f"{value.year % 100:02d}"
        return f"{value.year:0{count}d}"
    if kind == "h":
        hour = value.hour % 12 or 12
        return str(hour) if count == 1 else f"{hour:02d}"
    if kind == "H":
        return str(value.hour) if count == 1 else f"{value.hour:02d}"
    if kind == "m":
        return str(value.minute) if count == 1 else f"{value.minute:02d}"
    if kind == "s":
        return str(value.second) if count == 1 else f"{value.second:02d}"
    if kind in "fF":
        digits = f"{value.microsecond:06d}0"[: min(count, 7)]
        return digits.rstrip("0") if kind == "F" else digits
    if kind == "t":
        marker = "AM" if value.hour < 12 else "PM"
        return marker[0] if count == 1 else marker
    if kind == "g":
        return "A.D."
    if kind == "z":
        offset = _offset(value)
        sign = "-" if offset < dt.timedelta(0) else "+"
        minutes = abs(int(offset.total_seconds())) // 60
        hours, minutes = divmod(minutes, 60)
        if count == 1:
            return f"{sign}{hours}"
        if count == 2:
            return f"{sign}{hours:02d}"
        return f"{sign}{hours:02d}:{minutes:02d}"
    if kind == "K":
        if value.tzinfo is None:
            return ""
        if value.utcoffset() == dt.timedelta(0) and getattr(value.tzinfo, "key", "UTC") in ("UTC", None):
            return "Z" if value.tzinfo is dt.UTC else _date_token(value, "zzz")
        return _date_token(value, "zzz")
    if kind == ":":
        return ":"
    if kind == "/":
        return "/"
    return token


def _offset(value: dt.datetime) -> dt.timedelta:
    if value.tzinfo is not None:
        return value.utcoffset() or dt.timedelta(0)
    return dt.datetime.now().astimezone().utcoffset() or dt.timedelta(0)


_NUMBER_FORMAT = re.compile(r"^([CcDdEeFfGgNnPpXxRr])(\d{0,2})$")


def format_number(value: Any, fmt: str) -> str:
    """``value.ToString(fmt)`` for a standard numeric format under en-US (custom patterns: ``0.00``, ``#,##0``)."""
    match = _NUMBER_FORMAT.match(fmt)
    if match is None:
        return _custom_number(value, fmt)
    kind, digits = match.group(1), match.group(2)
    precision = int(digits) if digits else None
    upper = kind.upper()
    if upper == "D":
        whole = int(value)
        text = str(abs(whole)).rjust(precision or 0, "0")
        return ("-" if whole < 0 else "") + text
    if upper == "X":
        text = format(int(value) & (2**64 - 1) if int(value) < 0 else int(value), "X" if kind == "X" else "x")
        return text.rjust(precision or 0, "0")
    if upper in ("N", "F", "C", "P"):
        places = 2 if precision is None else precision
        number = decimal.Decimal(str(value)) * (100 if upper == "P" else 1)
        rounded = number.quantize(decimal.Decimal(1).scaleb(-places), rounding=decimal.ROUND_HALF_UP)
        text = f"{abs(rounded):,.{places}f}" if upper in ("N", "C", "P") else f"{abs(rounded):.{places}f}"
        sign = "-" if rounded < 0 else ""
        if upper == "C":
            return f"{sign}${text}" if not sign else f"(${text})"
        if upper == "P":
            return f"{sign}{text}%"
        return sign + text
    if upper == "E":
        places = 6 if precision is None else precision
        mantissa, exponent = f"{float(value):.{places}e}".split("e")
        return f"{mantissa}{kind}{exponent[0]}{int(exponent[1:]):03d}"
    from ...objects import format_double

    if isinstance(value, float):
        return format_double(value)
    return str(value)


def _custom_number(value: Any, fmt: str) -> str:
    """The common custom patterns: ``0.00``, ``#,##0.0``, ``000`` (digits and grouping only)."""
    body = fmt.replace("#", "0") if "0" in fmt or "#" in fmt else None
    if body is None or any(ch not in "0,." for ch in body):
        return fmt
    places = len(body.split(".", 1)[1]) if "." in body else 0
    minimum = len(body.split(".", 1)[0].replace(",", "").lstrip("#")) if "0" in fmt.split(".")[0] else 0
    grouping = "," in body.split(".", 1)[0]
    number = decimal.Decimal(str(value)).quantize(decimal.Decimal(1).scaleb(-places), rounding=decimal.ROUND_HALF_UP)
    text = f"{abs(number):{',' if grouping else ''}.{places}f}"
    whole, _, fraction = text.partition(".")
    if "#" in fmt.split(".")[0] and not fmt.split(".")[0].replace("#", "").replace(",", ""):
        minimum = 0 if whole in ("0",) and fraction else minimum
    whole = whole.rjust(minimum, "0") if minimum else whole
    if fraction and fmt.split(".", 1)[-1].startswith("#"):
        fraction = fraction.rstrip("0")
    return ("-" if number < 0 else "") + whole + (f".{fraction}" if fraction else "")


def format_value(value: Any, fmt: str) -> str:
    """``"{0:fmt}" -f value``: dates and numbers by their format, anything else as text."""
    if fmt.startswith("{") and fmt.endswith("}") and ":" in fmt:
        fmt = fmt[fmt.index(":") + 1 : -1]
    if isinstance(value, dt.datetime):
        return format_date(value, fmt)
    if isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool):
        return format_number(value, fmt)
    from ...objects import to_ps_string

    return to_ps_string(value)
