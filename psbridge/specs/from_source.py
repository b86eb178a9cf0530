"""A function's param block -> :class:`CmdletSpec`, as PowerShell compiles it.

This is PowerShell's ``Compiler.GetParameterMetaData`` over the syntax tree
(node kinds of System.Management.Automation.Language, from
:mod:`psbridge.language`): each ``[Parameter()]`` attribute is one set's data,
a parameter without one is in every set, the first type constraint is the
type, and when no parameter names a Position or a set -- and
``[CmdletBinding(PositionalBinding = $false)]`` does not forbid it -- every
parameter but switches gets a position in declaration order.  What only
source can say is kept: ValidateRange/Count/Length/Pattern/Script/NotNull,
Allow*, ``ValueFromRemainingArguments``, ``DontShow``, ``[PSTypeName()]``,
argument completions, ``[OutputType()]``, and defaults as expression text.

The tree is read, never imported: callers (the evaluator compiling a user
function, ``psbridge specs from-source``) parse, so ``specs`` stays below
``language``.  Attributes outside this list (ArgumentCompleter, custom
transformations, ValidateRange with a ValidateRangeKind ...) leave no trace
in the spec; the evaluator, which holds the tree, may apply them.  Unknown
attribute arguments are read as their source text, never a crash: every param
block the parser accepts compiles.
"""

from __future__ import annotations

import functools
from typing import Any

from .model import ALL_SETS, CmdletSpec, ParameterSetInfo, ParameterSpec
from .types import normalize_type

__all__ = ["spec_from_function", "spec_from_param_block"]

#: Transformation attributes the binder implements, by the name it knows them by.
_TRANSFORMS = {
    "securestringtransformation": "secure_string",
    "lowercasetransformation": "lower_case",
    "argumenttoencodingtransformation": "encoding",
}
_SWITCH = "SwitchParameter"


def spec_from_function(function: Any, *, module: str | None = None, source: str | None = None) -> CmdletSpec:
    """The spec of a ``FunctionDefinitionAst``: its param block, or ``function f($a, $b)``'s list."""
    body = function.body
    block = getattr(body, "param_block", None)
    if block is not None:
        return spec_from_param_block(function.name, block, module=module, source=source)
    return spec_from_param_block(
        function.name, None, parameters=function.parameters or [], module=module, source=source
    )


def spec_from_param_block(
    name: str,
    block: Any,
    *,
    parameters: list[Any] | None = None,
    module: str | None = None,
    source: str | None = None,
) -> CmdletSpec:
    """The spec of a ``ParamBlockAst`` (None and ``parameters`` for a function's parenthesized list)."""
    block_attributes = list(block.attributes) if block is not None else []
    declared = list(block.parameters) if block is not None else list(parameters or [])
    binding = _cmdlet_binding(block_attributes)
    default_set = _text(binding.get("defaultparametersetname")) if binding else None
    positional_binding = binding is None or _truthy(binding.get("positionalbinding", True))

    specs: list[ParameterSpec] = []
    explicit = False  # PowerShell's customParameterSet: a Position or a set name anywhere
    set_names: list[str] = []
    for parameter in declared:
        spec, custom = _parameter(parameter)
        explicit = explicit or custom
        specs.append(spec)
        for set_name in spec.sets:
            if set_name != ALL_SETS and set_name.casefold() not in {s.casefold() for s in set_names}:
                set_names.append(set_name)
    automatic = positional_binding and not explicit
    if automatic:
        specs = _automatic_positions(specs)
    if default_set and default_set.casefold() not in {s.casefold() for s in set_names}:
        set_names.append(default_set)  # a default set no parameter names still exists
    if binding is not None and _truthy(binding.get("supportsshouldprocess", False)):
        # CommandMetadata's ShouldProcess parameters, after the declared ones (syntax: [-WhatIf] [-Confirm]).
        declared_names = {spec.name.casefold() for spec in specs}
        specs.extend(p for p in SHOULD_PROCESS_PARAMETERS if p.name.casefold() not in declared_names)
    return CmdletSpec(
        name=name,
        parameters={spec.name: spec for spec in specs},
        parameter_sets=tuple(set_names),
        default_parameter_set=default_set,
        source=source,
        module=module,
        outputs=_outputs(block_attributes),
        automatic_positions=automatic
        and any(info.position is not None for spec in specs for info in spec.sets.values()),
        confirm_impact=_confirm_impact(binding),
    )


#: The parameters ``SupportsShouldProcess`` gives a command (CommonParameters.cs: ShouldProcessParameters).
SHOULD_PROCESS_PARAMETERS = (
    ParameterSpec(name="WhatIf", type="SwitchParameter", aliases=("wi",)),
    ParameterSpec(name="Confirm", type="SwitchParameter", aliases=("cf",)),
)


