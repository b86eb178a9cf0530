# ruff: noqa: E501 - member tables: one line per .NET member reads best
"""DateTime, DateTimeOffset and TimeSpan instance members: ``$d.AddDays(1)``, ``$d.Year``, ``$t.TotalSeconds``.

A DateTime is a ``datetime``: naive is Kind Unspecified, aware UTC is Kind Utc, any
other offset is Local.  An aware value also answers DateTimeOffset's members
(``UtcDateTime``, ``LocalDateTime``, ``Offset``, ``ToUnixTimeSeconds``), because
``[DateTimeOffset]::FromUnixTimeSeconds($created)`` is how PSOpenAI's objects and
scripts turn API timestamps into dates.  Arithmetic stays in 100 ns ticks, as .NET
counts them (Python's microseconds are the resolution).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

from .datetimes import TICKS_PER_SECOND, ticks_of
from .formatting import FormatError, format_value
from .member_args import as_int, invocation_failed
from .netenums import DateTimeKind, DayOfWeek
from .scalars import to_string

__all__ = ["DATETIME_METHODS", "TIMESPAN_METHODS", "datetime_property", "timespan_property", "to_string_method"]

Method = Callable[..., Any]
_MIN = _dt.datetime(1, 1, 1)
_MAX = _dt.datetime(9999, 12, 31, 23, 59, 59, 999999)
_FILETIME_EPOCH = _dt.datetime(1601, 1, 1, tzinfo=_dt.UTC)
_EN_US_GENERAL = "M/d/yyyy h:mm:ss tt"  # en-US's "G" pattern


def to_string_method(value: Any, fmt: Any = None, *_provider: Any) -> str:
    """``ToString()`` / ``ToString(format)`` of a number, date or span (.NET format strings)."""
    import decimal

    from ..objects.numeric import number_text

    if fmt is None or not isinstance(fmt, str):
        if isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool):
            return number_text(value)  # ToString() of a Double round-trips, unlike [string]
        if isinstance(value, _dt.datetime) and fmt is None:
            # ToString() is the current culture's "G", en-US as Get-Date and the formatter assume
            # (Get-Date.md example 11: 3/19/2024 12:00:00 AM); "$date" stays invariant
            return format_value(value, _EN_US_GENERAL)
        return to_string(value)
    try:
        return format_value(value, fmt)
    except FormatError as error:
        raise invocation_failed("ToString", 1, str(error)) from None


def _shift(value: _dt.datetime, method: str, delta: _dt.timedelta) -> _dt.datetime:
    try:
        result = value + delta
    except OverflowError:
        result = None
    if result is None or result.replace(tzinfo=None) < _MIN or result.replace(tzinfo=None) > _MAX:
        raise invocation_failed(method, 1, "The added or subtracted value results in an un-representable DateTime. (Parameter 'value')")
    return result


def _adder(method: str, unit: str) -> Method:
    def add(value: _dt.datetime, amount: Any) -> _dt.datetime:
        from .typenames import DOUBLE

        number = float(DOUBLE.convert(amount))
        if unit == "milliseconds":
            number = round(number)  # .NET rounds AddMilliseconds to a whole millisecond
        try:
            delta = _dt.timedelta(**{unit: number})
        except OverflowError:
            raise invocation_failed(method, 1, "Value to add was out of range. (Parameter 'value')") from None
        return _shift(value, method, delta)

    return add


def _add_months(value: _dt.datetime, months: Any, method: str = "AddMonths") -> _dt.datetime:
    total = value.year * 12 + value.month - 1 + as_int(months)
    year, month = divmod(total, 12)
    if not 1 <= year <= 9999:
        raise invocation_failed(method, 1, "The added or subtracted value results in an un-representable DateTime. (Parameter 'months')")
    import calendar  # (and locale behind it) only for AddMonths

    day = min(value.day, calendar.monthrange(year, month + 1)[1])
    return value.replace(year=year, month=month + 1, day=day)


def _naive(value: _dt.datetime) -> _dt.datetime:
    return value.replace(tzinfo=None)


def _aware(value: _dt.datetime) -> _dt.datetime:
    """A DateTime as a DateTimeOffset: an unspecified kind counts as local, as .NET converts it."""
    return value if value.tzinfo is not None else value.astimezone()


def _subtract(value: _dt.datetime, other: Any) -> Any:
    if isinstance(other, _dt.timedelta):
        return _shift(value, "Subtract", -other)
    if isinstance(other, _dt.datetime):
        if value.tzinfo is not None and other.tzinfo is not None and value.utcoffset() != other.utcoffset():
            return _aware(value) - _aware(other)  # DateTimeOffset subtraction compares instants
        return _naive(value) - _naive(other)
    from .typenames import DATETIME

    return _naive(value) - _naive(DATETIME.convert(other))


def _compare(value: Any, other: Any) -> int:
    if other is None:
        return 1
    left, right = (_naive(value), _naive(other)) if isinstance(value, _dt.datetime) else (value, other)
    return (left > right) - (left < right)


def _universal(value: _dt.datetime) -> _dt.datetime:
    if value.tzinfo is _dt.UTC:
        return value
    return _aware(value).astimezone(_dt.UTC)


def _local(value: _dt.datetime) -> _dt.datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=_dt.UTC).astimezone()  # Unspecified is taken as UTC by ToLocalTime
    return value.astimezone()


DATETIME_METHODS: dict[str, Method] = {
    "adddays": _adder("AddDays", "days"),
    "addhours": _adder("AddHours", "hours"),
    "addminutes": _adder("AddMinutes", "minutes"),
    "addseconds": _adder("AddSeconds", "seconds"),
    "addmilliseconds": _adder("AddMilliseconds", "milliseconds"),
    "addticks": lambda d, n: _shift(d, "AddTicks", _dt.timedelta(microseconds=int(n) // 10)),
    "addmonths": _add_months,
    "addyears": lambda d, n: _add_months(d, as_int(n) * 12, "AddYears"),
    "add": lambda d, span: _shift(d, "Add", span),
    "subtract": _subtract,
    "touniversaltime": _universal,
    "tolocaltime": _local,
    "tostring": to_string_method,
    # The current culture's patterns: en-US, the culture PowerShell's own tests expect (and the
    # only one psbridge formats besides the invariant culture it uses for [string] and -f).
    "toshortdatestring": lambda d: format_value(d, "M/d/yyyy"),
    "tolongdatestring": lambda d: format_value(d, "dddd, MMMM d, yyyy"),
    "toshorttimestring": lambda d: format_value(d, "h:mm tt"),
    "tolongtimestring": lambda d: format_value(d, "h:mm:ss tt"),
    "tounixtimeseconds": lambda d: int(_aware(d).timestamp() // 1),
    "tounixtimemilliseconds": lambda d: int(_aware(d).timestamp() * 1000 // 1),
    "tofiletime": lambda d: ticks_of(_aware(d).astimezone(_dt.UTC).replace(tzinfo=None)) - ticks_of(_FILETIME_EPOCH.replace(tzinfo=None)),
    "tofiletimeutc": lambda d: ticks_of(_universal(d).replace(tzinfo=None)) - ticks_of(_FILETIME_EPOCH.replace(tzinfo=None)),
    "tooadate": lambda d: (_naive(d) - _dt.datetime(1899, 12, 30)) / _dt.timedelta(days=1),
    "compareto": _compare,
    "equals": lambda d, other: isinstance(other, _dt.datetime) and _naive(d) == _naive(other),
    "isdaylightsavingtime": lambda d: bool(_aware(d).dst()),
    "toiso8601string": lambda d: d.isoformat(),
    "gettypecode": lambda d: "DateTime",
}  # fmt: skip


def _offset_of(value: _dt.datetime) -> _dt.timedelta:
    return _aware(value).utcoffset() or _dt.timedelta(0)


def _kind(value: _dt.datetime) -> DateTimeKind:
    if value.tzinfo is None:
        return DateTimeKind.Unspecified
    return DateTimeKind.Utc if value.tzinfo is _dt.UTC else DateTimeKind.Local


_DATETIME_PROPERTIES: dict[str, Callable[[_dt.datetime], Any]] = {
    "year": lambda d: d.year,
    "month": lambda d: d.month,
    "day": lambda d: d.day,
    "hour": lambda d: d.hour,
    "minute": lambda d: d.minute,
    "second": lambda d: d.second,
    "millisecond": lambda d: d.microsecond // 1000,
    "microsecond": lambda d: d.microsecond % 1000,
    "nanosecond": lambda d: 0,  # Python's resolution is the microsecond
    "dayofweek": lambda d: DayOfWeek((d.weekday() + 1) % 7),
    "dayofyear": lambda d: d.timetuple().tm_yday,
    "ticks": lambda d: ticks_of(_naive(d)),
    "date": lambda d: d.replace(hour=0, minute=0, second=0, microsecond=0),
    "timeofday": lambda d: _naive(d) - _naive(d).replace(hour=0, minute=0, second=0, microsecond=0),
    "kind": _kind,
    # DateTimeOffset's view of an aware value
    "utcdatetime": _universal,
    "localdatetime": lambda d: _aware(d).astimezone().replace(tzinfo=None),
    "datetime": _naive,
    "offset": _offset_of,
    "utcticks": lambda d: ticks_of(_universal(d).replace(tzinfo=None)),
}


#: DateTimeOffset's own members: only an aware value (a DateTimeOffset, or a UTC DateTime) has them.
OFFSET_ONLY = frozenset({"utcdatetime", "localdatetime", "datetime", "offset", "utcticks",
                         "tounixtimeseconds", "tounixtimemilliseconds"})  # fmt: skip


def _long_text(value: _dt.datetime, hint: str) -> str:
    """types.ps1xml's DateTime property: the long date and/or long time, as the DisplayHint says."""
    date, time = DATETIME_METHODS["tolongdatestring"](value), DATETIME_METHODS["tolongtimestring"](value)
    return date if hint == "Date" else time if hint == "Time" else f"{date} {time}"


