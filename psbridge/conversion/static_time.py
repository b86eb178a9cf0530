# ruff: noqa: E501 - member tables: one line per .NET member reads best
"""``[datetime]::``, ``[DateTimeOffset]::``, ``[timespan]::`` and ``[guid]::`` statics.

``[datetime]::Now`` is local (an aware value with the local offset), ``UtcNow`` is
Kind Utc, ``Today`` is midnight with Kind Local's wall clock; ``Parse`` and
``ParseExact`` read the invariant culture.  ``TryParse`` writes through ``[ref]``.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
import uuid
from collections.abc import Callable
from typing import Any

from .datetimes import TICKS_PER_SECOND, datetime_from_ticks, parse_datetime
from .member_args import as_int, as_text, invocation_failed, no_overload, set_reference
from .netenums import DateTimeKind
from .scalars import to_string
from .typenames import DATETIME as DATETIME_TYPE
from .typenames import GUID as GUID_TYPE
from .typenames import INT64 as DATETIME_SECONDS  # the Int64 parameter of FromUnixTime*
from .typenames import TIMESPAN as TIMESPAN_TYPE

__all__ = ["DATETIME", "DATETIMEOFFSET", "GUID", "TIMESPAN"]

_UNIX_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)
_FORMAT_TOKENS = {
    "yyyy": r"(?P<Y>\d{4})", "yy": r"(?P<y>\d{2})", "MMMM": r"(?P<MN>[A-Za-z]+)", "MMM": r"(?P<MN>[A-Za-z]{3})",
    "MM": r"(?P<M>\d{2})", "M": r"(?P<M>\d{1,2})", "dddd": r"(?:[A-Za-z]+)", "ddd": r"(?:[A-Za-z]{3})",
    "dd": r"(?P<D>\d{2})", "d": r"(?P<D>\d{1,2})", "HH": r"(?P<H>\d{2})", "H": r"(?P<H>\d{1,2})",
    "hh": r"(?P<h>\d{2})", "h": r"(?P<h>\d{1,2})", "mm": r"(?P<m>\d{2})", "m": r"(?P<m>\d{1,2})",
    "ss": r"(?P<s>\d{2})", "s": r"(?P<s>\d{1,2})", "fffffff": r"(?P<f>\d{7})", "ffffff": r"(?P<f>\d{6})",
    "fffff": r"(?P<f>\d{5})", "ffff": r"(?P<f>\d{4})", "fff": r"(?P<f>\d{3})", "ff": r"(?P<f>\d{2})", "f": r"(?P<f>\d)",
    "tt": r"(?P<t>AM|PM)", "zzz": r"(?P<z>[+-]\d{2}:\d{2})", "K": r"(?P<z>Z|[+-]\d{2}:\d{2})?",
}  # fmt: skip
_STANDARD = {"o": "yyyy-MM-ddTHH:mm:ss.fffffffK", "s": "yyyy-MM-ddTHH:mm:ss", "u": "yyyy-MM-dd HH:mm:ssZ"}


def _exact(text: Any, fmt: Any, method: str = "ParseExact", count: int = 3) -> _dt.datetime:
    """DateTime.ParseExact with a custom (or o/s/u) format under the invariant culture."""
    formats = [to_string(f) for f in (fmt if isinstance(fmt, list) else [fmt])]
    shown = as_text(text)
    for pattern in formats:
        parsed = _match_format(shown, _STANDARD.get(pattern, pattern))
        if parsed is not None:
            return parsed
    raise ValueError(f"String '{shown}' was not recognized as a valid DateTime.")


def _match_format(text: str, pattern: str) -> _dt.datetime | None:
    regex, pos = "", 0
    while pos < len(pattern):
        if pattern[pos] in "'\"":
            end = pattern.find(pattern[pos], pos + 1)
            end = len(pattern) if end < 0 else end
            regex += re.escape(pattern[pos + 1 : end])
            pos = end + 1
            continue
        if pattern[pos] == "\\" and pos + 1 < len(pattern):
            regex += re.escape(pattern[pos + 1])
            pos += 2
            continue
        for token in sorted(_FORMAT_TOKENS, key=len, reverse=True):
            if pattern.startswith(token, pos):
                regex += _FORMAT_TOKENS[token]
                pos += len(token)
                break
        else:
            regex += re.escape(pattern[pos])
            pos += 1
    try:
        found = re.fullmatch(regex, text, re.IGNORECASE)
    except re.error:
        return None
    if not found:
        return None
    parts = found.groupdict()
    year = int(parts["Y"]) if parts.get("Y") else (2000 + int(parts["y"]) if parts.get("y") else 1)
    month = int(parts["M"]) if parts.get("M") else (_month(parts["MN"]) if parts.get("MN") else 1)
    hour = int(parts.get("H") or parts.get("h") or 0)
    if parts.get("t"):
        hour = hour % 12 + (12 if parts["t"].upper() == "PM" else 0)
    fraction = (parts.get("f") or "0").ljust(6, "0")[:6]
    try:
        value = _dt.datetime(year, month, int(parts.get("D") or 1), hour, int(parts.get("m") or 0), int(parts.get("s") or 0), int(fraction))
    except ValueError:
        return None
    zone = parts.get("z")
    if zone:
        offset = _dt.UTC if zone.upper() == "Z" else _dt.timezone((-1 if zone[0] == "-" else 1) * _dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
        value = value.replace(tzinfo=offset).astimezone()
    return value


def _month(name: str) -> int:
    for index in range(1, 13):
        if calendar.month_name[index].casefold().startswith(name.casefold()[:3]):
            return index
    raise ValueError(name)


def _raising(method: str, action: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any) -> Any:
        try:
            return action(*args)
        except (ValueError, OverflowError) as error:
            raise invocation_failed(method, len(args), str(error)) from None

    return run


def _trying(parse: Callable[..., Any], empty: Any) -> Callable[..., bool]:
    """TryParse(text, ..., out value): the value or the type's default through the last [ref]."""

    def run(*args: Any) -> bool:
        if len(args) < 2:
            raise no_overload("TryParse", len(args))
        try:
            value, parsed = parse(*args[:-1]), True
        except Exception:
            value, parsed = empty, False
        set_reference(args[-1], len(args), value)
        return parsed

    return run


