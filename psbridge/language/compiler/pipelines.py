"""Pipelines and commands: arguments, splatting, ``&``/``.``, redirections, ``&&``/``||``.

A command element compiles to a closure that, when the statement runs, resolves the
command (a function visible from the current scope, an alias, a cmdlet, a script
file, a script block value) and evaluates its arguments into the binder's
CommandArguments; the runtime then binds every command and streams objects through
them (:func:`psbridge.runtime.run_pipeline`).  A number argument keeps the text it was
written with (``-Name 007`` binds "007" to a string parameter).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ...binding import CommandArgument
from ...conversion import RuntimeException, to_string
from ...errors import ErrorCategory, PSError
from ...objects import PSObject, number_literal
from ...runtime.pipeline import NO_INPUT, CommandCall, run_pipeline
from ...runtime.streams import DebugRecord, Streams, VerboseRecord, WarningRecord
from .. import ast
from ..ast.base import RedirectionStream
from ..engine.commands import is_path, resolve_command
from ..engine.directcall import ArgumentShape, DirectCallSite
from ..engine.errors import check_action_preference
from ..engine.flow import FlowControl
from ..engine.values import collapse, enumerate_value, write_enumerated
from ..tokens import TokenKind
from .core import CompilerCore, captured, expression_sets_success

if TYPE_CHECKING:
    from ...runtime.scopes import Scope
    from .core import Expr, Out, Stmt

__all__ = ["PipelineCompiler"]

ArgumentsOf = Callable[["Scope"], list[CommandArgument]]
CallOf = Callable[["Scope"], CommandCall]


def _splat(value: Any) -> list[CommandArgument]:
    """``@params``: a dictionary's entries are named arguments, an array's items positional ones."""
    if value is None:
        return []
    if isinstance(value, Mapping) and not isinstance(value, PSObject):
        arguments = []
        for key, item in value.items():
            name = to_string(key)
            arguments.append(CommandArgument.named(name, item, text=f"-{name}:", from_splat=True))
        return arguments
    return [CommandArgument.positional(item) for item in enumerate_value(value)]


class _RedirectedStreams(Streams):
    """The runspace's streams while a redirected statement runs: some streams are dropped,
    merged into the output, or appended to a file."""

    def __init__(self, base: Streams, routes: dict[str, Any], out: Out) -> None:
        super().__init__()
        self.base = base
        self.routes = routes
        self.out = out
        self.on_progress = base.on_progress
        self.listener = base.listener

    def _route(self, stream: str, item: Any, forward: Callable[[Any], None]) -> None:
        route = self.routes.get(stream, self.routes.get("*"))
        if route is None:
            forward(item)
        elif route == "output":
            merged = _MERGED_AS.get(stream)
            self.out(merged(item) if merged is not None else item)
        elif route != "null":
            path, append = route
            mode = "a" if append or getattr(self, "_opened_" + stream, False) else "w"
            setattr(self, "_opened_" + stream, True)
            with open(path, mode, encoding="utf-8") as handle:
                handle.write(
                    (item.format() if hasattr(item, "format") and stream == "error" else to_string(item)) + "\n"
                )

    def redirects_errors(self) -> bool:
        return "error" in self.routes or "*" in self.routes or self.base.redirects_errors()

    def add_error(self, record: Any) -> None:
        self._route("error", record, self.base.add_error)

    def add_warning(self, message: str) -> None:
        self._route("warning", message, self.base.add_warning)

    def add_verbose(self, message: str) -> None:
        self._route("verbose", message, self.base.add_verbose)

    def add_debug(self, message: str) -> None:
        self._route("debug", message, self.base.add_debug)

    def add_information(self, record: Any) -> None:
        self._route("information", record, self.base.add_information)

    def add_progress(self, record: Any) -> None:
        self.base.add_progress(record)


#: What a message of these streams is once merged into the output (its record, as pwsh's are).
_MERGED_AS: dict[str, Callable[[str], Any]] = {
    "warning": WarningRecord,
    "verbose": VerboseRecord,
    "debug": DebugRecord,
}

_STREAM_NAMES = {
    RedirectionStream.All: "*",
    RedirectionStream.Error: "error",
    RedirectionStream.Warning: "warning",
    RedirectionStream.Verbose: "verbose",
    RedirectionStream.Debug: "debug",
    RedirectionStream.Information: "information",
}


_INCREMENTS = (TokenKind.PlusPlus, TokenKind.MinusMinus, TokenKind.PostfixPlusPlus, TokenKind.PostfixMinusMinus)


def _is_void(expression: ast.ConvertExpressionAst) -> bool:
    return str(expression.attribute.type_name.full_name).casefold() in ("void", "system.void")


def _help_requested(elements: Sequence[ast.Ast]) -> bool:
    """Whether a command's arguments include ``-?`` (CommandProcessor.IsHelpRequested)."""
    return any(
        isinstance(element, ast.CommandParameterAst) and element.parameter_name == "?" and element.argument is None
        for element in elements[1:]
    )


