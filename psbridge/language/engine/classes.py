"""``class`` and ``enum`` definitions: compiled once per definition, defined each time a script runs.

PowerShell defines every type of a script block before any of its statements runs, so types may
refer to each other and to enums in any order; :func:`define_types` does the same for the
definitions of one statement list: first every name is made (an empty class, or the enum), then
the classes are filled in (base classes, properties, methods).  The types go into the scope's type
table, where type literals evaluated there find them.

A :class:`TypePlan` is what is compiled once per TypeDefinitionAst: each method body compiled to
closures (in method mode: only ``return`` gives a value, the rest of the output is discarded),
property initializers compiled as expressions.  Defining binds the plan to the defining scope: a
method call runs its body in a new scope whose parent is that scope, with ``$this``.  Errors in a
method body end the method and go to its caller (a method has no statement-level recovery).
"""

from __future__ import annotations

import decimal
import enum
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ...conversion import PSType, RuntimeException
from ...conversion.script_types import (
    ScriptClassType,
    ScriptEnumType,
    ScriptMethod,
    ScriptObject,
    ScriptProperty,
    state,
)
from ...errors import ErrorCategory
from ...runtime.scopes import PSVariable, Scope
from .. import ast
from .flow import MethodReturn
from .variable_validation import attribute_kind, property_validator

if TYPE_CHECKING:
    from ..compiler.core import CompilerCore, Expr, Stmt
    from ..compiler.expressions import TypeReference

__all__ = ["CLASS_KEY", "TypePlan", "base_constructor", "define_types"]

#: The variable holding the class whose constructor or method is running (not a valid name in a
#: script, so no user variable can meet it).
CLASS_KEY = "\0class"

_UNDERLYING = {
    "byte": "System.Byte", "sbyte": "System.SByte", "short": "System.Int16", "ushort": "System.UInt16",
    "int": "System.Int32", "uint": "System.UInt32", "long": "System.Int64", "ulong": "System.UInt64",
}  # fmt: skip


def _discard(_value: Any) -> None:
    return None


def _type_error(node: ast.Ast, message: str, error_id: str) -> RuntimeException:
    return RuntimeException(message, error_id=error_id, category=ErrorCategory.ParserError, target_object=node)


def _not_constant(node: ast.Ast) -> bool:
    """What an enum member's value may not contain (EnumeratorValueMustBeConstant)."""
    return isinstance(node, ast.VariableExpressionAst | ast.CommandAst | ast.InvokeMemberExpressionAst
                      | ast.ScriptBlockExpressionAst | ast.SubExpressionAst)  # fmt: skip


def _check_unique(names: list[str], node: ast.Ast, shown: list[str] | None = None) -> None:
    """MemberAlreadyDefined for the second of two members of the same name (or signature)."""
    seen: set[str] = set()
    for index, name in enumerate(names):
        folded = name.casefold()
        if folded in seen:
            member = (shown or names)[index]
            raise _type_error(node, f"The member '{member}' is already defined.", "MemberAlreadyDefined")
        seen.add(folded)


def _base_name(node: ast.TypeConstraintAst) -> str:
    return str(node.type_name.full_name).casefold()


def _out_of_bounds(node: ast.Ast, underlying: PSType) -> RuntimeException:
    return _type_error(
        node, f"Enumerator value is either too large or too small for {underlying.full_name}.",
        "EnumeratorValueOutOfBounds",
    )  # fmt: skip


