"""The compiler's frame: node dispatch, statement lists with PowerShell's error handling,
and pipelines as values.

Every expression node compiles to a closure ``f(scope) -> value`` and every statement
to ``f(scope, out) -> None`` that writes its output objects to ``out``.  The tree is
walked once, here; running a script block only calls closures (PowerShell compiles
its AST into expression trees the same way, Compiler.cs).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ...conversion import RuntimeException
from .. import ast
from ..engine.errors import check_action_preference
from ..engine.flow import FlowControl
from ..engine.values import collapse, write_enumerated

if TYPE_CHECKING:
    from ...runtime.scopes import Scope

__all__ = ["CompilerCore", "Expr", "Out", "Stmt", "unsupported"]

Out = Callable[[Any], None]
Expr = Callable[["Scope"], Any]
Stmt = Callable[["Scope", Out], None]


def _nothing(_scope: Scope, _out: Out) -> None:
    return None


def unsupported(node: ast.Ast, what: str) -> RuntimeException:
    return RuntimeException(
        f"psbridge cannot run {what} yet: {node.extent.text[:60]}", error_id="NotSupported", target_object=what
    )


class CompilerCore:
    """Dispatch by node kind: ``expr_<Kind>`` and ``stmt_<Kind>`` methods of the mixins.

    Every mixin derives from this class; what one mixin calls of another is declared here.
    """

    if TYPE_CHECKING:

        def assignment_value(self, node: ast.AssignmentStatementAst) -> Expr: ...
        def trapped_list(self, statements: list[ast.StatementAst], traps: list[ast.TrapStatementAst]) -> Stmt: ...
        def reference(self, node: ast.Ast) -> Expr: ...
        def increment_expression(self, node: ast.UnaryExpressionAst, kind: int) -> Expr: ...
        def member_name(self, node: ast.Ast) -> tuple[str | None, Expr | None]: ...

    def expr(self, node: ast.Ast) -> Expr:
        method = getattr(self, "expr_" + type(node).__name__, None)
        if method is None:
            error = unsupported(node, type(node).__name__)

            def fail(_scope: Scope) -> Any:
                raise error

            return fail
        compiled: Expr = method(node)
        return compiled

    def stmt(self, node: ast.Ast) -> Stmt:
        method = getattr(self, "stmt_" + type(node).__name__, None)
        if method is None:
            error = unsupported(node, type(node).__name__)

            def fail(_scope: Scope, _out: Out) -> None:
                raise error

            return fail
        compiled: Stmt = method(node)
        return compiled

    # -- statement lists --------------------------------------------------------------------------
    def statement_block(self, block: ast.StatementBlockAst | ast.NamedBlockAst | None) -> Stmt:
        if block is None:
            return _nothing
        return self.statement_list(list(block.statements), list(block.traps or ()))

    def statement_list(
        self, statements: list[ast.StatementAst], traps: list[ast.TrapStatementAst] | None = None
    ) -> Stmt:
        """Statements in order; a failing statement is handled as PowerShell's CheckActionPreference
        says (reported and skipped, or raised on), so the next statement runs."""
        if traps:
            return self.trapped_list(statements, traps)
        if not statements:
            return _nothing
        pairs = tuple((self.stmt(statement), statement.extent) for statement in statements)
        if len(pairs) == 1:
            only, extent = pairs[0]

            def run_one(scope: Scope, out: Out) -> None:
                try:
                    only(scope, out)
                except FlowControl:
                    raise
                except Exception as error:
                    check_action_preference(scope, error, extent)

            return run_one

        def run_all(scope: Scope, out: Out) -> None:
            for statement, extent in pairs:
                try:
                    statement(scope, out)
                except FlowControl:
                    raise
                except Exception as error:
                    check_action_preference(scope, error, extent)

        return run_all

    # -- pipelines as values ------------------------------------------------------------------------
    def simple_expression(self, node: ast.Ast) -> ast.ExpressionAst | None:
        """The expression of a pipeline that is just one expression (no redirection), else None."""
        if isinstance(node, ast.PipelineAst) and len(node.pipeline_elements) == 1 and not node.background:
            element = node.pipeline_elements[0]
            if isinstance(element, ast.CommandExpressionAst) and not element.redirections:
                return element.expression
        return None

    def pipeline_value(self, node: ast.Ast) -> Expr:
        """A statement used as a value (``$x = ...``, ``(...)``): an expression's value as it is,
        a command pipeline's output collapsed (none -> ``$null``, one -> it, several -> array)."""
        expression = self.simple_expression(node)
        if expression is not None:
            return self.expr(expression)
        if isinstance(node, ast.AssignmentStatementAst):
            return self.assignment_value(node)
        statement = self.stmt(node)

        def value(scope: Scope) -> Any:
            output: list[Any] = []
            statement(scope, output.append)
            return collapse(output)

        return value

    def output_of(self, statement: Stmt) -> Callable[[Scope], list[Any]]:
        def collect(scope: Scope) -> list[Any]:
            output: list[Any] = []
            statement(scope, output.append)
            return output

        return collect

    def expression_statement(self, expression: Expr) -> Stmt:
        def run(scope: Scope, out: Out) -> None:
            write_enumerated(expression(scope), out)

        return run
