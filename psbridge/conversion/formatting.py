""".NET format strings under the invariant culture: ``-f``, ``ToString(format)``, ``[string]::Format``.

Composite formats (``{0,-10:N2}``, ``{{``/``}}``), standard numeric formats (C D E F G N P R X,
with precision), custom numeric formats (``0.00``, ``#,##0``, ``0%``, ``000``, sections with
``;``), standard and custom DateTime formats (``d``, ``yyyy-MM-dd HH:mm:ss``, ``o``, ``s``,
``u`` ...) and TimeSpan formats (``c``, ``g``, custom ``hh\\:mm``).

Public: :func:`composite_format` (raises FormatError with .NET's message),
:func:`format_value` (one value with one format string), :class:`FormatError`.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import math
import re
from typing import Any

from ..objects.numeric import Char, Single, number_text
from .datetimes import TICKS_PER_SECOND, ticks_of, timespan_text
from .scalars import to_string

__all__ = ["FormatError", "composite_format", "format_value"]


class FormatError(ValueError):
    """A FormatException: the text is .NET's message."""


_INDEX_ERROR = "Index (zero based) must be greater than or equal to zero and less than the size of the argument list."
_BAD_FORMAT = "Input string was not in a correct format."


def composite_format(template: str, arguments: list[Any]) -> str:
    """String.Format(InvariantCulture, template, arguments)."""
    out: list[str] = []
    pos = 0
    length = len(template)
    while pos < length:
        char = template[pos]
        if char == "}":
            if template[pos + 1 : pos + 2] == "}":
                out.append("}")
                pos += 2
                continue
            raise FormatError(_BAD_FORMAT)
        if char != "{":
            out.append(char)
            pos += 1
            continue
        if template[pos + 1 : pos + 2] == "{":
            out.append("{")
            pos += 2
            continue
        end = _closing_brace(template, pos + 1)
        spec = template[pos + 1 : end]
        found = re.fullmatch(r"\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?(?::(.*))?", spec, re.DOTALL)
        if not found:
            raise FormatError(_BAD_FORMAT)
        index = int(found.group(1))
        if index >= len(arguments):
            raise FormatError(_INDEX_ERROR)
        text = format_value(arguments[index], (found.group(3) or "").replace("{{", "{").replace("}}", "}"))
        width = int(found.group(2) or 0)
        out.append(text.rjust(width) if width > 0 else text.ljust(-width))
        pos = end + 1
    return "".join(out)


def _closing_brace(template: str, pos: int) -> int:
    while pos < len(template):
        if template[pos] == "}":
            if template[pos + 1 : pos + 2] == "}" and ":" in template[:pos]:
                pos += 2
                continue
            return pos
        if template[pos] == "{":
            raise FormatError(_BAD_FORMAT)
        pos += 1
    raise FormatError(_BAD_FORMAT)


def format_value(value: Any, fmt: str) -> str:
    """``value.ToString(fmt)`` for numbers, dates and time spans; other values ignore ``fmt``."""
    if not fmt:
        return to_string(value)
    if isinstance(value, (bool, Char)):
        return to_string(value)
    if isinstance(value, int | float | decimal.Decimal):
        return format_number(value, fmt)
    if isinstance(value, _dt.datetime):
        return format_datetime(value, fmt)
    if isinstance(value, _dt.timedelta):
        return format_timespan(value, fmt)
    return to_string(value)


# -- numbers ------------------------------------------------------------------------------------------
def _decimal_of(value: Any) -> decimal.Decimal:
    if isinstance(value, Single):
        return decimal.Decimal(number_text(value))
    if isinstance(value, float):
        return decimal.Decimal(repr(value))
    return decimal.Decimal(value)


def _round(value: decimal.Decimal, places: int) -> decimal.Decimal:
    """.NET rounds formatted numbers half away from zero."""
    return value.quantize(decimal.Decimal(1).scaleb(-places), rounding=decimal.ROUND_HALF_UP, context=_CTX)


_CTX = decimal.Context(prec=400, Emax=999999, Emin=-999999)


def _group(digits: str) -> str:
    return ",".join(re.findall(r"\d{1,3}", digits[::-1]))[::-1]