class PipelineCompiler(CompilerCore):
    """``stmt_PipelineAst``, ``stmt_PipelineChainAst`` and the command elements."""

    # -- arguments ---------------------------------------------------------------------------------
    def _argument(self, node: ast.Ast) -> Callable[[Scope, list[CommandArgument]], None]:
        if isinstance(node, ast.CommandParameterAst):
            name = node.parameter_name
            text = node.extent.text
            if node.argument is None:
                argument = CommandArgument.parameter(name, text=text)
                return lambda _scope, into: into.append(argument)
            value_of = self._argument_value(node.argument)
            label = (
                text[: len(text) - len(node.argument.extent.text)]
                if text.endswith(node.argument.extent.text)
                else f"-{name}:"
            )
            return lambda scope, into: into.append(CommandArgument.named(name, value_of(scope), text=label))
        if isinstance(node, ast.VariableExpressionAst) and node.splatted:
            from .variables import variable_reader

            read = variable_reader(node.variable_path)
            return lambda scope, into: into.extend(_splat(read(scope)))
        value_of = self._argument_value(node)
        return lambda scope, into: into.append(CommandArgument.positional(value_of(scope)))

    def _argument_value(self, node: ast.Ast) -> Expr:
        if type(node) is ast.ConstantExpressionAst and not isinstance(node.value, bool):
            literal = (
                number_literal(node.value, node.extent.text) if str(node.value) != node.extent.text else node.value
            )
            return lambda _scope: literal
        return self.expr(node)

    def _arguments(self, elements: Sequence[ast.Ast]) -> ArgumentsOf:
        parts = tuple(self._argument(element) for element in elements)

        def arguments(scope: Scope) -> list[CommandArgument]:
            into: list[CommandArgument] = []
            for part in parts:
                part(scope, into)
            return into

        return arguments

    # -- one command --------------------------------------------------------------------------------
    def command_call(self, node: ast.CommandAst) -> CallOf:
        elements = list(node.command_elements)
        head = elements[0]
        if _help_requested(elements):
            return self._help_call(head)
        dot_source = node.invocation_operator == TokenKind.Dot
        arguments = self._arguments(elements[1:])
        if _method_syntax(elements):
            arguments = _strict_parens_check(arguments)
        extent = node.extent
        if isinstance(head, ast.StringConstantExpressionAst):
            name = head.value

            def named_call(scope: Scope) -> CommandCall:
                command = resolve_command(scope, name, dot_source)
                return CommandCall(name, arguments(scope), command=command, extent=extent)

            return named_call
        name_of = self.expr(head)

        def dynamic_call(scope: Scope) -> CommandCall:
            value = name_of(scope)
            command = resolve_command(scope, value, dot_source)
            return CommandCall(
                getattr(command, "name", "") or to_string(value), arguments(scope), command=command, extent=extent
            )

        return dynamic_call

    def _help_call(self, head: ast.Ast) -> CallOf:
        """``<command> -?``: pwsh's CommandProcessor runs ``Get-Help <command>`` instead (the other
        arguments are not bound)."""
        from ...runtime.commands import resolve_cmdlet

        if isinstance(head, ast.StringConstantExpressionAst):
            literal = head.value
            name_of: Expr = lambda _scope: literal  # noqa: E731
        else:
            name_of = self.expr(head)

        def help_call(scope: Scope) -> CommandCall:
            value = name_of(scope)
            name = getattr(value, "name", None) or to_string(getattr(value, "Name", value))
            return CommandCall("Get-Help", [CommandArgument.named("Name", name)], command=resolve_cmdlet("Get-Help"))

        return help_call

    # -- pipelines ----------------------------------------------------------------------------------
    def stmt_PipelineAst(self, node: ast.PipelineAst) -> Stmt:
        if node.background:

            def background(scope: Scope, out: Out) -> None:
                from ...cmdlets.core.background import run_in_background  # Start-Job's machinery, on first use

                run_in_background(node, scope, out)

            return background
        elements = list(node.pipeline_elements)
        # a command's own stream redirections (``cmd 2>&1 | next``, ``a | b 2>$null``) go with that
        # command: what it writes to them flows into the next one (or out); output redirections
        # (``> file``) and those of an expression apply to the whole statement
        own: dict[int, Callable[[Scope], Any]] = {}
        for index, element in enumerate(elements):
            if (
                isinstance(element, ast.CommandAst)
                and element.redirections
                and all(_not_output(redirection) for redirection in element.redirections)
            ):
                own[index] = self._own_streams(list(element.redirections))
        redirections = [
            r for index, element in enumerate(elements) if index not in own for r in (element.redirections or ())
        ]
        if len(elements) == 1 and isinstance(elements[0], ast.CommandExpressionAst) and not redirections:
            return self._expression_statement(elements[0].expression)
        input_of: Callable[[Scope], Iterable[Any]] | None = None
        offset = 0
        if isinstance(elements[0], ast.CommandExpressionAst):
            input_of = self.pipeline_input(elements[0].expression)
            elements = elements[1:]
            offset = 1
        if input_of is None and len(elements) == 1 and not redirections and not own:
            direct = self._direct_call(elements[0])  # type: ignore[arg-type]
            if direct is not None:
                return direct
        calls = tuple(
            self._with_own_streams(self.command_call(element), own.get(index + offset))  # type: ignore[arg-type]
            for index, element in enumerate(elements)
        )

        def run(scope: Scope, out: Out) -> None:
            source: Any = NO_INPUT if input_of is None else input_of(scope)
            context = scope.context
            if not calls:
                for item in source:
                    out(item)
                return
            commands = [call(scope) for call in calls]
            context.question = True
            runspace = context.runspace
            written = runspace.errors_written
            run_pipeline(runspace, commands, source, output=out)
            if runspace.errors_written != written:
                context.question = False

        if redirections:
            return self._redirected(run, redirections, node)
        return run

    def pipeline_input(self, expression: ast.ExpressionAst) -> Callable[[Scope], Iterable[Any]]:
        """The objects an expression at the head of a pipeline sends down it.  ``$null`` is one
        object, but what PowerShell calls AutomationNull is none: ``[void](...)``, a void method's
        call, a ``(...)``/``$(...)`` whose commands wrote nothing (Scripting.Followup.Tests.ps1).
        ``a..b`` is walked as it goes (:meth:`range_walk`)."""
        walk = self.range_walk(expression)
        if walk is not None:
            return walk
        statement: Stmt | None = None
        unwrap = False
        if isinstance(expression, ast.ConvertExpressionAst) and _is_void(expression):
            statement = self._expression_statement(expression)
        elif type(expression) is ast.InvokeMemberExpressionAst:
            statement = self.invocation_statement(expression)
        elif isinstance(expression, ast.SubExpressionAst):
            statement, unwrap = self.statement_block(expression.sub_expression), True
        elif (
            isinstance(expression, ast.ParenExpressionAst)
            and not isinstance(expression.pipeline, ast.AssignmentStatementAst)
            and self.simple_expression(expression.pipeline) is None
        ):
            statement, unwrap = self.stmt(expression.pipeline), True
        if statement is not None:
            run = statement

            def written(scope: Scope) -> Iterable[Any]:
                output = captured(run, scope)
                if unwrap and output:
                    value = collapse(output)
                    return [None] if value is None else enumerate_value(value)
                return output

            return written
        value_of = self.expr(expression)

        def value_input(scope: Scope) -> Iterable[Any]:
            value = value_of(scope)
            return [None] if value is None else enumerate_value(value)

        return value_input

    def _own_streams(self, redirections: list[ast.RedirectionAst]) -> Callable[[Scope], Any]:
        """A command's stream redirections (not its output's) as the CommandCall ``streams``
        factory, its file paths computed where the statement runs."""
        routes: dict[str, Any] = {}
        for redirection in redirections:
            stream = RedirectionStream(redirection.from_stream)
            key = _STREAM_NAMES[stream]
            if isinstance(redirection, ast.MergingRedirectionAst):
                routes[key] = "output"
                continue
            assert isinstance(redirection, ast.FileRedirectionAst)
            location = redirection.location
            is_null = _is_null(location)
            routes[key] = "null" if is_null else (self.expr(location), bool(redirection.append))

        def factory_for(scope: Scope) -> Any:
            resolved = {
                stream: route if isinstance(route, str) else (_path(scope, route[0](scope)), route[1])
                for stream, route in routes.items()
            }
            return lambda base, emit: _RedirectedStreams(base, resolved, emit)

        return factory_for

    @staticmethod
    def _with_own_streams(call_of: CallOf, streams_of: Callable[[Scope], Any] | None) -> CallOf:
        if streams_of is None:
            return call_of

        def call_with_streams(scope: Scope) -> CommandCall:
            call = call_of(scope)
            call.streams = streams_of(scope)
            return call

        return call_with_streams

    def _direct_call(self, node: ast.CommandAst) -> Stmt | None:
        """A statement that is one command by name: a script function runs without the pipeline
        machinery when :mod:`..engine.directcall` can plan its binding (else it takes the pipeline
        with the argument values computed once)."""
        elements = list(node.command_elements)
        head = elements[0]
        if not isinstance(head, ast.StringConstantExpressionAst) or node.invocation_operator == TokenKind.Dot:
            return None
        if _method_syntax(elements) or _help_requested(elements):
            return None  # the strict mode check and `-?` live on the pipeline path
        shapes: list[ArgumentShape] = []
        values: list[Expr] = []
        nothing: Expr = lambda _scope: None  # noqa: E731
        index = 1
        while index < len(elements):
            element = elements[index]
            index += 1
            if isinstance(element, ast.CommandParameterAst):
                text = element.extent.text
                if element.argument is not None:
                    argument_text = element.argument.extent.text
                    label = text[: len(text) - len(argument_text)] if text.endswith(argument_text) else None
                    shapes.append(("named", element.parameter_name, label or f"-{element.parameter_name}:"))
                    values.append(self._argument_value(element.argument))
                elif index < len(elements) and not isinstance(elements[index], ast.CommandParameterAst):
                    following = elements[index]
                    index += 1
                    if isinstance(following, ast.VariableExpressionAst) and following.splatted:
                        return None
                    shapes.append(("pair", element.parameter_name, text))
                    values.append(self._argument_value(following))
                else:
                    shapes.append(("switch", element.parameter_name, text))
                    values.append(nothing)
            elif isinstance(element, ast.VariableExpressionAst) and element.splatted:
                return None
            else:
                shapes.append(("positional", None, None))
                values.append(self._argument_value(element))
        name = head.value
        site = DirectCallSite(shapes)
        value_of = tuple(values)

        by_path = is_path(name)
        extent = node.extent

        def direct(scope: Scope, out: Out) -> None:
            command = (None if by_path else scope.find_function(name)) or resolve_command(scope, name, False)
            arguments = [value(scope) for value in value_of]
            context = scope.context
            context.question = True
            runspace = context.runspace
            written = runspace.errors_written
            if not site.try_call(command, arguments, scope, out):
                call = CommandCall(name, site.arguments(arguments), command=command, extent=extent)
                run_pipeline(runspace, [call], NO_INPUT, output=out)
            if runspace.errors_written != written:
                context.question = False

        return direct

    def writes_its_value(self, expression: ast.ExpressionAst) -> bool:
        """Whether ``expression`` as a statement just writes its value, enumerated (not ``$i++``,
        ``[void](...)`` or a parenthesised statement, which :meth:`_expression_statement` compiles
        apart)."""
        if isinstance(expression, ast.UnaryExpressionAst) and expression.token_kind in _INCREMENTS:
            return False
        if isinstance(expression, ast.ConvertExpressionAst) and _is_void(expression):
            return False
        if type(expression) is ast.InvokeMemberExpressionAst:
            return False  # a void method writes nothing (:meth:`invocation_statement`)
        return not (
            isinstance(expression, ast.ParenExpressionAst)
            and not isinstance(expression.pipeline, ast.AssignmentStatementAst)
            and self.simple_expression(expression.pipeline) is None
        )

    def _expression_statement(self, expression: ast.ExpressionAst) -> Stmt:
        if isinstance(expression, ast.UnaryExpressionAst) and expression.token_kind in _INCREMENTS:
            return self.increment_statement(expression, int(expression.token_kind))
        if isinstance(expression, ast.ConvertExpressionAst) and _is_void(expression):
            value_of = self.expr(expression)

            def void_statement(scope: Scope, _out: Out) -> None:
                value_of(scope)

            return void_statement
        if type(expression) is ast.InvokeMemberExpressionAst:
            return self.invocation_statement(expression)
        if isinstance(expression, ast.ParenExpressionAst) and not isinstance(
            expression.pipeline, ast.AssignmentStatementAst
        ):
            inner = self.simple_expression(expression.pipeline)
            if inner is None:
                return self.stmt(expression.pipeline)
        value_of = self.expr(expression)

        def expression_statement(scope: Scope, out: Out) -> None:
            write_enumerated(value_of(scope), out)

        return expression_statement

    def _redirected(self, run: Stmt, redirections: list[ast.RedirectionAst], node: ast.PipelineAst) -> Stmt:
        routes: dict[str, Any] = {}
        output_file: tuple[Expr, bool] | None = None
        discard_output = False
        for redirection in redirections:
            stream = RedirectionStream(redirection.from_stream)
            if isinstance(redirection, ast.MergingRedirectionAst):
                if stream != RedirectionStream.Output:
                    routes[_STREAM_NAMES[stream]] = "output"
                continue
            assert isinstance(redirection, ast.FileRedirectionAst)
            location = redirection.location
            is_null = _is_null(location)
            if stream in (RedirectionStream.Output, RedirectionStream.All):
                if is_null:
                    discard_output = True
                else:
                    output_file = (self.expr(location), bool(redirection.append))
            if stream != RedirectionStream.Output:
                routes[_STREAM_NAMES[stream]] = "null" if is_null else (self.expr(location), bool(redirection.append))
        extent = node.extent
        elements = node.pipeline_elements
        pure = (  # ``1/0 > $null``: an expression that succeeds sets $? (CompileTrappableExpression)
            len(elements) == 1
            and isinstance(elements[0], ast.CommandExpressionAst)
            and expression_sets_success(elements[0].expression)
        )

        def redirected(scope: Scope, out: Out) -> None:
            runspace = scope.context.runspace
            base = runspace.streams
            target: Out = out
            lines: list[Any] = []
            if discard_output:
                target = lambda _value: None  # noqa: E731
            elif output_file is not None:
                target = lines.append
            resolved = {
                stream: route if isinstance(route, str) else (_path(scope, route[0](scope)), route[1])
                for stream, route in routes.items()
            }
            proxy = _RedirectedStreams(base, resolved, target)
            runspace.streams = proxy
            try:
                try:
                    run(scope, target)
                    if pure:
                        scope.context.question = True
                except FlowControl:
                    raise
                except Exception as error:
                    check_action_preference(scope, error, extent)  # $? is false after it
            finally:
                runspace.streams = base
                if output_file is not None:
                    _write_output_file(scope, _path(scope, output_file[0](scope)), output_file[1], lines)

        return redirected

    def stmt_PipelineChainAst(self, node: ast.PipelineChainAst) -> Stmt:
        if node.background:  # ``a && b &``: the whole chain is the job

            def background(scope: Scope, out: Out) -> None:
                from ...cmdlets.core.background import run_in_background

                run_in_background(node, scope, out)

            return background
        left = self.success_setting(node.lhs_pipeline_chain)
        right = self.success_setting(node.rhs_pipeline)
        on_success = node.operator == TokenKind.AndAnd
        extent = node.lhs_pipeline_chain.extent

        def chain(scope: Scope, out: Out) -> None:
            context = scope.context
            try:
                left(scope, out)
            except FlowControl:
                raise
            except Exception as error:
                check_action_preference(scope, error, extent)
            if context.question == on_success:
                right(scope, out)

        return chain


