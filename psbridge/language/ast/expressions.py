"""Expressions: literals, variables, operators, member access, calls, indexing, casts, script blocks.

A member chain ``$a.b.c[0].d()`` nests left to right (the target of each
access is the expression before it), as in PowerShell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..variables import VariablePath
from .base import Ast, ExpressionAst, StringConstantType, link_all

if TYPE_CHECKING:
    from ..extent import Extent
    from ..tokens import TokenKind
    from .blocks import AttributeBaseAst, ScriptBlockAst, StatementBlockAst, TypeConstraintAst
    from .statements import PipelineBaseAst, StatementAst
    from .typenames import ITypeName

__all__ = [
    "ArrayExpressionAst",
    "ArrayLiteralAst",
    "AttributedExpressionAst",
    "BaseCtorInvokeMemberExpressionAst",
    "BinaryExpressionAst",
    "ConstantExpressionAst",
    "ConvertExpressionAst",
    "ErrorExpressionAst",
    "ExpandableStringExpressionAst",
    "HashtableAst",
    "IndexExpressionAst",
    "InvokeMemberExpressionAst",
    "MemberExpressionAst",
    "ParenExpressionAst",
    "ScriptBlockExpressionAst",
    "StringConstantExpressionAst",
    "SubExpressionAst",
    "TernaryExpressionAst",
    "TypeExpressionAst",
    "UnaryExpressionAst",
    "UsingExpressionAst",
    "VariableExpressionAst",
]

_CONSTANT_VARIABLES = frozenset(("true", "false", "null"))


class ErrorExpressionAst(ExpressionAst):
    """Where an expression has errors: the parts the parser could read."""

    __slots__ = ("nested_ast",)
    _fields = ("nested_ast",)

    def __init__(self, extent: Extent, nested_ast: list[Ast] | None = None) -> None:
        self.extent = extent
        self.parent = None
        self.nested_ast = nested_ast or []
        link_all(self, self.nested_ast)


class ConstantExpressionAst(ExpressionAst):
    """A number literal; ``value`` is typed as PowerShell's lexer types it."""

    __slots__ = ("value",)
    _props: tuple[str, ...] = ("value",)

    def __init__(self, extent: Extent, value: Any) -> None:
        self.extent = extent
        self.parent = None
        self.value = value


class StringConstantExpressionAst(ConstantExpressionAst):
    """A string with nothing to expand: quoted, here-string, or a bare word."""

    __slots__ = ("string_constant_type",)
    _props: tuple[str, ...] = ("value", "string_constant_type")

    def __init__(self, extent: Extent, value: str, string_constant_type: StringConstantType) -> None:
        self.extent = extent
        self.parent = None
        self.value = value
        self.string_constant_type = string_constant_type


class ExpandableStringExpressionAst(ExpressionAst):
    """``"text $var $(expr)"`` (or a bare word with ``$``): ``nested_expressions`` in order.

    ``value`` is the text as written between the quotes (escapes processed,
    variables unexpanded); ``format_expression`` has ``{0}``, ``{1}`` ... where
    the nested expressions go and literal braces doubled.
    """

    __slots__ = ("format_expression", "nested_expressions", "string_constant_type", "value")
    _fields = ("nested_expressions",)
    _props = ("value", "string_constant_type")

    def __init__(
        self,
        extent: Extent,
        value: str,
        string_constant_type: StringConstantType,
        format_expression: str,
        nested_expressions: list[ExpressionAst],
    ) -> None:
        self.extent = extent
        self.parent = None
        self.value = value
        self.string_constant_type = string_constant_type
        self.format_expression = format_expression
        self.nested_expressions = nested_expressions
        link_all(self, nested_expressions)


class VariableExpressionAst(ExpressionAst):
    """``$name`` / ``@name`` (``splatted``); ``variable_path`` tells scope or drive."""

    __slots__ = ("splatted", "variable_path")
    _props = ("variable_path", "splatted")

    def __init__(self, extent: Extent, variable_path: VariablePath, splatted: bool) -> None:
        self.extent = extent
        self.parent = None
        self.variable_path = variable_path
        self.splatted = splatted

    @classmethod
    def named(cls, extent: Extent, name: str, splatted: bool = False) -> VariableExpressionAst:
        return cls(extent, VariablePath(name), splatted)

    def is_constant_variable(self) -> bool:
        """``$true``, ``$false``, ``$null``."""
        path = self.variable_path
        return path.is_unscoped_variable and path.unqualified_path.lower() in _CONSTANT_VARIABLES


