"""Syntax tree -> values, with a host that runs the commands.

Semantics are PowerShell's where a ported script can tell the difference:

- every statement's output goes to the script's output in order; an
  expression statement enumerates a collection (``$list`` outputs its items);
- a pipeline's value (in ``$x = ...``, ``(...)``, ``$(...)``, a hash entry)
  is ``$null`` for no output, the object for one, an array for several;
  ``@(...)`` is always an array;
- a statement that raises a :class:`PSError` is statement-terminating: it is
  reported to the host and the next statement runs, unless
  ``$ErrorActionPreference`` is ``Stop``, which re-raises; statements inside
  ``$( )`` / ``@( )`` are statements too and behave the same way;
- ``$true``/``$false``/``$null`` are constants, ``$input`` is the script's
  input, all other variables live in the host (one global scope, plus ``env:``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ...errors import PSError, halted
from ...objects import Hashtable, PSObject, number_literal, to_ps_string
from ..errors import ScriptRuntimeError
from . import ast
from .host import ScriptHost
from .members import collapse, enumerate_value, get_index, get_member

if TYPE_CHECKING:
    from ...binding import CommandArgument

__all__ = ["Evaluator", "evaluate"]

_CONSTANTS: dict[str, Any] = {"true": True, "false": False, "null": None}


def evaluate(
    script: ast.Script,
    host: ScriptHost,
    *,
    input: Iterable[Any] | None = None,
    output: Callable[[Any], None] | None = None,
) -> list[Any]:
    """Run a parsed script against ``host``; all output of all statements, in order.

    ``input`` (when not None) is the script's pipeline input: the automatic
    variable ``$input`` (``$input | Cmd`` pipes each object).  With ``output``
    the script's output is handed to it object by object as it is written
    (a top-level pipeline streams through the host's ``invoke_pipeline(...,
    output=)``), and the returned list is empty.
    """
    return Evaluator(host, input=input, output=output).run(script)


def _command_argument_type() -> type[CommandArgument]:
    from ...binding.arguments import CommandArgument  # the binder package is heavy: load it on first use

    return CommandArgument


class Evaluator:
    """Evaluates statements and expressions of one script run."""

    def __init__(
        self, host: ScriptHost, *, input: Iterable[Any] | None = None, output: Callable[[Any], None] | None = None
    ) -> None:
        self.host = host
        self._input: list[Any] | None = None if input is None else list(input)
        self._output = output

    def run(self, script: ast.Script) -> list[Any]:
        if self._output is None:
            return self.statement_list(script.statements)
        sink = self._output
        for statement in script.statements:
            try:
                if isinstance(statement, ast.Assignment) or statement.is_expression:
                    for value in self.statement_output(statement):
                        sink(value)
                else:
                    self.run_pipeline(statement, output=sink)
            except PSError as error:
                if self._stops() or halted(error):
                    raise
                self.host.report_error(error)
        return []

    # ------------------------------------------------------------ statements
    def statement_list(self, statements: Iterable[ast.Statement]) -> list[Any]:
        output: list[Any] = []
        for statement in statements:
            try:
                output.extend(self.statement_output(statement))
            except PSError as error:
                if self._stops() or halted(error):
                    raise
                self.host.report_error(error)
        return output

    def _stops(self) -> bool:
        return str(self.host.error_action_preference).casefold() == "stop"

    def statement_output(self, statement: ast.Statement) -> list[Any]:
        """What the statement writes to the output stream."""
        if isinstance(statement, ast.Assignment):
            self.assign(statement)
            return []
        if statement.is_expression:
            node = statement.elements[0]
            # (cmd) and $(cmd) pass their statements' output on as it is: a command that
            # wrote nothing writes nothing (PowerShell's AutomationNull), not one $null.
            if isinstance(node, ast.Paren) and not isinstance(node.statement, ast.Assignment):
                return self.statement_output(node.statement)
            if isinstance(node, ast.SubExpression):
                return self.statement_list(node.statements)
            return enumerate_value(self.expression(node))  # type: ignore[arg-type]
        return self.run_pipeline(statement)

    def statement_value(self, statement: ast.Statement) -> Any:
        """The statement as a value: an expression as is, a pipeline's output collapsed."""
        if isinstance(statement, ast.Assignment):
            return self.assign(statement)
        if statement.is_expression:
            return self.expression(statement.elements[0])  # type: ignore[arg-type]
        return collapse(self.run_pipeline(statement))

    def run_pipeline(self, pipeline: ast.Pipeline, output: Callable[[Any], None] | None = None) -> list[Any]:
        elements = pipeline.elements
        piped: list[Any] | None = None
        if not isinstance(elements[0], ast.Command):
            piped = enumerate_value(self.expression(elements[0]))
            elements = elements[1:]
        commands: list[tuple[str, list[CommandArgument]]] = []
        for command in elements:
            assert isinstance(command, ast.Command)
            commands.append((command.name, self.command_arguments(command)))
        if output is not None:
            return list(self.host.invoke_pipeline(commands, piped, output=output))  # type: ignore[call-arg]
        return list(self.host.invoke_pipeline(commands, piped))

    def assign(self, assignment: ast.Assignment) -> Any:
        target = assignment.target
        value = self.statement_value(assignment.value)
        folded = target.name.casefold()
        if target.drive is None and folded in ("true", "false"):
            raise ScriptRuntimeError(
                f"Cannot overwrite variable {target.name} because it is read-only or constant.",
                error_id="VariableNotWritable",
                category="WriteError",
                position=target.pos,
                target_object=target.name,
            )
        if target.drive is None and folded == "null":
            return value  # '$null = ...' discards the value
        if target.drive is None and folded == "input":
            self._input = enumerate_value(value)
        self.host.set_variable(target.host_name, value)
        return value

    # ------------------------------------------------------------ commands
    def command_arguments(self, command: ast.Command) -> list[CommandArgument]:
        """The command's elements as the binder receives them (``-Name`` tokens stay unpaired)."""
        argument_type = _command_argument_type()
        arguments: list[CommandArgument] = []
        for element in command.elements:
            if isinstance(element, ast.CommandParameter):
                if element.argument is None:
                    arguments.append(argument_type.parameter(element.name, text=element.text))
                else:
                    value = self.argument_value(element.argument)
                    arguments.append(argument_type.named(element.name, value, text=element.text))
            elif isinstance(element, ast.Variable) and element.splatted:
                arguments.extend(self._splat(element, argument_type))
            else:
                arguments.append(argument_type.positional(self.argument_value(element)))
        return arguments

    def argument_value(self, node: ast.Expression) -> Any:
        """A command argument's value; a number literal keeps its written text (``007``)."""
        if isinstance(node, ast.Constant):
            return number_literal(node.value, node.text)
        return self.expression(node)

    def _splat(self, variable: ast.Variable, argument_type: type[CommandArgument]) -> list[CommandArgument]:
        """``@params``: a hashtable's entries become named arguments, an array's items positional ones."""
        value = self.variable_value(variable)
        if value is None:
            return []
        if isinstance(value, Mapping) and not isinstance(value, PSObject):
            return [
                argument_type.named(to_ps_string(key), item, text=f"-{to_ps_string(key)}:", from_splat=True)
                for key, item in value.items()
            ]
        if isinstance(value, list | tuple):
            return [argument_type.positional(item) for item in value]
        return [argument_type.positional(value)]

    # ------------------------------------------------------------ expressions
    def expression(self, node: ast.Expression) -> Any:
        try:
            return self._expression(node)
        except ScriptRuntimeError as error:
            if error.position is None:
                error.position = node.pos
            raise

    def _expression(self, node: ast.Expression) -> Any:
        match node:
            case ast.StringConstant(value=value) | ast.Constant(value=value):
                return value
            case ast.ExpandableString(parts=parts):
                return "".join(part if isinstance(part, str) else to_ps_string(self.expression(part)) for part in parts)
            case ast.Variable():
                return self.variable_value(node)
            case ast.ArrayLiteral(elements=elements):
                return [self.expression(element) for element in elements]
            case ast.ArrayExpression(statements=statements):
                return self.statement_list(statements)
            case ast.SubExpression(statements=statements):
                return collapse(self.statement_list(statements))
            case ast.Paren(statement=statement):
                return self.statement_value(statement)
            case ast.HashLiteral():
                return self._hashtable(node)
            case ast.ConvertToPSCustomObject(operand=operand):
                return self._to_pscustomobject(operand)
            case ast.MemberAccess(target=target, member=member):
                name = member if isinstance(member, str) else to_ps_string(self.expression(member))
                return get_member(self.expression(target), name)
            case ast.IndexAccess(target=target, index=index):
                return get_index(self.expression(target), self.expression(index))
        raise TypeError(f"not an expression node: {node!r}")  # pragma: no cover

    def variable_value(self, variable: ast.Variable) -> Any:
        folded = variable.name.casefold()
        if variable.drive is None:
            if folded in _CONSTANTS:
                return _CONSTANTS[folded]
            if folded == "input" and self._input is not None:
                return list(self._input)
        found, value = self.host.get_variable(variable.host_name)
        if found:
            return value
        if variable.drive is None and folded == "input":
            return []  # no input: an empty enumeration, as PowerShell's $input
        return None

    def _hashtable(self, node: ast.HashLiteral) -> Hashtable:
        table = Hashtable()
        for key_node, value_node in node.entries:
            key = self.expression(key_node)
            try:
                duplicate = key in table
            except TypeError:
                raise ScriptRuntimeError(
                    f"A value of type {type(key).__name__} cannot be used as a hash table key.",
                    error_id="InvalidHashKey",
                    position=key_node.pos,
                ) from None
            if duplicate:
                raise ScriptRuntimeError(
                    f"Duplicate keys '{to_ps_string(key)}' are not allowed in hash literals.",
                    error_id="DuplicateKeyInHashLiteral",
                    position=key_node.pos,
                )
            table[key] = self.statement_value(value_node)
        return table

    def _to_pscustomobject(self, operand: ast.Expression) -> Any:
        """``[pscustomobject]``: a hash literal keeps its written order; a dictionary's entries become properties."""
        value = self.expression(operand)
        if isinstance(value, PSObject):
            return value
        if isinstance(value, Mapping):
            return PSObject([(to_ps_string(key), item) for key, item in value.items()])
        return value
