# ruff: noqa: E501 - member tables: one line per .NET member reads best
"""Static members of .NET types: ``[math]::Round``, ``[string]::Join``, ``[datetime]::Now``, ``[int]::MaxValue``.

Implemented for Math, String, DateTime/DateTimeOffset, TimeSpan, Guid, Regex, Convert,
System.IO.Path, System.Text.Encoding, Environment, the numeric types (MinValue,
MaxValue, Parse, TryParse is not: it needs [ref]) and Char.  Anything else is
MethodNotFound/PropertyNotFound naming the type, never a guess.

Public: :func:`get_static` (``[T]::Name``), :func:`invoke_static` (``[T]::Name(args)``).
"""

from __future__ import annotations

import base64
import datetime as _dt
import decimal
import math
import os
import posixpath
import re
import tempfile
import uuid
from collections.abc import Callable
from typing import Any

from ..objects.numeric import Char
from . import typenames as _types
from .collections import as_items
from .enums import MidpointRounding
from .errors import MethodInvocationError, MethodNotFoundError, RuntimeException
from .formatting import FormatError, composite_format
from .pstype import ObjectType, PSType, TypedArray
from .regex import Regex, escape, regex_for
from .richtypes import DateTimeType
from .scalars import NumericType, to_string
from .typenames import BYTE, DOUBLE, INT32, INT64, register_type

__all__ = ["get_static", "invoke_static"]


def _num(value: Any) -> Any:
    if isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool):
        return value
    return DOUBLE.convert(value)


def _round(value: Any, *args: Any) -> Any:
    """Math.Round: half to even unless MidpointRounding.AwayFromZero; decimals keep Decimal."""
    digits = 0
    mode = MidpointRounding.ToEven
    for arg in args:
        if isinstance(arg, MidpointRounding):
            mode = arg
        elif isinstance(arg, str):
            mode = MidpointRounding[arg]
        else:
            digits = int(INT32.convert(arg))
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
    if isinstance(number, decimal.Decimal):
        return result
    return float(result)


def _math_result(value: Any) -> Any:
    return value


def _max_min(pick: Callable[..., Any]) -> Callable[..., Any]:
    def run(a: Any, b: Any) -> Any:
        from .operators.numeric import numeric_op

        left, right = _num(a), _num(b)
        chosen = pick(left, right)
        # The overload is chosen by the wider type: Max(1, 2.5) is a Double.
        return numeric_op("add", chosen, 0 if not isinstance(left, float) and not isinstance(right, float) else 0.0)

    return run


MATH: dict[str, Any] = {
    "pi": math.pi,
    "e": math.e,
    "tau": math.tau,
    "round": _round,
    "floor": lambda v: math.floor(v) * 1.0 if isinstance(_num(v), float) else _num(v).to_integral_value(decimal.ROUND_FLOOR) if isinstance(_num(v), decimal.Decimal) else float(math.floor(_num(v))),
    "ceiling": lambda v: float(math.ceil(_num(v))) if not isinstance(_num(v), decimal.Decimal) else _num(v).to_integral_value(decimal.ROUND_CEILING),
    "truncate": lambda v: float(math.trunc(_num(v))) if not isinstance(_num(v), decimal.Decimal) else _num(v).to_integral_value(decimal.ROUND_DOWN),
    "abs": lambda v: abs(_num(v)),
    "max": _max_min(max),
    "min": _max_min(min),
    "pow": lambda a, b: math.pow(float(_num(a)), float(_num(b))),
    "sqrt": lambda v: math.sqrt(float(_num(v))) if _num(v) >= 0 else math.nan,
    "log": lambda v, base=None: (math.log(float(_num(v))) if base is None else math.log(float(_num(v)), float(_num(base)))) if _num(v) > 0 else (-math.inf if _num(v) == 0 else math.nan),
    "log10": lambda v: math.log10(float(_num(v))) if _num(v) > 0 else (-math.inf if _num(v) == 0 else math.nan),
    "log2": lambda v: math.log2(float(_num(v))) if _num(v) > 0 else (-math.inf if _num(v) == 0 else math.nan),
    "exp": lambda v: math.exp(float(_num(v))),
    "sin": lambda v: math.sin(float(_num(v))),
    "cos": lambda v: math.cos(float(_num(v))),
    "tan": lambda v: math.tan(float(_num(v))),
    "atan": lambda v: math.atan(float(_num(v))),
    "atan2": lambda a, b: math.atan2(float(_num(a)), float(_num(b))),
    "sign": lambda v: (_num(v) > 0) - (_num(v) < 0),
}  # fmt: skip