class _MethodPlan:
    """One method or constructor compiled: its body, parameters and return type."""

    __slots__ = ("base_arguments", "body", "hidden", "is_constructor", "name", "parameters", "return_type", "static")

    def __init__(self, node: ast.FunctionMemberAst, is_constructor: bool) -> None:
        from ..compiler import Compiler
        from ..compiler.expressions import TypeReference

        compiler = Compiler(node.body)
        compiler.in_method = True
        self.name = node.name
        self.is_constructor = is_constructor
        self.static = node.is_static
        self.hidden = bool(node.method_attributes & ast.MethodAttributes.Hidden)
        self.parameters: list[tuple[str, TypeReference | None]] = []
        for parameter in node.parameters:
            constraint = next((a for a in parameter.attributes if isinstance(a, ast.TypeConstraintAst)), None)
            reference = TypeReference(constraint.type_name) if constraint is not None else None
            self.parameters.append((parameter.name.variable_path.unqualified_path, reference))
        self.return_type: TypeReference | None = (
            TypeReference(node.return_type.type_name) if node.return_type is not None else None
        )
        self.body: Stmt | None = compiler.named_block(node.body.end_block)
        self.base_arguments = 0
        end = node.body.end_block
        first = end.statements[0] if end is not None and end.statements else None
        if isinstance(first, ast.CommandExpressionAst) and isinstance(
            first.expression, ast.BaseCtorInvokeMemberExpressionAst
        ):
            self.base_arguments = len(first.expression.arguments or ())

    def signature(self) -> str:
        """Name and parameter types: two methods may share a name, not a signature."""
        kinds = ",".join(reference.name.casefold() if reference is not None else "object"
                         for _name, reference in self.parameters)  # fmt: skip
        return f"{'static ' if self.static else ''}{self.name}({kinds})"

    def bind(self, cls: ScriptClassType, scope: Scope) -> ScriptMethod:
        """This method of ``cls`` as defined in ``scope``: it runs in a new scope under the caller's
        (PowerShell's dynamic scoping) that resolves type names as the definition's scope does."""
        body = self.body
        parameters = self.parameters
        context = scope.context
        types = scope.types

        def invoke(instance: Any, arguments: list[Any]) -> Any:
            method_scope = Scope(context.runspace.current_scope)
            method_scope.types = types
            variables = method_scope.variables
            if instance is not None:
                variables["this"] = PSVariable("this", instance)
            variables[CLASS_KEY] = PSVariable(CLASS_KEY, cls)
            for (name, reference), value in zip(parameters, arguments, strict=True):
                variable = PSVariable(name, value)
                if reference is not None:
                    variable.attributes = (_converter(reference, method_scope),)
                    variable.plain = False
                variables[name.casefold()] = variable
            if body is None:
                return None
            runspace = context.runspace
            previous = runspace.current_scope
            context.enter()
            context.propagate += 1
            runspace.current_scope = method_scope
            try:
                body(method_scope, _discard)
            except MethodReturn as returned:
                return returned.value
            finally:
                runspace.current_scope = previous
                context.propagate -= 1
                context.call_depth -= 1
            return None

        resolvers = [_resolver(reference, scope) for _name, reference in parameters]
        if self.is_constructor:
            returns = None
        else:
            returns = _resolver(self.return_type, scope) if self.return_type is not None else None
        method = ScriptMethod(
            self.name, resolvers, returns, invoke, static=self.static, hidden=self.hidden
        )  # fmt: skip
        method.declaring = cls
        return method


def _resolver(reference: TypeReference | None, scope: Scope) -> Callable[[], PSType | None]:
    if reference is None:
        return lambda: None
    return lambda: reference.get(scope)


def _converter(reference: TypeReference, scope: Scope) -> Callable[[Any], Any]:
    return lambda value: reference.get(scope).convert(value)


class _PropertyPlan:
    __slots__ = ("hidden", "initial", "name", "static", "type_reference", "validations")

    def __init__(self, node: ast.PropertyMemberAst, compiler: CompilerCore) -> None:
        from ..compiler.expressions import TypeReference

        self.name = node.name
        self.static = node.is_static
        self.hidden = node.is_hidden
        self.type_reference: TypeReference | None = (
            TypeReference(node.property_type.type_name) if node.property_type is not None else None
        )
        self.initial: Expr | None = compiler.expr(node.initial_value) if node.initial_value is not None else None
        #: ``[ValidateRange(0, 16)]`` and its kin: (kind, argument expressions).
        self.validations = [
            (kind, [compiler.expr(argument) for argument in attribute.positional_arguments])
            for attribute in node.attributes or ()
            if (kind := attribute_kind(attribute)) is not None and kind != "validatescript"
        ]

    def bind(self, scope: Scope) -> ScriptProperty:
        reference = self.type_reference
        initial = self.initial
        initial_of: Callable[[], Any] | None = None
        if initial is not None:
            types = scope.types
            context = scope.context

            def initial_of() -> Any:
                initializer_scope = Scope(context.runspace.current_scope)
                initializer_scope.types = types
                return initial(initializer_scope)

        made = ScriptProperty(
            self.name,
            reference.name if reference is not None else None,
            _resolver(reference, scope),
            initial_of,
            static=self.static,
            hidden=self.hidden,
        )
        if self.validations:
            made.validators = tuple(
                property_validator(kind, [argument(scope) for argument in arguments])
                for kind, arguments in self.validations
            )
        return made