def format_number(value: Any, fmt: str) -> str:
    standard = re.fullmatch(r"([A-Za-z])(\d{0,9})", fmt)
    if standard is None:
        return _custom_number(value, fmt)
    kind, digits = standard.group(1), standard.group(2)
    precision = int(digits) if digits else None
    upper = kind.upper()
    if isinstance(value, float) and not math.isfinite(value):
        return number_text(value)
    is_integer = isinstance(value, int)
    if upper == "D":
        if not is_integer:
            raise FormatError("Format specifier was invalid.")
        text = str(abs(int(value))).rjust(precision or 0, "0")
        return ("-" if value < 0 else "") + text
    if upper == "X":
        if not is_integer:
            raise FormatError("Format specifier was invalid.")
        integer = int(value)
        if integer < 0:
            bits = 64 if abs(integer) > 2**31 else 32
            integer &= 2**bits - 1
        text = format(integer, "X" if kind == "X" else "x")
        return text.rjust(precision or 0, "0")
    if upper in ("G", "R"):
        if precision is None or upper == "R":
            return number_text(value)
        general = _decimal_of(value)
        text = format(general.normalize(_CTX) if general else general, f".{precision}g")
        return text.replace("e", "E") if "e" in text else text
    amount = _decimal_of(value)
    negative = amount < 0
    number = abs(amount)
    if upper == "E":
        places = 6 if precision is None else precision
        text = format(number, f".{places}e")
        mantissa, exponent = text.split("e")
        sign = "-" if int(exponent) < 0 else "+"
        body = f"{mantissa}{'E' if kind == 'E' else 'e'}{sign}{abs(int(exponent)):03d}"
    elif upper in ("F", "N", "C", "P"):
        places = 2 if precision is None else precision
        if upper == "P":
            number *= 100
        rounded = _round(number, places)
        whole, _, fraction = format(rounded, "f").partition(".")
        if upper != "F":
            whole = _group(whole)
        body = whole + ("." + fraction.ljust(places, "0") if places else "")
        if upper == "P":
            body += " %"
        elif upper == "C":
            body = "¤" + body
    else:
        raise FormatError("Format specifier was invalid.")
    if negative and any(ch not in "0.,E+-e %¤" for ch in body):
        if upper == "C":
            return f"({body})"
        return "-" + body
    return body


def _custom_number(value: Any, fmt: str) -> str:
    """Custom numeric format: 0 # . , % ‰ E0 'literal' \\x and ; sections."""
    sections = _split_sections(fmt)
    number = _decimal_of(value) if not (isinstance(value, float) and not math.isfinite(value)) else None
    if number is None:
        return number_text(value)
    section = sections[0]
    if number < 0 and len(sections) > 1 and sections[1]:
        section, number = sections[1], -number
    elif number == 0 and len(sections) > 2 and sections[2]:
        section = sections[2]
    return _apply_custom(number, section)


def _split_sections(fmt: str) -> list[str]:
    sections, current, quote, pos = [], [], "", 0
    while pos < len(fmt):
        char = fmt[pos]
        if quote:
            if char == quote:
                quote = ""
            current.append(char)
        elif char in "'\"":
            quote = char
            current.append(char)
        elif char == "\\" and pos + 1 < len(fmt):
            current.append(fmt[pos : pos + 2])
            pos += 1
        elif char == ";":
            sections.append("".join(current))
            current = []
        else:
            current.append(char)
        pos += 1
    sections.append("".join(current))
    return sections


