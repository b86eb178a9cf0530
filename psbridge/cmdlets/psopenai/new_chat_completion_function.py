"""New-ChatCompletionFunction: a command's parameters as a function definition for -Tools.

The command is found the way the binder finds it -- a committed spec (any
documented cmdlet, implemented or not), else the implementation's own spec
(aliases resolve to their command, as PSOpenAI resolves AliasInfo) -- and
described by :func:`._function_schema.function_definition`.  A function the script
defined (Get-Command finds it first, as in PowerShell) is described from its param
block and its comment-based help: ``.DESCRIPTION`` (else ``.SYNOPSIS``) for the
function, ``.PARAMETER`` for each parameter, as PSOpenAI reads them through Get-Help.  A command psbridge
does not know fails -Command's validation, as PSOpenAI's ValidateScript
(``Get-Command``) does.
"""

from __future__ import annotations

from typing import Any

from ...errors import CommandNotFoundError, ErrorCategory, PSError
from ...runtime import Cmdlet, register_cmdlet
from ...runtime.commands import resolve_cmdlet
from ...specs import get_spec
from ...specs.model import CmdletSpec
from ._function_schema import function_definition

__all__ = ["NewChatCompletionFunction", "command_spec"]

_SCRIPT = "(Get-Command $_ -ea Ignore) -is [CommandInfo]"


class CommandValidationError(PSError):
    default_error_id = "ParameterArgumentValidationError"
    default_category = ErrorCategory.InvalidData


def command_spec(name: str) -> CmdletSpec:
    """The parameter metadata of the command ``name`` (raises CommandNotFoundError)."""
    try:
        return get_spec(name)
    except CommandNotFoundError:
        command = resolve_cmdlet(name)
        return command.spec or get_spec(command.name)


def _script_function(function: Any) -> tuple[CmdletSpec, str | None, dict[str, str]]:
    """A script function's spec, description and parameter descriptions (upper-case keys)."""
    from ...language.help import help_content_of

    compiled = function.script_block.compiled
    spec = compiled.spec(function.name)
    info = help_content_of(compiled.ast)
    if info is None:
        return spec, None, {}
    return spec, (info.description or info.synopsis or "").strip() or None, dict(info.parameters)


@register_cmdlet
class NewChatCompletionFunction(Cmdlet):
    name = "New-ChatCompletionFunction"

    def process(self) -> None:
        p = self.params
        descriptions: dict[str, str] = {}
        description = p.Description or None
        try:
            function = self.runspace.current_scope.find_function(str(p.Command))
            if function is not None and hasattr(function, "script_block"):
                spec, help_text, descriptions = _script_function(function)
                description = description or help_text
            else:
                spec = command_spec(str(p.Command))
        except CommandNotFoundError:
            raise CommandValidationError(
                f"Cannot validate argument on parameter 'Command'. The \"{_SCRIPT}\" validation script for the "
                f'argument with value "{p.Command}" did not return a result of True. Determine why the '
                "validation script failed, and then try the command again."
            ) from None
        self.write_output(
            function_definition(
                spec,
                description=description,
                include=p.IncludeParameters,
                exclude=p.ExcludeParameters or (),
                parameter_set=p.ParameterSetName or None,
                strict=bool(p.Strict),
                parameter_descriptions=descriptions,
            )
        )