class TypePlan:
    """A TypeDefinitionAst compiled once (its methods' bodies are compiled when first defined)."""

    def __init__(self, node: ast.TypeDefinitionAst, compiler: CompilerCore) -> None:
        self.node = node
        self.name = node.name
        self.is_enum = node.is_enum
        self._compiler = compiler
        self._properties: list[_PropertyPlan] | None = None
        self._methods: list[_MethodPlan] | None = None
        self._enum_values: list[tuple[str, Expr | None]] = []
        self._not_constant: ast.Ast | None = None
        if self.is_enum:
            for member in node.members:
                if isinstance(member, ast.PropertyMemberAst):
                    initial = member.initial_value
                    if initial is not None and self._not_constant is None:
                        self._not_constant = initial.find(_not_constant, search_nested_script_blocks=True)
                    value = compiler.expr(initial) if initial is not None else None
                    self._enum_values.append((member.name, value))

    # -- enums -----------------------------------------------------------------------------------
    def make_enum(self, scope: Scope) -> ScriptEnumType:
        from ...conversion import resolve_type

        node = self.node
        underlying_name = "System.Int32"
        if node.base_types:
            written = str(node.base_types[0].type_name.full_name)
            underlying_name = _UNDERLYING.get(written.casefold().removeprefix("system."), written)
        underlying = resolve_type(underlying_name)
        flags = any(attribute.type_name.name.casefold().removesuffix("attribute") == "flags"
                    for attribute in node.attributes)  # fmt: skip
        if self._not_constant is not None:
            raise _type_error(self._not_constant, "Enumerator value must be a constant value.",
                              "EnumeratorValueMustBeConstant")  # fmt: skip
        _check_unique([name for name, _value in self._enum_values], node)
        members: list[tuple[str, int]] = []
        following = 0
        for name, value_of in self._enum_values:
            if value_of is not None:
                value = value_of(scope)
                if isinstance(value, enum.Enum):
                    value = value.value
                if not isinstance(value, int | float | decimal.Decimal) or isinstance(value, bool):
                    raise _type_error(node, f'Cannot convert the value to type "{underlying.full_name}".',
                                      "CannotConvertValue")  # fmt: skip
                try:
                    number = int(underlying.convert(value))
                except RuntimeException:
                    raise _out_of_bounds(node, underlying) from None
            else:
                number = following
                try:
                    underlying.convert(number)
                except RuntimeException:
                    raise _out_of_bounds(node, underlying) from None
            members.append((name, number))
            following = number + 1
        return ScriptEnumType(self.name, members, underlying, flags=flags)

    # -- classes ---------------------------------------------------------------------------------
    def _compile(self) -> None:
        if self._methods is not None:
            return
        properties: list[_PropertyPlan] = []
        methods: list[_MethodPlan] = []
        signatures: list[str] = []
        for member in self.node.members:
            if isinstance(member, ast.PropertyMemberAst):
                properties.append(_PropertyPlan(member, self._compiler))
            elif isinstance(member, ast.FunctionMemberAst):
                is_constructor = member.name.casefold() == self.name.casefold()
                if is_constructor and member.is_static and member.parameters:
                    raise _type_error(member, "A static constructor cannot have any parameters.",
                                      "StaticConstructorCantHaveParameters")  # fmt: skip
                plan = _MethodPlan(member, is_constructor)
                methods.append(plan)
                signatures.append(plan.signature())
        _check_unique([prop.name for prop in properties], self.node)
        _check_unique(signatures, self.node, shown=[plan.name for plan in methods])
        self._properties = properties
        self._methods = methods

    def fill_class(self, cls: ScriptClassType, scope: Scope, later: frozenset[str] = frozenset()) -> None:
        """The class's base, properties and methods, as defined in ``scope`` (whose type table
        already holds every type of the statement list).  ``later``: the classes defined after this
        one in the same list, which cannot be its base (PowerShell resolves a base class in order)."""
        from ...conversion.collections import InterfaceType
        from ..compiler.expressions import TypeReference

        self._compile()
        assert self._properties is not None and self._methods is not None
        for base_node in self.node.base_types:
            if _base_name(base_node) in later:
                name = str(base_node.type_name.full_name)
                raise _type_error(base_node, f"Unable to find type [{name}].", "TypeNotFound")
            base = TypeReference(base_node.type_name).get(scope)
            if base.element is not None:
                raise _type_error(base_node, f"Invalid base type '{base.full_name}'. Base type cannot be an array.",
                                  "SubtypeArray")  # fmt: skip
            if isinstance(base, ScriptClassType) and cls.base is not None:
                raise _type_error(base_node, f"'{base.full_name}': Interface name expected.", "InterfaceNameExpected")
            if isinstance(base, ScriptClassType):
                if cls in base.chain():
                    raise _type_error(
                        base_node, f"Type '{self.name}' cannot derive from itself.", "CyclicClassInheritance"
                    )
                cls.base = base
            elif isinstance(base, InterfaceType) or base.full_name == "System.Object":
                continue
            elif isinstance(base, ScriptEnumType) or base.full_name == "System.String":
                raise _type_error(base_node, f"Cannot inherit from sealed class '{base.full_name}'.", "SealedBaseClass")
            else:
                raise RuntimeException(
                    f"psbridge cannot run the class definition '{self.name}' yet: it derives from the .NET type "
                    f"[{base.full_name}]", error_id="NotSupported", target_object=self.name,
                )  # fmt: skip
        for prop in self._properties:
            cls.properties[prop.name.casefold()] = prop.bind(scope)
        for plan in self._methods:
            method = plan.bind(cls, scope)
            if plan.is_constructor and plan.static:
                cls.static_constructor = method
            elif plan.is_constructor:
                cls.constructors.append(method)
            else:
                cls.methods.setdefault(plan.name.casefold(), []).append(method)
        for declared in cls.properties.values():
            _ = declared.ps_type  # a type no one defined is TypeNotFound now, not at first use
        for overloads in [*cls.methods.values(), cls.constructors]:
            for method in overloads:
                for resolve in method.parameter_types:
                    resolve()
                if method.return_type is not None:
                    method.return_type()
        parent = cls.base
        if parent is not None and parent.constructors and not any(not m.parameter_types for m in parent.constructors):
            implicit = not cls.constructors or any(not plan.base_arguments for plan in self._methods
                                                   if plan.is_constructor and not plan.static)  # fmt: skip
            if implicit:
                raise _type_error(self.node, f"Base class '{parent.full_name}' does not contain a parameterless "
                                  "constructor.", "BaseClassNoDefaultCtor")  # fmt: skip