def datetime_property(value: _dt.datetime, folded: str) -> tuple[bool, Any]:
    """``(found, value)`` of a DateTime/DateTimeOffset property (``folded`` is the casefolded name)."""
    hint = getattr(value, "display_hint", None)  # Get-Date's DateTime: its note property, and the
    if hint is not None or value.tzinfo is None:  # DateTime script property of types.ps1xml
        if folded == "displayhint" and hint is not None:
            return True, hint
        if folded == "datetime":
            return True, _long_text(value, str(hint or "DateTime"))
    reader = _DATETIME_PROPERTIES.get(folded)
    if reader is None or (value.tzinfo is None and folded in OFFSET_ONLY):
        return False, None
    return True, reader(value)


def _span_op(method: str, action: Callable[[_dt.timedelta, Any], _dt.timedelta]) -> Method:
    def run(span: _dt.timedelta, other: Any) -> _dt.timedelta:
        try:
            return action(span, other)
        except OverflowError:
            raise invocation_failed(method, 1, "TimeSpan overflowed because the duration is too long.") from None

    return run


def _span(value: Any) -> _dt.timedelta:
    from .typenames import TIMESPAN

    return value if isinstance(value, _dt.timedelta) else TIMESPAN.convert(value)


TIMESPAN_METHODS: dict[str, Method] = {
    "add": _span_op("Add", lambda t, other: t + _span(other)),
    "subtract": _span_op("Subtract", lambda t, other: t - _span(other)),
    "multiply": _span_op("Multiply", lambda t, factor: t * float(factor)),
    "divide": lambda t, other: t / other if isinstance(other, _dt.timedelta) else t / float(other),
    "negate": lambda t: -t,
    "duration": lambda t: abs(t),
    "tostring": to_string_method,
    "compareto": _compare,
    "equals": lambda t, other: isinstance(other, _dt.timedelta) and t == other,
}


