"""PowerShell parameter binding for documented cmdlets.

``bind(command_or_spec, *args, input=..., **params)`` binds without running
anything and without I/O, exactly as PowerShell would bind an advanced
function with the same metadata, or raises the error PowerShell would give.
"""

from __future__ import annotations

from typing import Any

from ..specs.model import CmdletSpec
from .arguments import CommandArgument
from .binder import BindingResult, ParameterBinder
from .compiled import CompiledCommand, compile_command
from .errors import (
    ParameterBindingArgumentTransformationError,
    ParameterBindingError,
    ParameterBindingValidationError,
)
from .types import ActionPreference

__all__ = [
    "ActionPreference",
    "BindingResult",
    "CommandArgument",
    "CompiledCommand",
    "ParameterBinder",
    "ParameterBindingArgumentTransformationError",
    "ParameterBindingError",
    "ParameterBindingValidationError",
    "arguments_from_call",
    "bind",
    "bind_arguments",
    "compile_command",
]

_NO_INPUT: Any = object()


def arguments_from_call(args: tuple[Any, ...], params: dict[str, Any]) -> list[CommandArgument]:
    """Python call -> command arguments: keywords are ``-Name:value``, positionals are plain."""
    arguments = [CommandArgument.named(name, value) for name, value in params.items()]
    arguments.extend(CommandArgument.positional(value) for value in args)
    return arguments


def bind_arguments(
    command: str | CmdletSpec, arguments: list[CommandArgument], input: Any = _NO_INPUT
) -> BindingResult:
    """Bind prepared arguments (and optionally one pipeline object)."""
    binder = ParameterBinder(compile_command(command))
    pipeline = input is not _NO_INPUT
    binder.bind_command_line(arguments, pipeline_expected=pipeline)
    if pipeline:
        binder.bind_pipeline_object(input)
    return binder.result()


def bind(command_or_spec: str | CmdletSpec, *args: Any, input: Any = _NO_INPUT, **params: Any) -> BindingResult:
    """Bind a call the way PowerShell binds it, without running the command.

    ``args`` are positional arguments, ``params`` named ones (a name is
    resolved like ``-Name``: case-insensitively, by alias or unique prefix);
    ``input`` is one pipeline object.  Raises :class:`ParameterBindingError`.
    """
    return bind_arguments(command_or_spec, arguments_from_call(args, params), input)
