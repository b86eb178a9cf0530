"""The .NET enums other than ActionPreference (see :mod:`.enums`, which hands them out): made
when a script or a conversion first names one, not when the binder loads."""

from __future__ import annotations

from .enums import _NetEnum, _NetFlags

__all__ = [
    "ConsoleColor",
    "DateTimeKind",
    "DayOfWeek",
    "MidpointRounding",
    "RegexOptions",
    "SplitOptions",
    "StringComparison",
    "StringSplitOptions",
    "UriKind",
]


class RegexOptions(_NetFlags):
    """System.Text.RegularExpressions.RegexOptions."""

    __ps_type_name__ = "System.Text.RegularExpressions.RegexOptions"

    None_ = 0
    IgnoreCase = 1
    Multiline = 2
    ExplicitCapture = 4
    Compiled = 8
    Singleline = 16
    IgnorePatternWhitespace = 32
    RightToLeft = 64
    ECMAScript = 256
    CultureInvariant = 512
    NonBacktracking = 1024


class StringSplitOptions(_NetFlags):
    __ps_type_name__ = "System.StringSplitOptions"

    None_ = 0
    RemoveEmptyEntries = 1
    TrimEntries = 2


class SplitOptions(_NetFlags):
    """System.Management.Automation.SplitOptions: the options of ``-split``."""

    __ps_type_name__ = "System.Management.Automation.SplitOptions"

    SimpleMatch = 1
    RegexMatch = 2
    CultureInvariant = 4
    IgnorePatternWhitespace = 8
    Multiline = 16
    Singleline = 32
    IgnoreCase = 64
    ExplicitCapture = 128


class MidpointRounding(_NetEnum):
    __ps_type_name__ = "System.MidpointRounding"

    ToEven = 0
    AwayFromZero = 1
    ToZero = 2
    ToNegativeInfinity = 3
    ToPositiveInfinity = 4


class StringComparison(_NetEnum):
    __ps_type_name__ = "System.StringComparison"

    CurrentCulture = 0
    CurrentCultureIgnoreCase = 1
    InvariantCulture = 2
    InvariantCultureIgnoreCase = 3
    Ordinal = 4
    OrdinalIgnoreCase = 5


class DayOfWeek(_NetEnum):
    __ps_type_name__ = "System.DayOfWeek"

    Sunday = 0
    Monday = 1
    Tuesday = 2
    Wednesday = 3
    Thursday = 4
    Friday = 5
    Saturday = 6


class DateTimeKind(_NetEnum):
    __ps_type_name__ = "System.DateTimeKind"

    Unspecified = 0
    Utc = 1
    Local = 2


class UriKind(_NetEnum):
    __ps_type_name__ = "System.UriKind"

    RelativeOrAbsolute = 0
    Absolute = 1
    Relative = 2


class ConsoleColor(_NetEnum):
    __ps_type_name__ = "System.ConsoleColor"

    Black = 0
    DarkBlue = 1
    DarkGreen = 2
    DarkCyan = 3
    DarkRed = 4
    DarkMagenta = 5
    DarkYellow = 6
    Gray = 7
    DarkGray = 8
    Blue = 9
    Green = 10
    Cyan = 11
    Red = 12
    Magenta = 13
    Yellow = 14
    White = 15