def _join(separator: Any, *values: Any) -> str:
    items: list[Any] = []
    for value in values:
        more = as_items(value)
        items.extend(more if more is not None else [value])
    return to_string(separator).join(to_string(item) for item in items)


def _format(template: Any, *args: Any) -> str:
    values = list(args)
    if len(values) == 1 and as_items(values[0]) is not None:
        values = as_items(values[0]) or []
    try:
        return composite_format(to_string(template), values)
    except FormatError as error:
        raise MethodInvocationError("Format", len(args) + 1, str(error)) from None


STRING_STATICS: dict[str, Any] = {
    "empty": "",
    "isnullorempty": lambda v: v is None or to_string(v) == "",
    "isnullorwhitespace": lambda v: v is None or to_string(v).strip() == "",
    "join": _join,
    "format": _format,
    "concat": lambda *values: "".join(to_string(v) for v in (as_items(values[0]) or [] if len(values) == 1 and as_items(values[0]) is not None else values)),
    "compare": lambda a, b, *x: _compare_strings(a, b, bool(x and x[0] is True)),
    "equals": lambda a, b, *x: to_string(a) == to_string(b),
    "new": lambda char, count: to_string(char) * int(INT32.convert(count)),
}  # fmt: skip


def _compare_strings(a: Any, b: Any, ignore_case: bool) -> int:
    from .operators.comparison import _string_order

    if a is None or b is None:
        return (a is not None) - (b is not None)
    return _string_order(to_string(a), to_string(b), ignore_case)


def _parse_exact(text: Any, fmt: Any, *_rest: Any) -> _dt.datetime:
    """DateTime.ParseExact for the custom formats scripts use (yyyy MM dd HH mm ss fff tt)."""
    pattern = to_string(fmt)
    mapping = {"yyyy": r"(?P<Y>\d{4})", "MM": r"(?P<M>\d{2})", "M": r"(?P<M>\d{1,2})", "dd": r"(?P<D>\d{2})",
               "d": r"(?P<D>\d{1,2})", "HH": r"(?P<H>\d{2})", "H": r"(?P<H>\d{1,2})", "hh": r"(?P<h>\d{2})",
               "mm": r"(?P<m>\d{2})", "ss": r"(?P<s>\d{2})", "fff": r"(?P<f>\d{3})", "tt": r"(?P<t>AM|PM)"}  # fmt: skip
    regex = ""
    pos = 0
    while pos < len(pattern):
        for token in sorted(mapping, key=len, reverse=True):
            if pattern.startswith(token, pos):
                regex += mapping[token]
                pos += len(token)
                break
        else:
            regex += re.escape(pattern[pos])
            pos += 1
    found = re.fullmatch(regex, to_string(text).strip(), re.IGNORECASE)
    if not found:
        raise MethodInvocationError(
            "ParseExact", 3, f"String '{to_string(text)}' was not recognized as a valid DateTime."
        )
    parts = found.groupdict()
    hour = int(parts.get("H") or parts.get("h") or 0)
    if parts.get("t"):
        hour = hour % 12 + (12 if parts["t"].upper() == "PM" else 0)
    return _dt.datetime(int(parts.get("Y") or 1), int(parts.get("M") or 1), int(parts.get("D") or 1), hour,
                        int(parts.get("m") or 0), int(parts.get("s") or 0), int(parts.get("f") or 0) * 1000)  # fmt: skip


