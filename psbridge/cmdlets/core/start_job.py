"""Start-Job: run a script block (or a script file) in a background process.

StartJobCommand starts a ``pwsh`` process per job; psbridge forks a fresh process per job
(:mod:`.job_host`) that shares nothing with the caller: the block's text, its -ArgumentList,
its piped -InputObject values (the job's ``$input``) and its ``$using:`` values go over as
deserialized copies, and it starts in the caller's location (or -WorkingDirectory).  The job
starts once the input has been read (``1..3 | Start-Job { $input }`` gets all three), and the
job object (a PSRemotingJob of type BackgroundJob) is written at once.

Windows-only and remoting parameters fail as pwsh 7 fails on Linux: -RunAs32 (a 64-bit
process), -PSVersion other than 5.1 (and 5.1 needs Windows), -DefinitionName (scheduled jobs),
-Credential/-Authentication (a job process as another user).
"""

from __future__ import annotations

import os
from typing import Any

from ...errors import ErrorCategory
from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import NOT_BOUND, Cmdlet
from ..common.errors import CmdletError
from .job_transfer import dump
from .jobs import BackgroundJob, collect_piped_input, session_jobs
from .using_values import using_values

__all__ = ["StartJob"]

_WHITESPACE_DETAIL = (
    "The argument is null, empty, or consists of only white-space characters. Provide an argument that is not "
    "null, empty, or white-space and then try the command again."
)


def _not_supported(message: str, error_id: str) -> CmdletError:
    return CmdletError(message, error_id=error_id, category=ErrorCategory.InvalidOperation,
                       exception_type="System.InvalidOperationException")  # fmt: skip


@register_cmdlet
class StartJob(Cmdlet):
    name = "Start-Job"

    def begin(self) -> None:
        params = self.params
        self.input: list[Any] | None = None
        if params.RunAs32:
            self.throw_terminating_error(_not_supported(
                "Cannot run a job as a 32-bit process on a 64-bit operating system (the RunAs32 parameter): "
                "this is not supported in PowerShell on this platform.", "RunAs32NotSupported"))  # fmt: skip
        if params.is_bound("PSVersion"):
            from ...binding.errors import validation_error

            self.throw_terminating_error(validation_error(
                self.command.qualifier, "PSVersion",
                "The PSVersion parameter is supported only with the value 5.1, and only on Windows.",
                error_id="ParameterBindingFailed"))  # fmt: skip
        if (
            params.parameter_set_name == "DefinitionName"
            or params.is_bound("DefinitionPath")
            or params.is_bound("Type")
        ):
            self.throw_terminating_error(_not_supported(
                f"Scheduled job definitions (-DefinitionName {params.DefinitionName}) need the PSScheduledJob "
                "module, which PowerShell has only on Windows.", "ScheduledJobNotSupported"))  # fmt: skip
        if params.is_bound("Credential") or params.is_bound("Authentication"):
            self.throw_terminating_error(_not_supported(
                "Starting a job as another user (-Credential, -Authentication) is not supported by psbridge.",
                "JobCredentialNotSupported"))  # fmt: skip
        self.location = self._working_directory()
        self.script = self._script()

    def _working_directory(self) -> str:
        params = self.params
        location: str = self.runspace.location.path
        if not params.is_bound("WorkingDirectory"):
            return location
        text = params.WorkingDirectory
        if text is None or not str(text).strip():
            from ...binding.errors import validation_error

            self.throw_terminating_error(
                validation_error(self.command.qualifier, "WorkingDirectory", _WHITESPACE_DETAIL)
            )
        path = self.runspace.location.resolve(str(text))
        if not os.path.isdir(path):
            self.throw_terminating_error(CmdletError(
                f"Cannot find the WorkingDirectory path {text}.", error_id="DirectoryNotFoundException",
                category=ErrorCategory.InvalidArgument, exception_type="System.IO.DirectoryNotFoundException",
                target_object=text))  # fmt: skip
        return path

    def _script(self) -> str:
        """The job's script text: the block's (what the job table's Command shows) or the file's."""
        params = self.params
        path = params.FilePath if params.is_bound("FilePath") else params.LiteralPath
        if path is None:
            return to_ps_string(params.ScriptBlock)
        resolved = self.runspace.location.resolve(str(path))
        try:
            with open(resolved, encoding="utf-8-sig") as handle:
                return handle.read()
        except OSError:
            self.throw_terminating_error(CmdletError(
                f"Cannot find path '{resolved}' because it does not exist.", error_id="PathNotFound",
                category=ErrorCategory.ObjectNotFound,
                exception_type="System.Management.Automation.ItemNotFoundException", target_object=path))  # fmt: skip
            raise  # unreachable: the line above raises

    def process(self) -> None:
        self.input = collect_piped_input(self, self.input)

    def end(self) -> None:
        params = self.params
        block = params.ScriptBlock
        scope = self.runspace.current_scope
        values = using_values(block, scope) if block is not None else {}
        init = params.InitializationScript
        value = params.bound_value("InputObject")
        if self.input is None and value is not NOT_BOUND and not self.expecting_input:
            self.input = list(value) if isinstance(value, list | tuple) else [value]
        payload = {
            "script": self.script,
            "init": to_ps_string(init) if init is not None else None,
            "args": [dump(argument) for argument in params.ArgumentList or []],
            "input": None if self.input is None else [dump(item) for item in self.input],
            "using": {key: dump(item) for key, item in values.items()},
            "location": self.location,
            "environment": dict(os.environ),
        }
        table = session_jobs(self.runspace)
        first = table.next_ids(2)
        name = str(params.Name) if params.Name else f"Job{first}"
        job = BackgroundJob(first, name, self.script)
        try:
            job.start(first + 1, payload)
        except Exception as error:  # no process could be started (an embedding host without an interpreter binary)
            self.throw_terminating_error(CmdletError(
                f"The background job could not be started: {error}", error_id="CannotStartJobProcess",
                category=ErrorCategory.ResourceUnavailable,
                exception_type="System.InvalidOperationException"))  # fmt: skip
        table.add(job)
        self.write_output(job)
