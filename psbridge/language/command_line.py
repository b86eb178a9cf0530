"""``bind_text``: bind a command line written in PowerShell syntax, without running anything.

The text goes through the same parser as scripts, so argument mode is
PowerShell's (a switch never takes the next token, ``'-x'`` quoted is a
value, ``-Name:value``, ``a,b`` is one array argument).  There is no session:
only constants may appear (``$true``, ``$false``, ``$null``, literals, arrays
and hashtables of them); any other variable, and any command nested in
``( )``/``$( )``, is a :class:`ParseError` pointing at it, because evaluating
it would need state or I/O that binding must not have.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..objects import number_literal, to_ps_string
from . import ast
from .constants import NotConstant, constant_value
from .errors import ParseError
from .extent import SourceText
from .parser import Parser
from .plain_command import plain_command
from .tokens import TokenKind

if TYPE_CHECKING:
    from ..binding import BindingResult, CommandArgument
    from ..specs import CmdletSpec

__all__ = ["bind_text", "command_arguments", "parsed_command_arguments"]

_NO_INPUT: Any = object()
_EXPECTED = "one command invocation"


def _parse(text: str) -> tuple[SourceText, ast.ScriptBlockAst]:
    source = SourceText(text)
    parser = Parser(source, prompts=True)
    block = parser.parse_script()
    if parser.errors:
        raise ParseError.from_errors(parser.errors)
    return source, block


def _fail(source: SourceText, offset: int, error_id: str, message: str) -> ParseError:
    return ParseError.at(source, offset, error_id, message, expected=_EXPECTED)


def _single_command(text: str) -> tuple[SourceText, ast.CommandAst]:
    """The one command invocation ``text`` must consist of, else a ParseError saying why."""
    source, block = _parse(text)
    statements = block.end_block.statements if block.end_block is not None else []
    if not statements:
        raise _fail(source, len(text), "BindTextNoCommand", "bind_text needs a command invocation; the text has none.")
    if len(statements) > 1:
        raise _fail(
            source,
            statements[1].extent.start_offset,
            "BindTextSingleCommand",
            "bind_text binds exactly one command invocation; the text has more than one statement.",
        )
    statement = statements[0]
    start = statement.extent.start_offset
    if isinstance(statement, ast.AssignmentStatementAst):
        raise _fail(source, start, "BindTextSingleCommand", "bind_text binds a command invocation, not an assignment.")
    if not isinstance(statement, ast.PipelineAst):
        raise _fail(source, start, "BindTextSingleCommand", "bind_text binds a command invocation, not a statement.")
    first = statement.pipeline_elements[0]
    if not isinstance(first, ast.CommandAst):
        raise _fail(
            source,
            start,
            "BindTextSingleCommand",
            "bind_text binds a command invocation, not an expression (pass pipeline input with input=).",
        )
    if len(statement.pipeline_elements) > 1:
        raise _fail(
            source,
            statement.pipeline_elements[1].extent.start_offset,
            "BindTextSingleCommand",
            "bind_text binds one command, not a pipeline (pass pipeline input with input=).",
        )
    return source, first


def _value(source: SourceText, node: ast.Ast) -> Any:
    """A constant argument's value; a number keeps its written text (``007`` binds to strings as typed)."""
    if isinstance(node, ast.ConstantExpressionAst) and not isinstance(node, ast.StringConstantExpressionAst):
        return number_literal(node.value, node.extent.text)
    if isinstance(node, ast.ExpandableStringExpressionAst):
        values = [to_ps_string(_value(source, nested)) for nested in node.nested_expressions]
        return node.format_expression.format(*values)
    try:
        return constant_value(node)
    except NotConstant as error:
        raise _refusal(source, error.node) from None


def _refusal(source: SourceText, node: ast.Ast) -> ParseError:
    """Why ``node`` cannot be evaluated while binding: a variable, or a command."""
    found = node.find(lambda item: isinstance(item, ast.VariableExpressionAst | ast.CommandAst))
    if isinstance(found, ast.VariableExpressionAst):
        return _fail(
            source,
            found.extent.start_offset,
            "BindTextVariableNotAvailable",
            f"Variables are not available in bind_text ('{found.extent.text}'); only $true, $false and $null are.",
        )
    if isinstance(found, ast.CommandAst):
        return _fail(
            source,
            found.extent.start_offset,
            "BindTextCommandNotAvailable",
            f"Commands cannot run in bind_text ('{found.get_command_name() or found.extent.text}' inside an argument).",
        )
    return _fail(
        source,
        node.extent.start_offset,
        "BindTextExpressionNotAvailable",
        f"Only constant arguments can be bound without running anything ('{node.extent.text}').",
    )


@functools.cache
def _argument_type() -> type[CommandArgument]:
    from ..binding.arguments import CommandArgument  # the binder package is heavy: load it on first use

    return CommandArgument


def command_arguments(text: str) -> tuple[str, list[CommandArgument]]:
    """Parse one command invocation into its name and the arguments the binder receives.

    ``-Name`` stays a bare parameter token (the binder pairs it with the next
    argument, knowing which parameters are switches); ``-Name:value`` carries
    its value.  A plain line (:mod:`.plain_command`) skips the parser.
    """
    argument_type = _argument_type()
    plain = plain_command(text)
    if plain is not None:
        name, words = plain
        return name, [
            argument_type.parameter(item, text="-" + item) if is_parameter else argument_type.positional(item)
            for is_parameter, item in words
        ]
    return parsed_command_arguments(text)


def parsed_command_arguments(text: str) -> tuple[str, list[CommandArgument]]:
    """:func:`command_arguments` through the parser: any command line."""
    argument_type = _argument_type()
    source, command = _single_command(text)
    elements = command.command_elements
    name_node = elements[0]
    if command.invocation_operator is not TokenKind.Unknown or not isinstance(
        name_node, ast.StringConstantExpressionAst
    ):
        raise _refusal(source, name_node)
    arguments: list[CommandArgument] = []
    saw_end_of_parameters = False
    for element in elements[1:]:
        if isinstance(element, ast.CommandParameterAst):
            text_typed = element.error_position.text
            if element.parameter_name == "-" and text_typed == "--" and not saw_end_of_parameters:
                saw_end_of_parameters = True  # '--': what follows binds as values
                continue
            if element.argument is None:
                arguments.append(argument_type.parameter(element.parameter_name, text=text_typed))
            else:
                value = _value(source, element.argument)
                arguments.append(argument_type.named(element.parameter_name, value, text=text_typed))
        elif isinstance(element, ast.VariableExpressionAst) and element.splatted:
            raise _refusal(source, element)
        else:
            arguments.append(argument_type.positional(_value(source, element)))
    return name_node.value, arguments


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