def _new_datetime(*parts: Any) -> _dt.datetime:
    kind = next((p for p in parts if isinstance(p, DateTimeKind)), None)
    numbers = [as_int(p) if not isinstance(p, int) else int(p) for p in parts if not isinstance(p, DateTimeKind)]
    if len(numbers) == 1:
        return DATETIME_TYPE.convert(parts[0]) if not isinstance(parts[0], int) else datetime_from_ticks(int(parts[0]))
    if len(numbers) not in (3, 6, 7):
        raise no_overload("new", len(parts))
    year, month, day, *clock = numbers
    hour, minute, second, milli = [*clock, 0, 0, 0, 0][:4]
    try:
        value = _dt.datetime(year, month, day, hour, minute, second, milli * 1000)
    except ValueError:
        raise invocation_failed(".ctor", len(parts), "Year, Month, and Day parameters describe an un-representable DateTime.") from None
    return _with_kind(value, kind)


def _with_kind(value: _dt.datetime, kind: Any) -> _dt.datetime:
    kind = DateTimeKind[to_string(kind)] if isinstance(kind, str) else kind
    naive = value.replace(tzinfo=None)
    if kind == DateTimeKind.Utc:
        return naive.replace(tzinfo=_dt.UTC)
    if kind == DateTimeKind.Local:
        return naive.astimezone()
    return naive


def _leap(year: Any) -> bool:
    number = as_int(year)
    if not 1 <= number <= 9999:
        raise invocation_failed("IsLeapYear", 1, "Year must be between 1 and 9999. (Parameter 'year')")
    return calendar.isleap(number)