def define_types(plans: list[TypePlan], scope: Scope) -> None:
    """Define the types of one statement list in ``scope``: names first, then the classes' bodies.

    The types are made the first time the definitions run in a session; running them again
    (a loop, a function called twice) puts the same types in the new scope."""
    state.defined = True
    state.scope_types = _running_scope_types
    cache = scope.context.defined_types
    if all(plan in cache for plan in plans):
        scope.define_types({plan.name.casefold(): cache[plan] for plan in plans})
        return
    made: dict[str, PSType] = {}
    classes: list[tuple[TypePlan, ScriptClassType]] = []
    for plan in plans:
        if plan.is_enum:
            continue
        cls = ScriptClassType(plan.name)
        made[plan.name.casefold()] = cls
        classes.append((plan, cls))
    scope.define_types(made)
    _define_enums([plan for plan in plans if plan.is_enum], scope)
    names = [plan.name.casefold() for plan, _cls in classes]
    for index, (plan, cls) in enumerate(classes):
        plan.fill_class(cls, scope, frozenset(names[index + 1 :]))
    table = scope.types or {}
    for plan in plans:
        cache[plan] = table[plan.name.casefold()]


def _define_enums(plans: list[TypePlan], scope: Scope) -> None:
    """The enums, each after those its member values name (``e0 = [E5]::e0 + 2`` with E5 defined
    further down); enums that name each other in a circle are CycleInEnumInitializers."""
    from ...conversion import TypeNotFoundError

    pending = {plan.name.casefold(): plan for plan in plans}
    while pending:
        progress = False
        for key, plan in list(pending.items()):
            try:
                made = plan.make_enum(scope)
            except TypeNotFoundError as missing:
                if missing.type_name.casefold() in pending:
                    continue
                raise
            scope.define_types({key: made})
            del pending[key]
            progress = True
        if not progress:
            plan = next(iter(pending.values()))
            raise _type_error(
                plan.node,
                "Cannot define enum because of a cycle in the initialization expressions.",
                "CycleInEnumInitializers",
            )


def _running_scope_types() -> dict[str, PSType] | None:
    from ..compiler.expressions import current_scope

    scope = current_scope()
    return scope.types if scope is not None else None


def base_constructor(scope: Scope, arguments: list[Any]) -> None:
    """``: base(arguments)`` of a constructor: the base class's constructor on ``$this``."""
    holder = scope.variables.get(CLASS_KEY)
    this = scope.variables.get("this")
    if holder is None or this is None:
        return
    cls = holder.value
    instance = this.value
    if isinstance(cls, ScriptClassType) and cls.base is not None and isinstance(instance, ScriptObject):
        cls.base.run_constructor(instance, arguments)
