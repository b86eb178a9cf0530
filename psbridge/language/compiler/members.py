"""Member access, method calls and indexing: ``$x.Name``, ``$x.$name``, ``[T]::M()``,
``$x?.Name``, ``$x[0]``, ``[ref]$x``.

Chains (``$a.b.c[0].d()``) compile node by node; the parser built them iteratively, and
each closure calls only its target's closure, so a long chain costs one Python frame
per link (the parser refuses chains deep enough to exhaust the stack).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...conversion import PSType, RuntimeException, to_string
from ...conversion.methods import invoke_generic_method
from ...conversion.script_types import ScriptClassType, ScriptObject
from ...errors import ErrorCategory
from .. import ast
from ..engine.members import (
    get_index,
    get_member,
    get_static_member,
    invoke_member,
    invoke_static_member,
    is_void_call,
)
from ..engine.values import collapse, write_enumerated
from .core import CompilerCore
from .expressions import TypeReference
from .variables import variable_reader, variable_writer

if TYPE_CHECKING:
    from collections.abc import Callable

    from ...runtime.scopes import Scope
    from .core import Expr, Out, Stmt

__all__ = ["MemberCompiler", "PSReference"]


def call_block(block: Any, item: Any, *args: Any) -> Any:
    """Run a script block for ``.Where()``/``.ForEach()``: ``$_`` is the item; its output collapsed."""
    return collapse(block.invoke_with_underbar(item, *args))


class PSReference:
    """``[ref]``: ``.Value`` reads and writes the variable (or holds the value) it refers to."""

    __ps_type_name__ = "System.Management.Automation.PSReference"

    def __init__(self, read: Any = None, write: Any = None, value: Any = None) -> None:
        self._read = read
        self._write = write
        self._value = value

    @property
    def Value(self) -> Any:
        return self._read() if self._read is not None else self._value

    @Value.setter
    def Value(self, value: Any) -> None:
        if self._write is not None:
            self._write(value)
        else:
            self._value = value

    def __repr__(self) -> str:
        return f"PSReference({self.Value!r})"


def static_owner(value: Any) -> Any:
    """What ``value::Member`` looks in: a type, or the class of a script class's instance
    (``$this::Count``)."""
    if isinstance(value, ScriptObject):
        return value.script_class
    return value


def _cast_of(node: ast.Ast) -> TypeReference | None:
    """The type of ``([T]$x)`` or ``[T]$x`` written as a method call's target."""
    while isinstance(node, ast.ParenExpressionAst):
        pipeline = node.pipeline
        if not (isinstance(pipeline, ast.PipelineAst) and len(pipeline.pipeline_elements) == 1):
            return None
        element = pipeline.pipeline_elements[0]
        if not isinstance(element, ast.CommandExpressionAst):
            return None
        node = element.expression
    if isinstance(node, ast.ConvertExpressionAst):
        return TypeReference(node.attribute.type_name)
    return None


def _member_name(name_of: Expr, scope: Scope) -> str:
    name = name_of(scope)
    return name if isinstance(name, str) else to_string(name)