def _is_null(location: ast.Ast) -> bool:
    """A redirection to ``$null``: the stream is dropped, no file is written."""
    return isinstance(location, ast.VariableExpressionAst) and location.variable_path.user_path.casefold() == "null"


def _not_output(redirection: ast.RedirectionAst) -> bool:
    """A redirection of another stream than the output (``2>&1``, ``3>$null``, ``2> file``)."""
    stream = RedirectionStream(redirection.from_stream)
    return stream not in (RedirectionStream.Output, RedirectionStream.All) or (
        isinstance(redirection, ast.MergingRedirectionAst) and stream == RedirectionStream.All
    )


def _path(scope: Scope, value: Any) -> str:
    text = to_string(value)
    return text if os.path.isabs(text) else os.path.join(scope.context.runspace.location.path, text)


def _write_output_file(scope: Scope, path: str, append: bool, values: list[Any]) -> None:
    """``> file``/``>> file``: what Out-File writes."""
    from ...runtime.pipeline import run_pipeline as run

    arguments = [CommandArgument.named("FilePath", path)]
    if append:
        arguments.append(CommandArgument.named("Append", True))
    try:
        run(scope.context.runspace, [CommandCall("Out-File", arguments)], values)
    except PSError:
        raise


def _method_syntax(elements: list[Any]) -> bool:
    """``f(1,2)``: a command whose one argument is a parenthesised array right after its name
    (Compiler.cs GetCommandArgumentExpressions adds a strict mode check for it)."""
    if len(elements) != 2 or not isinstance(elements[1], ast.ParenExpressionAst):
        return False
    pipeline = elements[1].pipeline
    inner = getattr(pipeline, "pipeline_elements", None)
    if not inner or len(inner) != 1 or not isinstance(inner[0], ast.CommandExpressionAst):
        return False
    if not isinstance(inner[0].expression, ast.ArrayLiteralAst):
        return False
    return bool(elements[0].extent.end_offset == elements[1].extent.start_offset)


def _strict_parens_check(arguments: Callable[[Scope], Any]) -> Callable[[Scope], Any]:
    """Under ``Set-StrictMode -Version 2`` and later, ``f(1,2)`` is StrictModeFunctionCallWithParens."""

    def checked(scope: Scope) -> Any:
        if scope.strict_version >= 2:
            raise RuntimeException(
                "The function or command was called as if it were a method. Parameters should be separated by "
                "spaces. For information about parameters, see the about_Parameters Help topic.",
                error_id="StrictModeFunctionCallWithParens",
                category=ErrorCategory.InvalidOperation,
            )
        return arguments(scope)

    return checked
