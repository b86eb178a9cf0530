"""Get-Date: the current date (or -Date, or -UnixTimeSeconds) with -Year .. -Millisecond replaced,
as a DateTime carrying its -DisplayHint, or as text (-Format's .NET format string under en-US,
-UFormat's Unix specifiers).

The DateTime is psbridge's (:mod:`psbridge.conversion.datetimes`: naive is Kind Unspecified, UTC is
Utc, any other offset Local); the parts are replaced with DateTime's own Add* methods, as
GetDateCommand does, so month ends and leap days behave as in .NET.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from ...conversion.formatting import FormatError, composite_format, format_value
from ...conversion.time_members import DATETIME_METHODS
from ...errors import ErrorCategory
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.dotnet_format import format_date
from ..common.errors import cmdlet_error

__all__ = ["DisplayHintType", "GetDate", "HintedDateTime"]

_UNIX_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class DisplayHintType(enum.Enum):
    """Microsoft.PowerShell.Commands.DisplayHintType."""

    Date = 0
    Time = 1
    DateTime = 2

    def __str__(self) -> str:
        return self.name


class HintedDateTime(dt.datetime):
    """A DateTime with Get-Date's ``DisplayHint`` note property: the formatter shows only the date
    or the time when asked; a new DateTime made from it (``.AddDays(1)``) has no hint, as in pwsh."""

    __slots__ = ("display_hint",)
    display_hint: DisplayHintType

    @classmethod
    def of(cls, value: dt.datetime, hint: DisplayHintType) -> HintedDateTime:
        made = cls(value.year, value.month, value.day, value.hour, value.minute, value.second, value.microsecond,
                   tzinfo=value.tzinfo, fold=value.fold)  # fmt: skip
        made.display_hint = hint
        return made


_PARTS = ("Year", "Month", "Day", "Hour", "Minute", "Second", "Millisecond")

#: -Format's names for ISO 8601's basic formats (file-name safe): (format, in UTC).
_FILE_FORMATS = {
    "filedate": ("yyyyMMdd", False),
    "filedateuniversal": ("yyyyMMddZ", True),
    "filedatetime": ("yyyyMMddTHHmmssffff", False),
    "filedatetimeuniversal": ("yyyyMMddTHHmmssffffZ", True),
}

#: -UFormat's specifiers that are composite-format items of the date (GetDateCommand's table).
_UFORMAT_ITEMS = {
    "A": "{0:dddd}", "a": "{0:ddd}", "B": "{0:MMMM}", "b": "{0:MMM}", "h": "{0:MMM}",
    "c": "{0:ddd} {0:dd} {0:MMM} {0:yyyy} {0:HH}:{0:mm}:{0:ss}", "D": "{0:MM/dd/yy}", "x": "{0:MM/dd/yy}",
    "d": "{0:dd}", "F": "{0:yyyy}-{0:MM}-{0:dd}", "H": "{0:HH}", "I": "{0:hh}", "l": "{0,2:%h}",
    "M": "{0:mm}", "m": "{0:MM}", "p": "{0:tt}", "R": "{0:HH:mm}", "r": "{0:hh:mm:ss tt}", "S": "{0:ss}",
    "T": "{0:HH:mm:ss}", "X": "{0:HH:mm:ss}", "Y": "{0:yyyy}", "y": "{0:yy}", "Z": "{0:zz}",
    "n": "\n", "t": "\t",
}  # fmt: skip


def _computed_item(letter: str, value: dt.datetime) -> str | None:
    """The specifiers GetDateCommand computes into the text itself (not composite items)."""
    iso = value.isocalendar()
    day_of_year = value.timetuple().tm_yday
    if letter == "C":
        return str(value.year // 100)
    if letter == "e":
        return f"{value.day:>2}"
    if letter == "G":
        return f"{iso.year:04d}"
    if letter == "g":
        return f"{iso.year % 100:02d}"
    if letter == "j":
        return f"{day_of_year:03d}"
    if letter == "k":
        return f"{value.hour:>2}"
    if letter == "s":
        seconds = (_universal(value).replace(tzinfo=None) - _UNIX_EPOCH.replace(tzinfo=None)).total_seconds()
        return format_value(seconds, "0")
    if letter in "UW":
        return str(day_of_year // 7)
    if letter == "u":
        return str(value.isoweekday())
    if letter == "V":
        return f"{iso.week:02d}"
    if letter == "w":
        return str(value.isoweekday() % 7)
    return None


def _universal(value: dt.datetime) -> dt.datetime:
    result: dt.datetime = DATETIME_METHODS["touniversaltime"](value)
    return result


def uformat(value: dt.datetime, text: str) -> str:
    """Get-Date -UFormat: the specifiers become a composite format of the date, and literal text
    stays in it (so a brace in the text is a format error, as in PowerShell)."""
    template: list[str] = []
    index = 1 if text.startswith("+") else 0
    while index < len(text):
        char = text[index]
        if char == "%":
            index += 1
            if index == len(text):
                raise IndexError("Index was outside the bounds of the array.")
            letter = text[index]
            computed = _computed_item(letter, value)
            template.append(computed if computed is not None else _UFORMAT_ITEMS.get(letter, letter))
        else:
            template.append(char)
        index += 1
    return composite_format("".join(template), [value])


@register_cmdlet
class GetDate(Cmdlet):
    name = "Get-Date"

    def process(self) -> None:
        params = self.params
        value = self._start()
        for part in _PARTS:
            method = f"add{part.lower()}s"
            if params.is_bound(part):
                wanted = int(params.get(part))
                current = value.microsecond // 1000 if part == "Millisecond" else getattr(value, part.lower())
                value = self._call(method, value, wanted - current)
        if params.is_bound("Millisecond"):
            value = value.replace(microsecond=value.microsecond - value.microsecond % 1000)  # whole milliseconds
        if params.AsUTC:
            value = _universal(value)
        if params.UFormat is not None:
            self.write_output(self._text(lambda: uformat(value, params.UFormat)))
        elif params.Format is not None:
            fmt, universal = _FILE_FORMATS.get(str(params.Format).casefold(), (str(params.Format), False))
            shown = _universal(value) if universal else value
            self.write_output(self._text(lambda: format_date(shown, fmt)))
        else:
            hint = params.get("DisplayHint", None)
            hint_type = DisplayHintType[str(hint)] if hint else DisplayHintType.DateTime
            self.write_output(HintedDateTime.of(value, hint_type))

    def _start(self) -> dt.datetime:
        if self.params.is_bound("Date"):
            date: dt.datetime = self.params.Date
            return date
        if self.params.is_bound("UnixTimeSeconds"):
            return (_UNIX_EPOCH + dt.timedelta(seconds=int(self.params.UnixTimeSeconds))).astimezone()
        return dt.datetime.now().astimezone()  # DateTime.Now: Kind Local

    def _call(self, method: str, value: dt.datetime, amount: int) -> dt.datetime:
        try:
            result: dt.datetime = DATETIME_METHODS[method](value, amount)
        except Exception as error:  # .NET's ArgumentOutOfRangeException from Add*
            self.throw_terminating_error(
                cmdlet_error(
                    str(error).split(": ", 1)[-1].strip('"'),
                    "System.ArgumentOutOfRangeException",
                    ErrorCategory.NotSpecified,
                    "System.ArgumentOutOfRangeException",
                )
            )
            raise
        return result

    def _text(self, make: Any) -> str:
        try:
            text: str = make()
        except (FormatError, IndexError) as error:
            kind = "System.FormatException" if isinstance(error, FormatError) else "System.IndexOutOfRangeException"
            self.throw_terminating_error(cmdlet_error(str(error), kind, ErrorCategory.NotSpecified, kind))
            raise
        return text
