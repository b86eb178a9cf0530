"""Get-Process, Stop-Process and Wait-Process over the processes /proc shows.

ProcessBaseCommand's selection: -Name patterns (wildcards; a plain name that matches nothing is
NoProcessFoundForGivenName, or RecommendIdTagForGivenName when it is a number), -Id (a missing
id is NoProcessFoundForGivenId), -InputObject (Process objects); each process once, sorted by
name then id.  Get-Process prints pwsh's process table (NPM(K), PM(M), WS(M), CPU(s), Id, SI,
ProcessName); -IncludeUserName adds the user.  -Module and -FileVersionInfo read Windows PE
data pwsh cannot show on Linux either: they are refused.  Stop-Process sends SIGKILL (.NET's
Process.Kill) after ShouldProcess; Wait-Process waits for every process (or -Any) up to
-Timeout seconds, watching for Ctrl+C.
"""

from __future__ import annotations

import os
import time
from typing import Any

from ...errors import ErrorCategory
from ...formatting.views import Column, TableView, register_view
from ...objects import to_ps_string
from ...objects.typedata import DOTNET_PROPERTIES
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.files import should_process
from ..common.semantics import wildcard_regex
from .process_info import (
    PROCESS_PROPERTIES,
    Process,
    ProcessGoneError,
    ProcessWithUserName,
    all_processes,
    process_by_id,
)

__all__ = ["GetProcess", "StopProcess", "WaitProcess", "process_error"]

DOTNET_PROPERTIES["System.Diagnostics.Process"] = PROCESS_PROPERTIES
DOTNET_PROPERTIES["System.Diagnostics.Process#IncludeUserName"] = ("UserName", *PROCESS_PROPERTIES)


def _safe(read: Any, default: Any) -> Any:
    try:
        return read()
    except (ProcessGoneError, OSError):
        return default


def _megabytes(value: int) -> str:
    return f"{value / 1048576:,.2f}"


def _right(label: str, width: int, value: Any) -> Column:
    return Column(label, value, width, "right")


