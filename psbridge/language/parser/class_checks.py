"""The parse-time checks PowerShell makes on ``class`` and ``enum`` definitions.

They come from PowerShell's SemanticChecks (return statements against the method's return type,
every code path returning a value, param and named blocks in methods, a constructor's return type,
one type constraint per method parameter, ``$this`` in a static member, attributes on declarations
they are not valid on), its SymbolResolver (a property assigned without ``$this.``/``[Type]::``,
two types of one name in one scope) and its type resolution (a base type that does not exist).
A script with any of them never runs, as in pwsh.

Not checked here, with reasons: a member's type that psbridge cannot resolve (psbridge knows far
fewer .NET types than pwsh, so such a check would refuse scripts pwsh runs; the class still
defines), and VariableNotLocal (PowerShell's definite-assignment analysis of method variables).
"""

from __future__ import annotations

from collections.abc import Callable

from .. import ast
from ..tokens import TokenKind
from .method_flow import all_paths_return

__all__ = ["check_type_definitions"]

Report = Callable[..., None]

#: Attributes scripts put on class members, and the declarations .NET allows them on
#: (their AttributeUsage); any other attribute is not checked here.
_VALID_ON: dict[str, tuple[str, frozenset[str]]] = {
    "flags": ("System.FlagsAttribute", frozenset({"enum"})),
    "flagsattribute": ("System.FlagsAttribute", frozenset({"enum"})),
    "system.flags": ("System.FlagsAttribute", frozenset({"enum"})),
    "system.flagsattribute": ("System.FlagsAttribute", frozenset({"enum"})),
    "parameter": ("System.Management.Automation.ParameterAttribute", frozenset({"field", "property"})),
    "parameterattribute": ("System.Management.Automation.ParameterAttribute", frozenset({"field", "property"})),
}
_TARGET_NAMES = {
    frozenset({"enum"}): "Enum",
    frozenset({"field", "property"}): "Property, Field",
}


def _is_void(member: ast.FunctionMemberAst) -> bool:
    """FunctionMemberAst.IsReturnTypeVoid: no return type, or ``[void]``."""
    if member.return_type is None:
        return True
    return member.return_type.type_name.full_name.casefold() in ("void", "system.void")


def _walk_own(node: ast.Ast, visit: Callable[[ast.Ast], bool]) -> None:
    """Every node under ``node`` outside nested script blocks (``visit`` returning False stops
    the descent below that node)."""
    for child in node.children():
        if isinstance(child, ast.ScriptBlockExpressionAst | ast.FunctionDefinitionAst | ast.ScriptBlockAst):
            continue
        if visit(child):
            _walk_own(child, visit)


def _all_own(node: ast.Ast) -> list[ast.Ast]:
    found: list[ast.Ast] = []

    def visit(child: ast.Ast) -> bool:
        found.append(child)
        return True

    _walk_own(node, visit)
    return found


def _check_method(member: ast.FunctionMemberAst, properties: dict[str, ast.PropertyMemberAst],
                  class_name: str, report: Report) -> None:  # fmt: skip
    body = member.body
    if body.param_block is not None:
        report(body.param_block.extent, "ParamBlockNotAllowedInMethod")
    named = [body.dynamic_param_block, body.begin_block, body.process_block, body.end_block]
    end = body.end_block
    if (
        body.begin_block is not None
        or body.process_block is not None
        or body.clean_block is not None
        or body.dynamic_param_block is not None
        or (end is not None and not end.unnamed)
    ):
        first = next(
            (block for block in named if block is not None and not getattr(block, "unnamed", False)), body.clean_block
        )
        report(first.extent if first is not None else member.extent, "NamedBlockNotAllowedInMethod")
    if member.is_constructor and member.return_type is not None:
        report(member.return_type.extent, "ConstructorCantHaveReturnType")
    for parameter in member.parameters:
        typed = False
        for attribute in parameter.attributes or ():
            if isinstance(attribute, ast.TypeConstraintAst):
                if typed:
                    report(attribute.extent, "MultipleTypeConstraintsOnMethodParam")
                typed = True
            else:
                _check_attribute_target(attribute, "parameter", report)
    void = _is_void(member)
    parameters = {parameter.name.variable_path.unqualified_path.casefold() for parameter in member.parameters}
    for node in _all_own(body):
        if isinstance(node, ast.ReturnStatementAst):
            if node.pipeline is not None and void:
                report(node.extent, "VoidMethodHasReturn")
            elif node.pipeline is None and not void:
                report(node.extent, "NonVoidMethodMissingReturnValue")
        elif isinstance(node, ast.VariableExpressionAst) and member.is_static:
            _check_this(node, report)
        elif isinstance(node, ast.AssignmentStatementAst):
            _check_property_assignment(node, properties, parameters, class_name, report)
    if not void and not all_paths_return(body):
        report(getattr(member, "name_extent", None) or member.extent, "MethodHasCodePathNotReturn")
    _check_variables_local(member, parameters, report)