def _apply_custom(number: decimal.Decimal, section: str) -> str:
    tokens: list[tuple[str, str]] = []  # (kind, text): kind is "ph" for 0/#, "dot", "comma", "lit", "pct"
    pos = 0
    while pos < len(section):
        char = section[pos]
        if char in "'\"":
            end = section.find(char, pos + 1)
            end = len(section) if end < 0 else end
            tokens.append(("lit", section[pos + 1 : end]))
            pos = end + 1
            continue
        if char == "\\" and pos + 1 < len(section):
            tokens.append(("lit", section[pos + 1]))
            pos += 2
            continue
        if char in "0#":
            tokens.append(("ph", char))
        elif char == ".":
            tokens.append(("dot", char))
        elif char == ",":
            tokens.append(("comma", char))
        elif char == "%":
            tokens.append(("pct", char))
        else:
            tokens.append(("lit", char))
        pos += 1
    if not any(kind == "ph" for kind, _ in tokens):
        return "".join(text for _, text in tokens)
    for kind, _ in tokens:
        if kind == "pct":
            number *= 100
    dot = next((i for i, (kind, _) in enumerate(tokens) if kind == "dot"), len(tokens))
    int_ph = [t for t in tokens[:dot] if t[0] == "ph"]
    frac_ph = [t for t in tokens[dot + 1 :] if t[0] == "ph"]
    # Commas right before the point scale by 1000 each; any other comma turns on grouping.
    scale = 0
    index = dot - 1
    while index >= 0 and tokens[index][0] == "comma":
        scale += 1
        index -= 1
    grouping = any(kind == "comma" for kind, _ in tokens[: index + 1]) and bool(int_ph)
    number = number / (decimal.Decimal(1000) ** scale)
    negative = number < 0
    rounded = _round(abs(number), len(frac_ph))
    whole, _, fraction = format(rounded, "f").partition(".")
    fraction = fraction.ljust(len(frac_ph), "0")
    required_frac = max((i + 1 for i, t in enumerate(frac_ph) if t[1] == "0"), default=0)
    fraction = fraction[:required_frac] + fraction[required_frac:].rstrip("0")
    required_int = len(int_ph) - next((i for i, t in enumerate(int_ph) if t[1] == "0"), len(int_ph))
    whole = whole.lstrip("0")
    whole = whole.rjust(required_int, "0")
    if grouping:
        whole = _group(whole) if whole else whole
    integer_part = _lay_integer(tokens[:dot], whole, grouping)
    out = [integer_part]
    if dot < len(tokens) and fraction:
        out.append(".")
    frac_iter = iter(fraction)
    for kind, text in tokens[dot + 1 :]:
        if kind == "ph":
            out.append(next(frac_iter, ""))
        elif kind in ("lit", "pct"):
            out.append(text)
    text = "".join(out)
    if negative and any(ch.isdigit() and ch != "0" for ch in text):
        text = "-" + text
    return text


def _lay_integer(tokens: list[tuple[str, str]], whole: str, grouping: bool) -> str:
    """Digits fill the integer placeholders from the right; the leftmost one takes the rest."""
    placeholders = [i for i, (kind, _) in enumerate(tokens) if kind == "ph"]
    if not placeholders:
        return "".join(text for kind, text in tokens if kind in ("lit", "pct"))
    if grouping:
        first, last = placeholders[0], placeholders[-1]
        before = "".join(text for kind, text in tokens[:first] if kind in ("lit", "pct"))
        after = "".join(text for kind, text in tokens[last + 1 :] if kind in ("lit", "pct"))
        return before + _group(whole) + after
    digits = list(whole)
    out: list[str] = []
    for index in range(len(tokens) - 1, -1, -1):
        kind, text = tokens[index]
        if kind == "ph":
            if index == placeholders[0]:
                out.append("".join(digits))
                digits = []
            elif digits:
                out.append(digits.pop())
        elif kind in ("lit", "pct"):
            out.append(text)
    return "".join(reversed(out))


# -- dates and times ------------------------------------------------------------------------------------
_DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"]  # fmt: skip
_STANDARD_DATE = {
    "d": "MM/dd/yyyy",
    "D": "dddd, dd MMMM yyyy",
    "f": "dddd, dd MMMM yyyy HH:mm",
    "F": "dddd, dd MMMM yyyy HH:mm:ss",
    "g": "MM/dd/yyyy HH:mm",
    "G": "MM/dd/yyyy HH:mm:ss",
    "m": "MMMM dd",
    "M": "MMMM dd",
    "o": "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
    "O": "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
    "r": "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
    "R": "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
    "s": "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
    "t": "HH:mm",
    "T": "HH:mm:ss",
    "u": "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
    "U": "dddd, dd MMMM yyyy HH:mm:ss",
    "y": "yyyy MMMM",
    "Y": "yyyy MMMM",
}
_DATE_TOKEN = re.compile(r"('[^']*'?|\"[^\"]*\"?|\\.|%|d+|f+|F+|g+|h+|H+|K|m+|M+|s+|t+|y+|z+|:|/|.)", re.DOTALL)


def format_datetime(value: _dt.datetime, fmt: str) -> str:
    if len(fmt) == 1:
        if fmt not in _STANDARD_DATE:
            raise FormatError(_BAD_FORMAT)
        if fmt in "rRu" and value.tzinfo is not None:
            value = value.astimezone(_dt.UTC)
        if fmt == "U":
            value = value.astimezone(_dt.UTC) if value.tzinfo is not None else value
        fmt = _STANDARD_DATE[fmt]
    out: list[str] = []
    for token in _DATE_TOKEN.findall(fmt):
        out.append(_date_token(value, token))
    return "".join(out)


