"""Import-PowerShellDataFile: the hashtable a .psd1 file holds, computed without running anything.

ImportPowerShellDataFileCommand parses each file (-Path wildcards resolve to one file; -LiteralPath
as written), takes the first hashtable of its syntax tree and asks for its safe value
(Ast.SafeGetValue): literals, strings, arrays, nested hashtables, script block literals (created,
never invoked), ``$true``/``$false``/``$null``, unary minus/plus and casts to primitive types.
Anything else -- a command, a method call, an operator (``"A" * 2`` can build gigabytes), a
variable -- is a System.InvalidOperationException naming the hashtable's text; so is a hashtable
of more than 500 keys or more than 5,000 values unless -SkipLimitCheck.  A file that does not
parse, or holds no hashtable, is a CouldNotParseAsPowerShellDataFile* error; a missing file (or a
directory) PathNotFound.
"""

from __future__ import annotations

import os
from typing import Any

from ...errors import ErrorCategory
from ...language import ast
from ...language.tokens import TokenKind
from ...objects import Hashtable, to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.paths import path_arguments, resolve_write_target

__all__ = ["ImportPowerShellDataFile", "safe_value"]

MAX_KEYS = 500
MAX_VISITS = 5000

#: Ast.SafeGetValue converts only to these (Type.IsSafePrimitive).
_SAFE_TYPES = {
    f"System.{name}"
    for name in [
        "Boolean",
        "Byte",
        "SByte",
        "Int16",
        "UInt16",
        "Int32",
        "UInt32",
        "Int64",
        "UInt64",
        "Char",
        "Double",
        "Single",
        "Decimal",
        "String",
        "IntPtr",
        "UIntPtr",
    ]
}


class UnsafeExpression(Exception):
    """The tree holds something SafeGetValue will not compute."""


class _SafeValue:
    def __init__(self, skip_limits: bool) -> None:
        self.skip_limits = skip_limits
        self.visits = 0

    def count(self) -> None:
        self.visits += 1
        if not self.skip_limits and self.visits > MAX_VISITS:
            raise UnsafeExpression

    def value(self, node: ast.Ast) -> Any:
        if isinstance(node, ast.StringConstantExpressionAst | ast.ConstantExpressionAst):
            self.count()
            return node.value
        if isinstance(node, ast.ExpandableStringExpressionAst):
            nested = []
            for expression in node.nested_expressions:
                self.count()
                nested.append(to_ps_string(self.value(expression)))
            return node.format_expression.format(*nested) if nested else node.value
        if isinstance(node, ast.VariableExpressionAst):
            self.count()
            path = node.variable_path
            name = path.unqualified_path.casefold() if path.is_unscoped_variable and not node.splatted else ""
            if name in ("true", "false", "null"):
                return {"true": True, "false": False, "null": None}[name]
            raise UnsafeExpression
        if isinstance(node, ast.ArrayLiteralAst):
            return [self.value(element) for element in node.elements]
        if isinstance(node, ast.ArrayExpressionAst):
            values: list[Any] = []
            for statement in node.sub_expression.statements:
                self.count()
                value = self.statement(statement)
                values.extend(value if isinstance(value, list) else [value])
            return values
        if isinstance(node, ast.SubExpressionAst):
            results = [self.statement(statement) for statement in node.sub_expression.statements]
            return results[0] if len(results) == 1 else (results or None)
        if isinstance(node, ast.ParenExpressionAst):
            return self.statement(node.pipeline)
        if isinstance(node, ast.HashtableAst):
            if not self.skip_limits and len(node.key_value_pairs) > MAX_KEYS:
                raise UnsafeExpression
            table = Hashtable()
            for key, item in node.key_value_pairs:
                table[self.value(key)] = self.statement(item)
            return table
        if isinstance(node, ast.ScriptBlockExpressionAst):
            from ...language.engine.scriptblock import CompiledScriptBlock, ScriptBlock

            return ScriptBlock(CompiledScriptBlock(node.script_block), None)
        if isinstance(node, ast.UnaryExpressionAst) and node.token_kind in (TokenKind.Minus, TokenKind.Plus):
            child = self.value(node.child)
            self.count()
            if isinstance(child, int | float) and not isinstance(child, bool):
                return -child if node.token_kind is TokenKind.Minus else child
            raise UnsafeExpression
        if isinstance(node, ast.ConvertExpressionAst):
            from ...conversion import convert_to, find_type

            target = find_type(node.type.type_name.full_name)
            if target is None or target.full_name not in _SAFE_TYPES:
                raise UnsafeExpression
            self.count()
            try:
                return convert_to(self.value(node.child), target)
            except Exception as error:  # a failed cast: SafeGetValue reports it as not safe
                raise UnsafeExpression from error
        raise UnsafeExpression

    def statement(self, statement: ast.Ast) -> Any:
        if isinstance(statement, ast.PipelineAst):
            expression = statement.get_pure_expression()
            if expression is not None:
                return self.value(expression)
        raise UnsafeExpression


def safe_value(node: ast.HashtableAst, skip_limits: bool = False) -> Any:
    """Ast.SafeGetValue: the value, or InvalidOperationException's message when it is not safe."""
    try:
        return _SafeValue(skip_limits).value(node)
    except UnsafeExpression as error:
        raise ValueError(
            "Cannot generate a PowerShell object for a ScriptBlock evaluating dynamic expressions. "
            f"Dynamic expression: {node.extent.text}."
        ) from error


@register_cmdlet
class ImportPowerShellDataFile(Cmdlet):
    name = "Import-PowerShellDataFile"

    def process(self) -> None:
        paths, literal = path_arguments(self.params)
        for path in paths:
            resolved = resolve_write_target(self.runspace, path, literal)
            if not os.path.isfile(resolved):
                self.write_error(
                    CmdletError(
                        f"Cannot find path '{path}' because it does not exist.",
                        error_id="PathNotFound",
                        category=ErrorCategory.InvalidArgument,
                        exception_type="System.ArgumentException",
                        target_object=path,
                    )
                )
                continue
            self._import(resolved)

    def _import(self, path: str) -> None:
        from ...language.errors import ParseError
        from ...language.parser import parse
        from ...language.script_file import read_script_file

        try:
            tree = parse(read_script_file(path), file=path)
        except ParseError:
            self.write_error(_not_a_data_file(path, "CouldNotParseAsPowerShellDataFile"))
            return
        table = tree.find(lambda node: isinstance(node, ast.HashtableAst), False)
        if table is None:
            self.write_error(_not_a_data_file(path, "CouldNotParseAsPowerShellDataFileNoHashtableRoot"))
            return
        assert isinstance(table, ast.HashtableAst)
        try:
            value = safe_value(table, bool(self.params.SkipLimitCheck))
        except ValueError as error:
            self.throw_terminating_error(
                CmdletError(
                    str(error),
                    error_id="System.InvalidOperationException",
                    exception_type="System.InvalidOperationException",
                )
            )
        self.write_output(value)


def _not_a_data_file(path: str, error_id: str) -> CmdletError:
    return CmdletError(
        f"The file '{path}' could not be parsed as a PowerShell Data File.",
        error_id=error_id,
        category=ErrorCategory.InvalidData,
        exception_type="System.InvalidOperationException",
        target_object=path,
    )
