"""``bind_text``: bind a command line written in PowerShell syntax, without running anything.

The text goes through the same tokenizer and parser as scripts, so argument
mode is PowerShell's (a switch never takes the next token, ``'-x'`` quoted is a
value, ``-Name:value``, ``a,b`` is one array argument).  There is no session:
only the constants ``$true``, ``$false`` and ``$null`` may appear; any other
variable, and any command nested in ``( )``/``$( )``, is a :class:`ParseError`
pointing at it, because evaluating it would need state or I/O that binding
must not have.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from . import ast
from .errors import ParseError, ScriptRuntimeError
from .evaluator import Evaluator
from .parser import parse
from .source import SourceText

if TYPE_CHECKING:
    from ..binding import BindingResult, CommandArgument
    from ..errors import PSError
    from ..specs import CmdletSpec

__all__ = ["bind_text", "command_arguments"]

_NO_INPUT: Any = object()


class _NoSessionHost:
    """The host of ``bind_text``: nothing to look up, nothing to run (the parse checks keep it unused)."""

    error_action_preference = "Stop"

    def invoke_pipeline(self, commands: Sequence[tuple[str, list[CommandArgument]]], input: Any) -> list[Any]:
        raise ScriptRuntimeError("Commands cannot run while binding text.", error_id="CommandsNotAvailable")

    def get_variable(self, name: str) -> tuple[bool, Any]:
        raise ScriptRuntimeError(
            f"Variable '${name}' is not available while binding text.", error_id="VariableNotAvailable"
        )

    def set_variable(self, name: str, value: Any) -> None:
        raise ScriptRuntimeError("Variables cannot be set while binding text.", error_id="VariableNotAvailable")

    def report_error(self, error: PSError) -> None:
        raise error


def _single_command(text: str) -> ast.Command:
    """The one command invocation ``text`` must consist of, else a ParseError saying why."""
    source = SourceText(text)
    script = parse(text)

    def fail(offset: int, error_id: str, message: str) -> ParseError:
        return ParseError.at(source, offset, error_id, message, expected="one command invocation")

    if not script.statements:
        raise fail(len(text), "BindTextNoCommand", "bind_text needs a command invocation; the text has none.")
    if len(script.statements) > 1:
        raise fail(
            script.statements[1].pos.offset,
            "BindTextSingleCommand",
            "bind_text binds exactly one command invocation; the text has more than one statement.",
        )
    statement = script.statements[0]
    if isinstance(statement, ast.Assignment):
        raise fail(
            statement.pos.offset, "BindTextSingleCommand", "bind_text binds a command invocation, not an assignment."
        )
    first = statement.elements[0]
    if not isinstance(first, ast.Command):
        raise fail(
            first.pos.offset,
            "BindTextSingleCommand",
            "bind_text binds a command invocation, not an expression (pass pipeline input with input=).",
        )
    if len(statement.elements) > 1:
        raise fail(
            statement.elements[1].pos.offset,
            "BindTextSingleCommand",
            "bind_text binds one command, not a pipeline (pass pipeline input with input=).",
        )
    for node in ast.walk(first.elements):
        if isinstance(node, ast.Variable) and not node.is_constant:
            raise fail(
                node.pos.offset,
                "BindTextVariableNotAvailable",
                f"Variables are not available in bind_text ('{node.text}'); only $true, $false and $null are.",
            )
        if isinstance(node, ast.Command):
            raise fail(
                node.pos.offset,
                "BindTextCommandNotAvailable",
                f"Commands cannot run in bind_text ('{node.name}' inside an argument).",
            )
    return first


def command_arguments(text: str) -> tuple[str, list[CommandArgument]]:
    """Parse one command invocation into its name and the arguments the binder receives.

    ``-Name`` stays a bare parameter token (the binder pairs it with the next
    argument, knowing which parameters are switches); ``-Name:value`` carries
    its value.
    """
    command = _single_command(text)
    return command.name, Evaluator(_NoSessionHost()).command_arguments(command)


def _resolve(name: str, specs: Iterable[CmdletSpec]) -> CmdletSpec:
    folded = name.casefold()
    for spec in specs:
        if spec.name.casefold() == folded:
            return spec
    from ..specs import get_spec

    return get_spec(name)


def bind_text(text: str, *, specs: Iterable[CmdletSpec] = (), input: Any = _NO_INPUT) -> BindingResult:
    """Bind ``"Wait-ThreadRun -RunId:r t -Wait"`` exactly as PowerShell would, without running it.

    The command name is looked up in ``specs`` (by name, case-insensitively),
    then among the committed specs.  ``input``, when given, is one pipeline
    object.  Raises ParseError for text that is not one command invocation,
    CommandNotFoundError for an unknown name, ParameterBindingError as the
    binder decides.
    """
    from ..binding import bind_arguments

    name, arguments = command_arguments(text)
    spec = _resolve(name, specs)
    if input is _NO_INPUT:
        return bind_arguments(spec, arguments)
    return bind_arguments(spec, arguments, input=input)
