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
from ..engine.flow import FlowControl, ReturnException
from ..engine.values import collapse, write_enumerated
from ..tokens import TokenKind

if TYPE_CHECKING:
    from ...runtime.scopes import Scope

__all__ = ["CompilerCore", "Expr", "Out", "Stmt", "sets_success", "unsupported"]

Out = Callable[[Any], None]
Expr = Callable[["Scope"], Any]
Stmt = Callable[["Scope", Out], None]


def _nothing(_scope: Scope, _out: Out) -> None:
    return None


def unsupported(node: ast.Ast, what: str) -> RuntimeException:
    return RuntimeException(
        f"psbridge cannot run {what} yet: {node.extent.text[:60]}", error_id="NotSupported", target_object=what
    )


def captured(statement: Stmt, scope: Scope) -> list[Any]:
    """What ``statement`` writes, as a list (a value being computed from statements).  A
    ``return`` that leaves it takes the output captured so far along to the function's output
    (:class:`~..engine.flow.ReturnException` ``pending``)."""
    output: list[Any] = []
    try:
        statement(scope, output.append)
    except ReturnException as signal:
        signal.pending[:0] = output
        raise
    return output


def sets_success(node: ast.Ast) -> bool:
    """Compiler.cs ShouldSetExecutionStatusToSuccess: whether ``$?`` must be set true after
    ``node`` (a pure expression, or an assignment of one)."""
    if isinstance(node, ast.AssignmentStatementAst):
        right: ast.Ast = node.right
        while isinstance(right, ast.AssignmentStatementAst):
            right = right.right
        if isinstance(right, ast.CommandExpressionAst):
            return expression_sets_success(right.expression)
        return isinstance(right, ast.PipelineAst) and sets_success(right)
    if isinstance(node, ast.PipelineAst):
        elements = node.pipeline_elements
        if len(elements) == 1 and isinstance(elements[0], ast.CommandExpressionAst):
            # with redirections it is not a pure expression: the redirecting code sets $?
            return not elements[0].redirections and expression_sets_success(elements[0].expression)
    return False


def expression_sets_success(node: ast.Ast) -> bool:
    if isinstance(node, ast.ParenExpressionAst):
        return sets_success(node.pipeline)
    if isinstance(node, ast.SubExpressionAst):
        return not node.sub_expression.statements
    if isinstance(node, ast.ArrayExpressionAst):
        statements = node.sub_expression.statements
        if not statements:
            return True
        if len(statements) == 1 and not node.sub_expression.traps:
            return sets_success(statements[0])
        return False
    return True


class CompilerCore:
    """Dispatch by node kind: ``expr_<Kind>`` and ``stmt_<Kind>`` methods of the mixins.

    Every mixin derives from this class; what one mixin calls of another is declared here.
    """

    #: Compiling a class method's body: ``return`` gives the method's result.
    in_method = False

    #: The script's ``using namespace`` namespaces (type names resolve in them too).
    namespaces: tuple[str, ...] = ()

    if TYPE_CHECKING:

        def assignment_value(self, node: ast.AssignmentStatementAst) -> Expr: ...
        def trapped_list(self, statements: list[ast.StatementAst], traps: list[ast.TrapStatementAst]) -> Stmt: ...
        def reference(self, node: ast.Ast) -> Expr: ...
        def increment_expression(self, node: ast.UnaryExpressionAst, kind: int) -> Expr: ...
        def increment_statement(self, node: ast.UnaryExpressionAst, kind: int) -> Stmt: ...
        def writes_its_value(self, expression: ast.ExpressionAst) -> bool: ...
        def member_name(self, node: ast.Ast) -> tuple[str | None, Expr | None]: ...
        def invocation_statement(self, node: ast.InvokeMemberExpressionAst) -> Stmt: ...

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
        says (reported and skipped, or raised on), so the next statement runs.  The ``class`` and
        ``enum`` definitions among them are defined first, all together, as PowerShell defines a
        script's types before running it."""
        run = self._statements(statements, traps)
        definitions = [node for node in statements if isinstance(node, ast.TypeDefinitionAst)]
        if not definitions:
            return run
        from ..engine.classes import TypePlan, define_types

        plans = [TypePlan(node, self) for node in definitions]

        def defining(scope: Scope, out: Out) -> None:
            define_types(plans, scope)
            run(scope, out)

        return defining

    def _statements(self, statements: list[ast.StatementAst], traps: list[ast.TrapStatementAst] | None) -> Stmt:
        if traps:
            return self.trapped_list(statements, traps)
        if not statements:
            return _nothing
        # $? is set true after a pure expression (Compiler.cs CompileTrappableExpression)
        triples = tuple((self.stmt(node), node.extent, sets_success(node)) for node in statements)
        if len(triples) == 1:
            only, extent, succeeds = triples[0]

            def run_one(scope: Scope, out: Out) -> None:
                try:
                    only(scope, out)
                    if succeeds:
                        scope.context.question = True
                except FlowControl:
                    raise
                except Exception as error:
                    check_action_preference(scope, error, extent)

            return run_one

        def run_all(scope: Scope, out: Out) -> None:
            for statement, extent, succeeds in triples:
                try:
                    statement(scope, out)
                    if succeeds:
                        scope.context.question = True
                except FlowControl:
                    raise
                except Exception as error:
                    check_action_preference(scope, error, extent)

        return run_all

    def success_setting(self, node: ast.StatementAst) -> Stmt:
        """The statement, setting ``$?`` true after it when it is a pure expression (which runs no
        command that would set it): Compiler.cs CompileTrappableExpression."""
        statement = self.stmt(node)
        if not sets_success(node):
            return statement

        def then_success(scope: Scope, out: Out) -> None:
            statement(scope, out)
            scope.context.question = True

        return then_success

    def range_walk(self, expression: ast.Ast | None) -> Expr | None:
        """``a..b`` as ``foreach``'s collection or a pipeline's input: PowerShell walks the range
        (Compiler.cs GetRangeEnumerator) so no array is built and there is no size limit."""
        if not (isinstance(expression, ast.BinaryExpressionAst) and expression.operator == TokenKind.DotDot):
            return None
        low = self.expr(expression.left)
        high = self.expr(expression.right)

        def span(scope: Scope) -> Any:
            start, end = low(scope), high(scope)
            if type(start) is int and type(end) is int:
                return range(start, end + 1) if start <= end else range(start, end - 1, -1)
            from ...conversion.operators.text import range_enumerator

            return range_enumerator(start, end)

        return span

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
            return collapse(captured(statement, scope))

        return value

    def output_of(self, statement: Stmt) -> Callable[[Scope], list[Any]]:
        def collect(scope: Scope) -> list[Any]:
            return captured(statement, scope)

        return collect

    def expression_statement(self, expression: Expr) -> Stmt:
        def run(scope: Scope, out: Out) -> None:
            write_enumerated(expression(scope), out)

        return run
