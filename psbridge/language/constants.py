"""The value of an expression that needs no session: literals, arrays and hashtables of them.

PowerShell computes these without running anything (IsConstantValueVisitor /
SafeGetValue): ``#requires`` arguments must be constant, and ``bind_text``
binds a command line whose arguments may only be constants.
"""

from __future__ import annotations

from typing import Any

from . import ast
from .tokens import TokenKind

__all__ = ["NotConstant", "constant_value"]

_CONSTANT_VARIABLES = {"true": True, "false": False, "null": None}


class NotConstant(Exception):
    """The expression needs a session to evaluate; ``node`` is the part that does."""

    def __init__(self, node: ast.Ast) -> None:
        super().__init__(node.extent.text)
        self.node = node


def constant_value(node: ast.Ast) -> Any:
    """The value of ``node`` when it is constant, else NotConstant naming the first part that is not."""
    if isinstance(node, ast.StringConstantExpressionAst | ast.ConstantExpressionAst):
        return node.value
    if isinstance(node, ast.VariableExpressionAst):
        path = node.variable_path
        if path.is_unscoped_variable and not node.splatted:
            folded = path.unqualified_path.lower()
            if folded in _CONSTANT_VARIABLES:
                return _CONSTANT_VARIABLES[folded]
        raise NotConstant(node)
    if isinstance(node, ast.ArrayLiteralAst):
        return [constant_value(element) for element in node.elements]
    if isinstance(node, ast.ArrayExpressionAst | ast.SubExpressionAst):
        values: list[Any] = []
        for statement in node.sub_expression.statements:
            value = _statement_value(statement)
            values.extend(value if isinstance(value, list) else [value])
        if isinstance(node, ast.ArrayExpressionAst):
            return values
        return values[0] if len(values) == 1 else (values or None)
    if isinstance(node, ast.ParenExpressionAst):
        return _statement_value(node.pipeline)
    if isinstance(node, ast.HashtableAst):
        from ..objects import Hashtable

        table = Hashtable()
        for key, value in node.key_value_pairs:
            table[constant_value(key)] = _statement_value(value)
        return table
    if isinstance(node, ast.UnaryExpressionAst) and node.token_kind in (TokenKind.Minus, TokenKind.Plus):
        value = constant_value(node.child)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return -value if node.token_kind is TokenKind.Minus else value
    raise NotConstant(node)


def _statement_value(statement: ast.StatementAst) -> Any:
    if isinstance(statement, ast.PipelineAst):
        expression = statement.get_pure_expression()
        if expression is not None:
            return constant_value(expression)
    raise NotConstant(statement)
