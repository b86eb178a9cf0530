"""Tee-Object: each input object passes on down the pipeline and also goes to a file (as Out-File
writes it: formatted text, UTF-8 without BOM unless -Encoding) or into a variable.

TeeObjectCommand hands its input to an Out-File or a Set-Variable it runs alongside; the same
happens here: the file gets the objects' formatted text when the pipeline ends, the variable
the objects (one object alone, several as an array), set in the caller's scope.
"""

from __future__ import annotations

from ...formatting import DEFAULT_WIDTH, render_lines
from ...objects.encoding import DEFAULT_ENCODING
from ...runtime import register_cmdlet
from ..common.files import TextFileWriter, should_process
from ..common.output import CollectingCmdlet
from ..common.paths import resolve_write_target

__all__ = ["TeeObject"]


@register_cmdlet
class TeeObject(CollectingCmdlet):
    name = "Tee-Object"

    def begin(self) -> None:
        super().begin()
        params = self.params
        self.writer: TextFileWriter | None = None
        if params.parameter_set_name == "Variable":
            return
        literal = params.parameter_set_name == "LiteralFile"
        path = resolve_write_target(self.runspace, params.LiteralPath if literal else params.FilePath, literal)
        if should_process(self, path, "Output to File"):
            encoding = params.Encoding or DEFAULT_ENCODING
            self.writer = TextFileWriter(path, encoding, append=bool(params.Append), force=False, no_clobber=False)

    def process(self) -> None:
        if not self.params.is_bound("InputObject"):
            return
        value = self.params.InputObject
        self.collected.append(value)
        self.write_output(value)

    def end(self) -> None:
        if self.params.parameter_set_name == "Variable":
            collected = self.collected
            self.runspace.set_variable(self.params.Variable, collected[0] if len(collected) == 1 else list(collected))
        elif self.writer is not None:
            self.writer.write("".join(line + "\n" for line in render_lines(self.collected, DEFAULT_WIDTH)))

    def dispose(self) -> None:
        writer = getattr(self, "writer", None)
        if writer is not None:
            writer.close()
