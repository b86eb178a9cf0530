"""Which view shows an object: format data for known types, else one generated from its properties.

PowerShell picks a view from format data (``*.format.ps1xml``) by type name; an object with
none gets a generated view: a table when it has at most four properties
(``PropertyCountForTable``), a list otherwise.  The known views here are the ones of
PowerShell's own types that psbridge's cmdlets emit (DotNetTypes, FileSystem and
PowerShellCore format data), written as data.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import struct
from collections.abc import Callable, Mapping
from typing import Any

from ..objects import Hashtable, PSObject, SecureString, dotnet_type_name, property_lookup, to_ps_string
from ..objects.numeric import Char
from ..objects.typedata import DOTNET_PROPERTIES, modelled_property_names, read_member
from ..records import record
from .values import display_value, format_long_datetime, is_uuid

__all__ = [
    "PROPERTY_COUNT_FOR_TABLE",
    "Column",
    "CustomView",
    "ListView",
    "TableView",
    "View",
    "WideView",
    "default_view",
    "format_data_view",
    "get_value",
    "named_views",
    "object_properties",
    "register_view",
    "type_key",
]

PROPERTY_COUNT_FOR_TABLE = 4

Getter = Callable[[Any], Any]


def get_value(obj: Any, name: str) -> Any:
    """A property's value for a view (missing, or a getter that failed -> None: pwsh's views show
    nothing for a property whose evaluation threw, PSPropertyExpression.GetValues)."""
    try:
        return _read_value(obj, name)
    except Exception:
        return None


def _read_value(obj: Any, name: str) -> Any:
    if isinstance(obj, Hashtable):
        if name in obj:
            return obj[name]
        return obj.net_property(name)[1]
    if isinstance(obj, list | tuple) and getattr(type(obj), "__ps_type_name__", None) is None:
        return _array_value(obj, name)[1]
    found, value = property_lookup(obj)(name)
    if not found and obj is not None and not isinstance(obj, PSObject | Mapping):
        found, value = read_member(obj, name)  # a .NET member psbridge implements (Regex.MatchTimeout ...)
    return value


def _property(name: str) -> Getter:
    return lambda obj: get_value(obj, name)


@record
class Column:
    label: str
    value: Getter
    width: int | None = None  # a fixed width from format data; None: as wide as the data
    align: str | None = None  # "left" / "right"; None: numbers right, the rest left


@record
class TableView:
    columns: list[Column]
    #: The group header of each object (FileSystem's "    Directory: /tmp"); a new header starts a new table.
    group_by: Getter | None = None
    kind: str = "table"


@record
class ListView:
    #: (label, getter) per line; None: every property of each object, in its own order.
    items: list[tuple[str, Getter]] | None = None
    kind: str = "list"


@record
class WideView:
    value: Getter
    kind: str = "wide"


@record
class CustomView:
    """Format data's custom controls: the object's text as lines (DateTime, ErrorRecord ...)."""

    render: Callable[..., list[str]]
    kind: str = "custom"
    spacing: bool = True  # a blank line after each object, as pwsh prints Get-Date (MatchInfo's has none)
    #: ``render(obj, width)``: the view wraps its text to the width (help's prose), as a frame does.
    takes_width: bool = False

    def lines(self, obj: Any, width: int) -> list[str]:
        return self.render(obj, width) if self.takes_width else self.render(obj)


View = TableView | ListView | WideView | CustomView


#: System.Array's properties as .NET reflection lists them, then ICollection.Count (what pwsh's
#: list of an array not enumerated shows: ``Write-Output -NoEnumerate`` inside an array).
ARRAY_PROPERTIES = ("Length", "LongLength", "Rank", "SyncRoot", "IsReadOnly", "IsFixedSize", "IsSynchronized", "Count")
#: System.Collections.Hashtable's properties in reflection order.
HASHTABLE_PROPERTIES = ("IsReadOnly", "IsFixedSize", "IsSynchronized", "Keys", "Values", "SyncRoot", "Count")


def object_properties(obj: Any) -> list[str]:
    """The properties a generated view shows, in the object's order."""
    if isinstance(obj, PSObject):
        return obj.property_names
    if isinstance(obj, Hashtable):
        return list(HASHTABLE_PROPERTIES)
    if isinstance(obj, Mapping):
        return [str(key) for key in obj]
    if isinstance(obj, dt.timedelta):
        return list(_TIMESPAN_PROPERTIES)
    if isinstance(obj, str):
        return ["Length"]
    if obj is None or isinstance(obj, bool | int | float | decimal.Decimal):
        return []
    type_name = getattr(type(obj), "__ps_type_name__", None)
    known = DOTNET_PROPERTIES.get(dotnet_type_name(obj))
    if known is not None:
        return list(known)
    if isinstance(obj, list | tuple):
        return list(ARRAY_PROPERTIES)
    modelled = modelled_property_names(obj)
    if modelled is not None:  # AliasInfo, CmdletInfo ...: their Python properties are the .NET ones
        return modelled
    fields = getattr(obj, "__dataclass_fields__", None)
    if fields is not None:
        names = [name for name in fields if not name.startswith("_")]
    else:
        attributes = getattr(obj, "__dict__", None)
        names = [key for key in attributes if not key.startswith("_")] if isinstance(attributes, dict) else []
    if type_name is not None:
        # A .NET type psbridge models in Python: its .NET properties are PascalCase; lower-case
        # attributes are the model's own workings, not something pwsh would show.
        names = [name for name in names if name[:1].isupper()]
    return names


