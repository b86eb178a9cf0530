"""New-ChatCompletionFunction: a command's parameters as a function definition for -Tools.

The command is found the way the binder finds it -- a committed spec (any
documented cmdlet, implemented or not), else the implementation's own spec
(aliases resolve to their command, as PSOpenAI resolves AliasInfo) -- and
described by :func:`._function_schema.function_definition`.  A command psbridge
does not know fails -Command's validation, as PSOpenAI's ValidateScript
(``Get-Command``) does.
"""

from __future__ import annotations

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


@register_cmdlet
class NewChatCompletionFunction(Cmdlet):
    name = "New-ChatCompletionFunction"

    def process(self) -> None:
        p = self.params
        try:
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
                description=p.Description or None,
                include=p.IncludeParameters,
                exclude=p.ExcludeParameters or (),
                parameter_set=p.ParameterSetName or None,
                strict=bool(p.Strict),
            )
        )
