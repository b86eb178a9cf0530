"""Expressions: constants, strings, variables, arrays, hashtables, operators, casts, types.

Each ``expr_<Kind>`` returns a closure ``f(scope) -> value``.  Values are what the
conversion engine uses (Int32 a plain ``int``, arrays Python lists, ``@{}`` a
Hashtable); operators call :mod:`psbridge.conversion.operators` through the table in
:mod:`.operators`.
"""

from __future__ import annotations

from string import Formatter
from typing import TYPE_CHECKING, Any

from ...conversion import PSType, RuntimeException, is_true, resolve_type, to_string
from ...conversion.operators import increment
from ...conversion.script_types import state as script_types
from ...errors import ErrorCategory
from ...objects import Hashtable, OrderedDictionary
from .. import ast
from ..engine.values import collapse
from ..tokens import TokenKind
from .core import CompilerCore, captured
from .operators import MATCH_KINDS, UNARY, fast_binary, logical, with_int_constant
from .variables import variable_reader

if TYPE_CHECKING:
    from ...runtime.scopes import Scope
    from .core import Expr

__all__ = ["ExpressionCompiler", "TypeReference", "ofs_of", "using_namespaces"]

_LOGICAL = frozenset({int(TokenKind.And), int(TokenKind.Or), int(TokenKind.Xor)})


def ofs_of(scope: Scope) -> str | None:
    """``$OFS`` as seen from ``scope`` (None: the default single space)."""
    variable = scope.lookup("ofs")
    return None if variable is None or variable.value is None else to_string(variable.value)


class TypeReference:
    """A type name resolved on first use (a type may be defined after the script is compiled).

    Once a script has defined types (``class``/``enum``), the scope the literal is evaluated in
    is asked first (its type table, PowerShell's TypeResolver order); the answer is kept per
    type table, so a loop re-evaluating ``[Step]`` looks nothing up again.  ``namespaces`` are
    the script's ``using namespace`` namespaces: the name is looked up in them too."""

    __slots__ = ("_local", "_table", "_type", "name", "namespaces")

    def __init__(self, type_name: Any, namespaces: tuple[str, ...] = ()) -> None:
        self.name = str(type_name.full_name) if not isinstance(type_name, str) else type_name
        self.namespaces = namespaces
        self._type: PSType | None = None
        self._table: Any = None
        self._local: PSType | None = None

    def get(self, scope: Scope | None = None) -> PSType:
        if script_types.defined:
            if scope is None:
                scope = current_scope()
            table = scope.types if scope is not None else None
            if table:
                if self._table is not table:
                    self._local = resolve_type(self.name, self.namespaces, local=table)
                    self._table = table
                assert self._local is not None
                return self._local
        found = self._type
        if found is None:
            found = self._type = resolve_type(self.name, self.namespaces)
        return found


def using_namespaces(node: ast.Ast | None) -> tuple[str, ...]:
    """The namespaces of the ``using namespace`` statements at the top of the script ``node`` is
    in (its own and its enclosing script blocks'): type names there resolve in them too."""
    found: list[str] = []
    while node is not None:
        for statement in getattr(node, "using_statements", None) or ():
            if statement.using_statement_kind == ast.UsingStatementKind.Namespace and statement.name is not None:
                found.append(str(statement.name.value))
        node = node.parent
    return tuple(found)


def current_scope() -> Scope | None:
    """The scope the running script is in (for conversions made without one at hand)."""
    from ..engine.context import CURRENT

    context = CURRENT.get()
    return context.runspace.current_scope if context is not None else None


def _expand(value: Any, scope: Scope) -> str:
    if type(value) is str:
        return value
    if isinstance(value, list | tuple):
        return to_string(value, ofs_of(scope))
    return to_string(value)


