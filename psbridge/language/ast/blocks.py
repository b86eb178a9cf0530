"""Script blocks and what declares things: param blocks, parameters, attributes, functions, classes, using.

These are the nodes a command's metadata is read from (a param block becomes
a CmdletSpec), so they keep everything PowerShell keeps: attribute
arguments positional and named, default values as expressions, the block
kinds (begin/process/end/clean/dynamicparam) and ``#requires``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import (
    Ast,
    MethodAttributes,
    PropertyAttributes,
    StatementAst,
    TypeAttributes,
    UsingStatementKind,
    link,
    link_all,
)
from .typenames import ITypeName

if TYPE_CHECKING:
    from ..extent import Extent
    from ..tokens import TokenKind
    from .base import ExpressionAst
    from .expressions import ScriptBlockExpressionAst, StringConstantExpressionAst, VariableExpressionAst
    from .statements import TrapStatementAst

__all__ = [
    "AttributeAst",
    "AttributeBaseAst",
    "ConfigurationDefinitionAst",
    "FunctionDefinitionAst",
    "FunctionMemberAst",
    "MemberAst",
    "NamedAttributeArgumentAst",
    "NamedBlockAst",
    "ParamBlockAst",
    "ParameterAst",
    "PropertyMemberAst",
    "ScriptBlockAst",
    "ScriptRequirements",
    "StatementBlockAst",
    "TypeConstraintAst",
    "TypeDefinitionAst",
    "UsingStatementAst",
]


class ScriptRequirements:
    """What ``#requires`` lines ask for (PowerShell's ScriptRequirements)."""

    __slots__ = (
        "is_elevation_required",
        "required_application_id",
        "required_assemblies",
        "required_modules",
        "required_ps_editions",
        "required_ps_version",
    )

    def __init__(self) -> None:
        self.required_application_id: str | None = None
        self.required_ps_version: str | None = None
        self.required_ps_editions: list[str] = []
        self.required_modules: list[Any] = []
        self.required_assemblies: list[str] = []
        self.is_elevation_required = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "RequiredApplicationId": self.required_application_id,
            "RequiredPSVersion": self.required_ps_version,
            "RequiredPSEditions": list(self.required_ps_editions),
            "RequiredModules": [str(module) for module in self.required_modules],
            "RequiredAssemblies": list(self.required_assemblies),
            "IsElevationRequired": self.is_elevation_required,
        }


class StatementBlockAst(Ast):
    """``{ statements }`` of a statement (if, loops, try ...): its statements and traps."""

    __slots__ = ("statements", "traps")
    _fields = ("statements", "traps")

    def __init__(self, extent: Extent, statements: list[StatementAst], traps: list[TrapStatementAst] | None) -> None:
        self.extent = extent
        self.parent = None
        self.statements = statements
        self.traps = traps or None
        link_all(self, statements)
        if traps:
            link_all(self, traps)


class NamedBlockAst(Ast):
    """``begin { }``, ``process { }``, ``end { }``, ``clean { }``, ``dynamicparam { }``; or the unnamed body.

    ``block_kind`` is the keyword's TokenKind; ``unnamed`` is True for a body
    written without block names (an end block, or a filter's process block).
    """

    __slots__ = ("block_kind", "statements", "traps", "unnamed")
    _fields = ("statements", "traps")
    _props = ("block_kind", "unnamed")

    def __init__(self, extent: Extent, block_kind: TokenKind, statement_block: StatementBlockAst, unnamed: bool):
        self.extent = extent
        self.parent = None
        self.block_kind = block_kind
        self.unnamed = unnamed
        self.statements = statement_block.statements
        self.traps = statement_block.traps
        link_all(self, self.statements)
        if self.traps:
            link_all(self, self.traps)


class ScriptBlockAst(Ast):
    """A script or ``{ }`` script block: using statements, param block, named blocks, ``#requires``."""

    __slots__ = (
        "attributes",
        "begin_block",
        "clean_block",
        "dynamic_param_block",
        "end_block",
        "is_filter",
        "param_block",
        "process_block",
        "script_requirements",
        "using_statements",
    )
    _fields = (
        "using_statements",
        "attributes",
        "param_block",
        "dynamic_param_block",
        "begin_block",
        "process_block",
        "end_block",
        "clean_block",
    )
    _props = ("script_requirements",)

    def __init__(
        self,
        extent: Extent,
        using_statements: list[UsingStatementAst] | None,
        attributes: list[AttributeAst] | None,
        param_block: ParamBlockAst | None,
        begin_block: NamedBlockAst | None = None,
        process_block: NamedBlockAst | None = None,
        end_block: NamedBlockAst | None = None,
        clean_block: NamedBlockAst | None = None,
        dynamic_param_block: NamedBlockAst | None = None,
        is_filter: bool = False,
    ) -> None:
        self.extent = extent
        self.parent = None
        self.using_statements = using_statements or []
        self.attributes = attributes or []
        self.param_block = param_block
        self.begin_block = begin_block
        self.process_block = process_block
        self.end_block = end_block
        self.clean_block = clean_block
        self.dynamic_param_block = dynamic_param_block
        self.is_filter = is_filter
        self.script_requirements: ScriptRequirements | None = None
        link_all(self, self.using_statements)
        link_all(self, self.attributes)
        for child in (param_block, begin_block, process_block, end_block, clean_block, dynamic_param_block):
            link(self, child)

    @classmethod
    def from_statements(
        cls,
        extent: Extent,
        using_statements: list[UsingStatementAst] | None,
        param_block: ParamBlockAst | None,
        statements: StatementBlockAst,
        is_filter: bool,
    ) -> ScriptBlockAst:
        """A body without block names: the end block (a filter's process block), marked unnamed."""
        from ..tokens import TokenKind

        if is_filter:
            block = NamedBlockAst(statements.extent, TokenKind.Process, statements, True)
            return cls(extent, using_statements, None, param_block, process_block=block, is_filter=True)
        block = NamedBlockAst(statements.extent, TokenKind.End, statements, True)
        return cls(extent, using_statements, None, param_block, end_block=block)

    def get_help_content(self) -> Any:
        """The comment-based help of this script (or the function whose body it is)."""
        from ..help import help_content_of

        return help_content_of(self)


