"""The session's current location (``Get-Location``, ``$PWD``): state of the runspace.

PowerShell keeps its own current location per session; changing it never changes the
process's working directory (several runspaces share one process).  psbridge does the
same: relative paths given to cmdlets resolve against :attr:`SessionLocation.path`, and
``os.chdir`` is never called.  Named stacks serve Push-Location / Pop-Location.
"""

from __future__ import annotations

import os

from ..objects import PSObject, dotnet_object, register_to_string_property

__all__ = ["DEFAULT_STACK", "PATH_INFO_TYPE", "SessionLocation", "path_info"]

PATH_INFO_TYPE = "System.Management.Automation.PathInfo"
register_to_string_property(PATH_INFO_TYPE, "Path")

#: The stack Push-Location uses without -StackName (PowerShell's "default" stack).
DEFAULT_STACK = "default"


class SessionLocation:
    """The current file-system location and the location stacks of one runspace."""

    def __init__(self, path: str | None = None) -> None:
        self.path = os.path.abspath(path or os.getcwd())
        self.stacks: dict[str, list[str]] = {DEFAULT_STACK: []}
        #: The stack Push/Pop-Location use without -StackName (Set-Location -StackName changes it).
        self.default_stack = DEFAULT_STACK
        #: ``Set-Location -`` / ``+``: locations left (newest last) and locations backed out of.
        self.back: list[str] = []
        self.forward: list[str] = []

    def resolve(self, path: str) -> str:
        """An absolute, normalized path for ``path`` relative to the session location
        (``~`` is the home directory, as PowerShell's FileSystem provider has it)."""
        if path == "~" or path.startswith(("~/", "~\\")):
            path = os.path.expanduser("~") + path[1:]
        return os.path.normpath(os.path.join(self.path, path))

    def stack(self, name: str | None) -> list[str]:
        return self.stacks.setdefault(name or self.default_stack, [])


def path_info(path: str) -> PSObject:
    """A PathInfo (what Get-Location and ``$PWD`` give): ``Path`` is the file-system path."""
    return dotnet_object(
        [PATH_INFO_TYPE],
        {"Drive": "/", "Provider": "Microsoft.PowerShell.Core\\FileSystem", "ProviderPath": path, "Path": path},
    )