class ExpressionCompiler(CompilerCore):
    """The ``expr_*`` methods for literal, variable and operator nodes."""

    # -- literals ----------------------------------------------------------------------------------
    def expr_ConstantExpressionAst(self, node: ast.ConstantExpressionAst) -> Expr:
        value = node.value
        return lambda _scope: value

    expr_StringConstantExpressionAst = expr_ConstantExpressionAst

    def expr_ExpandableStringExpressionAst(self, node: ast.ExpandableStringExpressionAst) -> Expr:
        nested = [self.expr(part) for part in node.nested_expressions]
        pieces: list[tuple[str, int | None]] = []
        for literal, field, _spec, _conversion in Formatter().parse(node.format_expression):
            pieces.append((literal, int(field) if field else None))
        if not nested:
            text = "".join(literal for literal, _ in pieces)
            return lambda _scope: text
        plan = tuple((literal, nested[index] if index is not None else None) for literal, index in pieces)

        def expand(scope: Scope) -> str:
            parts = []
            for literal, part in plan:
                parts.append(literal)
                if part is not None:
                    parts.append(_expand(part(scope), scope))
            return "".join(parts)

        return expand

    def expr_VariableExpressionAst(self, node: ast.VariableExpressionAst) -> Expr:
        return variable_reader(node.variable_path, _inside_expandable_string(node))

    def expr_UsingExpressionAst(self, node: ast.UsingExpressionAst) -> Expr:
        # In a job's or a -Parallel block's session the value is the copy the caller's session
        # sent (the runspace's ``using_values``, by the expression's text); elsewhere it is read here.
        inner = self.expr(node.sub_expression)
        key = node.extent.text.casefold()

        def using(scope: Scope) -> Any:
            context = scope.context
            values = getattr(context.runspace, "using_values", None) if context is not None else None
            if values is not None and key in values:
                return values[key]
            return inner(scope)

        return using

    def expr_TypeExpressionAst(self, node: ast.TypeExpressionAst) -> Expr:
        reference = TypeReference(node.type_name, self.namespaces)
        return reference.get

    # -- collections -------------------------------------------------------------------------------
    def expr_ArrayLiteralAst(self, node: ast.ArrayLiteralAst) -> Expr:
        elements = tuple(self.expr(element) for element in node.elements)
        return lambda scope: [element(scope) for element in elements]

    def expr_ArrayExpressionAst(self, node: ast.ArrayExpressionAst) -> Expr:
        body = self.statement_block(node.sub_expression)

        def array(scope: Scope) -> list[Any]:
            return captured(body, scope)

        return array

    def expr_SubExpressionAst(self, node: ast.SubExpressionAst) -> Expr:
        body = self.statement_block(node.sub_expression)

        def sub_expression(scope: Scope) -> Any:
            return collapse(captured(body, scope))

        return sub_expression

    def expr_ParenExpressionAst(self, node: ast.ParenExpressionAst) -> Expr:
        return self.pipeline_value(node.pipeline)

    def expr_HashtableAst(self, node: ast.HashtableAst, ordered: bool = False) -> Expr:
        pairs = tuple((self.expr(key), self.pipeline_value(value), key) for key, value in node.key_value_pairs)
        kind = OrderedDictionary if ordered else Hashtable

        def table(scope: Scope) -> Hashtable:
            result = kind()
            for key_of, value_of, key_node in pairs:
                key = key_of(scope)
                if key is None:
                    raise RuntimeException("A null key is not allowed in a hash literal.", error_id="InvalidNullKey")
                try:
                    duplicate = key in result
                except TypeError:
                    raise RuntimeException(
                        f"A value of type {type(key).__name__} cannot be used as a hash table key.",
                        error_id="InvalidHashKey",
                    ) from None
                if duplicate:
                    raise RuntimeException(
                        f"Duplicate keys '{to_string(key)}' are not allowed in hash literals.",
                        error_id="DuplicateKeyInHashLiteral",
                        target_object=key_node.extent.text,
                    )
                result[key] = value_of(scope)
            return result

        return table

    # -- operators ---------------------------------------------------------------------------------
    def expr_BinaryExpressionAst(self, node: ast.BinaryExpressionAst) -> Expr:
        kind = int(node.operator)
        left = self.expr(node.left)
        right = self.expr(node.right)
        if kind in _LOGICAL:
            return logical(kind, left, right)
        if kind == TokenKind.QuestionQuestion:

            def coalesce(scope: Scope) -> Any:
                value = left(scope)
                return right(scope) if value is None else value

            return coalesce
        if kind in MATCH_KINDS:
            return self._match(kind, left, right)
        if kind in (TokenKind.Ireplace, TokenKind.Creplace, TokenKind.Isplit, TokenKind.Csplit):
            return self._with_blocks(kind, left, right)
        function = fast_binary(kind)
        if isinstance(node.right, ast.ConstantExpressionAst) and not isinstance(
            node.right, ast.StringConstantExpressionAst
        ):
            constant = node.right.value
            shortcut = with_int_constant(kind, left, constant)
            if shortcut is not None:
                return shortcut

            def with_constant(scope: Scope) -> Any:
                return function(left(scope), constant)

            return with_constant

        def binary(scope: Scope) -> Any:
            return function(left(scope), right(scope))

        return binary

    @staticmethod
    def _match(kind: int, left: Expr, right: Expr) -> Expr:
        function = fast_binary(kind)

        def match(scope: Scope) -> Any:
            result, matches = function(left(scope), right(scope))
            if matches is not None:
                scope.set("Matches", matches)
            return result

        return match

    @staticmethod
    def _with_blocks(kind: int, left: Expr, right: Expr) -> Expr:
        """``-replace`` and ``-split`` take a script block: it runs with ``$_`` the match (character)."""
        function = fast_binary(kind)

        def callable_block(value: Any) -> Any:
            runner = getattr(value, "invoke_with_underbar", None)
            if runner is None:
                return value
            if kind in (TokenKind.Isplit, TokenKind.Csplit):
                return lambda char, index: is_true(collapse(runner(char, char, index)))
            return lambda match: to_string(collapse(runner(match)))

        def operate(scope: Scope) -> Any:
            arguments = right(scope)
            if isinstance(arguments, list):
                arguments = [callable_block(item) for item in arguments]
            else:
                arguments = callable_block(arguments)
            return function(left(scope), arguments)

        return operate

    def expr_UnaryExpressionAst(self, node: ast.UnaryExpressionAst) -> Expr:
        kind = int(node.token_kind)
        if kind in (TokenKind.PlusPlus, TokenKind.MinusMinus, TokenKind.PostfixPlusPlus, TokenKind.PostfixMinusMinus):
            return self.increment_expression(node, kind)
        child = self.expr(node.child)
        if kind == TokenKind.Comma:
            return lambda scope: [child(scope)]
        if kind in (TokenKind.Not, TokenKind.Exclaim):

            def negation(scope: Scope) -> bool:
                value = child(scope)
                if value is True:
                    return False
                if value is False:
                    return True
                return not is_true(value)

            return negation
        function = UNARY[kind]
        return lambda scope: function(child(scope))

    def expr_TernaryExpressionAst(self, node: ast.TernaryExpressionAst) -> Expr:
        condition = self.expr(node.condition)
        if_true = self.expr(node.if_true)
        if_false = self.expr(node.if_false)

        def ternary(scope: Scope) -> Any:
            value = condition(scope)
            return if_true(scope) if (value is True or (value is not False and is_true(value))) else if_false(scope)

        return ternary

    # -- casts ------------------------------------------------------------------------------------
    def expr_ConvertExpressionAst(self, node: ast.ConvertExpressionAst) -> Expr:
        type_name = node.attribute.type_name
        name = str(type_name.full_name).casefold()
        child_node = node.child
        if name in ("ordered", "system.collections.specialized.ordereddictionary") and isinstance(
            child_node, ast.HashtableAst
        ):
            return self.expr_HashtableAst(child_node, ordered=True)
        if name in ("pscustomobject", "system.management.automation.pscustomobject") and isinstance(
            child_node, ast.HashtableAst
        ):
            # the literal's entries in order, then the one conversion ([pscustomobject] of a dictionary)
            table = self.expr_HashtableAst(child_node, ordered=True)
            custom = TypeReference(type_name)
            return lambda scope: custom.get(scope).convert(table(scope))
        if name == "ref":
            return self.reference(child_node)
        child = self.expr(child_node)
        if name in ("psobject", "system.management.automation.psobject"):
            # [psobject] only wraps: a hashtable stays a hashtable (about_PSCustomObject); it is
            # [pscustomobject] that makes a dictionary an object (Compiler.cs, PSCustomObjectConverter).
            return child
        if name in ("void", "system.void"):

            def void(scope: Scope) -> Any:
                child(scope)
                return None

            return void
        reference = TypeReference(type_name, self.namespaces)
        if name in ("string", "system.string"):

            def to_text(scope: Scope) -> Any:
                value = child(scope)
                if type(value) is str:
                    return value
                if isinstance(value, list | tuple):
                    return to_string(value, ofs_of(scope))
                return reference.get(scope).convert(value)

            return to_text

        def convert(scope: Scope) -> Any:
            return reference.get(scope).convert(child(scope))

        return convert

    def expr_AttributedExpressionAst(self, node: ast.AttributedExpressionAst) -> Expr:
        return self.expr(node.child)

    def expr_ScriptBlockExpressionAst(self, node: ast.ScriptBlockExpressionAst) -> Expr:
        from ..engine.scriptblock import ScriptBlock

        body = node.script_block
        holder: list[Any] = []

        def script_block(scope: Scope) -> Any:
            if not holder:
                holder.append(ScriptBlock.compile(body))
            context = scope.context
            block = ScriptBlock(holder[0], context)
            if context is not None and context.has_modules:
                from ..engine.modules import session_of

                block.session = session_of(scope)
            return block

        return script_block

    def expr_ErrorExpressionAst(self, node: ast.ErrorExpressionAst) -> Expr:
        error = RuntimeException(
            f"The script has a syntax error at: {node.extent.text}", error_id="ParseError",
            category=ErrorCategory.ParserError,
        )  # fmt: skip

        def fail(_scope: Scope) -> Any:
            raise error

        return fail

    def increment_value(self, value: Any, step: int) -> Any:
        return increment(value, step)


def _inside_expandable_string(node: ast.Ast) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, ast.ExpandableStringExpressionAst):
            return True
        parent = parent.parent
    return False
