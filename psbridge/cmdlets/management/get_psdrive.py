"""Get-PSDrive: the drives a pwsh session on Linux has -- the file system's ``/`` and ``Temp``, and
the session-state providers' ``Alias``, ``Env``, ``Function`` and ``Variable`` (sorted by name).

A PSDriveInfo carries its provider (``.Provider.Name``; as text ``Microsoft.PowerShell.Core\\FileSystem``),
its root, the session's location below it for ``/``, and for file-system drives the space used and
free (statvfs).  A name without wildcards that matches no drive is GetDriveNoMatchingDrive
(GetPSDriveCommand.ProcessRecord).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from typing import Any

from ...errors import ErrorCategory
from ...objects import PSObject, dotnet_object, to_ps_string
from ...objects.members import extend
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.semantics import wildcard_regex

__all__ = ["GetPSDrive"]

#: (drive, provider, root, description) as a pwsh session on Linux mounts them.
_DRIVES = (
    ("/", "FileSystem", "/", "root"),
    ("Alias", "Alias", "", "Drive containing a view of the aliases stored in session state."),
    ("Env", "Environment", "", "Drive containing a view of the environment variables for the process."),
    ("Function", "Function", "", "Drive containing a view of the functions stored in session state."),
    ("Temp", "FileSystem", "", "Drive that maps to the temporary directory path for the current user."),
    ("Variable", "Variable", "", "Drive containing a view of the variables stored in session state."),
)


def _provider(name: str) -> Any:
    """A ProviderInfo as scripts read it: ``.Name``, and its full name as text."""
    value, members = extend(f"Microsoft.PowerShell.Core\\{name}")
    members.add_member(name, "Name")
    members.add_member("Microsoft.PowerShell.Core", "ModuleName")
    return value


def _drive(name: str, provider: str, root: str, description: str, location: str) -> PSObject:
    if name == "Temp":
        root = os.path.join(tempfile.gettempdir(), "")  # Path.GetTempPath(): with its separator
    used = free = None
    current = ""
    if provider == "FileSystem":
        try:
            usage = shutil.disk_usage(root)
            used, free = usage.used, usage.free
        except OSError:
            pass
        if location == root.rstrip("/") or location.startswith(root):
            current = os.path.relpath(location, root) if location != root else ""
            current = "" if current == "." else current
    return dotnet_object(("System.Management.Automation.PSDriveInfo",), {
        "Used": used, "Free": free, "CurrentLocation": current, "Name": name, "Provider": _provider(provider),
        "Root": root, "Description": description, "MaximumSize": None, "Credential": None, "DisplayRoot": None,
    })  # fmt: skip


@register_cmdlet
class GetPSDrive(Cmdlet):
    name = "Get-PSDrive"

    def process(self) -> None:
        params = self.params
        _ = params.get("Scope", None)  # psbridge's drives are all global
        literal = params.is_bound("LiteralName")
        names = params.get("LiteralName", None) if literal else params.get("Name", None)
        providers = [to_ps_string(p).rsplit("\\", 1)[-1] for p in params.get("PSProvider", None) or ()]
        location = self.runspace.location.path
        for name in [to_ps_string(n) for n in names] if names else ["*"]:
            pattern = None if literal else wildcard_regex(name)
            found = False
            for drive, provider, root, description in _DRIVES:
                matches = drive.casefold() == name.casefold() if pattern is None else bool(pattern.match(drive))
                if not matches or (providers and not any(wildcard_regex(p).match(provider) for p in providers)):
                    continue
                found = True
                self.write_output(_drive(drive, provider, root, description, location))
            if not found and (literal or not any(char in name for char in "*?[")):
                self.write_error(CmdletError(
                    f"Cannot find drive. A drive with the name '{name}' does not exist.",
                    error_id="GetDriveNoMatchingDrive", category=ErrorCategory.ObjectNotFound,
                    exception_type="System.Management.Automation.DriveNotFoundException", target_object=name,
                ))  # fmt: skip