#: DotNetTypes.format.ps1xml's "process" table.
register_view(
    "System.Diagnostics.Process",
    TableView(
        [
            _right("NPM(K)", 7, lambda p: _safe(lambda: p.NPM // 1024, 0)),
            _right("PM(M)", 8, lambda p: _megabytes(_safe(lambda: p.PM, 0))),
            _right("WS(M)", 10, lambda p: _megabytes(_safe(lambda: p.WS, 0))),
            _right("CPU(s)", 10, lambda p: f"{_safe(lambda: p.CPU, 0.0):,.2f}"),
            _right("Id", 7, lambda p: p.Id),
            _right("SI", 3, lambda p: _safe(lambda: p.SI, "")),
            Column("ProcessName", lambda p: _safe(lambda: p.ProcessName, ""), None, None),
        ]
    ),
)
#: The "ProcessWithUserName" table of -IncludeUserName.
register_view(
    "System.Diagnostics.Process#IncludeUserName",
    TableView(
        [
            _right("WS(M)", 10, lambda p: _megabytes(_safe(lambda: p.WS, 0))),
            _right("CPU(s)", 8, lambda p: f"{_safe(lambda: p.CPU, 0.0):,.2f}"),
            _right("Id", 7, lambda p: p.Id),
            Column("UserName", lambda p: _safe(lambda: p.UserName, ""), 30, "left"),
            Column("ProcessName", lambda p: _safe(lambda: p.ProcessName, ""), None, None),
        ]
    ),
)


def process_error(
    template: str, name: str, pid: int, target: Any, error_id: str, category: str, inner: str = ""
) -> CmdletError:
    """ProcessBaseCommand.WriteNonTerminatingError: a ProcessCommandException from a resource template."""
    return CmdletError(
        template.format(name, pid, inner),
        error_id=error_id,
        category=category,
        exception_type="Microsoft.PowerShell.Commands.ProcessCommandException",
        target_object=target,
    )


def _texts(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


class _ProcessSelection(Cmdlet):
    """ProcessBaseCommand: the processes -Name, -Id or -InputObject select."""

    def matching_processes(self) -> list[Process]:
        params = self.params
        found: dict[int, Process] = {}
        if params.is_bound("InputObject"):
            for item in _texts(params.InputObject):
                if isinstance(item, Process):
                    found.setdefault(item.Id, item)
        elif params.is_bound("Id"):
            for value in _texts(params.Id):
                pid = int(value)
                process = process_by_id(pid)
                if process is None:
                    self.write_error(
                        process_error(
                            "Cannot find a process with the process identifier {1}.",
                            "",
                            pid,
                            pid,
                            "NoProcessFoundForGivenId",
                            ErrorCategory.ObjectNotFound,
                        )
                    )
                else:
                    found.setdefault(pid, process)
        else:
            everything = all_processes()
            patterns = [to_ps_string(name) for name in _texts(params.Name)] if params.is_bound("Name") else ["*"]
            for pattern in patterns:
                regex = wildcard_regex(pattern)
                matched = False
                for process in everything:
                    if regex.match(_safe(lambda p=process: p.ProcessName, "")):
                        matched = True
                        found.setdefault(process.Id, process)
                if not matched and not any(char in pattern for char in "*?["):
                    numeric = pattern.isdigit()
                    template = 'Cannot find a process with the name "{0}". ' + (
                        "Try running with -Id to search by Id of processes."
                        if numeric
                        else "Verify the process name and call the cmdlet again."
                    )
                    error_id = "RecommendIdTagForGivenName" if numeric else "NoProcessFoundForGivenName"
                    self.write_error(
                        process_error(template, pattern, 0, pattern, error_id, ErrorCategory.ObjectNotFound)
                    )
        return sorted(found.values(), key=lambda p: (_safe(lambda: p.ProcessName, "").casefold(), p.Id))


@register_cmdlet
class GetProcess(_ProcessSelection):
    name = "Get-Process"

    def process(self) -> None:
        params = self.params
        for switch in ("Module", "FileVersionInfo"):
            if params.get(switch, False):
                self.throw_terminating_error(
                    CmdletError(
                        f"The parameter '{switch}' is not supported for the cmdlet 'Get-Process' on this edition of "
                        "PowerShell.",
                        error_id="NotSupportedException",
                        category=ErrorCategory.NotImplemented,
                        exception_type="System.NotSupportedException",
                    )
                )
        for process in self.matching_processes():
            self.write_output(ProcessWithUserName(process.Id) if params.IncludeUserName else process)


@register_cmdlet
class StopProcess(_ProcessSelection):
    name = "Stop-Process"

    def process(self) -> None:
        params = self.params
        for process in self.matching_processes():
            name = _safe(lambda p=process: p.ProcessName, "")
            if not should_process(self, f"{name} ({process.Id})", "Stop-Process"):
                continue
            try:
                if not process.HasExited:
                    os.kill(process.Id, 9)
            except PermissionError as error:
                self.write_error(
                    process_error(
                        'Cannot stop process "{0} ({1})" because of the following error: {2}',
                        name,
                        process.Id,
                        process,
                        "CouldNotStopProcess",
                        ErrorCategory.CloseError,
                        error.strerror or "Access is denied",
                    )
                )
                continue
            except ProcessLookupError:
                pass
            _ = params.Force  # -Force skips pwsh's prompt for another user's process: psbridge never prompts
            if params.PassThru:
                self.write_output(process)


@register_cmdlet
class WaitProcess(_ProcessSelection):
    name = "Wait-Process"

    def begin(self) -> None:
        self.waiting: list[Process] = []

    def process(self) -> None:
        for process in self.matching_processes():
            name = _safe(lambda p=process: p.ProcessName, "")
            if process.Id == os.getpid():
                self.write_error(
                    process_error(
                        "This command stopped operation because it cannot wait on itself. Specify another process and "
                        "Run your command again.",
                        name,
                        process.Id,
                        process,
                        "WaitOnItself",
                        ErrorCategory.ObjectNotFound,
                    )
                )
                continue
            self.waiting.append(process)

    def end(self) -> None:
        params = self.params
        timeout = params.Timeout if params.is_bound("Timeout") else None
        deadline = None if timeout is None else time.monotonic() + int(timeout)
        while True:
            done = [process.HasExited for process in self.waiting]
            if all(done) or (params.Any and any(done)):
                break
            if deadline is not None and time.monotonic() >= deadline:
                for process in self.waiting:
                    if not process.HasExited:
                        self.write_error(
                            CmdletError(
                                f'This command stopped operation because process "{process.ProcessName} '
                                f'({process.Id})" is not stopped in the specified time-out.',
                                error_id="ProcessNotTerminated",
                                category=ErrorCategory.CloseError,
                                exception_type="System.TimeoutException",
                                target_object=process,
                            )
                        )
                break
            if self.wait_or_stop(0.05):
                return
        if params.PassThru:
            self.write_output(self.waiting, enumerate_collection=True)