class NamedAttributeArgumentAst(Ast):
    """``Name = value`` in an attribute (``Mandatory`` alone means ``$true``: ``expression_omitted``)."""

    __slots__ = ("argument", "argument_name", "expression_omitted")
    _fields = ("argument",)
    _props = ("argument_name", "expression_omitted")

    def __init__(self, extent: Extent, argument_name: str, argument: ExpressionAst, expression_omitted: bool):
        self.extent = extent
        self.parent = None
        self.argument_name = argument_name
        self.argument = argument
        self.expression_omitted = expression_omitted
        argument.parent = self


class AttributeBaseAst(Ast):
    __slots__ = ("type_name",)
    _props = ("type_name",)
    type_name: ITypeName


class AttributeAst(AttributeBaseAst):
    """``[Parameter(Mandatory, Position = 0)]``: a type name with positional and named arguments."""

    __slots__ = ("named_arguments", "positional_arguments")
    _fields = ("positional_arguments", "named_arguments")

    def __init__(
        self,
        extent: Extent,
        type_name: ITypeName,
        positional_arguments: list[ExpressionAst],
        named_arguments: list[NamedAttributeArgumentAst],
    ) -> None:
        self.extent = extent
        self.parent = None
        self.type_name = type_name
        self.positional_arguments = positional_arguments
        self.named_arguments = named_arguments
        link_all(self, positional_arguments)
        link_all(self, named_arguments)


class TypeConstraintAst(AttributeBaseAst):
    """``[string]`` before a parameter or variable, or in a cast."""

    __slots__ = ()

    def __init__(self, extent: Extent, type_name: ITypeName) -> None:
        self.extent = extent
        self.parent = None
        self.type_name = type_name


class ParameterAst(Ast):
    """One parameter: attributes and type constraints, the variable, the default value expression."""

    __slots__ = ("attributes", "default_value", "name")
    _fields = ("attributes", "name", "default_value")

    def __init__(
        self,
        extent: Extent,
        name: VariableExpressionAst,
        attributes: list[AttributeBaseAst] | None,
        default_value: ExpressionAst | None,
    ) -> None:
        self.extent = extent
        self.parent = None
        self.name = name
        self.attributes = attributes or []
        self.default_value = default_value
        name.parent = self
        link_all(self, self.attributes)
        link(self, default_value)

    @property
    def static_type_name(self) -> ITypeName | None:
        """The first type constraint's type name, or None for ``[object]``.

        As PowerShell's ``ParameterAst.StaticType`` (the first ``TypeConstraintAst`` among the
        attributes): in ``[ValidateNotNull()][string][int]$x`` the parameter is a ``[string]``.
        """
        for attribute in self.attributes:
            if isinstance(attribute, TypeConstraintAst):
                return attribute.type_name
        return None


class ParamBlockAst(Ast):
    """``[CmdletBinding()] param( ... )``: the block's attributes and its parameters."""

    __slots__ = ("attributes", "parameters")
    _fields = ("attributes", "parameters")

    def __init__(self, extent: Extent, attributes: list[AttributeAst], parameters: list[ParameterAst]) -> None:
        self.extent = extent
        self.parent = None
        self.attributes = attributes
        self.parameters = parameters
        link_all(self, attributes)
        link_all(self, parameters)


class FunctionDefinitionAst(StatementAst):
    """``function Name { }`` / ``filter Name { }``, with parameters in parentheses or a param block."""

    __slots__ = ("body", "is_filter", "is_workflow", "name", "parameters")
    _fields = ("parameters", "body")
    _props = ("name", "is_filter", "is_workflow")

    def __init__(
        self,
        extent: Extent,
        is_filter: bool,
        is_workflow: bool,
        name: str,
        parameters: list[ParameterAst] | None,
        body: ScriptBlockAst,
    ) -> None:
        self.extent = extent
        self.parent = None
        self.is_filter = is_filter
        self.is_workflow = is_workflow
        self.name = name
        self.parameters = parameters or None
        self.body = body
        if parameters:
            link_all(self, parameters)
        body.parent = self

    def get_help_content(self) -> Any:
        """The function's comment-based help (before it, or at the start or end of its body)."""
        from ..help import help_content_of

        return help_content_of(self)