def _parse_datetime(text: Any, *_rest: Any) -> _dt.datetime:
    try:
        from .datetimes import parse_datetime

        return parse_datetime(to_string(text))
    except ValueError as error:
        raise MethodInvocationError("Parse", 1 + len(_rest), str(error)) from None


DATETIME: dict[str, Any] = {
    "now": lambda: _dt.datetime.now().astimezone(),
    "utcnow": lambda: _dt.datetime.now(_dt.UTC),
    "today": lambda: _dt.datetime.combine(_dt.date.today(), _dt.time()),
    "minvalue": _dt.datetime(1, 1, 1),
    "maxvalue": _dt.datetime(9999, 12, 31, 23, 59, 59, 999999),
    "unixepoch": _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC),
    "parse": _parse_datetime,
    "parseexact": _parse_exact,
    "isleapyear": lambda year: int(year) % 4 == 0 and (int(year) % 100 != 0 or int(year) % 400 == 0),
    "daysinmonth": lambda year, month: __import__("calendar").monthrange(int(year), int(month))[1],
    "specifykind": lambda value, kind: value,
    "fromunixtimeseconds": lambda s: _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC) + _dt.timedelta(seconds=int(s)),
    "fromunixtimemilliseconds": lambda ms: _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC) + _dt.timedelta(milliseconds=int(ms)),
    "new": lambda *parts: _dt.datetime(*[int(INT32.convert(p)) for p in parts]) if len(parts) >= 3 else DATETIME_TYPE.convert(parts[0]),  # type: ignore[arg-type]
}  # fmt: skip

