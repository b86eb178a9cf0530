"""The compiler: a syntax tree compiled once into Python closures.

``Compiler(script_block_ast)`` compiles one script block's nodes; :meth:`Compiler.named_block`
gives the closure ``run(scope, out)`` of a begin/process/end/clean block.  The node
kinds are compiled by concern: :mod:`.expressions` (literals, variables, operators,
casts), :mod:`.members` (members, methods, indexes), :mod:`.assignments`,
:mod:`.statements` (if, loops, flow control), :mod:`.switch`, :mod:`.trycatch`
(try/catch/finally, trap) and :mod:`.pipelines` (commands and redirections), over the
dispatch and error handling of :mod:`.core`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from .assignments import AssignmentCompiler
from .core import CompilerCore, Expr, Out, Stmt, sets_success
from .expressions import ExpressionCompiler, using_namespaces
from .members import MemberCompiler
from .pipelines import PipelineCompiler
from .statements import StatementCompiler
from .switch import SwitchCompiler
from .trycatch import TryCompiler

if TYPE_CHECKING:
    from .. import ast
    from ..extent import Extent

__all__ = ["Compiler", "Expr", "LoneExpression", "Out", "Stmt"]


class Compiler(
    ExpressionCompiler,
    MemberCompiler,
    AssignmentCompiler,
    StatementCompiler,
    SwitchCompiler,
    TryCompiler,
    PipelineCompiler,
    CompilerCore,
):
    """Compiles the nodes of one script block."""

    def __init__(self, script_block: ast.ScriptBlockAst | None = None) -> None:
        self.script_block = script_block
        self.namespaces = using_namespaces(script_block)

    def named_block(self, block: ast.NamedBlockAst | None) -> Stmt | None:
        if block is None:
            return None
        return self.statement_list(list(block.statements), list(block.traps or ()))

    def lone_expression(self, block: ast.NamedBlockAst | None) -> LoneExpression | None:
        """A named block that is one expression statement writing its value (``{ $_ % 2 }``):
        the expression, the statement's extent and whether it sets ``$?``.  What runs the block
        once per pipeline object evaluates it without the statement machinery; its output is the
        value enumerated, and a failure is handled as the statement list handles it."""
        if block is None or block.traps or len(block.statements) != 1:
            return None
        statement = block.statements[0]
        expression = self.simple_expression(statement)
        if expression is None or not self.writes_its_value(expression):
            return None
        return LoneExpression(self.expr(expression), statement.extent, sets_success(statement))


class LoneExpression(NamedTuple):
    """See :meth:`Compiler.lone_expression`."""

    value: Expr
    extent: Extent
    sets_success: bool
