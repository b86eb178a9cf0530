"""A command's parameters as a function definition a model can call (New-ChatCompletionFunction).

It works on a :class:`~psbridge.specs.model.CmdletSpec` -- the same metadata
the binder uses -- so a documented cmdlet (its committed spec) and a script
function (whose param block compiles to a spec) are described alike.  The
rules are PSOpenAI's (Private/ChatCompletionFunction.ps1):

* the parameters of the chosen set (the default set, else the first), less
  the common parameters, hidden ones, and those -ExcludeParameters names;
  only those -IncludeParameters names when it is given;
* each parameter's JSON type from its .NET type; an optional parameter may also
  be ``null``; mandatory ones are ``required`` (all of them with -Strict);
* ValidatePattern/Count/Length/Range/Set become ``pattern``, ``minItems``/``maxItems``,
  ``minLength``/``maxLength``, ``minimum``/``maximum`` and ``enum`` (not with
  -Strict: structured outputs do not take them);
* ``additionalProperties: false``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ...binding.types import resolve_type
from ...conversion.richtypes import EnumType
from ...objects import OrderedDictionary
from ...specs.model import ALL_SETS, CmdletSpec, ParameterSpec
from ._errors import ArgumentError

__all__ = ["COMMON_PARAMETERS", "function_definition", "json_type"]

#: [Cmdlet]::CommonParameters + [Cmdlet]::OptionalCommonParameters.
COMMON_PARAMETERS = frozenset(
    name.casefold()
    for name in (
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction",
        "ErrorVariable", "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer",
        "PipelineVariable", "WhatIf", "Confirm", "UseTransaction",
    )
)  # fmt: skip

_INTEGER = {"Int32", "Int64", "Int16", "BigInteger", "SByte"}
_UNSIGNED = {"UInt16", "UInt32", "UInt64"}
_NUMBER = {"Single", "Double", "Decimal"}
_FORMATS = {"DateTime": "date-time", "Regex": "regex", "Uri": "uri", "Guid": "uuid", "MailAddress": "email"}
_OBJECTS = {"IDictionary", "Hashtable", "OrderedDictionary"}


def json_type(type_name: str) -> dict[str, Any]:
    """The JSON schema of a parameter type (PSOpenAI's ParseParameterType)."""
    if type_name.endswith("[]"):
        return {"type": "array", "items": json_type(type_name[:-2])}
    if type_name in ("Boolean", "SwitchParameter"):
        return {"type": "boolean"}
    if type_name in _INTEGER:
        return {"type": "integer"}
    if type_name in _UNSIGNED:
        return {"type": "integer", "minimum": 0}
    if type_name == "Byte":
        return {"type": "integer", "minimum": 0, "maximum": 255}
    if type_name in _NUMBER:
        return {"type": "number"}
    if type_name in _FORMATS:
        return {"type": "string", "format": _FORMATS[type_name]}
    if type_name in _OBJECTS:
        return {"type": "object"}
    try:
        engine = getattr(resolve_type(type_name), "engine", None)
    except Exception:  # an unknown .NET type: a string, as PSOpenAI's last branch
        return {"type": "string"}
    if isinstance(engine, EnumType):
        return {"type": "string", "enum": list(engine.members)}
    return {"type": "string"}


def _set_parameters(spec: CmdletSpec, set_name: str | None) -> list[tuple[ParameterSpec, bool]]:
    """(parameter, mandatory) of one parameter set, in declaration order."""
    found = []
    for parameter in spec.parameters.values():
        info = parameter.sets.get(set_name) if set_name is not None else None
        if info is None:
            info = parameter.sets.get(ALL_SETS)
        if info is not None:
            found.append((parameter, info.mandatory))
    return found


def _chosen_set(spec: CmdletSpec, wanted: str | None) -> str | None:
    if wanted:
        for name in spec.parameter_sets:
            if name.casefold() == wanted.casefold():
                return name
        raise ArgumentError(f"{wanted} does not exist.")
    if spec.default_parameter_set:
        return spec.default_parameter_set
    return spec.parameter_sets[0] if spec.parameter_sets else None


def _validation(parameter: ParameterSpec, schema: dict[str, Any]) -> None:
    if parameter.validate_pattern:
        schema["pattern"] = parameter.validate_pattern
    if parameter.validate_count is not None:
        schema["minItems"], schema["maxItems"] = parameter.validate_count
    if parameter.validate_length is not None:
        schema["minLength"], schema["maxLength"] = parameter.validate_length
    if parameter.validate_range is not None:
        low, high = parameter.validate_range
        schema["minimum"] = int(low) if float(low).is_integer() else low
        schema["maximum"] = int(high) if float(high).is_integer() else high
    if parameter.accepted_values:
        schema["enum"] = list(parameter.accepted_values)


def function_definition(
    spec: CmdletSpec,
    *,
    description: str | None = None,
    include: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    parameter_set: str | None = None,
    strict: bool = False,
    parameter_descriptions: Mapping[str, str] | None = None,
) -> OrderedDictionary:
    """The ``{name, description, strict, parameters}`` definition of ``spec``'s command;
    ``parameter_descriptions`` (help text by upper-case parameter name) become each
    property's ``description``."""
    excluded = COMMON_PARAMETERS | {name.casefold() for name in exclude}
    included = {name.casefold() for name in include} if include else None
    chosen = _chosen_set(spec, parameter_set)
    definition = OrderedDictionary(name=spec.name)
    text = description or spec.synopsis
    if text:
        definition["description"] = text.replace("\r", "")
    if strict:
        definition["strict"] = True
    properties: dict[str, Any] = {}
    required: list[str] = []
    for parameter, mandatory in _set_parameters(spec, chosen):
        folded = parameter.name.casefold()
        if folded in excluded or parameter.hidden or (included is not None and folded not in included):
            continue
        schema = json_type(parameter.type)
        if mandatory or strict:
            required.append(parameter.name)
        if not mandatory:
            schema["type"] = [schema["type"], "null"]
        helped = (parameter_descriptions or {}).get(parameter.name.upper(), "").replace("\r", "").strip()
        if helped:
            schema["description"] = helped
        if not strict:
            _validation(parameter, schema)
        properties[parameter.name] = schema
    parameters: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        parameters["required"] = required
    definition["parameters"] = parameters
    return definition
