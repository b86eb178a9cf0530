"""Get-PSDrive and Get-PSProvider: the drives and providers of a psbridge session.

pwsh on Linux has the FileSystem provider's ``/`` and ``Temp`` drives and the Alias, Env,
Function and Variable drives of their providers; psbridge's are the same.  A drive is a
PSDriveInfo (Name, Provider, Root, CurrentLocation, Description, Used and Free for the file
system's, from statvfs) shown in pwsh's drive table; a provider a ProviderInfo (Name,
Capabilities, Drives) shown in its provider table.  -Name patterns (wildcards), -LiteralName and
-PSProvider select; a plain name that matches nothing is pwsh's DriveNotFound or
ProviderNotFound error.  -Scope: every drive is global here, so Global, Script, Local and
numbered scopes show them all.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

from ...errors import ErrorCategory
from ...formatting.views import Column, TableView, get_value, register_view
from ...objects import PSObject, dotnet_object, to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.semantics import wildcard_regex

__all__ = ["GetPSDrive", "GetPSProvider", "ProviderInfo", "drives", "providers"]

#: Provider name -> (capabilities, drives, description of its drives).
_PROVIDERS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "Alias": ("ShouldProcess", ("Alias",), "Drive containing a view of the aliases stored in session state."),
    "Environment": ("ShouldProcess", ("Env",), "Drive containing a view of the environment variables for the process."),
    "FileSystem": ("Filter, ShouldProcess, Credentials", ("/", "Temp"), ""),
    "Function": ("ShouldProcess", ("Function",), "Drive containing a view of the functions stored in session state."),
    "Variable": ("ShouldProcess", ("Variable",), "Drive containing a view of those variables stored in session state."),
}


class ProviderInfo:
    """System.Management.Automation.ProviderInfo: its ToString() is the module-qualified name."""

    __ps_type_name__ = "System.Management.Automation.ProviderInfo"
    pstypenames = ("System.Management.Automation.ProviderInfo", "System.Object")

    def __init__(self, name: str) -> None:
        capabilities, drive_names, _description = _PROVIDERS[name]
        self.ImplementingType = f"Microsoft.PowerShell.Commands.{name}Provider"
        self.HelpFile = "System.Management.Automation.dll-Help.xml"
        self.Name = name
        self.PSSnapIn = "Microsoft.PowerShell.Core"
        self.ModuleName = "Microsoft.PowerShell.Core"
        self.Module = None
        self.Description = ""
        self.Capabilities = capabilities
        self.Home = os.path.expanduser("~") if name == "FileSystem" else ""
        self.Drives = list(drive_names)

    @property
    def ItemSeparator(self) -> str:
        return "/"

    @property
    def AltItemSeparator(self) -> str:
        return "\\"

    def ToString(self) -> str:
        return f"{self.PSSnapIn}\\{self.Name}"

    def __str__(self) -> str:
        return self.ToString()


def _provider(name: str) -> ProviderInfo:
    return ProviderInfo(name)


def providers() -> list[ProviderInfo]:
    """Every provider, by name."""
    return [_provider(name) for name in _PROVIDERS]


def _space(root: str) -> tuple[int, int] | None:
    """(used, free) bytes of the file system holding ``root`` (DriveInfo's TotalSize - TotalFreeSpace,
    AvailableFreeSpace)."""
    try:
        stats = os.statvfs(root)
    except OSError:
        return None
    return (stats.f_blocks - stats.f_bfree) * stats.f_frsize, stats.f_bavail * stats.f_frsize


def drives(location: str) -> list[PSObject]:
    """Every drive, sorted by name, for a session whose location is ``location``."""
    made = []
    temp = tempfile.gettempdir().rstrip("/") + "/"
    for provider_name, (_capabilities, drive_names, description) in _PROVIDERS.items():
        for name in drive_names:
            root = {"/": "/", "Temp": temp}.get(name, "")
            current = ""
            if name == "/":
                current = location.lstrip("/")
            elif name == "Temp" and (location + "/").startswith(temp):
                current = location[len(temp) :]
            space = _space(root) if root else None
            made.append(
                dotnet_object(
                    ["System.Management.Automation.PSDriveInfo"],
                    {
                        "CurrentLocation": current,
                        "Name": name,
                        "Provider": _provider(provider_name),
                        "Root": root,
                        "Description": "Temp drive" if name == "Temp" else description,
                        "MaximumSize": None,
                        "Credential": None,
                        "DisplayRoot": None,
                        "VolumeSeparatedByColon": False,
                        "Used": space[0] if space else None,
                        "Free": space[1] if space else None,
                    },
                )
            )
    made.sort(key=lambda drive: str(drive["Name"]).casefold())
    return made


def _gigabytes(drive: Any, name: str) -> str:
    used, free = get_value(drive, "Used"), get_value(drive, "Free")
    if not (used or free):
        return ""
    return f"{(get_value(drive, name) or 0) / 1073741824:0.2f}"


register_view(
    "System.Management.Automation.PSDriveInfo",
    TableView(
        [
            Column("Name", lambda drive: get_value(drive, "Name"), 10, "left"),
            Column("Used (GB)", lambda drive: _gigabytes(drive, "Used"), 13, "right"),
            Column("Free (GB)", lambda drive: _gigabytes(drive, "Free"), 13, "right"),
            Column("Provider", lambda drive: get_value(get_value(drive, "Provider"), "Name"), 13, "left"),
            Column("Root", lambda drive: get_value(drive, "DisplayRoot") or get_value(drive, "Root"), 35, "left"),
            Column("CurrentLocation", lambda drive: get_value(drive, "CurrentLocation"), None, "right"),
        ]
    ),
)
register_view(
    "System.Management.Automation.ProviderInfo",
    TableView(
        [
            Column("Name", lambda info: get_value(info, "Name"), 20, "left"),
            Column("Capabilities", lambda info: get_value(info, "Capabilities"), None, "left"),
            Column("Drives", lambda info: get_value(info, "Drives"), None, "left"),
        ]
    ),
)


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    return [to_ps_string(item) for item in value] if isinstance(value, list | tuple) else [to_ps_string(value)]


def _provider_matches(patterns: list[str], name: str) -> bool:
    """-PSProvider: a name or pattern, optionally qualified with its module (Microsoft.PowerShell.Core\\FileSystem)."""
    return any(wildcard_regex(pattern.rsplit("\\", 1)[-1]).match(name) for pattern in patterns)


@register_cmdlet
class GetPSDrive(Cmdlet):
    name = "Get-PSDrive"

    def process(self) -> None:
        params = self.params
        scope = params.Scope
        if scope is not None and not _valid_scope(to_ps_string(scope)):
            self.throw_terminating_error(
                CmdletError(
                    f"The scope number '{to_ps_string(scope)}' exceeds the number of active scopes. (Parameter "
                    "'scopeID')\nActual value was " + to_ps_string(scope) + ".",
                    error_id="ArgumentOutOfRange",
                    category=ErrorCategory.InvalidArgument,
                    exception_type="System.Management.Automation.PSArgumentOutOfRangeException",
                )
            )
        everything = drives(self.runspace.location.path)
        wanted_providers = _texts(params.PSProvider)
        if wanted_providers:
            everything = [d for d in everything if _provider_matches(wanted_providers, d["Provider"].Name)]
        literal = params.is_bound("LiteralName")
        names = _texts(params.LiteralName if literal else params.Name) or ["*"]
        written: set[str] = set()
        for name in names:
            if literal:
                found = [drive for drive in everything if str(drive["Name"]).casefold() == name.casefold()]
            else:
                regex = wildcard_regex(name)
                found = [drive for drive in everything if regex.match(str(drive["Name"]))]
            if not found and (literal or not any(char in name for char in "*?[")):
                self.write_error(
                    CmdletError(
                        f"Cannot find drive. A drive with the name '{name}' does not exist.",
                        error_id="GetLocationNoMatchingDrive",
                        category=ErrorCategory.ObjectNotFound,
                        exception_type="System.Management.Automation.DriveNotFoundException",
                        target_object=name,
                    )
                )
            for drive in found:
                if drive["Name"] not in written:
                    written.add(drive["Name"])
                    self.write_output(drive)


def _valid_scope(scope: str) -> bool:
    if scope.casefold() in ("global", "local", "script", "private"):
        return True
    return scope.isdigit() and int(scope) < 3


@register_cmdlet
class GetPSProvider(Cmdlet):
    name = "Get-PSProvider"

    def process(self) -> None:
        patterns = _texts(self.params.PSProvider) or ["*"]
        for pattern in patterns:
            found = [info for info in providers() if _provider_matches([pattern], info.Name)]
            if not found and not any(char in pattern for char in "*?["):
                self.write_error(
                    CmdletError(
                        f"Cannot find a provider with the name '{pattern}'.",
                        error_id="ProviderNotFound",
                        category=ErrorCategory.ObjectNotFound,
                        exception_type="System.Management.Automation.ProviderNotFoundException",
                        target_object=pattern,
                    )
                )
            for info in found:
                self.write_output(info)
