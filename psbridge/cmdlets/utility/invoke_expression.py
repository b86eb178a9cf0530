"""Invoke-Expression: a string run as script text in the caller's scope.

InvokeExpressionCommand makes a script block of -Command and invokes it without a new scope
(``useLocalScope: false``), so what the text assigns or defines stays in the caller's scope, as
dot-sourcing does, and ``$_`` is left as the caller has it.  Text that does not parse ends the
pipeline with the parser's error.
"""

from __future__ import annotations

from ...conversion.richtypes import ScriptBlockType
from ...conversion.typenames import SCRIPTBLOCK
from ...errors import PSError, mark_halted
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import terminating

__all__ = ["InvokeExpression"]


@register_cmdlet
class InvokeExpression(Cmdlet):
    name = "Invoke-Expression"

    def process(self) -> None:
        assert isinstance(SCRIPTBLOCK, ScriptBlockType)
        try:
            block = SCRIPTBLOCK.create(self.params.Command)
        except PSError as error:
            raise terminating(error, str(self.command.qualifier)) from None
        scope = self.runspace.current_scope
        underbar = scope.lookup("_")
        try:
            output = block.invoke_with_underbar(underbar.value if underbar is not None else None, dot_source=True)
        except PSError as error:
            mark_halted(error)  # the text's own terminating error ends this statement too, as it is
            raise
        for value in output:
            self.write_output(value)