def _confirm_impact(binding: dict[str, Any] | None) -> str:
    """``ConfirmImpact = 'High'`` (any case, or the enum's number) as ConfirmImpact's member name."""
    value = binding.get("confirmimpact") if binding else None
    text = str(getattr(value, "name", value) if value is not None else "Medium").strip()
    text = text.rsplit("::", 1)[-1]  # [System.Management.Automation.ConfirmImpact]::High
    for rank, name in enumerate(("None", "Low", "Medium", "High")):
        if text.casefold() in (name.casefold(), str(rank)):
            return name
    return "Medium"


def _automatic_positions(specs: list[ParameterSpec]) -> list[ParameterSpec]:
    """Compiler.GetParameterMetaData: non-switch parameters get 0, 1, 2 ... in declaration order."""
    result: list[ParameterSpec] = []
    position = 0
    for spec in specs:
        if spec.is_switch:
            result.append(spec)
            continue
        sets = {
            name: ParameterSetInfo(
                info.mandatory,
                position,
                info.value_from_pipeline,
                info.value_from_pipeline_by_property_name,
                info.value_from_remaining_arguments,
            )
            for name, info in spec.sets.items()
        }
        position += 1
        result.append(spec.with_changes(sets=sets))
    return result


# -- one parameter --------------------------------------------------------------------------------
def _parameter(node: Any) -> tuple[ParameterSpec, bool]:
    """(the parameter's spec, whether a [Parameter()] names a Position or a set)."""
    name = node.name.variable_path.user_path
    static_type = node.static_type_name  # the first type constraint, as PowerShell's StaticType
    type_name = _type_text(static_type) if static_type is not None else "Object"
    sets: dict[str, ParameterSetInfo] = {}
    fields: dict[str, Any] = {}
    aliases: list[str] = []
    transforms: list[str] = []
    custom = False
    hidden = False
    for attribute in node.attributes:
        kind = _attribute_name(attribute)
        if not hasattr(attribute, "named_arguments"):  # a TypeConstraintAst
            continue
        named = _named(attribute)
        positional = [_value(argument) for argument in attribute.positional_arguments]
        if kind == "parameter":
            set_name = _text(named.get("parametersetname")) or ALL_SETS
            position = named.get("position")
            custom = custom or position is not None or set_name != ALL_SETS
            hidden = hidden or _truthy(named.get("dontshow", False))
            sets[set_name] = ParameterSetInfo(
                mandatory=_truthy(named.get("mandatory", False)),
                position=_integer(position),
                value_from_pipeline=_truthy(named.get("valuefrompipeline", False)),
                value_from_pipeline_by_property_name=_truthy(named.get("valuefrompipelinebypropertyname", False)),
                value_from_remaining_arguments=_truthy(named.get("valuefromremainingarguments", False)),
            )
        elif kind == "alias":
            aliases.extend(a for a in _strings(positional) if a not in aliases)
        else:
            _validation(kind, positional, attribute, fields, transforms)
    return (
        ParameterSpec(
            name=name,
            type=type_name,
            aliases=tuple(aliases),
            sets=sets or {ALL_SETS: ParameterSetInfo()},
            default=node.default_value.extent.text if node.default_value is not None else None,
            transforms=tuple(transforms),
            hidden=hidden,
            **fields,
        ),
        custom,
    )


def _validation(
    kind: str, positional: list[Any], attribute: Any, fields: dict[str, Any], transforms: list[str]
) -> None:
    """Fill ``fields`` from one validation/argument attribute (unknown kinds are left out)."""
    numbers = [_number(value) for value in positional] if kind in _RANGES else []
    if kind == "validateset":
        fields["accepted_values"] = tuple(_strings(positional))
    elif kind in ("argumentcompletions", "completions"):
        fields["suggested_values"] = tuple(_strings(positional))
    elif kind == "validaterange" and len(numbers) == 2 and None not in numbers:
        fields["validate_range"] = (numbers[0], numbers[1])
    elif kind in ("validatecount", "validatelength") and len(numbers) == 2 and None not in numbers:
        fields[f"validate_{kind[len('validate') :]}"] = (int(numbers[0]), int(numbers[1]))  # type: ignore[arg-type]
    elif kind == "validatepattern" and positional:
        fields["validate_pattern"] = _text(positional[0])
    elif kind == "validatescript" and attribute.positional_arguments:
        fields["validate_script"] = attribute.positional_arguments[0].extent.text
    elif kind in _FLAGS:
        fields[_FLAGS[kind]] = True
    elif kind == "pstypename" and positional:
        fields["ps_type_name"] = _text(positional[0])
    elif kind in _TRANSFORMS:
        transforms.append(_TRANSFORMS[kind])


_RANGES = frozenset({"validaterange", "validatecount", "validatelength"})
_FLAGS = {
    "validatenotnull": "validate_not_null",
    "validatenotnullorempty": "validate_not_null_or_empty",
    "allownull": "allow_null",
    "allowemptystring": "allow_empty_string",
    "allowemptycollection": "allow_empty_collection",
    "supportswildcards": "wildcards",
}


