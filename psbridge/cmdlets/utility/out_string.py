"""Out-String: input formatted as pwsh shows it, as one string (or a string per line with -Stream)."""

from __future__ import annotations

from ...formatting import render_lines
from ...runtime import register_cmdlet
from ..common.output import CollectingCmdlet, host_width

__all__ = ["OutString"]


@register_cmdlet
class OutString(CollectingCmdlet):
    name = "Out-String"

    def end(self) -> None:
        width = int(self.params.Width) if self.params.is_bound("Width") else host_width(self)
        lines = render_lines(self.collected, width)
        if self.params.Stream:
            for line in lines:
                self.write_output(line)
        elif self.params.NoNewline:
            self.write_output("".join(lines))
        else:
            self.write_output("".join(line + "\n" for line in lines))
