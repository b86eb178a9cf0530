"""Get-Host: the host program's object, the ``$Host`` a script reads (InternalHost: Name, Version,
InstanceId, UI, CurrentCulture ...), as the console or the Python host made it."""

from __future__ import annotations

from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet

__all__ = ["GetHost"]


@register_cmdlet
class GetHost(Cmdlet):
    name = "Get-Host"

    def process(self) -> None:
        found, host = self.runspace.get_variable("Host")
        if not found or host is None:  # a runspace no script has run in yet: make the one it will have
            from ...language.engine.intrinsics import host_object

            host = host_object(self.runspace)
        self.write_output(host)