def _array_value(items: list[Any] | tuple[Any, ...], name: str) -> tuple[bool, Any]:
    """System.Array's properties of a PowerShell array (``Object[]``: fixed size, not read-only)."""
    folded = name.casefold()
    answers = {
        "length": len(items), "longlength": len(items), "count": len(items), "rank": 1, "syncroot": items,
        "isreadonly": False, "isfixedsize": True, "issynchronized": False,
    }  # fmt: skip
    return (True, answers[folded]) if folded in answers else (False, None)


#: Format data's selection sets: types one view shows in one table (FileSystem.format.ps1xml's
#: FileSystemTypes, so a directory listing's directories and files share their table).
SELECTION_SETS = {
    "System.IO.FileInfo": "FileSystemTypes",
    "System.IO.DirectoryInfo": "FileSystemTypes",
    # PowerShellCore.format.ps1xml's one CommandInfo table for aliases, cmdlets and functions
    "System.Management.Automation.AliasInfo": "System.Management.Automation.CommandInfo",
    "System.Management.Automation.CmdletInfo": "System.Management.Automation.CommandInfo",
    "System.Management.Automation.FunctionInfo": "System.Management.Automation.CommandInfo",
    "System.Management.Automation.ApplicationInfo": "System.Management.Automation.CommandInfo",
}


def type_key(obj: Any) -> str:
    """The type name views are selected by (``pstypenames[0]``, or its selection set)."""
    if isinstance(obj, PSObject):
        name = obj.pstypenames[0]
        return SELECTION_SETS.get(name, name)
    if isinstance(obj, Hashtable):
        return "System.Collections.Hashtable"
    if isinstance(obj, Mapping):
        return "System.Management.Automation.PSCustomObject"
    names = getattr(type(obj), "pstypenames", None)
    if names:
        return SELECTION_SETS.get(names[0], str(names[0]))
    return f"{type(obj).__module__}.{type(obj).__qualname__}"


# -- format data of PowerShell's own types ----------------------------------------------------


def _timespan_value(name: str) -> Getter:
    def value(span: dt.timedelta) -> Any:
        total_ticks = round(span / dt.timedelta(microseconds=1)) * 10
        return _timespan_member(span, total_ticks, name)

    return value


