"""Statements: if, the loops, flow control (break/continue/return/exit/throw), data sections,
function definitions and the statements psbridge parses but cannot run.

Loops catch ``break``/``continue`` whose label is theirs (or none); the signals are
exceptions (:mod:`..engine.flow`), so a ``break`` in a function called from a loop
leaves the function and ends the loop, as PowerShell's dynamic break does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...conversion import RuntimeException, is_true, to_string
from .. import ast
from ..engine.errors import thrown_error
from ..engine.flow import BreakException, ContinueException, ExitException, MethodReturn, ReturnException
from ..engine.values import enumerate_value, write_enumerated
from .core import CompilerCore, unsupported
from .variables import variable_writer

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ...runtime.scopes import Scope
    from .core import Expr, Out, Stmt

__all__ = ["StatementCompiler", "condition_of"]


def condition_of(value_of: Expr) -> Expr:
    """A condition: the value's truth (fast for booleans)."""

    def truth(scope: Scope) -> bool:
        value = value_of(scope)
        if value is True:
            return True
        if value is False:
            return False
        return is_true(value)

    return truth


def _label_of(node: ast.LabeledStatementAst) -> str | None:
    return node.label


def _iterate(value: Any) -> Iterable[Any]:
    """What ``foreach`` walks: a collection's items, nothing for ``$null``, else the one value."""
    if type(value) is list or type(value) is range:
        return value
    if value is None:
        return ()
    return enumerate_value(value)


