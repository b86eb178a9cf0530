"""The .NET enums other than ActionPreference (see :mod:`.enums`, which hands them out): made
when a script or a conversion first names one, not when the binder loads."""

from __future__ import annotations

from .enums import _NetEnum, _NetFlags

__all__ = [
    "AceFlags",
    "CommandTypes",
    "ConfirmImpact",
    "ConsoleColor",
    "DateTimeKind",
    "DayOfWeek",
    "ErrorCategory",
    "MidpointRounding",
    "RegexOptions",
    "ShouldProcessReason",
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


class ErrorCategory(_NetEnum):
    """System.Management.Automation.ErrorCategory (``[ErrorRecord]::new(..., [ErrorCategory]::X, ...)``)."""

    __ps_type_name__ = "System.Management.Automation.ErrorCategory"

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

    __ps_type_name__ = "System.Management.Automation.CommandTypes"

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

    __ps_type_name__ = "System.Security.AccessControl.AceFlags"

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


class ConfirmImpact(_NetEnum):
    """System.Management.Automation.ConfirmImpact (``$ConfirmPreference``, ``[CmdletBinding(ConfirmImpact=...)]``)."""

    __ps_type_name__ = "System.Management.Automation.ConfirmImpact"

    None_ = 0
    Low = 1
    Medium = 2
    High = 3


class ShouldProcessReason(_NetFlags):
    """System.Management.Automation.ShouldProcessReason (``ShouldProcess(..., [ref]$reason)``)."""

    __ps_type_name__ = "System.Management.Automation.ShouldProcessReason"

    None_ = 0
    WhatIf = 1