def _date_token(value: _dt.datetime, token: str) -> str:
    head = token[0]
    count = len(token)
    if head in "'\"":
        return token[1:-1] if len(token) > 1 and token[-1] == head else token[1:]
    if head == "\\":
        return token[1:]
    if head == "%":
        return ""
    if head == "d":
        if count == 1:
            return str(value.day)
        if count == 2:
            return f"{value.day:02d}"
        name = _DAY_NAMES[value.weekday()]
        return name[:3] if count == 3 else name
    if head == "M":
        if count == 1:
            return str(value.month)
        if count == 2:
            return f"{value.month:02d}"
        name = _MONTH_NAMES[value.month - 1]
        return name[:3] if count == 3 else name
    if head == "y":
        if count == 1:
            return str(value.year % 100)
        if count == 2:
            return f"{value.year % 100:02d}"
        return str(value.year).rjust(count, "0")
    if head == "H":
        return f"{value.hour:02d}" if count > 1 else str(value.hour)
    if head == "h":
        hour = value.hour % 12 or 12
        return f"{hour:02d}" if count > 1 else str(hour)
    if head == "m":
        return f"{value.minute:02d}" if count > 1 else str(value.minute)
    if head == "s":
        return f"{value.second:02d}" if count > 1 else str(value.second)
    if head in "fF":
        digits = f"{value.microsecond:06d}0"[: min(count, 7)]
        return digits.rstrip("0") if head == "F" else digits
    if head == "t":
        marker = "AM" if value.hour < 12 else "PM"
        return marker[0] if count == 1 else marker
    if head == "g":
        return "A.D."
    if head == "K":
        offset = value.utcoffset()
        if offset is None:
            return ""
        if offset == _dt.timedelta(0) and value.tzinfo is _dt.UTC:
            return "Z"
        return _offset_text(offset, 3)
    if head == "z":
        offset = value.utcoffset()
        if offset is None:
            offset = _dt.datetime.now().astimezone().utcoffset() or _dt.timedelta(0)
        return _offset_text(offset, count)
    return token


def _offset_text(offset: _dt.timedelta, count: int) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    if count == 1:
        return f"{sign}{hours}"
    if count == 2:
        return f"{sign}{hours:02d}"
    return f"{sign}{hours:02d}:{rest:02d}"


def format_timespan(value: _dt.timedelta, fmt: str) -> str:
    if fmt in ("c", "t", "T"):
        return timespan_text(value)
    ticks = ticks_of(value)
    negative = ticks < 0
    ticks = abs(ticks)
    days, rest = divmod(ticks, 86_400 * TICKS_PER_SECOND)
    hours, rest = divmod(rest, 3_600 * TICKS_PER_SECOND)
    minutes, rest = divmod(rest, 60 * TICKS_PER_SECOND)
    seconds, fraction = divmod(rest, TICKS_PER_SECOND)
    if fmt in ("g", "G"):
        sign = "-" if negative else ""
        if fmt == "G":
            return f"{sign}{days}:{hours:02d}:{minutes:02d}:{seconds:02d}.{fraction:07d}"
        text = f"{sign}{f'{days}:' if days else ''}{hours}:{minutes:02d}:{seconds:02d}"
        return text + (f".{fraction:07d}".rstrip("0") if fraction else "")
    out: list[str] = []
    for token in _DATE_TOKEN.findall(fmt):
        head, count = token[0], len(token)
        if head in "'\"":
            out.append(token[1:-1])
        elif head == "\\":
            out.append(token[1:])
        elif head == "d":
            out.append(str(days).rjust(count, "0"))
        elif head == "h":
            out.append(f"{hours:02d}" if count > 1 else str(hours))
        elif head == "m":
            out.append(f"{minutes:02d}" if count > 1 else str(minutes))
        elif head == "s":
            out.append(f"{seconds:02d}" if count > 1 else str(seconds))
        elif head in "fF":
            digits = f"{fraction:07d}"[:count]
            out.append(digits.rstrip("0") if head == "F" else digits)
        elif head == "%":
            continue
        else:
            raise FormatError(_BAD_FORMAT)
    return "".join(out)
