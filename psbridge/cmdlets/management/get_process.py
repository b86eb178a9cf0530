"""Get-Process: the local machine's processes (GetProcessCommand), read from /proc (see :mod:`.processes`).

Processes come sorted by name (case-insensitive), then id, each once; a name without wildcard
characters that matches nothing, and an id that is not running, are non-terminating
ProcessCommandException errors.  ``-IncludeUserName`` adds the owner (type name
``System.Diagnostics.Process#IncludeUserName``), ``-Module`` lists the mapped modules and
``-FileVersionInfo`` the main module's version information (empty on Linux, as ELF files carry
none).
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCategory
from ...objects import PSObject, to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.semantics import wildcard_regex
from .processes import file_version_info, process_ids, process_modules, process_object, process_user

__all__ = ["GetProcess"]

_WILDCARD_CHARACTERS = frozenset("*?[")


def _not_found(message: str, error_id: str, target: Any) -> CmdletError:
    return CmdletError(
        message,
        error_id=error_id,
        category=ErrorCategory.ObjectNotFound,
        exception_type="Microsoft.PowerShell.Commands.ProcessCommandException",
        target_object=target,
    )


@register_cmdlet
class GetProcess(Cmdlet):
    name = "Get-Process"

    def begin(self) -> None:
        self._all: list[PSObject] | None = None

    def _every_process(self) -> list[PSObject]:
        if self._all is None:
            found = (process_object(pid) for pid in process_ids())
            self._all = [process for process in found if process is not None]
        return self._all

    def process(self) -> None:
        params = self.params
        matched: dict[int, PSObject] = {}
        if params.is_bound("Id"):
            for pid in params.Id:
                process = process_object(int(pid)) if int(pid) >= 0 else None
                if process is None:
                    self.write_error(_not_found(
                        f"Cannot find a process with the process identifier {pid}.", "NoProcessFoundForGivenId", pid
                    ))  # fmt: skip
                    continue
                matched.setdefault(int(pid), process)
        elif params.is_bound("InputObject"):
            for given in params.InputObject:
                if isinstance(given, PSObject) and given.get("Id") is not None:
                    fresh = process_object(int(given["Id"]))  # a process read again, as it is now
                    if fresh is not None:
                        matched.setdefault(int(given["Id"]), fresh)
        else:
            self._by_name(params.get("Name", None), matched)
        ordered = sorted(matched.values(), key=lambda p: (str(p["ProcessName"]).casefold(), p["Id"]))
        for process in ordered:
            self._write(process)

    def _by_name(self, names: Any, matched: dict[int, PSObject]) -> None:
        if names is None:
            for process in self._every_process():
                matched.setdefault(process["Id"], process)
            return
        for name in names if isinstance(names, list | tuple) else [names]:
            pattern_text = to_ps_string(name)
            pattern = wildcard_regex(pattern_text)
            found = False
            for process in self._every_process():
                if pattern.match(str(process["ProcessName"])):
                    found = True
                    matched.setdefault(process["Id"], process)
            if not found and not _WILDCARD_CHARACTERS & set(pattern_text):
                if pattern_text.isdigit():
                    message, error_id = (
                        f'Cannot find a process with the name "{pattern_text}". Try running with -Id to search by '
                        "Id of processes.", "RecommendIdTagForGivenName",
                    )  # fmt: skip
                else:
                    message, error_id = (
                        f'Cannot find a process with the name "{pattern_text}". Verify the process name and call '
                        "the cmdlet again.", "NoProcessFoundForGivenName",
                    )  # fmt: skip
                self.write_error(_not_found(message, error_id, pattern_text))

    def _write(self, process: PSObject) -> None:
        params = self.params
        pid = int(process["Id"])
        if params.Module:
            for module in process_modules(pid):
                if params.FileVersionInfo:
                    self.write_output(module["FileVersionInfo"])
                else:
                    self.write_output(module)
            return
        if params.FileVersionInfo:
            info = file_version_info(process["Path"])
            if info is not None:
                self.write_output(info)
            return
        if params.IncludeUserName:
            process["UserName"] = process_user(pid)
            process.pstypenames.insert(0, "System.Diagnostics.Process#IncludeUserName")
        self.write_output(process)
