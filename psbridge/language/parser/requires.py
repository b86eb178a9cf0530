"""``#requires`` lines: parsed as a command (``requires -Version 7.2 -Modules X``) into ScriptRequirements.

PowerShell reads each ``#requires`` comment with the same command rule as
any command line, then checks its parameters (unique prefixes of Version,
Modules, PSEdition, RunAsAdministrator, ShellId, Assembly, PSSnapin), whose
arguments must be constants.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .. import ast
from ..constants import NotConstant, constant_value

if TYPE_CHECKING:
    from . import Parser

__all__ = ["script_requirements"]

_VERSION = re.compile(r"\s*\d+(\.\d+){0,3}\s*$")
_EDITIONS = ("desktop", "core")


def script_requirements(parser: Parser) -> ast.ScriptRequirements | None:
    tokenizer = parser.tokenizer
    comments = sorted(set(tokenizer.requires_comments))
    if not comments:
        return None
    requirements = ast.ScriptRequirements()
    for start, end in comments:
        saved = (tokenizer.pos, tokenizer.end, tokenizer.mode, parser.ungot)
        tokenizer.nested_depth += 1
        try:
            tokenizer.pos, tokenizer.end, parser.ungot = start + 1, end, None
            command = parser.command_rule()
        finally:
            tokenizer.pos, tokenizer.end, tokenizer.mode, parser.ungot = saved
            tokenizer.nested_depth -= 1
        if command is None:
            continue
        if (command.get_command_name() or "").lower() != "requires":
            parser.report_error(command.extent, "ScriptRequiresInvalidFormat")
        elements = command.command_elements
        index = 1
        while index < len(elements):
            element = elements[index]
            if isinstance(element, ast.CommandParameterAst):
                index = _parameter(parser, requirements, element, elements, index)
            else:
                parser.report_error(element.extent, "ScriptRequiresInvalidFormat")
            index += 1
    return requirements


def _parameter(
    parser: Parser,
    requirements: ast.ScriptRequirements,
    parameter: ast.CommandParameterAst,
    elements: list[ast.CommandElementAst],
    index: int,
) -> int:
    name = parameter.parameter_name.lower()
    argument: ast.Ast | None = parameter.argument
    if argument is None and index + 1 < len(elements):
        index += 1
        argument = elements[index]
    if "runasadministrator".startswith(name):
        requirements.is_elevation_required = True
        if argument is not None:
            parser.report_error(parameter.extent, "ParameterCannotHaveArgument", parameter.parameter_name)
        return index
    if argument is None:
        parser.report_error(parameter.extent, "ParameterRequiresArgument", parameter.parameter_name)
        return index
    try:
        value = constant_value(argument)
    except NotConstant:
        parser.report_error(argument.extent, "RequiresArgumentMustBeConstant")
        return index
    values = value if isinstance(value, list) else [value]
    if "shellid".startswith(name):
        if not isinstance(value, str):
            parser.report_error(argument.extent, "RequiresInvalidStringArgument", "shellid")
        else:
            requirements.required_application_id = value
    elif "pssnapin".startswith(name):
        if not isinstance(value, str):
            parser.report_error(argument.extent, "RequiresInvalidStringArgument", "pssnapin")
    elif "psedition".startswith(name):
        for edition in values:
            if not isinstance(edition, str):
                parser.report_error(argument.extent, "RequiresInvalidStringArgument", "psedition")
                continue
            if edition.lower() not in _EDITIONS:
                parser.report_error(argument.extent, "RequiresPSEditionInvalid", "psedition")
            if edition.lower() in (known.lower() for known in requirements.required_ps_editions):
                parser.report_error(argument.extent, "RequiresPSEditionValueIsAlreadySpecified", "psedition")
            else:
                requirements.required_ps_editions.append(edition)
    elif "version".startswith(name):
        text = value if isinstance(value, str) else argument.extent.text
        if not _VERSION.match(text):
            parser.report_error(argument.extent, "RequiresVersionInvalid")
        else:
            requirements.required_ps_version = text.strip()
    elif "assembly".startswith(name):
        for assembly in values:
            if not isinstance(assembly, str):
                parser.report_error(argument.extent, "RequiresInvalidStringArgument", "assembly")
            elif assembly not in requirements.required_assemblies:
                requirements.required_assemblies.append(assembly)
    elif "modules".startswith(name):
        for module in values:
            if isinstance(module, str | Mapping):
                requirements.required_modules.append(module)
            else:
                parser.report_error(argument.extent, "RequiresModuleInvalid",
                                    f"Cannot convert value \"{module}\" to type ModuleSpecification.")  # fmt: skip
    else:
        parser.report_error(parameter.extent, "ScriptRequiresInvalidFormat")
    return index