def timespan_property(value: _dt.timedelta, folded: str) -> tuple[bool, Any]:
    """``(found, value)`` of a TimeSpan property: ``Days``..``Milliseconds`` and the ``Total*`` doubles."""
    ticks = ticks_of(value)
    if folded.startswith("total"):
        if folded in ("totalmicroseconds", "totalnanoseconds"):  # exact in ticks, as .NET computes them
            return True, ticks / 10 if folded == "totalmicroseconds" else ticks * 100.0
        seconds = ticks / TICKS_PER_SECOND
        per = {"totaldays": 86400, "totalhours": 3600, "totalminutes": 60, "totalseconds": 1, "totalmilliseconds": 0.001}.get(folded)
        return (True, seconds / per) if per is not None else (False, None)
    if folded == "ticks":
        return True, ticks
    if folded == "nanoseconds":  # the hundreds of nanoseconds a tick holds
        return True, (-1 if ticks < 0 else 1) * (abs(ticks) % 10 * 100)
    unit = {"days": (86400 * TICKS_PER_SECOND, None), "hours": (3600 * TICKS_PER_SECOND, 24), "minutes": (60 * TICKS_PER_SECOND, 60),
            "seconds": (TICKS_PER_SECOND, 60), "milliseconds": (10_000, 1000), "microseconds": (10, 1000)}.get(folded)  # fmt: skip
    if unit is None:
        return False, None
    size, modulo = unit
    magnitude = abs(ticks) // size
    if modulo is not None:
        magnitude %= modulo
    return True, -magnitude if ticks < 0 else magnitude