def _timespan_member(span: dt.timedelta, ticks: int, name: str) -> Any:
    sign = -1 if ticks < 0 else 1
    magnitude = abs(ticks)
    parts = {
        "Days": sign * (magnitude // 864_000_000_000),
        "Hours": sign * (magnitude // 36_000_000_000 % 24),
        "Minutes": sign * (magnitude // 600_000_000 % 60),
        "Seconds": sign * (magnitude // 10_000_000 % 60),
        "Milliseconds": sign * (magnitude // 10_000 % 1000),
        "Ticks": ticks,
        "TotalDays": ticks / 864_000_000_000,
        "TotalHours": ticks / 36_000_000_000,
        "TotalMinutes": ticks / 600_000_000,
        "TotalSeconds": ticks / 10_000_000,
        "TotalMilliseconds": ticks / 10_000,
    }
    return parts[name]


_TIMESPAN_PROPERTIES = (
    "Days",
    "Hours",
    "Minutes",
    "Seconds",
    "Milliseconds",
    "Ticks",
    "TotalDays",
    "TotalHours",
    "TotalMinutes",
    "TotalSeconds",
    "TotalMilliseconds",
)

_TIMESPAN_VIEW = ListView([(name, _timespan_value(name)) for name in _TIMESPAN_PROPERTIES])


def _datetime_lines(value: dt.datetime) -> list[str]:
    hint = str(getattr(value, "display_hint", "DateTime"))  # Get-Date -DisplayHint
    if hint == "Date":
        return [format_long_datetime(value).rsplit(" ", 2)[0]]
    if hint == "Time":
        return [" ".join(format_long_datetime(value).rsplit(" ", 2)[1:])]
    return [format_long_datetime(value)]


def _dictionary_entries_view() -> TableView:
    return TableView([Column("Name", _property("Name"), 30, "left"), Column("Value", _property("Value"), None, "left")])


def _directory_header(obj: Any) -> str:
    parent = display_value(get_value(obj, "PSParentPath"))
    return "    Directory: " + parent.replace("Microsoft.PowerShell.Core\\FileSystem::", "")


def _last_write(obj: Any) -> str:
    value = get_value(obj, "LastWriteTime")
    if not isinstance(value, dt.datetime):
        return ""
    return f"{value.month}/{value.day}/{value.year} {value.hour:02d}:{value.minute:02d}"


_FILE_SYSTEM_VIEW = TableView(
    [
        Column("UnixMode", _property("UnixMode"), 10, "left"),
        Column("User", _property("User"), 10, "right"),
        Column("Group", _property("Group"), 10, "left"),
        Column("LastWriteTime", _last_write, 16, "right"),
        Column("Size", _property("Size"), 12, "right"),
        Column("Name", lambda obj: _name_string(obj), None, "left"),  # NameString: a link shows its target
    ],
    group_by=_directory_header,
)

def _last_write_time_string(obj: Any) -> str:
    """FileSystemProvider.LastWriteTimeString: ``{0,10:d} {0,8:t}`` (en-US short date and time)."""
    value = get_value(obj, "LastWriteTime")
    if not isinstance(value, dt.datetime):
        return ""
    hour = value.hour % 12 or 12
    time = f"{hour}:{value.minute:02d} {'AM' if value.hour < 12 else 'PM'}"
    return f"{f'{value.month}/{value.day}/{value.year}':>10} {time:>8}"


def _length_string(obj: Any) -> str:
    """FileSystemProvider.LengthString: a file's length, nothing for a directory."""
    length = get_value(obj, "Length")
    return "" if length is None or get_value(obj, "PSIsContainer") else str(length)


def _name_string(obj: Any) -> str:
    """FileSystemProvider.NameString without PSStyle's colours (plain text): a link shows its target."""
    name = display_value(get_value(obj, "Name"))
    target = get_value(obj, "LinkTarget")
    return f"{name} -> {target}" if get_value(obj, "LinkType") == "SymbolicLink" and target else name


def _children_view(mode: str) -> TableView:
    """FileSystem format data's ``children`` (Mode without hard links) and ``childrenWithHardlink`` tables;
    their hidden code properties (LastWriteTimeString ...) are computed here, not added to every item."""
    return TableView(
        [
            Column("Mode", _property(mode), 7, "left"),
            Column("LastWriteTime", _last_write_time_string, 26, "right"),
            Column("Length", _length_string, 14, "right"),
            Column("Name", _name_string, None, "left"),
        ],
        group_by=_directory_header,
    )


_GROUP_INFO_VIEW = TableView(
    [Column("Count", _property("Count"), 5, "right"), Column("Name", _property("Name"), 25, "left"),
     Column("Group", _property("Group"), None, "left")]
)  # fmt: skip
def _help_view(view: str) -> CustomView:
    """Help.format.ps1xml's views of a command's help (the renderer loads when help first prints)."""

    def render(help_object: Any, width: int) -> list[str]:
        from ..cmdlets.core.help_text import help_lines

        return help_lines(help_object, view, width)

    return CustomView(render, takes_width=True)


def _help_section_view(kind: str) -> CustomView:
    def render(section: Any, width: int) -> list[str]:
        from ..cmdlets.core.help_text import section_lines

        return section_lines(kind, section, width)

    return CustomView(render, takes_width=True)


def _reduced_parameter_lines(parameter: Any, width: int) -> list[str]:
    from ..cmdlets.core.help_text import reduced_parameter_lines, wrapping

    with wrapping(width):
        return reduced_parameter_lines(parameter)


def _help_parameter_lines(parameter: Any, width: int) -> list[str]:
    from ..cmdlets.core.help_text import parameter_lines, wrapping

    with wrapping(width):
        return parameter_lines(parameter)


def _para_lines(item: Any) -> list[str]:
    return str(get_value(item, "Text")).split("\n")


_COMMAND_INFO_VIEW = TableView(
    [Column("CommandType", _property("CommandType"), 15, "left"), Column("Name", _property("DisplayName"), 50, "left"),
     Column("Version", _property("Version"), 10, "left"), Column("Source", _property("Source"), None, "left")]
)  # fmt: skip


def _left(name: str, width: int | None = None, label: str | None = None) -> Column:
    return Column(label or name, _property(name), width, "left")


def _module_folder(module: Any) -> str:
    """Get-Module -ListAvailable's group: the module path folder a module is in (above its version folder)."""
    import os
    import re

    folder = os.path.dirname(str(get_value(module, "Path") or ""))
    if re.fullmatch(r"\d+(\.\d+){1,3}", os.path.basename(folder)):
        folder = os.path.dirname(folder)
    return "    Directory: " + os.path.dirname(folder)


def _editions(module: Any) -> str:
    editions = list(get_value(module, "CompatiblePSEditions") or ()) or ["Desktop"]
    return ",".join(sorted(str(edition)[:4] for edition in editions))


#: PowerShellCore.format.ps1xml's Module table (its last column is ``$_.ExportedCommands.Keys``).
_MODULE_VIEW = TableView(
    [_left("ModuleType", 10), _left("Version", 10), _left("PreRelease", 10), _left("Name", 35),
     Column("ExportedCommands", lambda module: list(get_value(module, "ExportedCommands") or ()), None, "left")]
)  # fmt: skip
#: Its ModuleInfoGrouping table (Get-Module -ListAvailable): by folder, with the PSEdition column.
_MODULE_GROUPING_VIEW = TableView(
    [*_MODULE_VIEW.columns[:4], Column("PSEdition", _editions, 9, "left"), _MODULE_VIEW.columns[4]],
    group_by=_module_folder,
)


#: PowerShellCore.format.ps1xml's System.RuntimeType table: how pwsh shows a type ([string]).
_RUNTIME_TYPE_VIEW = TableView(
    [_left("IsPublic", 8), _left("IsSerializable", 8, "IsSerial"), _left("Name", 40), _left("BaseType")]
)
#: DotNetTypes.format.ps1xml's System.Version table (widths 6, 6, 6, 8).
_VERSION_VIEW = TableView([_left("Major", 6), _left("Minor", 6), _left("Build", 6), _left("Revision", 8)])


def _error_lines(record: Any) -> list[str]:
    return str(record.format()).split("\n")


#: Types whose format data is an out-of-band custom view (PowerShellCore.format.ps1xml): the
#: object prints as these lines wherever it comes, outside any table.  A script block is ``$_``,
#: its text; an error record (ErrorInstance) as psbridge writes errors on the error stream.
TEXT_VIEWS: dict[str, Callable[[Any], list[str]]] = {
    "System.Management.Automation.ScriptBlock": lambda block: [to_ps_string(block)],
    "System.Management.Automation.ErrorRecord": _error_lines,
    # PowerShellCore.format.ps1xml (WarningRecord), HelpV3.format.ps1xml (VerboseRecord,
    # DebugRecord): out of band, the message.
    "System.Management.Automation.InformationalRecord": lambda merged: [str(merged)],
}


#: Format data by type name (the first of an object's type names that has one wins).
def _megabytes(name: str, divisor: int = 1024 * 1024) -> Getter:
    """``"{0:N2}" -f [float]($_.<name> / 1MB)``: a [float] (Single) shown with two decimals and group separators."""

    def value(obj: Any) -> str:
        number = get_value(obj, name)
        if not isinstance(number, int | float):
            return ""
        single = struct.unpack("f", struct.pack("f", number / divisor))[0]
        return f"{single:,.2f}"

    return value


def _kilobytes(obj: Any) -> Any:
    """``[long]($_.NPM / 1024)``: rounded half to even, as a [long] cast rounds."""
    number = get_value(obj, "NPM")
    return round(number / 1024) if isinstance(number, int | float) else None


def _right(name: str, width: int | None = None, label: str | None = None) -> Column:
    return Column(label or name, _property(name), width, "right")


#: DotNetTypes.format.ps1xml's "process" table and Get-Process -IncludeUserName's table.
_PROCESS_VIEW = TableView([
    Column("NPM(K)", _kilobytes, 7, "right"), Column("PM(M)", _megabytes("PM"), 8, "right"),
    Column("WS(M)", _megabytes("WS"), 10, "right"), Column("CPU(s)", _megabytes("CPU", 1), 10, "right"),
    _right("Id", 7), _right("SI", 3), Column("ProcessName", _property("ProcessName"), None, "left"),
])  # fmt: skip
_PROCESS_WITH_USER_VIEW = TableView([
    Column("WS(M)", _megabytes("WS"), 10, "right"), Column("CPU(s)", _megabytes("CPU", 1), 8, "right"),
    _right("Id", 7), Column("UserName", _property("UserName"), 30, "left"),
    Column("ProcessName", _property("ProcessName"), None, "left"),
])  # fmt: skip

def _process_group_view(label: str, key: Getter) -> TableView:
    """The "Priority" and "StartTime" tables: name, id and working set, grouped under ``   label: value``."""
    return TableView(
        [_left("ProcessName", 20), _right("Id", 10), _right("WorkingSet64", 12)],
        group_by=lambda obj: f"   {label}: {display_value(key(obj))}",
    )


def _short_date(obj: Any) -> str:
    value = get_value(obj, "StartTime")
    return f"{value.month}/{value.day}/{value.year}" if isinstance(value, dt.datetime) else ""


def _gigabytes(name: str) -> Getter:
    """``if($_.Used -or $_.Free) { "{0:###0.00}" -f ($_.<name> / 1GB) }``."""

    def value(obj: Any) -> str:
        used, free = get_value(obj, "Used"), get_value(obj, "Free")
        number = get_value(obj, name)
        return f"{number / 1024**3:.2f}" if (used or free) and isinstance(number, int | float) else ""

    return value


def _provider_name(obj: Any) -> str:
    """``$_.Provider.Name``: a ProviderInfo's text is its full name, ``Module\\Name``."""
    provider = get_value(obj, "Provider")
    return "" if provider is None else to_ps_string(provider).rsplit("\\", 1)[-1]


KNOWN_VIEWS: dict[str, View] = {
    # PowerShellCore.format.ps1xml's "drive" table
    "System.Management.Automation.PSDriveInfo": TableView(
        [
            _left("Name", 10),
            Column("Used (GB)", _gigabytes("Used"), 13, "right"),
            Column("Free (GB)", _gigabytes("Free"), 13, "right"),
            Column("Provider", _provider_name, 13, "left"),
            Column("Root", lambda obj: get_value(obj, "DisplayRoot") or get_value(obj, "Root"), 35, "left"),
            _right("CurrentLocation"),
        ]
    ),
    "System.Diagnostics.Process#IncludeUserName": _PROCESS_WITH_USER_VIEW,
    "System.Diagnostics.Process": _PROCESS_VIEW,
    "System.Diagnostics.ProcessModule": TableView(
        [_right("Size", 10, "Size(K)"), _left("ModuleName", 50), _left("FileName")]
    ),
    "System.Diagnostics.FileVersionInfo": TableView(
        [_left("ProductVersion", 16), _left("FileVersion", 16), _left("FileName")]
    ),
    "Microsoft.PowerShell.Commands.GroupInfoNoElement": TableView(_GROUP_INFO_VIEW.columns[:2]),
    "Microsoft.PowerShell.Commands.GroupInfo": _GROUP_INFO_VIEW,
    "Microsoft.PowerShell.Commands.MemberDefinition": TableView(
        [Column(name, _property(name), None, "left") for name in ("Name", "MemberType", "Definition")],
        group_by=lambda obj: "   TypeName: " + display_value(get_value(obj, "TypeName")),
    ),
    "System.Management.Automation.CommandInfo": _COMMAND_INFO_VIEW,
    # PowerShellCore.format.ps1xml's Module table (its last column is $_.ExportedCommands.Keys)
    "System.Management.Automation.PSModuleInfo": _MODULE_VIEW,
    "ModuleInfoGrouping": _MODULE_GROUPING_VIEW,
    "Microsoft.PowerShell.Commands.FileHashInfo": TableView(
        [
            Column("Algorithm", _property("Algorithm"), 15, "left"),
            Column("Hash", _property("Hash"), 70, "left"),
            Column("Path", _property("Path"), None, "left"),
        ]
    ),
    # PowerShellCore.format.ps1xml's Job table (Start-Job, Get-Job ...).
    "System.Management.Automation.Job": TableView(
        [_left("Id", 6), _left("Name", 15), _left("PSJobTypeName", 15), _left("State", 13), _left("HasMoreData", 15),
         _left("Location", 20), _left("Command", 25)]
    ),
    "System.Management.Automation.PSVariable": TableView(
        [Column("Name", _property("Name"), 30, "left"), Column("Value", _property("Value"), None, "left")]
    ),
    "System.IO.FileInfo": _FILE_SYSTEM_VIEW,
    "System.IO.DirectoryInfo": _FILE_SYSTEM_VIEW,
    "System.Management.Automation.PathInfo": TableView([Column("Path", _property("Path"), None, "left")]),
    "System.Collections.DictionaryEntry": _dictionary_entries_view(),
    "System.Guid": TableView([Column("Guid", lambda g: str(g), None, "left")]),
    "System.TimeSpan": _TIMESPAN_VIEW,
    "System.DateTime": CustomView(_datetime_lines),
    "System.RuntimeType": _RUNTIME_TYPE_VIEW,
    "System.Version": _VERSION_VIEW,
    # DotNetTypes.format.ps1xml: LCID and Name 16 wide, then DisplayName.
    "System.Globalization.CultureInfo": TableView([_left("LCID", 16), _left("Name", 16), _left("DisplayName")]),
    # PowerShellCore.format.ps1xml: a MatchInfo shows as $_.ToString((Get-Location).Path).
    "Microsoft.PowerShell.Commands.MatchInfo": CustomView(lambda match: match.display_lines(), spacing=False),
    # Help.format.ps1xml / HelpV3.format.ps1xml: Get-Help's objects.
    "MamlCommandHelpInfo#DetailedView": _help_view("detailed"),
    "MamlCommandHelpInfo#FullView": _help_view("full"),
    "MamlCommandHelpInfo#ExamplesView": _help_view("examples"),
    "MamlCommandHelpInfo": _help_view("default"),
    "ExtendedCmdletHelpInfo#DetailedView": _help_view("reduced:detailed"),
    "ExtendedCmdletHelpInfo#FullView": _help_view("reduced:full"),
    "ExtendedCmdletHelpInfo#ExamplesView": _help_view("reduced:examples"),
    "ExtendedCmdletHelpInfo": _help_view("reduced"),
    "ExtendedCmdletHelpInfo#parameter": CustomView(_reduced_parameter_lines, takes_width=True),
    "HelpFileHelpInfo": CustomView(lambda topic: str(get_value(topic, "Synopsis")).rstrip("\n").split("\n")),
    "MamlCommandHelpInfo#parameter": CustomView(_help_parameter_lines, takes_width=True),
    "MamlCommandHelpInfo#examples": _help_section_view("examples"),
    "MamlCommandHelpInfo#parameters": _help_section_view("parameters"),
    "MamlCommandHelpInfo#syntax": _help_section_view("syntax"),
    "MamlCommandHelpInfo#relatedLinks": _help_section_view("relatedLinks"),
    "MamlParaTextItem": CustomView(_para_lines, spacing=False),
    "HelpInfoShort": TableView(
        [Column("Name", _property("Name"), 33, "left"), Column("Category", _property("Category"), 9, "left"),
         Column("Module", _property("ModuleName"), 25, "left"), Column("Synopsis", _property("Synopsis"), None, "left")]
    ),
}


#: FileSystem_format_ps1xml.cs's tables on Unix, in its order (the first is the default).
_FILE_SYSTEM_VIEWS: dict[str, View] = {
    "childrenWithUnixStat": _FILE_SYSTEM_VIEW,
    "children": _children_view("ModeWithoutHardLink"),
    "childrenWithHardlink": _children_view("Mode"),
}
#: Named views per type (Format-Table -View childrenWithUnixStat); the first is the default.
NAMED_VIEWS: dict[str, dict[str, View]] = {
    "System.IO.FileInfo": _FILE_SYSTEM_VIEWS,
    "System.IO.DirectoryInfo": _FILE_SYSTEM_VIEWS,
    "System.Management.Automation.PathInfo": {"PathInfo": KNOWN_VIEWS["System.Management.Automation.PathInfo"]},
    "System.TimeSpan": {"System.TimeSpan": _TIMESPAN_VIEW},
    "System.Diagnostics.Process": {
        "process": _PROCESS_VIEW,
        "Priority": _process_group_view("PriorityClass", _property("PriorityClass")),
        "StartTime": _process_group_view("StartTime.ToShortDateString()", _short_date),
    },
}


def register_view(type_name: str, view: View) -> None:
    """Format data for a type a cmdlet module makes (Get-Process's System.Diagnostics.Process ...):
    the module registers its view when it is loaded, which is before any of its objects exist."""
    KNOWN_VIEWS[type_name] = view


def named_views(obj: Any) -> dict[str, View]:
    """The views format data names for ``obj``'s type (-View picks one of them)."""
    known = _known_type_name(obj)
    return NAMED_VIEWS.get(known, {}) if known is not None else {}


def _known_type_name(obj: Any) -> str | None:
    if isinstance(obj, dt.datetime):
        return "System.DateTime"
    if isinstance(obj, dt.timedelta):
        return "System.TimeSpan"
    if is_uuid(obj):
        return "System.Guid"
    names = obj.pstypenames if isinstance(obj, PSObject) else getattr(type(obj), "pstypenames", None)
    if names is not None:
        for name in names:
            if name in KNOWN_VIEWS:
                return name
            # a deserialized object (a job's output) is shown by its type's view, as pwsh's format lookup does
            base = name.removeprefix("Deserialized.")
            if base in KNOWN_VIEWS:
                return base
        return None
    if getattr(type(obj), "__ps_type_name__", None) is not None:
        name = dotnet_type_name(obj)
        return name if name in KNOWN_VIEWS else None
    return None


def text_view_lines(obj: Any) -> list[str] | None:
    """The lines of an object format data shows out of band as text (a script block, an error
    record); None for any other."""
    names = getattr(type(obj), "pstypenames", None)
    if names is None and getattr(type(obj), "__ps_type_name__", None) is not None:
        names = (dotnet_type_name(obj),)
    if not names or isinstance(obj, PSObject):
        return None
    render = next((TEXT_VIEWS[name] for name in names if name in TEXT_VIEWS), None)
    return render(obj) if render is not None else None


def format_data_view(obj: Any) -> View | None:
    """The view format data declares for ``obj``'s type, if any."""
    known = _known_type_name(obj)
    return None if known is None else KNOWN_VIEWS[known]


def default_view(obj: Any) -> View:
    """The view Out-Default uses for ``obj`` (format data, else generated by property count)."""
    known = format_data_view(obj)
    if known is not None:
        return known
    names = object_properties(obj)
    if len(names) <= PROPERTY_COUNT_FOR_TABLE:
        return TableView([Column(name, _property(name)) for name in names])
    return ListView()


def is_right_aligned(value: Any) -> bool:
    """A generated table column is right-aligned when the first object's value is of a default
    scalar type other than string (FormatViewGenerator_Table.ComputeDefaultAlignment with
    DefaultScalarTypes: numbers, Boolean, Char, enums, SecureString ...)."""
    return isinstance(value, int | float | decimal.Decimal | enum.Enum | Char | SecureString)


def is_numeric(value: Any) -> bool:
    return isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool)