class StatementCompiler(CompilerCore):
    """``stmt_*`` for the control-flow statements."""

    def condition(self, pipeline: ast.Ast | None) -> Expr:
        """A loop's or an ``if``'s condition.  One that runs a command leaves ``$?`` true after it
        (Compiler.cs CaptureAstResults: ``if (Get-Command foo -ea 0) { foo }; $?`` is never false)."""
        assert pipeline is not None
        test = condition_of(self.pipeline_value(pipeline))
        if pipeline.find(lambda node: isinstance(node, ast.CommandAst), search_nested_script_blocks=False) is None:
            return test

        def resetting(scope: Scope) -> bool:
            result = test(scope)
            scope.context.question = True
            return result

        return resetting

    # -- if -----------------------------------------------------------------------------------------
    def stmt_IfStatementAst(self, node: ast.IfStatementAst) -> Stmt:
        clauses = tuple((self.condition(condition), self.statement_block(body)) for condition, body in node.clauses)
        otherwise = self.statement_block(node.else_clause) if node.else_clause is not None else None
        if len(clauses) == 1 and otherwise is None:
            test, body = clauses[0]

            def run_if(scope: Scope, out: Out) -> None:
                if test(scope):
                    body(scope, out)

            return run_if

        def run(scope: Scope, out: Out) -> None:
            for test, body in clauses:
                if test(scope):
                    body(scope, out)
                    return
            if otherwise is not None:
                otherwise(scope, out)

        return run

    # -- loops --------------------------------------------------------------------------------------
    def stmt_WhileStatementAst(self, node: ast.WhileStatementAst) -> Stmt:
        test = self.condition(node.condition)
        body = self.statement_block(node.body)
        label = _label_of(node)

        def run(scope: Scope, out: Out) -> None:
            while test(scope):
                try:
                    body(scope, out)
                except BreakException as signal:
                    if signal.matches(label):
                        return
                    raise
                except ContinueException as signal:
                    if not signal.matches(label):
                        raise

        return run

    def _do_loop(self, node: ast.DoWhileStatementAst | ast.DoUntilStatementAst, until: bool) -> Stmt:
        test = self.condition(node.condition)
        body = self.statement_block(node.body)
        label = _label_of(node)

        def run(scope: Scope, out: Out) -> None:
            while True:
                try:
                    body(scope, out)
                except BreakException as signal:
                    if signal.matches(label):
                        return
                    raise
                except ContinueException as signal:
                    if not signal.matches(label):
                        raise
                if test(scope) == until:
                    return

        return run

    def stmt_DoWhileStatementAst(self, node: ast.DoWhileStatementAst) -> Stmt:
        return self._do_loop(node, until=False)

    def stmt_DoUntilStatementAst(self, node: ast.DoUntilStatementAst) -> Stmt:
        return self._do_loop(node, until=True)

    def stmt_ForStatementAst(self, node: ast.ForStatementAst) -> Stmt:
        initializer = self.stmt(node.initializer) if node.initializer is not None else None
        test = self.condition(node.condition) if node.condition is not None else None
        iterator = self.stmt(node.iterator) if node.iterator is not None else None
        body = self.statement_block(node.body)
        label = _label_of(node)

        def run(scope: Scope, out: Out) -> None:
            if initializer is not None:
                initializer(scope, out)
            while test is None or test(scope):
                try:
                    body(scope, out)
                except BreakException as signal:
                    if signal.matches(label):
                        return
                    raise
                except ContinueException as signal:
                    if not signal.matches(label):
                        raise
                if iterator is not None:
                    iterator(scope, out)

        return run

    def _collection(self, node: ast.Ast | None) -> Expr:
        """``foreach``'s collection; ``a..b`` is walked, not built (:meth:`range_walk`)."""
        assert node is not None
        expression = self.simple_expression(node)
        return self.range_walk(expression) or self.pipeline_value(node)

    def stmt_ForEachStatementAst(self, node: ast.ForEachStatementAst) -> Stmt:
        collection = self._collection(node.condition)
        body = self.statement_block(node.body)
        label = _label_of(node)
        path = node.variable.variable_path
        write = variable_writer(path)
        key = path.unqualified_path.casefold() if path.is_unqualified else None

        def run(scope: Scope, out: Out) -> None:
            variables = scope.variables
            for item in _iterate(collection(scope)):
                variable = variables.get(key) if key is not None else None
                if variable is not None and variable.plain:
                    variable.value = item
                else:
                    write(scope, item)
                try:
                    body(scope, out)
                except BreakException as signal:
                    if signal.matches(label):
                        return
                    raise
                except ContinueException as signal:
                    if not signal.matches(label):
                        raise

        return run

    # -- flow control ------------------------------------------------------------------------------
    def _label_value(self, node: ast.BreakStatementAst | ast.ContinueStatementAst) -> Expr | None:
        label = node.label
        if label is None:
            return None
        if isinstance(label, ast.StringConstantExpressionAst):
            text = label.value
            return lambda _scope: text
        return self.expr(label)

    def stmt_BreakStatementAst(self, node: ast.BreakStatementAst) -> Stmt:
        label = self._label_value(node)

        def run(scope: Scope, _out: Out) -> None:
            raise BreakException(to_string(label(scope)) if label is not None else None)

        return run

    def stmt_ContinueStatementAst(self, node: ast.ContinueStatementAst) -> Stmt:
        label = self._label_value(node)

        def run(scope: Scope, _out: Out) -> None:
            raise ContinueException(to_string(label(scope)) if label is not None else None)

        return run

    def stmt_ReturnStatementAst(self, node: ast.ReturnStatementAst) -> Stmt:
        if self.in_method:
            return self._method_return(node)
        if node.pipeline is None:

            def run_return(_scope: Scope, _out: Out) -> None:
                raise ReturnException()

            return run_return
        statement = self.stmt(node.pipeline)

        def run(scope: Scope, out: Out) -> None:
            statement(scope, out)
            raise ReturnException()

        return run

    def _method_return(self, node: ast.ReturnStatementAst) -> Stmt:
        """``return`` in a class method: its value is the method's result, not pipeline output."""
        value_of = self.pipeline_value(node.pipeline) if node.pipeline is not None else None

        def run(scope: Scope, _out: Out) -> None:
            raise MethodReturn(value_of(scope) if value_of is not None else None)

        return run

    def stmt_ExitStatementAst(self, node: ast.ExitStatementAst) -> Stmt:
        value_of = self.pipeline_value(node.pipeline) if node.pipeline is not None else None

        def run(scope: Scope, _out: Out) -> None:
            code = 0
            if value_of is not None:
                value = value_of(scope)
                try:
                    code = int(value) if value is not None else 0
                except (TypeError, ValueError):
                    code = 0
            raise ExitException(code)

        return run

    def stmt_ThrowStatementAst(self, node: ast.ThrowStatementAst) -> Stmt:
        extent = node.extent
        if node.pipeline is None:

            def rethrow(scope: Scope, _out: Out) -> None:
                current = scope.context.handling
                if current is not None:
                    raise current
                raise thrown_error(None, extent)

            return rethrow
        value_of = self.pipeline_value(node.pipeline)

        def run(scope: Scope, _out: Out) -> None:
            raise thrown_error(value_of(scope), extent)

        return run

    # -- definitions and sections --------------------------------------------------------------------
    def stmt_FunctionDefinitionAst(self, node: ast.FunctionDefinitionAst) -> Stmt:
        from ..engine.functions import define_function, function_command

        holder: list[Any] = []
        is_filter = bool(node.is_filter)

        def run(scope: Scope, _out: Out) -> None:
            if not holder:
                holder.append(function_command(node))
            define_function(scope, node.name, holder[0], is_filter)

        return run

    def stmt_DataStatementAst(self, node: ast.DataStatementAst) -> Stmt:
        body = self.statement_block(node.body)
        name = node.variable

        def run(scope: Scope, out: Out) -> None:
            if name is None:
                body(scope, out)
                return
            output: list[Any] = []
            body(scope, output.append)
            scope.set(name, output[0] if len(output) == 1 else output)

        return run

    def stmt_UsingStatementAst(self, node: ast.UsingStatementAst) -> Stmt:
        from ..engine.modules import using_statement

        def run(scope: Scope, _out: Out) -> None:
            using_statement(scope, node)

        return run

    def stmt_TypeDefinitionAst(self, node: ast.TypeDefinitionAst) -> Stmt:
        # Defined before the statement list runs (CompilerCore.statement_list), as PowerShell does.
        return lambda _scope, _out: None

    def stmt_TrapStatementAst(self, node: ast.TrapStatementAst) -> Stmt:
        # Traps are taken out of their statement list by the parser; one left here is inert.
        return lambda _scope, _out: None

    def stmt_StatementBlockAst(self, node: ast.StatementBlockAst) -> Stmt:
        return self.statement_block(node)

    def stmt_BlockStatementAst(self, node: ast.BlockStatementAst) -> Stmt:
        error = unsupported(node, "a workflow block")

        def run(_scope: Scope, _out: Out) -> None:
            raise error

        return run

    def stmt_ConfigurationDefinitionAst(self, node: ast.Ast) -> Stmt:
        error = unsupported(node, "a DSC configuration")

        def run(_scope: Scope, _out: Out) -> None:
            raise error

        return run

    def stmt_CommandExpressionAst(self, node: ast.CommandExpressionAst) -> Stmt:
        value_of = self.expr(node.expression)

        def run(scope: Scope, out: Out) -> None:
            write_enumerated(value_of(scope), out)

        return run


def runtime_error(message: str, error_id: str) -> RuntimeException:
    return RuntimeException(message, error_id=error_id)
