"""Invoke-Command: run a script block here (the InProcess parameter set), or fail as a host
without remoting fails.

Locally (InvokeCommandCommand.EndProcessing) the block runs once, after the input has been read,
in a new scope under the caller's (-NoNewScope: in the caller's scope itself), with
-ArgumentList bound to its param block or ``$args`` and the piped objects (or -InputObject) as
its pipeline input: ``$input`` enumerates them and a ``process`` block runs once per object.
Its output and errors go to Invoke-Command's own streams as they are written.  -StrictMode sets
the strict mode the block runs under.  ``$using:`` is not needed locally: it reads the variable.

Every other parameter set reaches another computer, a VM, a container or an SSH host.  On
Linux pwsh has no WSMan client, so the WSMan sets (-ComputerName, -ConnectionUri, -FilePath with
either) fail with its ``WSManClientDllNotAvailable`` message; psbridge has no remoting at all, so
-Session (PSSessions cannot exist here), the SSH sets (-HostName, -SSHConnection), -VMId/-VMName
and -ContainerId fail too, each with a terminating PSRemotingTransportException.
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCategory
from ...runtime import register_cmdlet
from ...runtime.cmdlet import NOT_BOUND, Cmdlet
from ..common.errors import CmdletError
from ..common.scriptblocks import output_of

__all__ = ["InvokeCommand"]

_WSMAN_SETS = frozenset({"ComputerName", "FilePathComputerName", "Uri", "FilePathUri"})

_WSMAN_MESSAGE = (
    "This parameter set requires WSMan, and no supported WSMan client library was found. WSMan is either not "
    "installed or unavailable for this system."
)


def _transport_error(message: str) -> CmdletError:
    return CmdletError(message, error_id="System.Management.Automation.Remoting.PSRemotingDataStructureException",
                       category=ErrorCategory.ResourceUnavailable,
                       exception_type="System.Management.Automation.Remoting.PSRemotingTransportException")  # fmt: skip


@register_cmdlet
class InvokeCommand(Cmdlet):
    name = "Invoke-Command"

    def begin(self) -> None:
        params = self.params
        set_name = params.parameter_set_name
        # with pipeline input the set may be settled only by the first object: any remoting
        # parameter given decides it is not the local one
        if set_name != "InProcess" and any(name not in _LOCAL for name in params.bound):
            self.throw_terminating_error(self._remoting_error(set_name))
        self.input: list[Any] = []
        self.strict: int | None = None
        if params.is_bound("StrictMode"):
            self.strict = self._strict_level(params.StrictMode)

    def _remoting_error(self, set_name: str) -> CmdletError:
        """What a remote parameter set fails with here (every remoting parameter given is named)."""
        if set_name in _WSMAN_SETS:
            return _transport_error(_WSMAN_MESSAGE)
        given = ", ".join(f"-{name}" for name in self.params.bound if name not in _LOCAL)
        return _transport_error(
            f"psbridge has no PowerShell remoting: Invoke-Command {given} cannot reach a remote session "
            "(only the local -ScriptBlock form runs).")  # fmt: skip

    def _strict_level(self, version: Any) -> int:
        from .set_strict_mode import is_valid_ps_version, strict_level

        text = str(version)
        if text.casefold() in ("off", "0", "0.0"):
            return 0
        if text.casefold() == "latest":
            return strict_level(7)
        major, minor = int(getattr(version, "Major", -1)), int(getattr(version, "Minor", -1))
        if not is_valid_ps_version(major, minor):
            from ...binding.errors import validation_error

            self.throw_terminating_error(validation_error(
                str(self.command.qualifier), "StrictMode",
                f'The "{version}" argument does not contain a valid PowerShell version. Supply a valid version '
                "number and then try the command again."))  # fmt: skip
        return strict_level(major)

    def process(self) -> None:
        value = self.params.bound_value("InputObject")
        if value is not NOT_BOUND:
            self.input.append(value)

    def end(self) -> None:
        params = self.params
        block = params.ScriptBlock
        arguments = list(params.ArgumentList or [])
        scope = self.runspace.current_scope
        saved = scope.strict_mode
        if self.strict is not None:
            scope.strict_mode = self.strict
        try:
            if getattr(block, "compiled", None) is None:  # a Python callable from the Python API
                for item in self.input or [None]:
                    for value in output_of(block, item, *arguments):
                        self.write_output(value)
                return
            self._run(block, arguments, bool(params.NoNewScope))
        finally:
            scope.strict_mode = saved

    def _run(self, block: Any, arguments: list[Any], dot_source: bool) -> None:
        from ...binding import CommandArgument
        from ...language.engine.functions import ScriptBlockCommandInfo
        from ...runtime.pipeline import NO_INPUT, CommandCall, run_pipeline

        call = CommandCall("", [CommandArgument.positional(value) for value in arguments],
                           command=ScriptBlockCommandInfo(block, dot_source=dot_source))  # type: ignore[arg-type]  # fmt: skip
        pipeline_input = self.input if self.input else NO_INPUT
        run_pipeline(self.runspace, [call], pipeline_input, output=self.write_output)


#: The InProcess set's parameters and the common ones: what is not remoting.
_LOCAL = frozenset({
    "ScriptBlock", "ArgumentList", "InputObject", "NoNewScope", "StrictMode", "Verbose", "Debug", "ErrorAction",
    "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
    "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable",
})  # fmt: skip