#: Variables a method may read without assigning them: VariableAnalysis's automatic ones,
#: SpecialVariables.IsImplicitVariableAccessibleInClassMethod's, the constants, and (not checked
#: here, to refuse nothing pwsh runs) the session's other automatic and preference variables.
_ACCESSIBLE = frozenset({
    "_", "psitem", "args", "this", "input", "pscmdlet", "psboundparameters", "myinvocation", "psscriptroot",
    "pscommandpath", "foreach", "switch",
    "lastexitcode", "error", "stacktrace", "outputencoding", "nestedpromptlevel", "pwd", "matches",
    "psapplicationoutputencoding",
    "true", "false", "null",
    "host", "psversiontable", "home", "pid", "pshome", "executioncontext", "shellid", "iswindows", "islinux",
    "ismacos", "iscoreclr", "psculture", "psuiculture", "psedition", "ofs", "psdefaultparametervalues",
    "formatenumerationlimit", "maximumhistorycount", "psnativecommandargumentpassing", "psstyle",
    "enabledexperimentalfeatures", "event", "eventargs", "eventsubscriber", "sender", "profile",
    "psdebugcontext", "pssenderinfo", "consolefilename", "psemailserver", "pssessionoption",
    "pssessionconfigurationname", "pssessionapplicationname", "psmoduleautoloadingpreference",
})  # fmt: skip
#: Commands that make a method's variables dynamic (FindAllVariablesVisitor's pessimizing cmdlets).
_PESSIMIZING = frozenset({
    "new-variable", "remove-variable", "set-variable", "set-psbreakpoint", "nv", "rv", "sbp", "sv", "set",
    "microsoft.powershell.utility\\new-variable", "microsoft.powershell.utility\\remove-variable",
    "microsoft.powershell.utility\\set-variable", "microsoft.powershell.utility\\set-psbreakpoint",
})  # fmt: skip


def _check_variables_local(member: ast.FunctionMemberAst, parameters: set[str], report: Report) -> None:
    """VariableNotLocal: a method reads a local variable it never assigns (pwsh's methods see no
    caller's variables).  PowerShell decides it with definite-assignment flow analysis; this is the
    part that needs none -- a variable assigned nowhere in the method (read before an assignment on
    some path is not reported here), and a method that may create variables dynamically (Set-Variable,
    dot-sourcing, ``$private:``) is not checked."""
    nodes = _all_own(member.body)
    assigned = set(parameters)
    reads: list[ast.VariableExpressionAst] = []
    for node in nodes:
        if isinstance(node, ast.CommandAst):
            head = node.command_elements[0] if node.command_elements else None
            if node.invocation_operator == TokenKind.Dot or (
                isinstance(head, ast.StringConstantExpressionAst) and head.value.casefold() in _PESSIMIZING
            ):
                return
            for element in node.command_elements:  # -OutVariable x and friends make x (not checked)
                if isinstance(element, ast.CommandParameterAst) and element.parameter_name.casefold().endswith(
                    ("variable", "ov", "ev", "wv", "iv", "pv")
                ):
                    return
        elif isinstance(node, ast.AssignmentStatementAst):
            for target in _assignment_targets(node.left):
                variable = _target_variable(target)
                if variable is not None:
                    assigned.add(_local_name(variable))
        elif isinstance(node, ast.ForEachStatementAst):
            assigned.add(_local_name(node.variable))
        elif isinstance(node, ast.DataStatementAst) and node.variable:
            assigned.add(node.variable.casefold())
        elif isinstance(node, ast.UnaryExpressionAst) and isinstance(node.child, ast.VariableExpressionAst):
            assigned.add(_local_name(node.child))  # $i++ reads and assigns: pwsh's flow decides
        elif isinstance(node, ast.VariableExpressionAst):
            path = node.variable_path
            if path.is_private:
                return
            if (path.is_unqualified or path.is_local) and not isinstance(node.parent, ast.ParameterAst):
                reads.append(node)
    for variable in reads:
        name = _local_name(variable)
        if name in assigned or name in _ACCESSIBLE or name.endswith("preference") or not _is_identifier(name):
            continue
        report(variable.extent, "VariableNotLocal")


