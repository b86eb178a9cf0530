"""ShouldProcess: whether a command that changes something goes ahead (MshCommandRuntime.DoShouldProcess).

One decision for PowerShell's cmdlets and for script functions declared
``[CmdletBinding(SupportsShouldProcess)]`` (``$PSCmdlet.ShouldProcess``), in pwsh's order:

1. an earlier "Yes to All" / "No to All" answer to this command stands;
2. WhatIf -- ``-WhatIf``, else ``$WhatIfPreference`` -- prints ``What if: <description>`` on
   the host and says no;
3. the command's ConfirmImpact below the confirm threshold -- ``-Confirm`` makes it Low,
   ``-Confirm:$false`` None (never ask), else ``$ConfirmPreference`` (High by default) -- goes
   ahead without asking, saying what it does on the verbose stream when -Verbose is on;
4. otherwise the host asks (Yes, Yes to All, No, No to All); input that ends first means no:
   nothing is changed that the user did not agree to.  Without a host (the Python API, .NET
   hosts) asking fails with pwsh's HostException, as under PowerShell.Create().
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import ErrorCategory, PSError

if TYPE_CHECKING:
    from .cmdlet import Cmdlet

__all__ = [
    "CONFIRM_IMPACTS",
    "HostException",
    "confirm_threshold",
    "operation_message",
    "should_continue",
    "should_process",
]

#: ConfirmImpact's members by their order (a threshold of None never asks).
CONFIRM_IMPACTS = ("None", "Low", "Medium", "High")
_YES_TO_ALL = "YesToAll"
_NO_TO_ALL = "NoToAll"
_PROMPT_CHOICES = (
    '[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is "Y"): '
)  # fmt: skip
_HELP = (
    "Y - Continue with only the next step of the operation.\n"
    "A - Continue with all the steps of the operation.\n"
    "N - Skip this operation and proceed with the next operation.\n"
    "L - Skip this operation and all subsequent operations.\n"
    'S - Pause the current pipeline and return to the command prompt. Type "exit" to resume the pipeline.\n'
)


class HostException(PSError):
    """A prompt with no host to show it (InternalHostUserInterface.ThrowPromptNotInteractive): the
    Python API and .NET hosts run without one, as pwsh's PowerShell.Create() does."""

    dotnet_exception_type = "System.Management.Automation.Host.HostException"
    default_error_id = "HostFunctionNotImplemented"
    default_category = ErrorCategory.NotImplemented

    def __init__(self, prompt: str) -> None:
        super().__init__(
            "A command that prompts the user failed because the host program or the command type does not "
            f"support user interaction. The host was attempting to request confirmation with the following "
            f"message: {prompt}"
        )


def operation_message(action: str, target: str) -> str:
    """CommandBaseStrings.ShouldProcessMessage."""
    return f'Performing the operation "{action}" on target "{target}".'


def _impact_rank(value: Any, default: str) -> int:
    text = getattr(value, "name", None) or str(value if value is not None else default)
    for rank, name in enumerate(CONFIRM_IMPACTS):
        if name.casefold() == text.strip().casefold() or str(rank) == text.strip():
            return rank
    return CONFIRM_IMPACTS.index(default)


def _what_if(cmdlet: Cmdlet) -> bool:
    params = cmdlet.params
    if params.is_bound("WhatIf"):
        return bool(params.WhatIf)
    from ..conversion import is_true

    found, value = cmdlet.runspace.get_variable("WhatIfPreference")
    return found and is_true(value)


def confirm_threshold(cmdlet: Cmdlet) -> int:
    """The rank at or above which the command asks: -Confirm (Low), -Confirm:$false (never), else
    ``$ConfirmPreference``."""
    params = cmdlet.params
    if params.is_bound("Confirm"):
        return CONFIRM_IMPACTS.index("Low") if bool(params.Confirm) else CONFIRM_IMPACTS.index("None")
    found, value = cmdlet.runspace.get_variable("ConfirmPreference")
    return _impact_rank(value if found else None, "High")


def should_process(
    cmdlet: Cmdlet, description: str, warning: str | None = None, caption: str | None = None
) -> tuple[bool, str]:
    """``(go ahead, reason)``: reason ``"WhatIf"`` when -WhatIf said no, else ``"None"``.  A command
    without ShouldProcess support (no -WhatIf: Tee-Object, a function without SupportsShouldProcess)
    goes ahead, as its pwsh counterpart never asks."""
    if not cmdlet.params.declares("WhatIf"):
        return True, "None"
    remembered = getattr(cmdlet, "_should_process_answer", None)
    if remembered == _NO_TO_ALL:
        return False, "None"
    if remembered == _YES_TO_ALL:
        return True, "None"
    host = cmdlet.runspace.host
    if _what_if(cmdlet):
        if host is not None:
            host.write(f"What if: {description}\n")
        return False, "WhatIf"
    threshold = confirm_threshold(cmdlet)
    impact = _impact_rank(getattr(cmdlet.command.spec, "confirm_impact", None), "Medium")
    if threshold == 0 or threshold > impact:
        if cmdlet.verbose:
            cmdlet.write_verbose(description)
        return True, "None"
    message = warning or f"Are you sure you want to perform this action?\n{description}"
    answer = _ask(cmdlet, caption or "Confirm", message)
    if answer in (_YES_TO_ALL, _NO_TO_ALL):
        cmdlet._should_process_answer = answer  # type: ignore[attr-defined]
    return answer in ("Yes", _YES_TO_ALL), "None"


def should_continue(cmdlet: Cmdlet, query: str, caption: str) -> bool:
    """``$PSCmdlet.ShouldContinue``: always asks (WhatIf and ConfirmPreference do not apply)."""
    return _ask(cmdlet, caption, query) in ("Yes", _YES_TO_ALL)


def _ask(cmdlet: Cmdlet, caption: str, message: str) -> str:
    """The console host's choice prompt; "No" when no input is left (HostException without a host)."""
    host = cmdlet.runspace.host
    if host is None:
        raise HostException(message)
    host.write(f"\n{caption}\n{message}\n")
    while True:
        host.write(_PROMPT_CHOICES)
        line = host.read_line(None)
        if line is None:
            return "No"
        choice = line.strip().casefold()
        if choice in ("", "y"):
            return "Yes"
        if choice == "a":
            return _YES_TO_ALL
        if choice == "n":
            return "No"
        if choice == "l":
            return _NO_TO_ALL
        if choice == "?":
            host.write(_HELP)
        # anything else (and Suspend, which needs a nested prompt psbridge's host has not) asks again
