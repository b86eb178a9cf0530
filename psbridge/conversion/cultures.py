"""The cultures psbridge has data for: en-US (the current culture: Get-Date, the formatter and
``ToString()`` format for it), its neutral parent ``en``, and the invariant culture.

A CultureInfo's parts are what .NET 8 reports for them on Linux (ICU): the names, the LCID, the
TextInfo's list separator and code pages, the NumberFormatInfo and the DateTimeFormatInfo
patterns and names.  psbridge has no data for other cultures, so it makes none rather than
one with wrong patterns: :func:`culture_data` answers None for any other name.
"""

from __future__ import annotations

from typing import Any

from ..objects import dotnet_object
from ..objects.typedata import TYPE_NAME_TO_STRING

__all__ = ["CULTURE_NAMES", "TextInfo", "culture_data", "known_culture_name"]

_DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December", ""]  # fmt: skip

#: name (folded) -> the culture's own facts; "" is the invariant culture.
_CULTURES: dict[str, dict[str, Any]] = {
    "en-us": {
        "Name": "en-US", "LCID": 1033, "Parent": "en", "DisplayName": "English (United States)",
        "TwoLetterISOLanguageName": "en", "ThreeLetterISOLanguageName": "eng", "ThreeLetterWindowsLanguageName": "ENU",
        "IsNeutralCulture": False, "CultureTypes": "SpecificCultures", "dates": "en",
    },
    "en": {
        "Name": "en", "LCID": 9, "Parent": "", "DisplayName": "English",
        "TwoLetterISOLanguageName": "en", "ThreeLetterISOLanguageName": "eng", "ThreeLetterWindowsLanguageName": "ENU",
        "IsNeutralCulture": True, "CultureTypes": "NeutralCultures", "dates": "en",
    },
    "": {
        "Name": "", "LCID": 127, "Parent": "", "DisplayName": "Invariant Language (Invariant Country)",
        "TwoLetterISOLanguageName": "iv", "ThreeLetterISOLanguageName": "ivl", "ThreeLetterWindowsLanguageName": "IVL",
        "IsNeutralCulture": False, "CultureTypes": "InvariantCulture", "dates": "invariant",
    },
}  # fmt: skip

#: The culture names psbridge knows, as .NET spells them.
CULTURE_NAMES = tuple(facts["Name"] for facts in _CULTURES.values())

_PATTERNS = {
    "en": {
        "FullDateTimePattern": "dddd, MMMM d, yyyy h:mm:ss tt", "LongDatePattern": "dddd, MMMM d, yyyy",
        "LongTimePattern": "h:mm:ss tt", "MonthDayPattern": "MMMM d", "ShortDatePattern": "M/d/yyyy",
        "ShortTimePattern": "h:mm tt", "YearMonthPattern": "MMMM yyyy", "CurrencySymbol": "$",
    },
    "invariant": {
        "FullDateTimePattern": "dddd, dd MMMM yyyy HH:mm:ss", "LongDatePattern": "dddd, dd MMMM yyyy",
        "LongTimePattern": "HH:mm:ss", "MonthDayPattern": "MMMM dd", "ShortDatePattern": "MM/dd/yyyy",
        "ShortTimePattern": "HH:mm", "YearMonthPattern": "yyyy MMMM", "CurrencySymbol": "¤",
    },
}  # fmt: skip

for _type in ("numberformatinfo", "datetimeformatinfo", "gregoriancalendar"):
    TYPE_NAME_TO_STRING.add("system.globalization." + _type)  # no ToString() of their own: the type name


def known_culture_name(name: str) -> str | None:
    """.NET's spelling of a culture name psbridge has data for (case-insensitive), else None."""
    facts = _CULTURES.get(name.strip().casefold())
    return None if facts is None else str(facts["Name"])


class TextInfo:
    """System.Globalization.TextInfo: the writing system's facts (ListSeparator for -UseCulture)."""

    __ps_type_name__ = "System.Globalization.TextInfo"

    def __init__(self, name: str, lcid: int) -> None:
        self.ANSICodePage = 1252
        self.OEMCodePage = 437
        self.MacCodePage = 10000
        self.EBCDICCodePage = 37
        self.LCID = lcid
        self.CultureName = name
        self.IsReadOnly = True
        self.ListSeparator = ","
        self.IsRightToLeft = False

    def ToTitleCase(self, text: Any) -> str:
        """Each word's first letter upper-cased, the rest kept (an all-capitals word stays, as .NET keeps it)."""
        words = str(text).split(" ")
        return " ".join(w if w.isupper() else w[:1].upper() + w[1:].lower() for w in words)

    def ToUpper(self, text: Any) -> str:
        return str(text).upper()

    def ToLower(self, text: Any) -> str:
        return str(text).lower()

    def __str__(self) -> str:
        return f"TextInfo - {self.CultureName}"


class CompareInfo:
    """System.Globalization.CompareInfo, named by its culture."""

    __ps_type_name__ = "System.Globalization.CompareInfo"

    def __init__(self, name: str, lcid: int) -> None:
        self.Name = name
        self.LCID = lcid
        self.Version = None

    def __str__(self) -> str:
        return f"CompareInfo - {self.Name}"


