"""Out-File: input formatted as pwsh shows it, written to a file (UTF-8 without BOM by default)."""

from __future__ import annotations

from ...formatting import DEFAULT_WIDTH, render_lines
from ...objects.encoding import DEFAULT_ENCODING
from ...runtime import register_cmdlet
from ..common.files import TextFileWriter, should_process
from ..common.output import CollectingCmdlet
from ..common.paths import resolve_write_target

__all__ = ["OutFile"]


@register_cmdlet
class OutFile(CollectingCmdlet):
    name = "Out-File"

    def begin(self) -> None:
        super().begin()
        params = self.params
        literal = params.parameter_set_name == "ByLiteralPath"
        path = resolve_write_target(self.runspace, params.LiteralPath if literal else params.FilePath, literal)
        self.writer: TextFileWriter | None = None
        if not should_process(self, path, "Output to File"):
            return
        self.writer = TextFileWriter(
            path,
            params.Encoding or DEFAULT_ENCODING,
            append=bool(params.Append),
            force=bool(params.Force),
            no_clobber=bool(params.NoClobber),
        )

    def end(self) -> None:
        if self.writer is None:
            return
        width = int(self.params.Width) if self.params.is_bound("Width") else DEFAULT_WIDTH
        lines = render_lines(self.collected, width)
        newline = "" if self.params.NoNewline else "\n"
        self.writer.write("".join(line + newline for line in lines))

    def dispose(self) -> None:
        writer = getattr(self, "writer", None)
        if writer is not None:
            writer.close()
