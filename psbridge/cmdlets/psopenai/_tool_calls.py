"""Running the command a model asked for (Request-ChatCompletion -InvokeTools).

PSOpenAI looks the function name up as a PowerShell command and calls it with
the model's JSON arguments splatted as named parameters (null ones dropped),
under -ErrorAction Stop; the output becomes the tool message's content.  Here
the command runs in the caller's session (its variables, its functions once
scripts define them), bound by the same binder as any other call, so a model
cannot pass what the command's parameters refuse.

Modes: ``None`` never runs anything; ``Auto`` runs the command; ``Confirm``
asks the host, and psbridge has no interactive host: it fails with
PowerShell's non-interactive error instead of running anything unasked.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ...binding import CommandArgument
from ...errors import ErrorCategory, PSError
from ...objects import Hashtable, PSObject, to_ps_string
from ._bodies import plain

if TYPE_CHECKING:
    from ._base import ApiCmdlet

__all__ = ["NonInteractiveError", "ToolArgumentsError", "invoke_tool", "tool_content"]


class NonInteractiveError(PSError):
    dotnet_exception_type = "System.Management.Automation.Host.HostException"
    default_error_id = "HostException"
    default_category = ErrorCategory.ResourceUnavailable

    def __init__(self) -> None:
        super().__init__("PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.")


class ToolArgumentsError(PSError, ValueError):
    dotnet_exception_type = "System.ArgumentException"
    default_error_id = "System.ArgumentException"
    default_category = ErrorCategory.InvalidArgument


def _arguments(text: Any) -> dict[str, Any]:
    try:
        value = json.loads(to_ps_string(text)) if not isinstance(text, dict) else text
    except ValueError as error:
        raise ToolArgumentsError(f"The arguments of the function call are not valid JSON: {error}") from None
    if not isinstance(value, dict):
        raise ToolArgumentsError("The arguments of the function call are not a JSON object.")
    return {key: _as_argument(item) for key, item in value.items() if item is not None}


def _as_argument(value: Any) -> Any:
    """A JSON value as ConvertFrom-Json gives it: objects below the top level are PSCustomObjects
    (PSOpenAI turns only the top level into the splatted hashtable)."""
    if isinstance(value, dict):
        return PSObject({key: _as_argument(item) for key, item in value.items()})
    if isinstance(value, list):
        return [_as_argument(item) for item in value]
    return value


def invoke_tool(cmdlet: ApiCmdlet, name: str, arguments: Any, mode: str) -> list[Any] | None:
    """The command's output for one tool call; None when ``mode`` is None (nothing runs)."""
    if mode.casefold() == "none":
        return None
    if mode.casefold() == "confirm":
        raise NonInteractiveError()
    named = _arguments(arguments)
    cmdlet.write_verbose(f"Execute command: Function: {name} / Arguments: {json.dumps(named)}")
    call = [CommandArgument.named(key, value) for key, value in named.items()]
    call.append(CommandArgument.named("ErrorAction", "Stop"))
    before = len(cmdlet.runspace.error_list)
    output = cmdlet.runspace.invoke_pipeline([(name, call)])
    if not output:
        return ["[SUCCEEDED]" if len(cmdlet.runspace.error_list) == before else "[FAILED]"]
    return output


def _content_items(value: Any) -> list[Any]:
    """PSOpenAI's ObjectToContent: arrays are unrolled; primitives, dictionaries and custom objects
    stay; anything else becomes its text."""
    if isinstance(value, list | tuple):
        return [item for element in value for item in _content_items(element)]
    if isinstance(value, str | bool | int | float | Hashtable | dict | PSObject) or value is None:
        return [value]
    return [to_ps_string(value)]


def tool_content(output: list[Any]) -> str:
    """The tool message's content: a lone string as is, anything else as ConvertTo-Json writes it."""
    items = _content_items(output)
    if len(items) == 1 and isinstance(items[0], str):
        return items[0]
    value = items[0] if len(items) == 1 else items
    return json.dumps(plain(value), indent=2, ensure_ascii=False, default=to_ps_string)
