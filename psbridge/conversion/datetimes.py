"""DateTime and TimeSpan text, read and written as .NET does under the invariant culture.

``[datetime]"2024-01-15"``, ``[datetime]"01/15/2024 10:30"`` (month first, the
invariant culture's order), ``"Jan 15, 2024"`` and ISO 8601 with an offset (which
.NET converts to local time) all parse; ``[timespan]"1.02:03:04.5"`` and ``"00:30"``
too.  ``[string]`` of a DateTime is ``MM/dd/yyyy HH:mm:ss``; of a TimeSpan
``[-][d.]hh:mm:ss[.fffffff]``.

A DateTime is a ``datetime.datetime``: naive is DateTimeKind.Unspecified, aware
with UTC is Utc, any other offset is Local.  A TimeSpan is a ``datetime.timedelta``.

Public: :func:`parse_datetime`, :func:`parse_timespan`, :func:`timespan_text`,
:func:`ticks_of`, :func:`datetime_from_ticks`, :data:`TICKS_PER_SECOND`.
"""

from __future__ import annotations

import datetime as _dt
import re

from ..objects.text import timespan_text as _timespan_text

__all__ = [
    "TICKS_PER_SECOND",
    "datetime_from_ticks",
    "parse_datetime",
    "parse_timespan",
    "ticks_of",
    "timespan_text",
]

TICKS_PER_SECOND = 10_000_000
_EPOCH = _dt.datetime(1, 1, 1)
_MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        1,
    )
    for name in names
}
_DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday",
         "friday", "saturday", "sunday"}  # fmt: skip
_ISO = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(am|pm)?$", re.IGNORECASE)
_SLASHED = re.compile(r"^(\d{1,4})[/.-](\d{1,2})(?:[/.-](\d{1,4}))?$")
_TIMESPAN = re.compile(r"^\s*(-)?(?:(\d+)\.)?(\d+):(\d+)(?::(\d+)(?:\.(\d{1,7}))?)?\s*$")
_TIMESPAN_DAYS = re.compile(r"^\s*(-)?(\d+)\s*$")


def ticks_of(value: _dt.datetime | _dt.timedelta) -> int:
    """.NET ticks (100 ns) of a DateTime (wall clock, Kind ignored) or a TimeSpan."""
    if isinstance(value, _dt.timedelta):
        return (value.days * 86_400 + value.seconds) * TICKS_PER_SECOND + value.microseconds * 10
    span = value.replace(tzinfo=None) - _EPOCH
    return ticks_of(span)


