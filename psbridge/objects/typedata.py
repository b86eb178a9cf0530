"""Extended type data: what PSOpenAI's ``PSOpenAI.Types.ps1xml`` declares.

PowerShell attaches a ``ToString()`` to each of PSOpenAI's object types that
returns the object's ``id``.  That is what lets a Thread object be passed where a
thread-id string is expected (``Get-ThreadRun -ThreadId $thread``), so the
binder's string conversion must know it.  The table is data about types, the way
PowerShell loads a module's types file once; it is not behaviour of a cmdlet.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

__all__ = [
    "DATETIME_PROPERTIES",
    "DOTNET_PROPERTIES",
    "TIMESPAN_PROPERTIES",
    "TO_STRING_PROPERTY",
    "TYPE_NAME_TO_STRING",
    "modelled_property_names",
    "read_member",
    "register_member_reader",
    "register_to_string_property",
    "time_property_names",
]

TO_STRING_PROPERTY: dict[str, str] = {
    "psopenai.assistant": "id",
    "psopenai.thread": "id",
    "psopenai.thread.message": "id",
    "psopenai.thread.run": "id",
    "psopenai.thread.run.step": "id",
    "psopenai.file": "id",
    "psopenai.vectorstore": "id",
    "psopenai.vectorstore.file": "id",
    "psopenai.vectorstore.filebatch": "id",
    "psopenai.batch": "id",
    "psopenai.container": "id",
    "psopenai.container.file": "id",
}


def register_to_string_property(type_name: str, property_name: str) -> None:
    """Declare that objects typed ``type_name`` stringify as their ``property_name``."""
    TO_STRING_PROPERTY[type_name.casefold()] = property_name


#: .NET types psbridge models as property bags whose ToString() is not overridden: Object's
#: ToString() gives the type's full name (``"$Host"`` is System.Management.Automation.Internal.Host.InternalHost).
TYPE_NAME_TO_STRING: set[str] = {
    "system.management.automation.internal.host.internalhost",
    "system.management.automation.engineintrinsics",
    "system.management.automation.sessionstate",
}


# -- .NET members of the types psbridge models as Python classes -------------------------------

#: The public instance properties of .NET types psbridge models as Python classes (keyed by
#: their ``__ps_type_name__``), in the order .NET reflection lists them: what a view generated
#: from an object's properties shows (Out-Default's table or list, ``Format-List *``).
DOTNET_PROPERTIES: dict[str, tuple[str, ...]] = {
    "System.Text.RegularExpressions.Regex": ("Options", "MatchTimeout", "RightToLeft"),
    "System.Text.StringBuilder": ("Capacity", "MaxCapacity", "Length"),
    "System.Version": ("Major", "Minor", "Build", "Revision", "MajorRevision", "MinorRevision"),
    "System.Collections.ArrayList": ("Capacity", "Count", "IsFixedSize", "IsReadOnly", "IsSynchronized", "SyncRoot"),
    "System.Diagnostics.Stopwatch": ("IsRunning", "Elapsed", "ElapsedMilliseconds", "ElapsedTicks"),
    # the identity properties psbridge models (not NumberFormat, DateTimeFormat, Calendar ...)
    "System.Globalization.CultureInfo": (
        "Parent", "LCID", "KeyboardLayoutId", "Name", "IetfLanguageTag", "DisplayName", "NativeName", "EnglishName",
        "TwoLetterISOLanguageName", "ThreeLetterISOLanguageName", "ThreeLetterWindowsLanguageName", "IsNeutralCulture",
        "UseUserOverride", "IsReadOnly",
    ),
    # a derived class's own properties come first: Match's Groups, then Group's, then Capture's
    "System.Text.RegularExpressions.Match": (
        "Groups", "Success", "Name", "Captures", "Index", "Length", "Value", "ValueSpan",
    ),
    "System.Text.RegularExpressions.Group": ("Success", "Name", "Captures", "Index", "Length", "Value", "ValueSpan"),
    "System.Management.Automation.ErrorRecord": (
        "Exception", "TargetObject", "CategoryInfo", "FullyQualifiedErrorId", "ErrorDetails", "InvocationInfo",
        "ScriptStackTrace", "PipelineIterationInfo",
    ),
    "System.Management.Automation.ErrorCategoryInfo": ("Category", "Activity", "Reason", "TargetName", "TargetType"),
    "System.Management.Automation.InvocationInfo": (
        "MyCommand", "BoundParameters", "UnboundArguments", "ScriptLineNumber", "OffsetInLine", "ScriptName",
        "Line", "Statement", "PositionMessage", "PSScriptRoot", "PSCommandPath", "InvocationName",
    ),
    "System.Uri": (
        "AbsolutePath", "AbsoluteUri", "LocalPath", "Authority", "HostNameType", "IsDefaultPort", "IsFile",
        "IsLoopback", "PathAndQuery", "Segments", "IsUnc", "Host", "Port", "Query", "Fragment", "Scheme",
        "OriginalString", "DnsSafeHost", "IdnHost", "IsAbsoluteUri", "UserEscaped", "UserInfo",
    ),
}  # fmt: skip

#: DateTime's public instance properties, in the order .NET reflection lists them.
DATETIME_PROPERTIES = (
    "Date", "Day", "DayOfWeek", "DayOfYear", "Hour", "Kind", "Millisecond", "Microsecond", "Nanosecond",
    "Minute", "Month", "Second", "Ticks", "TimeOfDay", "Year",
)  # fmt: skip

#: TimeSpan's public instance properties, in the order .NET reflection lists them.
TIMESPAN_PROPERTIES = (
    "Ticks", "Days", "Hours", "Milliseconds", "Microseconds", "Nanoseconds", "Minutes", "Seconds",
    "TotalDays", "TotalHours", "TotalMilliseconds", "TotalMicroseconds", "TotalNanoseconds", "TotalMinutes",
    "TotalSeconds",
)  # fmt: skip


def time_property_names(value: Any) -> list[str] | None:
    """What ``Select-Object *``, ConvertTo-Csv and ``Format-List *`` list for a DateTime or a
    TimeSpan (None for anything else): Get-Date's ``DisplayHint`` note, types.ps1xml's
    ``DateTime`` script property, then the .NET properties."""
    if isinstance(value, _dt.timedelta):
        return list(TIMESPAN_PROPERTIES)
    if not isinstance(value, _dt.datetime):
        return None
    extended = ["DisplayHint"] if getattr(value, "display_hint", None) is not None else []
    return [*extended, "DateTime", *DATETIME_PROPERTIES]


def modelled_property_names(value: Any) -> list[str] | None:
    """The .NET properties of an object whose Python class models a .NET type (it names the type
    in ``__ps_type_name__`` or ``pstypenames``), None for any other object: the class's PascalCase
    properties, its own before its bases' (as reflection lists a derived type's first), then its
    PascalCase fields.  Lower-case attributes are the model's own workings, never shown."""
    cls = type(value)
    if getattr(cls, "__ps_type_name__", None) is None and not isinstance(getattr(cls, "pstypenames", None), tuple):
        return None
    names: list[str] = []
    for klass in cls.__mro__:
        for name, member in vars(klass).items():
            if isinstance(member, property) and name[:1].isupper() and name not in names:
                names.append(name)
    fields = getattr(value, "__dataclass_fields__", None)
    attributes = getattr(value, "__dict__", None)
    own = list(fields) if fields is not None else list(attributes) if isinstance(attributes, dict) else []
    names.extend(name for name in own if name[:1].isupper() and name not in names)
    return names


MemberReader = Callable[[Any, str], tuple[bool, Any]]
_member_readers: list[MemberReader] = []


def register_member_reader(reader: MemberReader) -> None:
    """Let the layer that implements .NET members (conversion) answer property reads for the
    formatter, which sits below it and cannot import it."""
    if reader not in _member_readers:
        _member_readers.append(reader)


def read_member(value: Any, name: str) -> tuple[bool, Any]:
    """``(found, value)`` of a .NET property through the registered readers."""
    for reader in _member_readers:
        found, result = reader(value, name)
        if found:
            return True, result
    return False, None