class TypeExpressionAst(ExpressionAst):
    """``[type]`` as a value (``[math]::Pi``, ``$x -is [int]``)."""

    __slots__ = ("type_name",)
    _props = ("type_name",)

    def __init__(self, extent: Extent, type_name: ITypeName) -> None:
        self.extent = extent
        self.parent = None
        self.type_name = type_name


class ArrayLiteralAst(ExpressionAst):
    """``a, b, c`` (and ``,a``)."""

    __slots__ = ("elements",)
    _fields = ("elements",)

    def __init__(self, extent: Extent, elements: list[ExpressionAst]) -> None:
        self.extent = extent
        self.parent = None
        self.elements = elements
        link_all(self, elements)


class HashtableAst(ExpressionAst):
    """``@{ key = statement; ... }``: ``key_value_pairs`` are (key expression, value statement)."""

    __slots__ = ("key_value_pairs",)
    _fields = ("key_value_pairs",)

    def __init__(self, extent: Extent, key_value_pairs: list[tuple[ExpressionAst, StatementAst]]) -> None:
        self.extent = extent
        self.parent = None
        self.key_value_pairs = key_value_pairs
        for key, value in key_value_pairs:
            key.parent = self
            value.parent = self


class ArrayExpressionAst(ExpressionAst):
    """``@( statements )``."""

    __slots__ = ("sub_expression",)
    _fields = ("sub_expression",)

    def __init__(self, extent: Extent, sub_expression: StatementBlockAst) -> None:
        self.extent = extent
        self.parent = None
        self.sub_expression = sub_expression
        sub_expression.parent = self


class SubExpressionAst(ExpressionAst):
    """``$( statements )``."""

    __slots__ = ("sub_expression",)
    _fields = ("sub_expression",)

    def __init__(self, extent: Extent, sub_expression: StatementBlockAst) -> None:
        self.extent = extent
        self.parent = None
        self.sub_expression = sub_expression
        sub_expression.parent = self


class ParenExpressionAst(ExpressionAst):
    """``( pipeline )``."""

    __slots__ = ("pipeline",)
    _fields = ("pipeline",)

    def __init__(self, extent: Extent, pipeline: PipelineBaseAst) -> None:
        self.extent = extent
        self.parent = None
        self.pipeline = pipeline
        pipeline.parent = self


class UsingExpressionAst(ExpressionAst):
    """``$using:name`` (a variable of the caller's session in remote or parallel script blocks)."""

    __slots__ = ("sub_expression",)
    _fields = ("sub_expression",)

    def __init__(self, extent: Extent, sub_expression: ExpressionAst) -> None:
        self.extent = extent
        self.parent = None
        self.sub_expression = sub_expression
        sub_expression.parent = self


class ScriptBlockExpressionAst(ExpressionAst):
    """``{ ... }`` as a value."""

    __slots__ = ("script_block",)
    _fields = ("script_block",)

    def __init__(self, extent: Extent, script_block: ScriptBlockAst) -> None:
        self.extent = extent
        self.parent = None
        self.script_block = script_block
        script_block.parent = self


class UnaryExpressionAst(ExpressionAst):
    """``-not x``, ``!x``, ``-x``, ``++x``, ``x--``, ``-split x``, ``-join x``, ``-bnot x`` (``token_kind``)."""

    __slots__ = ("child", "token_kind")
    _fields = ("child",)
    _props = ("token_kind",)

    def __init__(self, extent: Extent, token_kind: TokenKind, child: ExpressionAst) -> None:
        self.extent = extent
        self.parent = None
        self.token_kind = token_kind
        self.child = child
        child.parent = self