def datetime_from_ticks(ticks: int) -> _dt.datetime:
    return _EPOCH + _dt.timedelta(microseconds=ticks // 10)


def _fraction_microseconds(text: str | None) -> int:
    if not text:
        return 0
    return int((text + "000000")[:6])


def _offset(text: str | None) -> _dt.tzinfo | None:
    if not text:
        return None
    if text.upper() == "Z":
        return _dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return _dt.timezone(sign * _dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _localize(value: _dt.datetime, zone: _dt.tzinfo | None) -> _dt.datetime:
    """An explicit offset makes .NET convert to local time (DateTimeKind.Local)."""
    if zone is None:
        return value
    return value.replace(tzinfo=zone).astimezone()


def parse_datetime(text: str) -> _dt.datetime:
    """DateTime.Parse(text, InvariantCulture); ValueError with .NET's message when it is not a date."""
    original = text
    text = text.strip()
    try:
        found = _ISO.match(text)
        if found:
            year, month, day, hour, minute, second, fraction, zone = found.groups()
            value = _dt.datetime(
                int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0),
                _fraction_microseconds(fraction),
            )  # fmt: skip
            return _localize(value, _offset(zone))
        worded = _parse_words(text)
        if worded is not None:
            return worded
    except (ValueError, OverflowError):
        pass
    raise ValueError(f"String '{original}' was not recognized as a valid DateTime.")


def _parse_words(text: str) -> _dt.datetime | None:
    """Month-first dates, month names, a time of day and an optional trailing zone, in any order .NET takes."""
    tokens = re.findall(r"[A-Za-z]+|\d+(?:[/.:-]\d+)*(?:\.\d+)?|[+-]\d{2}:?\d{2}", text.replace(",", " "))
    if not tokens:
        return None
    year = month = day = None
    hour = minute = second = micro = 0
    zone: _dt.tzinfo | None = None
    numbers: list[int] = []
    pending_ampm: str | None = None
    has_time = False
    for token in tokens:
        lower = token.lower()
        if lower in _MONTHS:
            month = _MONTHS[lower]
        elif lower in _DAYS:
            continue
        elif lower in ("am", "pm"):
            pending_ampm = lower
        elif lower in ("gmt", "utc", "z"):
            zone = _dt.UTC
        elif re.fullmatch(r"[+-]\d{2}:?\d{2}", token):
            zone = _offset(token)
        elif ":" in token:
            found = _TIME.match(token)
            if not found:
                return None
            hour, minute = int(found.group(1)), int(found.group(2))
            second = int(found.group(3) or 0)
            micro = _fraction_microseconds(found.group(4))
            has_time = True
        elif re.fullmatch(r"\d+[/.-]\d+(?:[/.-]\d+)?", token):
            found = _SLASHED.match(token)
            if not found:
                return None
            first, second_part, third = found.groups()
            if len(first) == 4:  # yyyy/MM/dd
                year, month, day = int(first), int(second_part), int(third or 1)
            else:  # MM/dd/yyyy, the invariant culture's order
                month, day = int(first), int(second_part)
                year = _full_year(third) if third else _dt.date.today().year
        elif token.isdigit():
            numbers.append(int(token))
        else:
            return None
    if pending_ampm is not None:
        if not has_time or hour > 12:
            return None
        hour = hour % 12 + (12 if pending_ampm == "pm" else 0)
    for number in numbers:
        if month is not None and day is None and number <= 31:
            day = number
        elif year is None and (number > 31 or day is not None):
            year = _full_year(str(number))
        else:
            return None
    if month is None and day is None and year is None:
        if not has_time:
            return None
        today = _dt.date.today()
        year, month, day = today.year, today.month, today.day
    if month is None or day is None:
        return None
    value = _dt.datetime(year or _dt.date.today().year, month, day, hour, minute, second, micro)
    return _localize(value, zone)


def _full_year(text: str) -> int:
    number = int(text)
    if len(text) <= 2:
        return 2000 + number if number < 50 else 1900 + number  # .NET's two-digit year window (2049)
    return number


def parse_timespan(text: str) -> _dt.timedelta:
    """TimeSpan.Parse: ``[-][d.]hh:mm[:ss[.fffffff]]`` or ``[-]d``; ValueError with .NET's message."""
    found = _TIMESPAN.match(text)
    if found:
        sign, days, hours, minutes, seconds, fraction = found.groups()
        if int(hours) > 23 or int(minutes) > 59 or int(seconds or 0) > 59:
            raise OverflowError(f"The TimeSpan string '{text}' could not be parsed because at least one of the numeric "
                                "components is out of range or contains too many digits.")  # fmt: skip
        span = _dt.timedelta(
            days=int(days or 0), hours=int(hours), minutes=int(minutes), seconds=int(seconds or 0),
            microseconds=_fraction_microseconds((fraction or "").ljust(7, "0")[:6]),
        )  # fmt: skip
        return -span if sign else span
    found = _TIMESPAN_DAYS.match(text)
    if found:
        span = _dt.timedelta(days=int(found.group(2)))
        return -span if found.group(1) else span
    raise ValueError(f"String '{text}' was not recognized as a valid TimeSpan.")


def timespan_text(span: _dt.timedelta) -> str:
    """TimeSpan.ToString(): ``[-][d.]hh:mm:ss[.fffffff]`` (the object model's, which ``[string]`` uses)."""
    return _timespan_text(span)