def _calendar() -> Any:
    import datetime as dt

    return dotnet_object(
        ["System.Globalization.GregorianCalendar", "System.Globalization.Calendar"],
        {
            "MinSupportedDateTime": dt.datetime(1, 1, 1),
            "MaxSupportedDateTime": dt.datetime(9999, 12, 31, 23, 59, 59, 999999),
            "AlgorithmType": "SolarCalendar",
            "CalendarType": "Localized",
            "Eras": [1],
            "TwoDigitYearMax": 2049,
            "IsReadOnly": True,
        },
    )


def _date_format(kind: str) -> Any:
    from .netenums import DayOfWeek

    patterns = _PATTERNS[kind]
    return dotnet_object(
        ["System.Globalization.DateTimeFormatInfo"],
        {
            "AMDesignator": "AM", "Calendar": _calendar(), "DateSeparator": "/", "FirstDayOfWeek": DayOfWeek(0),
            "CalendarWeekRule": "FirstDay", "FullDateTimePattern": patterns["FullDateTimePattern"],
            "LongDatePattern": patterns["LongDatePattern"], "LongTimePattern": patterns["LongTimePattern"],
            "MonthDayPattern": patterns["MonthDayPattern"], "PMDesignator": "PM",
            "RFC1123Pattern": "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'", "ShortDatePattern": patterns["ShortDatePattern"],
            "ShortTimePattern": patterns["ShortTimePattern"],
            "SortableDateTimePattern": "yyyy'-'MM'-'dd'T'HH':'mm':'ss", "TimeSeparator": ":",
            "UniversalSortableDateTimePattern": "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
            "YearMonthPattern": patterns["YearMonthPattern"],
            "AbbreviatedDayNames": [d[:3] for d in _DAY_NAMES], "ShortestDayNames": [d[:2] for d in _DAY_NAMES],
            "DayNames": list(_DAY_NAMES), "AbbreviatedMonthNames": [m[:3] for m in _MONTH_NAMES],
            "MonthNames": list(_MONTH_NAMES), "IsReadOnly": True, "NativeCalendarName": "Gregorian Calendar",
            "AbbreviatedMonthGenitiveNames": [m[:3] for m in _MONTH_NAMES], "MonthGenitiveNames": list(_MONTH_NAMES),
        },
    )  # fmt: skip


def _number_format(kind: str) -> Any:
    return dotnet_object(
        ["System.Globalization.NumberFormatInfo"],
        {
            "CurrencyDecimalDigits": 2, "CurrencyDecimalSeparator": ".", "IsReadOnly": True,
            "CurrencyGroupSizes": [3], "NumberGroupSizes": [3], "PercentGroupSizes": [3],
            "CurrencyGroupSeparator": ",", "CurrencySymbol": _PATTERNS[kind]["CurrencySymbol"], "NaNSymbol": "NaN",
            "CurrencyNegativePattern": 1 if kind == "en" else 0, "NumberNegativePattern": 1,
            "PercentPositivePattern": 1 if kind == "en" else 0, "PercentNegativePattern": 1 if kind == "en" else 0,
            "NegativeInfinitySymbol": "-∞" if kind == "en" else "-Infinity", "NegativeSign": "-",
            "NumberDecimalDigits": 2, "NumberDecimalSeparator": ".", "NumberGroupSeparator": ",",
            "CurrencyPositivePattern": 0, "PositiveInfinitySymbol": "∞" if kind == "en" else "Infinity",
            "PositiveSign": "+", "PercentDecimalDigits": 2, "PercentDecimalSeparator": ".",
            "PercentGroupSeparator": ",", "PercentSymbol": "%", "PerMilleSymbol": "‰",
            "NativeDigits": [str(n) for n in range(10)], "DigitSubstitution": "None",
        },
    )  # fmt: skip


def culture_data(name: str) -> dict[str, Any] | None:
    """A culture's properties in the order .NET reflects them (Get-Culture.md example 2), made
    anew (each CultureInfo has its own format objects); None for a culture psbridge lacks."""
    facts = _CULTURES.get(name.strip().casefold())
    if facts is None:
        return None
    name, lcid, kind = str(facts["Name"]), int(facts["LCID"]), str(facts["dates"])
    return {
        "Parent": facts["Parent"], "LCID": lcid, "KeyboardLayoutId": lcid, "Name": name, "IetfLanguageTag": name,
        "DisplayName": facts["DisplayName"], "NativeName": facts["DisplayName"], "EnglishName": facts["DisplayName"],
        "TwoLetterISOLanguageName": facts["TwoLetterISOLanguageName"],
        "ThreeLetterISOLanguageName": facts["ThreeLetterISOLanguageName"],
        "ThreeLetterWindowsLanguageName": facts["ThreeLetterWindowsLanguageName"],
        "CompareInfo": CompareInfo(name, lcid), "TextInfo": TextInfo(name, lcid),
        "IsNeutralCulture": facts["IsNeutralCulture"], "CultureTypes": facts["CultureTypes"],
        "NumberFormat": _number_format(kind), "DateTimeFormat": _date_format(kind), "Calendar": _calendar(),
        "OptionalCalendars": [_calendar()], "UseUserOverride": False, "IsReadOnly": True,
    }  # fmt: skip