class ConfigurationDefinitionAst(StatementAst):
    """``configuration Name { ... }`` (Desired State Configuration; parsed, not run)."""

    __slots__ = ("body", "instance_name")
    _fields = ("instance_name", "body")

    def __init__(self, extent: Extent, body: ScriptBlockExpressionAst, instance_name: ExpressionAst) -> None:
        self.extent = extent
        self.parent = None
        self.body = body
        self.instance_name = instance_name
        body.parent = self
        instance_name.parent = self


class MemberAst(Ast):
    __slots__ = ("name",)
    name: str


class PropertyMemberAst(MemberAst):
    """A class property (``[string] $Name = 'x'``) or an enum member (``Red = 1``)."""

    __slots__ = ("attributes", "initial_value", "property_attributes", "property_type")
    _fields = ("attributes", "property_type", "initial_value")
    _props = ("name", "property_attributes")

    def __init__(
        self,
        extent: Extent,
        name: str,
        property_type: TypeConstraintAst | None,
        attributes: list[AttributeAst] | None,
        property_attributes: PropertyAttributes,
        initial_value: ExpressionAst | None,
    ) -> None:
        self.extent = extent
        self.parent = None
        self.name = name
        self.property_type = property_type
        self.attributes = attributes or []
        self.property_attributes = property_attributes
        self.initial_value = initial_value
        link(self, property_type)
        link_all(self, self.attributes)
        link(self, initial_value)

    @property
    def is_static(self) -> bool:
        return bool(self.property_attributes & PropertyAttributes.Static)

    @property
    def is_hidden(self) -> bool:
        return bool(self.property_attributes & PropertyAttributes.Hidden)


class FunctionMemberAst(MemberAst):
    """A class method or constructor: its function definition, return type and attributes."""

    __slots__ = ("attributes", "body", "method_attributes", "name_extent", "parameters", "return_type")
    _fields = ("attributes", "return_type", "parameters", "body")
    _props = ("name", "method_attributes")

    def __init__(
        self,
        extent: Extent,
        definition: FunctionDefinitionAst,
        return_type: TypeConstraintAst | None,
        attributes: list[AttributeAst] | None,
        method_attributes: MethodAttributes,
    ) -> None:
        self.extent = extent
        self.parent = None
        self.name = definition.name
        self.parameters = definition.parameters or []
        self.body = definition.body
        self.return_type = return_type
        self.attributes = attributes or []
        self.method_attributes = method_attributes
        #: Where the method's name is written (PowerShell's NameExtent; set by the parser).
        self.name_extent: Extent | None = None
        link_all(self, self.parameters)
        self.body.parent = self
        link(self, return_type)
        link_all(self, self.attributes)

    @property
    def is_static(self) -> bool:
        return bool(self.method_attributes & MethodAttributes.Static)

    @property
    def is_constructor(self) -> bool:
        parent = self.parent
        return isinstance(parent, TypeDefinitionAst) and parent.name.casefold() == self.name.casefold()


class TypeDefinitionAst(StatementAst):
    """``class Name : Base { members }`` or ``enum Name { members }`` (parsed; not yet run)."""

    __slots__ = ("attributes", "base_types", "members", "name", "type_attributes")
    _fields = ("attributes", "base_types", "members")
    _props = ("name", "type_attributes")

    def __init__(
        self,
        extent: Extent,
        name: str,
        attributes: list[AttributeAst] | None,
        members: list[MemberAst],
        type_attributes: TypeAttributes,
        base_types: list[TypeConstraintAst] | None,
    ) -> None:
        self.extent = extent
        self.parent = None
        self.name = name
        self.attributes = attributes or []
        self.members = members
        self.type_attributes = type_attributes
        self.base_types = base_types or []
        link_all(self, self.attributes)
        link_all(self, members)
        link_all(self, self.base_types)

    @property
    def is_enum(self) -> bool:
        return bool(self.type_attributes & TypeAttributes.Enum)

    @property
    def is_class(self) -> bool:
        return bool(self.type_attributes & TypeAttributes.Class)


class UsingStatementAst(StatementAst):
    """``using namespace X``, ``using module X``, ``using assembly X``, ``using type A = B`` ..."""

    __slots__ = ("alias", "module_specification", "name", "using_statement_kind")
    _fields = ("name", "alias", "module_specification")
    _props = ("using_statement_kind",)

    def __init__(
        self,
        extent: Extent,
        kind: UsingStatementKind,
        name: StringConstantExpressionAst | None,
        alias: StringConstantExpressionAst | None = None,
        module_specification: Ast | None = None,
    ) -> None:
        self.extent = extent
        self.parent = None
        self.using_statement_kind = kind
        self.name = name
        self.alias = alias
        self.module_specification = module_specification
        link(self, name)
        link(self, alias)
        link(self, module_specification)