# -- attributes and their arguments ---------------------------------------------------------------
def _attribute_name(attribute: Any) -> str:
    """``[System.Management.Automation.ParameterAttribute()]`` -> ``parameter``."""
    return _short_name(attribute.type_name.name)


@functools.lru_cache(maxsize=512)
def _short_name(written: str) -> str:
    name = written.rsplit(".", 1)[-1].casefold()
    return name[: -len("attribute")] if name.endswith("attribute") and name != "attribute" else name


def _named(attribute: Any) -> dict[str, Any]:
    """Named arguments by folded name; ``Mandatory`` alone means ``$true``."""
    return {
        argument.argument_name.casefold(): True if argument.expression_omitted else _value(argument.argument)
        for argument in attribute.named_arguments
    }


def _cmdlet_binding(attributes: list[Any]) -> dict[str, Any] | None:
    for attribute in attributes:
        if hasattr(attribute, "named_arguments") and _attribute_name(attribute) == "cmdletbinding":
            return _named(attribute)
    return None


def _outputs(attributes: list[Any]) -> tuple[str, ...]:
    found: list[str] = []
    for attribute in attributes:
        if hasattr(attribute, "named_arguments") and _attribute_name(attribute) == "outputtype":
            found.extend(_strings([_value(argument) for argument in attribute.positional_arguments]))
    return tuple(found)


class _Type(str):
    """A ``[type]`` argument (``[OutputType([pscustomobject])]``): its name as written."""


def _value(node: Any) -> Any:
    """A constant attribute argument's value; a list for ``a, b``; else the source text."""
    kind = type(node).__name__
    if kind in ("StringConstantExpressionAst", "ConstantExpressionAst"):
        return node.value
    if kind == "ExpandableStringExpressionAst" and not node.nested_expressions:
        return node.value
    if kind == "VariableExpressionAst":
        folded = node.variable_path.user_path.casefold()
        if folded in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[folded]
    if kind == "TypeExpressionAst":
        return _Type(node.type_name.full_name)
    if kind == "ArrayLiteralAst":
        return [_value(element) for element in node.elements]
    if kind in ("ArrayExpressionAst", "ParenExpressionAst"):
        inner = _only_expression(node)
        if inner is not None:
            value = _value(inner)
            return value if isinstance(value, list) or kind == "ParenExpressionAst" else [value]
    if kind == "MemberExpressionAst" and node.static:
        found = _STATIC_CONSTANTS.get(node.extent.text.replace(" ", "").casefold())
        if found is not None:
            return found
    if kind == "UnaryExpressionAst" and node.extent.text.startswith("-"):
        child = _value(node.child)
        if isinstance(child, int | float) and not isinstance(child, bool):
            return -child
    return node.extent.text


#: The static members attribute arguments use for open ranges (``[ValidateRange(1, [int]::MaxValue)]``).
_STATIC_CONSTANTS: dict[str, int | float] = {
    f"[{type_name}]::{member}": value
    for names, low, high in (
        (("int", "int32", "system.int32"), -(2**31), 2**31 - 1),
        (("long", "int64", "system.int64"), -(2**63), 2**63 - 1),
        (("double", "system.double"), -1.7976931348623157e308, 1.7976931348623157e308),
    )
    for type_name in names
    for member, value in (("minvalue", low), ("maxvalue", high))
}


def _only_expression(node: Any) -> Any:
    """The single expression inside ``( )`` or ``@( )``, else None."""
    inner = getattr(node, "pipeline", None) or getattr(node, "sub_expression", None)
    statements = getattr(inner, "statements", None)
    if statements is not None:
        if len(statements) != 1:
            return None
        inner = statements[0]
    elements = getattr(inner, "pipeline_elements", None)
    if elements is not None:
        if len(elements) != 1:
            return None
        inner = elements[0]
    return getattr(inner, "expression", None)


def _strings(values: list[Any]) -> list[str]:
    result: list[str] = []
    for value in values:
        if isinstance(value, list):
            result.extend(_strings(value))
        elif value is not None:
            result.append(_text(value) or "")
    return result


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "True" if value else "False"
    return str(value)


def _truthy(value: Any) -> bool:
    """LanguagePrimitives.IsTrue for the constants attributes hold."""
    if isinstance(value, str):
        return value.casefold() not in ("", "$false", "0", "$null")
    return bool(value)


def _number(value: Any) -> float | int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    try:
        return int(str(value))
    except ValueError:
        try:
            return float(str(value))
        except ValueError:
            return None


def _integer(value: Any) -> int | None:
    """As LanguagePrimitives converts to int: a fraction rounds half to even (1.5 -> 2)."""
    number = _number(value)
    return None if number is None else round(number)


def _type_text(type_name: Any) -> str:
    """``[string[]]`` -> ``String[]``; ``[switch]`` -> ``SwitchParameter``; unknown names as written."""
    return normalize_type(type_name.full_name) or type_name.full_name
