"""Read-Host: one line from the host's input, as ReadHostCommand reads it.

With -Prompt the host shows ``<prompt>: `` (the prompt's items joined by spaces, empty ones
skipped) and PSHostUserInterface.Prompt reads the answer: at the end of input the prompt is
cancelled -- the host ends the line and nothing is written.  Without -Prompt, the end of input
writes ``$null``.  -AsSecureString and -MaskInput read without showing the text; the first
writes a SecureString, the second the plain string.  A host without a user interface (psbridge's
Python API, like a PowerShell hosted without a PSHost UI) cannot be asked: that is PowerShell's
HostException, never a wait on the process's standard input.
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCategory
from ...objects import SecureString, is_ps_collection, to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError, argument_error

__all__ = ["ReadHost"]

_NOT_INTERACTIVE = (
    "A command that prompts the user failed because the host program or the command type does not support user "
    "interaction."
)


def prompt_text(prompt: Any) -> str:
    """BeginProcessing's prompt: a collection's items as strings joined by one space, empty ones left out."""
    if is_ps_collection(prompt):
        return " ".join(text for text in (to_ps_string(item) for item in prompt if item is not None) if text)
    return to_ps_string(prompt)


@register_cmdlet
class ReadHost(Cmdlet):
    name = "Read-Host"

    def begin(self) -> None:
        params = self.params
        prompt = params.get("Prompt", None)
        secret = bool(params.AsSecureString) or bool(params.MaskInput)
        shown = None if prompt is None else prompt_text(prompt)
        if shown == "":  # new FieldDescription(""): its name cannot be empty
            self.throw_terminating_error(argument_error("name cannot be null or empty."))
        host = self.runspace.host
        if host is None:
            self.throw_terminating_error(self.not_interactive(prompt is not None))
            return
        if shown is not None:
            shown += ": "
        if secret:
            reader = getattr(host, "read_secret", None) or host.read_line
            answer = reader(shown)
        else:
            answer = host.read_line(shown)
        if answer is None:
            if prompt is not None:  # Prompt() cancelled: the line ends, the results are empty
                if not secret:
                    host.write("\n")
                return
            self.write_output(None)
            return
        self.write_output(SecureString(answer) if params.AsSecureString else answer)

    @staticmethod
    def not_interactive(prompted: bool) -> CmdletError:
        """InternalHostUserInterface without an external UI: ThrowNotInteractive (ReadLine) or
        ThrowPromptNotInteractive (Prompt, whose message Read-Host leaves empty)."""
        message = _NOT_INTERACTIVE + (
            " The host was attempting to request confirmation with the following message: "
            if prompted
            else " Try a host program that supports user interaction, such as the PowerShell Console, and remove "
            "prompt-related commands from command types that do not support user interaction."
        )
        return CmdletError(
            message,
            error_id="HostFunctionNotImplemented",
            category=ErrorCategory.NotImplemented,
            exception_type="System.Management.Automation.Host.HostException",
        )
