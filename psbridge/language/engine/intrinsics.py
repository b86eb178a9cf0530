"""``$Host`` and ``$ExecutionContext``: the host and the engine as a script sees them.

psbridge does not implement the host's UI or the engine's intrinsics as objects with members;
these are the properties pwsh shows for them (InternalHost's and EngineIntrinsics's, in the
order .NET declares them), so printing either reads as it does in pwsh and ``$Host.Name``,
``$Host.Version`` and ``$Host.CurrentCulture`` answer.  Nested objects psbridge does not
model show their type name, as pwsh shows objects without a ToString() of their own.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from ...objects import PSObject, dotnet_object
from ...objects.members import ComputedProperty
from ...objects.values import OpaqueObject
from ...objects.version import PS_VERSION

if TYPE_CHECKING:
    from ...runtime import Runspace

__all__ = ["engine_intrinsics", "host_object"]

_HOST_TYPES = ("System.Management.Automation.Internal.Host.InternalHost", "System.Management.Automation.Host.PSHost")


class _Culture(ComputedProperty):
    """``CurrentCulture``/``CurrentUICulture``: en-US, made when first read (CultureInfo lives with
    the static member tables, which a script that names none should not load)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def get(self, owner: Any) -> Any:
        from ...conversion.static_misc import CultureInfo

        return CultureInfo("en-US")

    def definition(self) -> str:
        return f"cultureinfo {self.name} {{get;}}"


class _SessionState(ComputedProperty):
    """``$ExecutionContext.SessionState``: the session state of the code reading it, of which
    psbridge models ``Module`` (the module whose code is running, else ``$null``)."""

    name = "SessionState"

    def get(self, owner: Any) -> Any:
        from .context import CURRENT
        from .modules import module_of_scope

        context = CURRENT.get()
        module = None
        if context is not None and context.has_modules:
            module = module_of_scope(context.runspace.current_scope)
        return dotnet_object(["System.Management.Automation.SessionState"], {"Module": module})

    def definition(self) -> str:
        return "System.Management.Automation.SessionState SessionState {get;}"


def host_object(runspace: Runspace) -> PSObject:
    """``$Host``: pwsh's InternalHost over ConsoleHost on the command line, "Default Host" when
    psbridge is hosted from Python (as PowerShell.Create() without a host)."""
    from ...conversion import Version

    console = runspace.host is not None
    host = dotnet_object(
        _HOST_TYPES,
        {
            "Name": "ConsoleHost" if console else "Default Host",
            "Version": Version.parse(PS_VERSION.split("-")[0]),
            "InstanceId": uuid.uuid4(),
            "UI": OpaqueObject("System.Management.Automation.Internal.Host.InternalHostUserInterface"),
            "CurrentCulture": _Culture("CurrentCulture"),
            "CurrentUICulture": _Culture("CurrentUICulture"),
            "PrivateData": OpaqueObject("Microsoft.PowerShell.ConsoleHost+ConsoleColorProxy") if console else None,
            "DebuggerEnabled": True,
            "IsRunspacePushed": False,
            "Runspace": OpaqueObject("System.Management.Automation.Runspaces.LocalRunspace"),
        },
    )
    return host  # its ToString() is its type name (objects.typedata.TYPE_NAME_TO_STRING)


def engine_intrinsics(host: PSObject) -> PSObject:
    """``$ExecutionContext``: EngineIntrinsics's five properties."""
    intrinsics = dotnet_object(
        ["System.Management.Automation.EngineIntrinsics"],
        {
            "Host": host,
            "Events": OpaqueObject("System.Management.Automation.PSLocalEventManager"),
            "InvokeProvider": OpaqueObject("System.Management.Automation.ProviderIntrinsics"),
            "SessionState": _SessionState(),
            "InvokeCommand": OpaqueObject("System.Management.Automation.CommandInvocationIntrinsics"),
        },
    )
    return intrinsics
