"""Helpers for the parser's tests: parse and pick out nodes, and render trees compactly."""

from __future__ import annotations

import enum

from psbridge.language import ast, parse, parse_input


def statements(text: str) -> list[ast.StatementAst]:
    block = parse(text).end_block
    assert block is not None
    return block.statements


def only_statement(text: str) -> ast.StatementAst:
    (statement,) = statements(text)
    return statement


def expression(text: str) -> ast.ExpressionAst:
    """The one expression ``text`` is (a statement that is a pipeline of one expression)."""
    statement = only_statement(text)
    assert isinstance(statement, ast.PipelineAst), statement
    pure = statement.get_pure_expression()
    assert pure is not None, statement
    return pure


def command(text: str) -> ast.CommandAst:
    statement = only_statement(text)
    assert isinstance(statement, ast.PipelineAst)
    (element,) = statement.pipeline_elements
    assert isinstance(element, ast.CommandAst)
    return element


def errors(text: str) -> list[tuple[str, int]]:
    """(error id, start offset) of every parse error."""
    _, found = parse_input(text)
    return [(error.error_id, error.extent.start_offset) for error in found]


def error_ids(text: str) -> list[str]:
    return [error_id for error_id, _ in errors(text)]


def shape(node: object) -> str:
    """A compact picture: ``Binary(Plus Constant(1) Constant(2))``; strings and names show their values."""
    if isinstance(node, ast.StringConstantExpressionAst):
        return repr(node.value)
    if isinstance(node, ast.ConstantExpressionAst):
        return repr(node.value)
    if isinstance(node, ast.VariableExpressionAst):
        return ("@" if node.splatted else "$") + node.variable_path.user_path
    if isinstance(node, ast.CommandExpressionAst) and not node.redirections:
        return shape(node.expression)
    if isinstance(node, ast.PipelineAst) and len(node.pipeline_elements) == 1 and not node.background:
        return shape(node.pipeline_elements[0])
    if isinstance(node, ast.TypeConstraintAst | ast.TypeExpressionAst):
        return f"[{node.type_name.full_name}]"
    assert isinstance(node, ast.Ast)
    name = type(node).__name__.removesuffix("Ast").removesuffix("Expression").removesuffix("Statement")
    parts = []
    for prop in node._props:
        value = getattr(node, prop)
        if isinstance(value, enum.Enum) and value.value:
            parts.append(value.name)
        elif isinstance(value, str):
            parts.append(value)
        elif value is True:
            parts.append(prop)
    parts.extend(shape(child) for child in node.children())
    return f"{name}({' '.join(parts)})"