def _file_time(ticks: Any, local: bool) -> _dt.datetime:
    value = _dt.datetime(1601, 1, 1, tzinfo=_dt.UTC) + _dt.timedelta(microseconds=int(ticks) // 10)
    return value.astimezone() if local else value


DATETIME: dict[str, Any] = {
    "now": lambda: _dt.datetime.now().astimezone(),
    "utcnow": lambda: _dt.datetime.now(_dt.UTC),
    "today": lambda: _dt.datetime.combine(_dt.date.today(), _dt.time()).astimezone(),
    "minvalue": _dt.datetime(1, 1, 1),
    "maxvalue": _dt.datetime(9999, 12, 31, 23, 59, 59, 999999),
    "unixepoch": _UNIX_EPOCH,
    "parse": _raising("Parse", lambda text, *_r: parse_datetime(as_text(text))),
    "tryparse": _trying(lambda text, *_r: parse_datetime(as_text(text)), _dt.datetime(1, 1, 1)),
    "parseexact": _raising("ParseExact", lambda text, fmt, *_r: _exact(text, fmt)),
    "tryparseexact": _trying(lambda text, fmt, *_r: _exact(text, fmt), _dt.datetime(1, 1, 1)),
    "isleapyear": _leap,
    "daysinmonth": lambda year, month: calendar.monthrange(as_int(year), as_int(month))[1],
    "specifykind": _with_kind,
    "fromfiletime": lambda ticks: _file_time(ticks, True),
    "fromfiletimeutc": lambda ticks: _file_time(ticks, False),
    "fromoadate": lambda days: _dt.datetime(1899, 12, 30) + _dt.timedelta(days=float(days)),
    "compare": lambda a, b: (a.replace(tzinfo=None) > b.replace(tzinfo=None)) - (a.replace(tzinfo=None) < b.replace(tzinfo=None)),
    "new": _new_datetime,
}  # fmt: skip

DATETIMEOFFSET: dict[str, Any] = {
    "now": DATETIME["now"],
    "utcnow": DATETIME["utcnow"],
    "minvalue": _dt.datetime(1, 1, 1, tzinfo=_dt.UTC),
    "maxvalue": _dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=_dt.UTC),
    "unixepoch": _UNIX_EPOCH,
    "fromunixtimeseconds": _raising("FromUnixTimeSeconds", lambda s: _UNIX_EPOCH + _dt.timedelta(seconds=int(DATETIME_SECONDS.convert(s)))),
    "fromunixtimemilliseconds": _raising("FromUnixTimeMilliseconds", lambda ms: _UNIX_EPOCH + _dt.timedelta(milliseconds=int(DATETIME_SECONDS.convert(ms)))),
    "parse": _raising("Parse", lambda text, *_r: _aware(parse_datetime(as_text(text)))),
    "tryparse": _trying(lambda text, *_r: _aware(parse_datetime(as_text(text))), _dt.datetime(1, 1, 1, tzinfo=_dt.UTC)),
    "parseexact": _raising("ParseExact", lambda text, fmt, *_r: _aware(_exact(text, fmt))),
    "new": lambda value, *offset: _aware(value if isinstance(value, _dt.datetime) else _new_datetime(value, *offset)),
}  # fmt: skip


def _aware(value: _dt.datetime) -> _dt.datetime:
    return value if value.tzinfo is not None else value.astimezone()


def _new_timespan(*parts: Any) -> _dt.timedelta:
    numbers = [as_int(p) if not isinstance(p, int) else int(p) for p in parts]
    if len(numbers) == 1:
        return _dt.timedelta(microseconds=numbers[0] // 10)
    if len(numbers) == 3:
        return _dt.timedelta(hours=numbers[0], minutes=numbers[1], seconds=numbers[2])
    if len(numbers) in (4, 5):
        days, hours, minutes, seconds, *milli = numbers
        return _dt.timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds, milliseconds=milli[0] if milli else 0)
    raise no_overload("new", len(parts))


def _from(unit: str, method: str) -> Callable[[Any], _dt.timedelta]:
    def run(amount: Any) -> _dt.timedelta:
        from .typenames import DOUBLE

        number = float(DOUBLE.convert(amount))
        try:
            return _dt.timedelta(**{unit: number})
        except (OverflowError, ValueError):
            raise invocation_failed(method, 1, "TimeSpan overflowed because the duration is too long.") from None

    return run


TIMESPAN: dict[str, Any] = {
    "zero": _dt.timedelta(0),
    "maxvalue": _dt.timedelta(microseconds=(2**63 - 1) // 10),
    "minvalue": -_dt.timedelta(microseconds=2**63 // 10),
    "ticksperday": 86400 * TICKS_PER_SECOND,
    "ticksperhour": 3600 * TICKS_PER_SECOND,
    "ticksperminute": 60 * TICKS_PER_SECOND,
    "tickspersecond": TICKS_PER_SECOND,
    "tickspermillisecond": 10_000,
    "fromdays": _from("days", "FromDays"),
    "fromhours": _from("hours", "FromHours"),
    "fromminutes": _from("minutes", "FromMinutes"),
    "fromseconds": _from("seconds", "FromSeconds"),
    "frommilliseconds": _from("milliseconds", "FromMilliseconds"),
    "fromticks": lambda n: _dt.timedelta(microseconds=int(n) // 10),
    "parse": _raising("Parse", lambda text, *_r: TIMESPAN_TYPE.parse(as_text(text))),  # type: ignore[attr-defined]
    "tryparse": _trying(lambda text, *_r: TIMESPAN_TYPE.parse(as_text(text)), _dt.timedelta(0)),  # type: ignore[attr-defined]
    "compare": lambda a, b: (a > b) - (a < b),
    "new": _new_timespan,
}

GUID: dict[str, Any] = {
    "newguid": uuid.uuid4,
    "empty": uuid.UUID(int=0),
    "parse": _raising("Parse", lambda text: GUID_TYPE.parse(as_text(text))),  # type: ignore[attr-defined]
    "tryparse": _trying(lambda text: GUID_TYPE.parse(as_text(text)), uuid.UUID(int=0)),  # type: ignore[attr-defined]
    "new": lambda value: uuid.UUID(bytes_le=bytes(int(b) for b in value)) if isinstance(value, list) else GUID_TYPE.convert(value),
}