class MemberCompiler(CompilerCore):
    """The ``expr_*`` methods for member, method and index nodes."""

    def member_name(self, node: ast.Ast) -> tuple[str | None, Expr | None]:
        if isinstance(node, ast.StringConstantExpressionAst):
            return node.value, None
        return None, self.expr(node)

    def expr_MemberExpressionAst(self, node: ast.MemberExpressionAst) -> Expr:
        target = self.expr(node.expression)
        constant, name_of = self.member_name(node.member)
        null_conditional = node.null_conditional
        if node.static:

            def static(scope: Scope) -> Any:
                ps_type = static_owner(target(scope))
                name = constant if constant is not None else _member_name(name_of, scope)  # type: ignore[arg-type]
                if not isinstance(ps_type, PSType):
                    return get_member(ps_type, name)
                return get_static_member(ps_type, name)

            return static
        if constant is not None:
            name = constant

            def member(scope: Scope) -> Any:
                value = target(scope)
                if value is None and null_conditional:
                    return None
                return get_member(value, name, scope)

            return member

        def dynamic_member(scope: Scope) -> Any:
            value = target(scope)
            if value is None and null_conditional:
                return None
            return get_member(value, _member_name(name_of, scope), scope)  # type: ignore[arg-type]

        return dynamic_member

    def _invocation(self, node: ast.InvokeMemberExpressionAst) -> Callable[[Scope], tuple[Any, str, Any]]:
        """``target.Name(args)`` as a closure giving (target, name, result)."""
        target = self.expr(node.expression)
        constant, name_of = self.member_name(node.member)
        arguments = tuple(self.expr(argument) for argument in (node.arguments or ()))
        null_conditional = node.null_conditional
        static = node.static
        if node.generic_type_arguments:
            return self._generic_invocation(node)
        cast = _cast_of(node.expression)

        def invoke(scope: Scope) -> tuple[Any, str, Any]:
            value = target(scope)
            name = constant if constant is not None else _member_name(name_of, scope)  # type: ignore[arg-type]
            if value is None and null_conditional:
                return value, name, None
            args = [argument(scope) for argument in arguments]
            if static:
                owner = static_owner(value)
                if isinstance(owner, PSType):
                    return owner, name, invoke_static_member(owner, name, args)
            elif cast is not None and isinstance(value, ScriptObject):
                # ``([Base]$this).M()`` calls Base's M, not the override (a non-virtual call).
                chosen = cast.get(scope)
                if isinstance(chosen, ScriptClassType) and chosen.find_methods(name, static=False):
                    return value, name, chosen.invoke_method(value, name, args)
            return value, name, invoke_member(value, name, args, call_block)

        return invoke

    def _generic_invocation(self, node: ast.InvokeMemberExpressionAst) -> Callable[[Scope], tuple[Any, str, Any]]:
        """``$obj.Method[T](args)`` / ``[C]::Method[T](args)`` (PowerShell 7.3's generic method
        call): the type arguments resolved where the call runs, then the generic method."""
        target = self.expr(node.expression)
        constant, name_of = self.member_name(node.member)
        arguments = tuple(self.expr(argument) for argument in (node.arguments or ()))
        references = tuple(TypeReference(name, self.namespaces) for name in node.generic_type_arguments or ())
        null_conditional = node.null_conditional
        static = node.static

        def invoke_generic(scope: Scope) -> tuple[Any, str, Any]:
            value = target(scope)
            name = constant if constant is not None else _member_name(name_of, scope)  # type: ignore[arg-type]
            if value is None and null_conditional:
                return value, name, None
            type_arguments = [reference.get() for reference in references]
            args = [argument(scope) for argument in arguments]
            if static:
                owner = static_owner(value)
                if isinstance(owner, PSType):
                    from ...conversion.statics import invoke_generic_static  # on first use

                    return owner, name, invoke_generic_static(owner, name, type_arguments, args)
            return value, name, invoke_generic_method(value, name, type_arguments, args)

        return invoke_generic

    def expr_InvokeMemberExpressionAst(self, node: ast.InvokeMemberExpressionAst) -> Expr:
        invoke = self._invocation(node)

        def result(scope: Scope) -> Any:
            return invoke(scope)[2]

        return result

    def invocation_statement(self, node: ast.InvokeMemberExpressionAst) -> Stmt:
        """A method call as a statement: a ``void`` method writes nothing (not one ``$null``)."""
        invoke = self._invocation(node)
        static = node.static

        def run(scope: Scope, out: Out) -> None:
            target, name, result = invoke(scope)
            if result is None and is_void_call(target, name, static):
                return
            write_enumerated(result, out)

        return run

    def expr_BaseCtorInvokeMemberExpressionAst(self, node: ast.BaseCtorInvokeMemberExpressionAst) -> Expr:
        from ..engine.classes import base_constructor

        arguments = tuple(self.expr(argument) for argument in (node.arguments or ()))

        def call_base(scope: Scope) -> Any:
            base_constructor(scope, [argument(scope) for argument in arguments])
            return None

        return call_base

    def expr_IndexExpressionAst(self, node: ast.IndexExpressionAst) -> Expr:
        target = self.expr(node.target)
        index = self.expr(node.index)
        null_conditional = node.null_conditional

        def indexed(scope: Scope) -> Any:
            value = target(scope)
            if value is None and null_conditional:
                return None
            if type(value) is list:
                position = index(scope)
                if type(position) is int and -len(value) <= position < len(value):
                    return value[position]
                return get_index(value, position, scope)
            return get_index(value, index(scope), scope)

        return indexed

    def reference(self, node: ast.Ast) -> Expr:
        """``[ref]$x`` refers to the variable; ``[ref]`` of anything else holds the value."""
        if isinstance(node, ast.VariableExpressionAst):
            path = node.variable_path
            reader = variable_reader(path)
            writer = variable_writer(path)

            def variable_reference(scope: Scope) -> PSReference:
                existing = reader(scope)
                if isinstance(existing, PSReference):
                    return existing
                return PSReference(lambda: reader(scope), lambda value: writer(scope, value))

            return variable_reference
        value_of = self.expr(node)

        def value_reference(scope: Scope) -> PSReference:
            value = value_of(scope)
            return value if isinstance(value, PSReference) else PSReference(value=value)

        return value_reference


def not_assignable(node: ast.Ast) -> RuntimeException:
    return RuntimeException(
        f"The assignment expression is not valid: {node.extent.text}",
        error_id="InvalidLeftHandSide",
        category=ErrorCategory.ParserError,
    )