class BinaryExpressionAst(ExpressionAst):
    """``left op right`` for every binary operator (``operator`` is its TokenKind, e.g. Ieq, Cmatch, Plus)."""

    __slots__ = ("error_position", "left", "operator", "right")
    _fields = ("left", "right")
    _props = ("operator",)

    def __init__(
        self, extent: Extent, left: ExpressionAst, operator: TokenKind, right: ExpressionAst, error_position: Extent
    ) -> None:
        self.extent = extent
        self.parent = None
        self.left = left
        self.operator = operator
        self.right = right
        self.error_position = error_position
        left.parent = self
        right.parent = self


class TernaryExpressionAst(ExpressionAst):
    """``condition ? if_true : if_false``."""

    __slots__ = ("condition", "if_false", "if_true")
    _fields = ("condition", "if_true", "if_false")

    def __init__(self, extent: Extent, condition: ExpressionAst, if_true: ExpressionAst, if_false: ExpressionAst):
        self.extent = extent
        self.parent = None
        self.condition = condition
        self.if_true = if_true
        self.if_false = if_false
        condition.parent = self
        if_true.parent = self
        if_false.parent = self


class AttributedExpressionAst(ExpressionAst):
    """``[ValidateNotNull()]$x``: an attribute applied to an expression."""

    __slots__ = ("attribute", "child")
    _fields = ("attribute", "child")

    def __init__(self, extent: Extent, attribute: AttributeBaseAst, child: ExpressionAst) -> None:
        self.extent = extent
        self.parent = None
        self.attribute = attribute
        self.child = child
        attribute.parent = self
        child.parent = self


class ConvertExpressionAst(AttributedExpressionAst):
    """``[type]expression``: a cast (``type`` is the TypeConstraintAst)."""

    __slots__ = ()

    @property
    def type(self) -> TypeConstraintAst:
        return self.attribute  # type: ignore[return-value]


class MemberExpressionAst(ExpressionAst):
    """``expression.member``, ``expression::member`` (``static``), ``expression?.member`` (``null_conditional``).

    ``member`` is a StringConstantExpressionAst for a name, or any expression
    (``$x.$name``, ``$x.'a b'``, ``$x.($y)``).
    """

    __slots__ = ("expression", "member", "null_conditional", "static")
    _fields: tuple[str, ...] = ("expression", "member")
    _props: tuple[str, ...] = ("static", "null_conditional")

    def __init__(
        self,
        extent: Extent,
        expression: ExpressionAst,
        member: Ast,
        static: bool,
        null_conditional: bool = False,
    ) -> None:
        self.extent = extent
        self.parent = None
        self.expression = expression
        self.member = member
        self.static = static
        self.null_conditional = null_conditional
        expression.parent = self
        member.parent = self


class InvokeMemberExpressionAst(MemberExpressionAst):
    """``expression.Method(arguments)`` (``Method[T](...)`` has ``generic_type_arguments``)."""

    __slots__ = ("arguments", "generic_type_arguments")
    _fields = ("expression", "member", "arguments")
    _props = ("static", "null_conditional", "generic_type_arguments")

    def __init__(
        self,
        extent: Extent,
        expression: ExpressionAst,
        member: Ast,
        arguments: list[ExpressionAst],
        static: bool,
        null_conditional: bool = False,
        generic_type_arguments: list[ITypeName] | None = None,
    ) -> None:
        self.extent = extent
        self.parent = None
        self.expression = expression
        self.member = member
        self.static = static
        self.null_conditional = null_conditional
        self.arguments = arguments
        self.generic_type_arguments = generic_type_arguments
        expression.parent = self
        member.parent = self
        link_all(self, arguments)


class BaseCtorInvokeMemberExpressionAst(InvokeMemberExpressionAst):
    """``: base(arguments)`` after a class constructor's parameters."""

    __slots__ = ()


class IndexExpressionAst(ExpressionAst):
    """``target[index]`` (``target?[index]`` is ``null_conditional``)."""

    __slots__ = ("index", "null_conditional", "target")
    _fields = ("target", "index")
    _props = ("null_conditional",)

    def __init__(self, extent: Extent, target: ExpressionAst, index: ExpressionAst, null_conditional: bool) -> None:
        self.extent = extent
        self.parent = None
        self.target = target
        self.index = index
        self.null_conditional = null_conditional
        target.parent = self
        index.parent = self
