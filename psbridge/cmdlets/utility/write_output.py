"""Write-Output: the input objects to the success stream, collections enumerated unless -NoEnumerate."""

from __future__ import annotations

from ...objects import is_ps_collection
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet

__all__ = ["WriteOutput"]


@register_cmdlet
class WriteOutput(Cmdlet):
    name = "Write-Output"

    def process(self) -> None:
        value = self.params.InputObject
        if not self.params.NoEnumerate and is_ps_collection(value):
            for item in value:
                self.write_output(item)
        else:
            self.write_output(value)
