"""Get-Host: the host object, ``$Host`` (InternalHost: Name, Version, InstanceId, UI, cultures ...),
printed as pwsh prints it: a list of its properties."""

from __future__ import annotations

from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet

__all__ = ["GetHost"]


@register_cmdlet
class GetHost(Cmdlet):
    name = "Get-Host"

    def begin(self) -> None:
        found, host = self.runspace.get_variable("Host")
        if not found or host is None:
            from ...language.engine.intrinsics import host_object

            host = host_object(self.runspace)
        self.write_output(host)
