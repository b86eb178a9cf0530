"""Assignments: ``=``, the compound operators, ``??=``, ``++``/``--``, multiple assignment.

An assignable expression compiles to a pair: a writer ``(scope, value)`` and, for the
compound forms, a reader; a member or index target evaluates its object and key once.
``[int]$x = ...`` declares the type constraint on the variable, so later assignments
convert (PowerShell's ArgumentTypeConverterAttribute); ``$a, $b = 1, 2, 3`` gives the
last variable the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ...conversion import PSInvalidCastError, RuntimeException
from ...conversion.operators import increment
from ...errors import ErrorCategory
from ...runtime.scopes import ALL_SCOPE
from .. import ast
from ..engine.members import get_index, get_member, set_index, set_member
from ..engine.values import enumerate_value
from ..engine.variable_validation import attribute_kind, validation_maker
from ..tokens import TokenKind
from .core import CompilerCore
from .expressions import TypeReference
from .members import static_owner
from .operators import fast_binary
from .variables import plain_key, variable_reader, variable_writer

if TYPE_CHECKING:
    from ...runtime.scopes import Scope
    from .core import Expr, Out, Stmt

__all__ = ["AssignmentCompiler"]

#: ``+=`` -> ``+`` ...
_COMPOUND = {
    int(TokenKind.PlusEquals): int(TokenKind.Plus),
    int(TokenKind.MinusEquals): int(TokenKind.Minus),
    int(TokenKind.MultiplyEquals): int(TokenKind.Multiply),
    int(TokenKind.DivideEquals): int(TokenKind.Divide),
    int(TokenKind.RemainderEquals): int(TokenKind.Rem),
}

Update = Callable[["Scope", Callable[[Any], Any]], Any]

#: Bounds past which ``++``/``--`` leave the Int32 fast path (:func:`increment` widens).
_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1


def _invalid_target(node: ast.Ast) -> RuntimeException:
    return RuntimeException(
        f"The assignment expression is not valid. The input to an assignment operator must be an object that is "
        f"able to accept assignments, such as a variable or a property: {node.extent.text}",
        error_id="InvalidLeftHandSide",
        category=ErrorCategory.ParserError,
    )


def _type_attribute(reference: TypeReference) -> Callable[[Any], Any]:
    def constrain(value: Any) -> Any:
        try:
            return reference.get().convert(value)
        except PSInvalidCastError as error:
            # the variable's type converter failed: ArgumentTransformationMetadataException, a
            # MetadataError (about_Assignment_Operators shows "MetadataError:" for [int]$a = "string")
            record = error.error_record
            record.category = ErrorCategory.MetadataError
            record.exception_type_name = "ArgumentTransformationMetadataException"
            raise

    return constrain


class AssignmentCompiler(CompilerCore):
    """Assignment statements and ``++``/``--``."""

    # -- targets ------------------------------------------------------------------------------------
    def writer(self, node: ast.Ast) -> Callable[[Scope, Any], None]:
        """The closure that stores a value into the target expression ``node``."""
        if isinstance(node, ast.VariableExpressionAst):
            return variable_writer(node.variable_path)
        if isinstance(node, ast.AttributedExpressionAst):
            attributes: list[Callable[[Any], Any]] = []
            validations: list[ast.AttributeBaseAst] = []
            inner: ast.Ast = node
            while isinstance(inner, ast.AttributedExpressionAst):
                if isinstance(inner, ast.ConvertExpressionAst):
                    attributes.insert(0, _type_attribute(TypeReference(inner.attribute.type_name, self.namespaces)))
                elif attribute_kind(inner.attribute) is not None:
                    validations.insert(0, inner.attribute)
                inner = inner.child
            if isinstance(inner, ast.VariableExpressionAst):
                if validations:
                    return self._validated_writer(inner.variable_path, attributes, validations)
                return variable_writer(inner.variable_path, attributes or None)
            raise _invalid_target(node)
        if isinstance(node, ast.MemberExpressionAst) and not isinstance(node, ast.InvokeMemberExpressionAst):
            target = self.expr(node.expression)
            constant, name_of = self.member_name(node.member)

            static = node.static

            def write_member(scope: Scope, value: Any) -> None:
                name = constant if constant is not None else str(name_of(scope))  # type: ignore[misc]
                owner = target(scope)
                set_member(static_owner(owner) if static else owner, name, value)

            return write_member
        if isinstance(node, ast.IndexExpressionAst):
            target = self.expr(node.target)
            index = self.expr(node.index)

            def write_index(scope: Scope, value: Any) -> None:
                set_index(target(scope), index(scope), value)

            return write_index
        if isinstance(node, ast.ArrayLiteralAst):
            writers = [self.writer(element) for element in node.elements]

            def write_many(scope: Scope, value: Any) -> None:
                items = enumerate_value(value)
                for position, write in enumerate(writers):
                    if position == len(writers) - 1:
                        rest = items[position:]
                        write(scope, rest[0] if len(rest) == 1 else (rest if rest else None))
                    else:
                        write(scope, items[position] if position < len(items) else None)

            return write_many
        if isinstance(node, ast.ParenExpressionAst):
            inner_expression = self.simple_expression(node.pipeline)
            if inner_expression is not None:
                return self.writer(inner_expression)
        raise _invalid_target(node)

    def _validated_writer(
        self, path: Any, attributes: list[Callable[[Any], Any]], validations: list[ast.AttributeBaseAst]
    ) -> Callable[[Scope, Any], None]:
        """``[ValidateRange(0, 16)][int]$x = value``: the attributes' arguments are evaluated at
        each declaration; the type converts, then each validation checks (variable_validation)."""
        name = path.unqualified_path
        makers = []
        for attribute in validations:
            assert isinstance(attribute, ast.AttributeAst)
            kind = attribute_kind(attribute)
            assert kind is not None
            makers.append(validation_maker(kind, [self.expr(a) for a in attribute.positional_arguments], name))

        def declare(scope: Scope, value: Any) -> None:
            checks = [make(scope) for make in makers]
            variable_writer(path, [*attributes, *checks])(scope, value)

        return declare

    def updater(self, node: ast.Ast) -> Update:
        """``update(scope, change)``: read the target once, store ``change(old)``, return the new value."""
        if isinstance(node, ast.VariableExpressionAst):
            read = variable_reader(node.variable_path)
            write = variable_writer(node.variable_path)

            def update_variable(scope: Scope, change: Callable[[Any], Any]) -> Any:
                value = change(read(scope))
                write(scope, value)
                return value

            return update_variable
        if isinstance(node, ast.MemberExpressionAst) and not isinstance(node, ast.InvokeMemberExpressionAst):
            target = self.expr(node.expression)
            constant, name_of = self.member_name(node.member)

            static = node.static

            def update_member(scope: Scope, change: Callable[[Any], Any]) -> Any:
                owner = static_owner(target(scope)) if static else target(scope)
                name = constant if constant is not None else str(name_of(scope))  # type: ignore[misc]
                value = change(get_member(owner, name, scope))
                set_member(owner, name, value)
                return value

            return update_member
        if isinstance(node, ast.IndexExpressionAst):
            target = self.expr(node.target)
            index = self.expr(node.index)

            def update_index(scope: Scope, change: Callable[[Any], Any]) -> Any:
                owner = target(scope)
                key = index(scope)
                value = change(get_index(owner, key, scope))
                set_index(owner, key, value)
                return value

            return update_index
        if isinstance(node, ast.AttributedExpressionAst | ast.ParenExpressionAst):
            write = self.writer(node)
            read = self.expr(node)

            def update_other(scope: Scope, change: Callable[[Any], Any]) -> Any:
                value = change(read(scope))
                write(scope, value)
                return value

            return update_other
        raise _invalid_target(node)

    # -- statements -----------------------------------------------------------------------------------
    def assignment_value(self, node: ast.AssignmentStatementAst) -> Expr:
        """The assignment as an expression: it assigns, and its value is what was assigned."""
        value_of = self.pipeline_value(node.right)
        operator = int(node.operator)
        target = node.left
        if operator == TokenKind.Equals:
            if isinstance(target, ast.VariableExpressionAst):
                write = variable_writer(target.variable_path)

                def assign_variable(scope: Scope) -> Any:
                    value = value_of(scope)
                    write(scope, value)
                    return value

                return assign_variable
            store = self.writer(target)
            converted = target
            while isinstance(converted, ast.ConvertExpressionAst):
                converted = converted.child
            if converted is not target and isinstance(converted, ast.VariableExpressionAst):
                # ``([bool]$var = 42)`` is the variable's new value, True (PowerShell issue 17165)
                read = variable_reader(converted.variable_path)

                def assign_converted(scope: Scope) -> Any:
                    store(scope, value_of(scope))
                    return read(scope)

                return assign_converted

            def assign(scope: Scope) -> Any:
                value = value_of(scope)
                store(scope, value)
                return value

            return assign
        update = self.updater(target)
        if operator == TokenKind.QuestionQuestionEquals:

            def coalesce_assign(scope: Scope) -> Any:
                return update(scope, lambda old: value_of(scope) if old is None else old)

            return coalesce_assign
        function = fast_binary(_COMPOUND[operator])

        def compound(scope: Scope) -> Any:
            return update(scope, lambda old: function(old, value_of(scope)))

        if isinstance(target, ast.VariableExpressionAst) and target.variable_path.is_unqualified:
            key = target.variable_path.unqualified_path.casefold()
            read = variable_reader(target.variable_path)

            def compound_local(scope: Scope) -> Any:
                # The common ``$s += $i``: the variable is in the current scope and has no attributes.
                variable = scope.variables.get(key)
                if variable is not None and variable.plain:
                    value = variable.value = function(variable.value, value_of(scope))
                    return value
                if variable is None:
                    inherited = scope.lookup(key)
                    if inherited is not None and not inherited.options & ALL_SCOPE:
                        # A compound assignment reads the current scope only (no dynamic scoping:
                        # about_Assignment_Operators), so a parent's $x does not count: $null op value.
                        return update(scope, lambda old: function(None, value_of(scope)))
                return update(scope, lambda old: function(old, value_of(scope)))

            del read
            return compound_local
        return compound

    def stmt_AssignmentStatementAst(self, node: ast.AssignmentStatementAst) -> Stmt:
        assign = self.assignment_value(node)

        def run(scope: Scope, _out: Out) -> None:
            assign(scope)

        return run

    def increment_statement(self, node: ast.UnaryExpressionAst, kind: int) -> Stmt:
        """``$i++`` (or ``++$i``, ``$i--``) as a statement: it writes nothing, so postfix and prefix
        are alike; an Int32 in a plain variable of the current scope (a ``for`` loop's counter) is
        stepped in place, anything else goes the general way."""
        step = 1 if kind in (TokenKind.PlusPlus, TokenKind.PostfixPlusPlus) else -1
        update = self.increment_expression(node, TokenKind.PlusPlus if step == 1 else TokenKind.MinusMinus)
        child = node.child
        key = plain_key(child.variable_path) if isinstance(child, ast.VariableExpressionAst) else None
        if key is None:

            def increment_any(scope: Scope, _out: Out) -> None:
                update(scope)

            return increment_any

        def increment_local(scope: Scope, _out: Out) -> None:
            variable = scope.variables.get(key)
            if variable is not None and variable.plain:
                value = variable.value
                if type(value) is int and _INT32_MIN < value + step < _INT32_MAX:
                    variable.value = value + step
                    return
            update(scope)

        return increment_local

    def increment_expression(self, node: ast.UnaryExpressionAst, kind: int) -> Expr:
        update = self.updater(node.child)
        step = 1 if kind in (TokenKind.PlusPlus, TokenKind.PostfixPlusPlus) else -1
        postfix = kind in (TokenKind.PostfixPlusPlus, TokenKind.PostfixMinusMinus)

        def change(value: Any) -> Any:
            if type(value) is int and _INT32_MIN < value + step < _INT32_MAX:
                return value + step
            return increment(value, step)

        if not postfix:
            return lambda scope: update(scope, change)

        def postfix_increment(scope: Scope) -> Any:
            old: list[Any] = []

            def remember(value: Any) -> Any:
                old.append(value)
                return change(value)

            update(scope, remember)
            return old[0]

        return postfix_increment