def _target_variable(target: ast.Ast) -> ast.VariableExpressionAst | None:
    """The variable an assignment target assigns (``$x``, ``[int]$x``, ``($x)``), if any."""
    while True:
        if isinstance(target, ast.AttributedExpressionAst):
            target = target.child
        elif isinstance(target, ast.ParenExpressionAst):
            pipeline = target.pipeline
            elements = getattr(pipeline, "pipeline_elements", None)
            if not elements or len(elements) != 1 or not isinstance(elements[0], ast.CommandExpressionAst):
                return None
            target = elements[0].expression
        else:
            return target if isinstance(target, ast.VariableExpressionAst) else None


def _local_name(variable: ast.VariableExpressionAst) -> str:
    return variable.variable_path.unqualified_path.casefold()


def _is_identifier(name: str) -> bool:
    return bool(name) and all(character.isalnum() or character == "_" for character in name)


def _check_this(variable: ast.VariableExpressionAst, report: Report) -> None:
    if variable.variable_path.user_path.casefold() == "this":
        report(variable.extent, "NonStaticMemberAccessInStaticMember", variable.variable_path.user_path)


def _assignment_targets(target: ast.ExpressionAst) -> list[ast.ExpressionAst]:
    if isinstance(target, ast.ArrayLiteralAst):
        return [item for element in target.elements for item in _assignment_targets(element)]
    return [target]


def _check_property_assignment(
    node: ast.AssignmentStatementAst,
    properties: dict[str, ast.PropertyMemberAst],
    parameters: set[str],
    class_name: str,
    report: Report,
) -> None:
    """``$Name = ...`` in a method where Name is a property of the class: MissingThis (or
    MissingTypeInStaticPropertyAssignment for a static one), as SymbolResolver reports it."""
    for target in _assignment_targets(node.left):
        expression: ast.Ast = target
        while isinstance(expression, ast.ConvertExpressionAst):
            expression = expression.child
        if not isinstance(expression, ast.VariableExpressionAst):
            continue
        path = expression.variable_path
        if not path.is_variable or not path.is_unqualified:
            continue
        name = path.unqualified_path.casefold()
        found = properties.get(name)
        if found is None or name in parameters:
            continue
        if found.is_static:
            report(expression.extent, "MissingTypeInStaticPropertyAssignment", f"[{class_name}]::", found.name)
        else:
            report(expression.extent, "MissingThis", "$this.", found.name)


def _check_attribute_target(attribute: ast.AttributeBaseAst, target: str, report: Report) -> None:
    if not isinstance(attribute, ast.AttributeAst):
        return
    known = _VALID_ON.get(attribute.type_name.full_name.casefold())
    if known is None:
        return
    full_name, valid_on = known
    if target not in valid_on:
        report(attribute.extent, "AttributeNotAllowedOnDeclaration", full_name, _TARGET_NAMES[valid_on])


def _check_class(definition: ast.TypeDefinitionAst, report: Report) -> None:
    for attribute in definition.attributes or ():
        _check_attribute_target(attribute, "class", report)
    properties = {
        member.name.casefold(): member for member in definition.members if isinstance(member, ast.PropertyMemberAst)
    }
    for member in definition.members:
        if isinstance(member, ast.FunctionMemberAst):
            for attribute in member.attributes or ():
                _check_attribute_target(attribute, "method", report)
            _check_method(member, properties, definition.name, report)
        elif isinstance(member, ast.PropertyMemberAst):
            for attribute in member.attributes or ():
                _check_attribute_target(attribute, "property", report)
            if member.is_static and member.initial_value is not None:
                _check_this_in(member.initial_value, report)


def _check_this_in(expression: ast.Ast, report: Report) -> None:
    if isinstance(expression, ast.VariableExpressionAst):
        _check_this(expression, report)
    for node in _all_own(expression):
        if isinstance(node, ast.VariableExpressionAst):
            _check_this(node, report)


def _scope_of(node: ast.Ast) -> ast.Ast | None:
    """The script block a type is defined in: types are scoped to it."""
    parent = node.parent
    while parent is not None and not isinstance(parent, ast.ScriptBlockAst):
        parent = parent.parent
    return parent


def check_type_definitions(definitions: list[ast.TypeDefinitionAst], report: Report) -> None:
    """All the checks, for the script's type definitions in source order."""
    seen: set[tuple[int, str]] = set()
    for definition in definitions:
        key = (id(_scope_of(definition)), definition.name.casefold())
        if key in seen:
            report(definition.extent, "MemberAlreadyDefined", definition.name)
        seen.add(key)
        if definition.type_attributes == ast.TypeAttributes.Class:
            _check_class(definition, report)