TIMESPAN: dict[str, Any] = {
    "zero": _dt.timedelta(0),
    "fromdays": lambda n: _dt.timedelta(days=float(n)),
    "fromhours": lambda n: _dt.timedelta(hours=float(n)),
    "fromminutes": lambda n: _dt.timedelta(minutes=float(n)),
    "fromseconds": lambda n: _dt.timedelta(seconds=float(n)),
    "frommilliseconds": lambda n: _dt.timedelta(milliseconds=float(n)),
    "fromticks": lambda n: _dt.timedelta(microseconds=int(n) // 10),
    "parse": lambda text: TIMESPAN_TYPE.convert(to_string(text)),
    "new": lambda *parts: _dt.timedelta(hours=int(parts[0]), minutes=int(parts[1]), seconds=int(parts[2])) if len(parts) == 3 else _dt.timedelta(days=int(parts[0]), hours=int(parts[1]), minutes=int(parts[2]), seconds=int(parts[3])) if len(parts) >= 4 else TIMESPAN_TYPE.convert(parts[0]),
}  # fmt: skip

GUID: dict[str, Any] = {
    "newguid": uuid.uuid4,
    "empty": uuid.UUID(int=0),
    "parse": lambda text: uuid.UUID(to_string(text).strip("{}()")),
}

REGEX: dict[str, Any] = {
    "match": lambda text, pattern, *o: regex_for(to_string(pattern), int(o[0]) if o else 0).match(to_string(text)),
    "matches": lambda text, pattern, *o: regex_for(to_string(pattern), int(o[0]) if o else 0).matches(to_string(text)),
    "ismatch": lambda text, pattern, *o: regex_for(to_string(pattern), int(o[0]) if o else 0).is_match(to_string(text)),
    "replace": lambda text, pattern, repl, *o: regex_for(to_string(pattern), int(o[0]) if o else 0).replace(to_string(text), repl if callable(repl) else to_string(repl)),
    "split": lambda text, pattern, *o: regex_for(to_string(pattern), int(o[0]) if o else 0).split(to_string(text)),
    "escape": lambda text: escape(to_string(text)),
    "unescape": lambda text: re.sub(r"\\(.)", r"\1", to_string(text)),
    "new": lambda pattern, *o: Regex(to_string(pattern), int(o[0]) if o else 0),
}  # fmt: skip


def _bytes(value: Any) -> bytes:
    items = as_items(value)
    return bytes(int(BYTE.convert(item)) for item in (items if items is not None else [value]))


def _to_int(value: Any, base: Any = None) -> int:
    if base is None:
        return int(INT32.convert(value))
    number = int(to_string(value).strip(), int(base))
    bits = 32
    if number >= 2 ** (bits - 1) and int(base) != 10:
        number -= 2**bits
    return number


def _from_base64(text: Any) -> TypedArray:
    try:
        data = base64.b64decode(to_string(text), validate=True)
    except ValueError:
        raise MethodInvocationError(
            "FromBase64String", 1,
            "The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding "
            "characters, or an illegal character among the padding characters.",
        ) from None  # fmt: skip
    return TypedArray([BYTE.convert(b) for b in data], BYTE)


CONVERT: dict[str, Any] = {
    "tobase64string": lambda data, *a: base64.b64encode(_bytes(data)).decode("ascii"),
    "frombase64string": _from_base64,
    "toint32": _to_int,
    "toint64": lambda v, base=None: INT64.convert(v) if base is None else INT64.convert(int(to_string(v).strip(), int(base))),
    "todouble": lambda v: DOUBLE.convert(v),
    "tostring": lambda v, base=None: to_string(v) if base is None else _to_base(int(v), int(base)),
    "toboolean": lambda v: v.strip().lower() == "true" if isinstance(v, str) else bool(v),
    "tohexstring": lambda data: _bytes(data).hex().upper(),
    "fromhexstring": lambda text: TypedArray([BYTE.convert(b) for b in bytes.fromhex(to_string(text))], BYTE),
    "tochar": lambda v: Char(chr(int(v))) if not isinstance(v, str) else Char(v),
}  # fmt: skip


def _to_base(value: int, base: int) -> str:
    if base == 10:
        return str(value)
    if value < 0:
        value &= 0xFFFFFFFF
    return {2: format(value, "b"), 8: format(value, "o"), 16: format(value, "x")}[base]


PATH: dict[str, Any] = {
    "combine": lambda *parts: _combine([to_string(p) for p in parts]),
    "join": lambda *parts: "/".join(to_string(p).rstrip("/") for p in parts if to_string(p)),
    "getfilename": lambda p: posixpath.basename(to_string(p)),
    "getfilenamewithoutextension": lambda p: posixpath.splitext(posixpath.basename(to_string(p)))[0],
    "getextension": lambda p: posixpath.splitext(to_string(p))[1],
    "getdirectoryname": lambda p: posixpath.dirname(to_string(p)) or None,
    "changeextension": lambda p, ext: posixpath.splitext(to_string(p))[0] + ("" if ext is None else "." + to_string(ext).lstrip(".")),
    "hasextension": lambda p: bool(posixpath.splitext(to_string(p))[1]),
    "isabsolute": lambda p: posixpath.isabs(to_string(p)),
    "ispathrooted": lambda p: posixpath.isabs(to_string(p)),
    "getfullpath": lambda p: posixpath.abspath(to_string(p)),
    "gettemppath": lambda: tempfile.gettempdir().rstrip("/") + "/",
    "gettempfilename": lambda: tempfile.mkstemp()[1],
    "getrandomfilename": lambda: uuid.uuid4().hex[:8] + "." + uuid.uuid4().hex[:3],
    "directoryseparatorchar": Char("/"),
    "pathseparator": Char(":"),
    "altdirectoryseparatorchar": Char("/"),
}  # fmt: skip


def _combine(parts: list[str]) -> str:
    result = ""
    for part in parts:
        if posixpath.isabs(part):
            result = part
        elif part:
            result = result + ("" if not result or result.endswith("/") else "/") + part
    return result


class _Encoding:
    """A System.Text.Encoding instance: ``GetBytes``/``GetString`` for ``[Text.Encoding]::UTF8``."""

    __ps_type_name__ = "System.Text.Encoding"

    def __init__(self, name: str, codec: str, web_name: str) -> None:
        self.EncodingName, self.codec, self.WebName = name, codec, web_name

    def GetBytes(self, text: Any) -> TypedArray:
        return TypedArray([BYTE.convert(b) for b in to_string(text).encode(self.codec, "surrogatepass")], BYTE)

    def GetString(self, data: Any, *range_args: Any) -> str:
        raw = _bytes(data)
        if range_args:
            start, count = int(range_args[0]), int(range_args[1])
            raw = raw[start : start + count]
        return raw.decode(self.codec, "replace")

    def GetByteCount(self, text: Any) -> int:
        return len(to_string(text).encode(self.codec, "surrogatepass"))

    def __str__(self) -> str:
        return "System.Text." + self.EncodingName.replace(" ", "").replace("(", "").replace(")", "") + "Encoding"


ENCODING: dict[str, Any] = {
    "utf8": _Encoding("Unicode (UTF-8)", "utf-8", "utf-8"),
    "ascii": _Encoding("US-ASCII", "ascii", "us-ascii"),
    "unicode": _Encoding("Unicode", "utf-16-le", "utf-16"),
    "bigendianunicode": _Encoding("Unicode (Big-Endian)", "utf-16-be", "utf-16BE"),
    "utf32": _Encoding("Unicode (UTF-32)", "utf-32-le", "utf-32"),
    "latin1": _Encoding("Western European (ISO)", "latin-1", "iso-8859-1"),
    "default": _Encoding("Unicode (UTF-8)", "utf-8", "utf-8"),
}

ENVIRONMENT: dict[str, Any] = {
    "newline": "\n",
    "machinename": lambda: os.uname().nodename,
    "username": lambda: os.environ.get("USER", ""),
    "currentdirectory": lambda: os.getcwd(),
    "processorcount": lambda: os.cpu_count() or 1,
    "osversion": lambda: " ".join(os.uname()[:3:2]),
    "is64bitprocess": True,
    "is64bitoperatingsystem": True,
    "tickcount": lambda: int(__import__("time").monotonic() * 1000) & 0x7FFFFFFF,
    "tickcount64": lambda: int(__import__("time").monotonic() * 1000),
    "getenvironmentvariable": lambda name, *a: os.environ.get(to_string(name)),
    "setenvironmentvariable": lambda name, value, *a: os.environ.__setitem__(to_string(name), to_string(value)) if value is not None else os.environ.pop(to_string(name), None) and None,
    "getfolderpath": lambda folder: os.path.expanduser("~"),
    "exit": None,
}  # fmt: skip

CHAR: dict[str, Any] = {
    "isdigit": lambda c, *i: to_string(c)[int(i[0]) if i else 0].isdigit(),
    "isletter": lambda c, *i: to_string(c)[int(i[0]) if i else 0].isalpha(),
    "isletterordigit": lambda c, *i: to_string(c)[int(i[0]) if i else 0].isalnum(),
    "iswhitespace": lambda c, *i: to_string(c)[int(i[0]) if i else 0].isspace(),
    "isupper": lambda c, *i: to_string(c)[int(i[0]) if i else 0].isupper(),
    "islower": lambda c, *i: to_string(c)[int(i[0]) if i else 0].islower(),
    "toupper": lambda c: Char(to_string(c).upper()),
    "tolower": lambda c: Char(to_string(c).lower()),
    "maxvalue": Char("\uffff"),
    "minvalue": Char("\0"),
}

DATETIME_TYPE: PSType = _types.DATETIME
TIMESPAN_TYPE: PSType = _types.TIMESPAN
DATETIMEOFFSET = DateTimeType()
DATETIMEOFFSET.full_name = "System.DateTimeOffset"
register_type(DATETIMEOFFSET)

_BY_TYPE: dict[str, dict[str, Any]] = {
    "System.Math": MATH,
    "System.String": STRING_STATICS,
    "System.DateTime": DATETIME,
    "System.DateTimeOffset": DATETIME,
    "System.TimeSpan": TIMESPAN,
    "System.Guid": GUID,
    "System.Text.RegularExpressions.Regex": REGEX,
    "System.Convert": CONVERT,
    "System.IO.Path": PATH,
    "System.Text.Encoding": ENCODING,
    "System.Environment": ENVIRONMENT,
    "System.Char": CHAR,
}
for _name in ("System.Math", "System.Convert", "System.IO.Path", "System.Environment"):
    register_type(ObjectType(_name))


_REAL_STATICS: dict[str, dict[str, Any]] = {
    "System.Double": {"nan": math.nan, "positiveinfinity": math.inf, "negativeinfinity": -math.inf,
                      "maxvalue": 1.7976931348623157e308, "minvalue": -1.7976931348623157e308, "epsilon": 5e-324},
    "System.Single": {"nan": math.nan, "positiveinfinity": math.inf, "negativeinfinity": -math.inf,
                      "maxvalue": 3.4028234663852886e38, "minvalue": -3.4028234663852886e38, "epsilon": 1.401298464324817e-45},
    "System.Decimal": {"maxvalue": decimal.Decimal("79228162514264337593543950335"),
                       "minvalue": decimal.Decimal("-79228162514264337593543950335"), "zero": decimal.Decimal(0),
                       "one": decimal.Decimal(1), "minusone": decimal.Decimal(-1)},
}  # fmt: skip


def _numeric_static(ps_type: NumericType, name: str) -> tuple[bool, Any]:
    if name == "maxvalue" and ps_type.maximum is not None:
        return True, ps_type.from_number(ps_type.maximum)
    if name == "minvalue" and ps_type.minimum is not None:
        return True, ps_type.from_number(ps_type.minimum)
    specials = _REAL_STATICS.get(ps_type.full_name, {})
    if name in specials:
        return True, ps_type.from_number(specials[name])
    if name == "parse":
        return (
            True,
            lambda text, *a: (
                ps_type.from_string(to_string(text).strip()) if to_string(text).strip() else _bad_parse(text)
            ),
        )
    return False, None


def _bad_parse(text: Any) -> Any:
    raise MethodInvocationError("Parse", 1, f"The input string '{to_string(text)}' was not in a correct format.")


def _lookup(ps_type: PSType, name: str) -> tuple[bool, Any]:
    folded = name.casefold()
    if isinstance(ps_type, NumericType):
        found, member = _numeric_static(ps_type, folded)
        if found:
            return found, member
    table = _BY_TYPE.get(ps_type.full_name)
    if table is not None and folded in table:
        return True, table[folded]
    if folded == "new" and ps_type.full_name not in _BY_TYPE:
        return (
            True,
            lambda *args: ps_type.convert(args[0] if len(args) == 1 else list(args)) if args else _new_empty(ps_type),
        )
    return False, None


def _new_empty(ps_type: PSType) -> Any:
    maker = getattr(ps_type, "new", None)
    if callable(maker):
        return maker()
    return ps_type.convert([])


def get_static(ps_type: PSType, name: str) -> Any:
    """``[T]::Name``: a property's value (PowerShell gives ``$null`` for a missing static property)."""
    found, member = _lookup(ps_type, name)
    if not found or member is None:
        return None
    if callable(member) and not isinstance(member, _Encoding | Char | str) and name.casefold() in _PROPERTY_CALLS:
        return member()
    return member


_PROPERTY_CALLS = frozenset({"now", "utcnow", "today", "machinename", "username", "currentdirectory",
                             "processorcount", "osversion", "tickcount", "tickcount64"})  # fmt: skip


def invoke_static(ps_type: PSType, name: str, args: tuple[Any, ...] | list[Any] = ()) -> Any:
    """``[T]::Name(args)``; MethodNotFoundError when psbridge has no such static method."""
    found, member = _lookup(ps_type, name)
    if not found or not callable(member) or name.casefold() in _PROPERTY_CALLS:
        raise MethodNotFoundError(ps_type.full_name, name)
    try:
        return member(*args)
    except TypeError as error:
        if "argument" in str(error):
            raise RuntimeException(
                f'Cannot find an overload for "{name}" and the argument count: "{len(args)}".',
                error_id="MethodCountCouldNotFindBest",
            ) from None
        raise
    except (ValueError, IndexError, KeyError, OverflowError, ArithmeticError) as error:
        raise MethodInvocationError(name, len(args), str(error)) from None
