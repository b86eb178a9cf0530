"""The .NET enums scripts and cmdlets use, as Python enums (``str()`` is the member name, as in .NET).

Public: :class:`ActionPreference`, :class:`StringSplitOptions`, :class:`SplitOptions`,
:class:`MidpointRounding`, :class:`StringComparison`, :class:`DayOfWeek`,
:class:`DateTimeKind`, :class:`UriKind`, :class:`ConsoleColor`, and :data:`ENUMS`
(full .NET name -> (enum, is_flags)).
"""

from __future__ import annotations

import enum

__all__ = [
    "ENUMS",
    "AceFlags",
    "ActionPreference",
    "CommandTypes",
    "ConsoleColor",
    "DateTimeKind",
    "DayOfWeek",
    "ErrorCategory",
    "MidpointRounding",
    "RegexOptions",
    "SplitOptions",
    "StringComparison",
    "StringSplitOptions",
    "UriKind",
]


class _NetEnum(enum.Enum):
    """An enum whose text is its .NET name (``None_`` stands for .NET's ``None``)."""

    def __str__(self) -> str:
        return self.name.rstrip("_")


class _NetFlags(enum.IntFlag):
    """A [Flags] enum: combined values print as ``A, B`` as .NET does."""

    def __str__(self) -> str:
        if self.name is not None and "|" not in self.name:
            return self.name.rstrip("_")
        return ", ".join((member.name or "").rstrip("_") for member in type(self) if member.value and member in self)

    __format__ = enum.Enum.__format__


class RegexOptions(_NetFlags):
    """System.Text.RegularExpressions.RegexOptions."""

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


class ActionPreference(_NetEnum):
    SilentlyContinue = 0
    Stop = 1
    Continue = 2
    Inquire = 3
    Ignore = 4
    Suspend = 5
    Break = 6


class ErrorCategory(_NetEnum):
    """System.Management.Automation.ErrorCategory (``[ErrorRecord]::new(..., [ErrorCategory]::X, ...)``)."""

    NotSpecified = 0
    OpenError = 1
    CloseError = 2
    DeviceError = 3
    DeadlockDetected = 4
    InvalidArgument = 5
    InvalidData = 6
    InvalidOperation = 7
    InvalidResult = 8
    InvalidType = 9
    MetadataError = 10
    NotImplemented = 11
    NotInstalled = 12
    ObjectNotFound = 13
    OperationStopped = 14
    OperationTimeout = 15
    SyntaxError = 16
    ParserError = 17
    PermissionDenied = 18
    ResourceBusy = 19
    ResourceExists = 20
    ResourceUnavailable = 21
    ReadError = 22
    WriteError = 23
    FromStdErr = 24
    SecurityError = 25
    ProtocolError = 26
    ConnectionError = 27
    AuthenticationError = 28
    LimitsExceeded = 29
    QuotaExceeded = 30
    NotEnabled = 31


class CommandTypes(_NetFlags):
    """System.Management.Automation.CommandTypes."""

    Alias = 1
    Function = 2
    Filter = 4
    Cmdlet = 8
    ExternalScript = 16
    Application = 32
    Script = 64
    Configuration = 256
    All = 383


class AceFlags(_NetFlags):
    """System.Security.AccessControl.AceFlags (a byte enum)."""

    None_ = 0
    ObjectInherit = 1
    ContainerInherit = 2
    NoPropagateInherit = 4
    InheritOnly = 8
    InheritanceFlags = 15
    Inherited = 16
    SuccessfulAccess = 64
    FailedAccess = 128
    AuditFlags = 192


class StringSplitOptions(_NetFlags):
    None_ = 0
    RemoveEmptyEntries = 1
    TrimEntries = 2


class SplitOptions(_NetFlags):
    """System.Management.Automation.SplitOptions: the options of ``-split``."""

    SimpleMatch = 1
    RegexMatch = 2
    CultureInvariant = 4
    IgnorePatternWhitespace = 8
    Multiline = 16
    Singleline = 32
    IgnoreCase = 64
    ExplicitCapture = 128


class MidpointRounding(_NetEnum):
    ToEven = 0
    AwayFromZero = 1
    ToZero = 2
    ToNegativeInfinity = 3
    ToPositiveInfinity = 4


class StringComparison(_NetEnum):
    CurrentCulture = 0
    CurrentCultureIgnoreCase = 1
    InvariantCulture = 2
    InvariantCultureIgnoreCase = 3
    Ordinal = 4
    OrdinalIgnoreCase = 5


class DayOfWeek(_NetEnum):
    Sunday = 0
    Monday = 1
    Tuesday = 2
    Wednesday = 3
    Thursday = 4
    Friday = 5
    Saturday = 6


class DateTimeKind(_NetEnum):
    Unspecified = 0
    Utc = 1
    Local = 2


class UriKind(_NetEnum):
    RelativeOrAbsolute = 0
    Absolute = 1
    Relative = 2


class ConsoleColor(_NetEnum):
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


ENUMS: dict[str, tuple[type[enum.Enum], bool]] = {
    "System.Management.Automation.ActionPreference": (ActionPreference, False),
    "System.Management.Automation.ErrorCategory": (ErrorCategory, False),
    "System.Management.Automation.CommandTypes": (CommandTypes, True),
    "System.Security.AccessControl.AceFlags": (AceFlags, True),
    "System.StringSplitOptions": (StringSplitOptions, True),
    "System.Management.Automation.SplitOptions": (SplitOptions, True),
    "System.MidpointRounding": (MidpointRounding, False),
    "System.StringComparison": (StringComparison, False),
    "System.DayOfWeek": (DayOfWeek, False),
    "System.DateTimeKind": (DateTimeKind, False),
    "System.UriKind": (UriKind, False),
    "System.ConsoleColor": (ConsoleColor, False),
    "System.Text.RegularExpressions.RegexOptions": (RegexOptions, True),
}
