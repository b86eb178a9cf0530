"""Start-Process: starts a program as StartProcessCommand does on Linux.

-FilePath is found as an application (a path, relative to the session's location, or a name on
PATH); -ArgumentList is joined with spaces and split again into argv by .NET's rules (double
quotes group, ``\\"`` is a quote, backslashes before a quote halve).  The process runs in
-WorkingDirectory (else the session's location), with -RedirectStandardInput/-Output/-Error
files (created anew), the session's environment -- none with -UseNewEnvironment -- plus
-Environment (``$null`` removes a variable; PATH is appended to).  -PassThru writes the Process,
-Wait waits for it (Ctrl+C stops the wait), -NoNewWindow changes nothing on Linux.  -Verb and
-WindowStyle are NotSupportedException on Linux, as in pwsh; so is -Credential here.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from typing import Any

from ...errors import ErrorCategory
from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.files import should_process
from ..common.paths import resolve_literal
from .process_info import Process

__all__ = ["StartProcess", "split_arguments"]


def split_arguments(text: str) -> list[str]:
    """ProcessStartInfo.Arguments as .NET splits it into argv on Unix (ParseArgumentsIntoList)."""
    arguments: list[str] = []
    current: list[str] = []
    started = False
    quoted = False
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            end = index
            while end < len(text) and text[end] == "\\":
                end += 1
            count = end - index
            if end < len(text) and text[end] == '"':
                current.append("\\" * (count // 2))
                if count % 2:
                    current.append('"')
                    end += 1
            else:
                current.append("\\" * count)
            started = True
            index = end
            continue
        if char == '"':
            if quoted and text[index + 1 : index + 2] == '"':
                current.append('"')
                index += 2
                continue
            quoted = not quoted
            started = True
            index += 1
            continue
        if char in " \t" and not quoted:
            if started:
                arguments.append("".join(current))
                current, started = [], False
            index += 1
            continue
        current.append(char)
        started = True
        index += 1
    if started:
        arguments.append("".join(current))
    return arguments


def _invalid_operation(message: str, error_id: str = "InvalidOperationException", exception: str = "") -> CmdletError:
    return CmdletError(
        message,
        error_id=error_id,
        category=ErrorCategory.InvalidOperation,
        exception_type=exception or "System.InvalidOperationException",
    )


def _not_supported(parameter: str) -> CmdletError:
    return CmdletError(
        f"The parameter '{parameter}' is not supported for the cmdlet 'Start-Process' on this edition of PowerShell.",
        error_id="NotSupportedException",
        category=ErrorCategory.NotImplemented,
        exception_type="System.NotSupportedException",
    )


def _invalid_input(what: str, error_id: str, exception: str) -> CmdletError:
    return _invalid_operation(
        f'This command cannot be run because either the parameter "{what}" has a value that is not valid or cannot be '
        "used with this command. Give a valid input and Run your command again.",
        error_id,
        exception,
    )


@register_cmdlet
class StartProcess(Cmdlet):
    name = "Start-Process"

    def begin(self) -> None:
        params = self.params
        if params.parameter_set_name == "UseShellExecute" or params.Verb is not None:
            self.throw_terminating_error(_not_supported("-Verb"))
        if params.is_bound("WindowStyle"):
            self.throw_terminating_error(_not_supported("-WindowStyle"))
        if params.is_bound("Credential") and params.Credential is not None:
            self.throw_terminating_error(_not_supported("-Credential"))
        _ = params.LoadUserProfile, params.NoNewWindow  # Windows-only: nothing to do on Linux
        file_path = to_ps_string(params.FilePath)
        arguments = " ".join(to_ps_string(item) for item in (params.ArgumentList or ()) if item is not None)
        location = self.runspace.location.path
        if params.WorkingDirectory is not None:
            directory = resolve_literal(self.runspace, to_ps_string(params.WorkingDirectory))
            if not os.path.isdir(directory):
                self.write_error(
                    _invalid_input(
                        "WorkingDirectory", "DirectoryNotFoundException", "System.IO.DirectoryNotFoundException"
                    )
                )
                return
        else:
            directory = location
        redirects = self._redirects()
        if redirects is None:
            return
        program = self._find(file_path, location)
        if not should_process(self, f"{program or file_path} {arguments.strip()}".rstrip(), "Start-Process"):
            return
        default_set = any(
            params.is_bound(name)
            for name in (
                "NoNewWindow",
                "RedirectStandardError",
                "RedirectStandardInput",
                "RedirectStandardOutput",
                "UseNewEnvironment",
                "LoadUserProfile",
                "Credential",
            )
        )
        if program is None:
            reason = (
                f"An error occurred trying to start process '{file_path}' with working directory '{directory}'. "
                "No such file or directory"
            )
            if params.ArgumentList is None and not default_set:  # pwsh's ShellExecute path
                self.throw_terminating_error(
                    _invalid_operation(f"This command cannot be run due to the error: {reason}")
                )
            self.throw_terminating_error(
                _invalid_operation(
                    reason, "System.ComponentModel.Win32Exception", "System.ComponentModel.Win32Exception"
                )
            )
        process = self._start([str(program), *split_arguments(arguments)], directory, redirects)
        if process is None:
            return
        if params.PassThru:
            self.write_output(process)
        if params.Wait:
            while not process.HasExited:
                if self.wait_or_stop(0.05):
                    return

    def _find(self, file_path: str, location: str) -> str | None:
        """CommandDiscovery's Application lookup: a path, else an executable on PATH."""
        if not file_path:
            return None
        if "/" in file_path or file_path.startswith((".", "~")):
            candidate = resolve_literal(self.runspace, file_path)
            return candidate if os.path.isfile(candidate) and os.access(candidate, os.X_OK) else None
        for folder in os.environ.get("PATH", "").split(os.pathsep):
            candidate = os.path.join(folder or location, file_path)
            if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                return candidate
        return None

    def _redirects(self) -> dict[str, str] | None:
        """-RedirectStandardInput/-Output/-Error resolved; None after writing the error that stops the command."""
        params = self.params
        given = {
            "RedirectStandardInput": params.RedirectStandardInput,
            "RedirectStandardOutput": params.RedirectStandardOutput,
            "RedirectStandardError": params.RedirectStandardError,
        }
        found = {name: resolve_literal(self.runspace, to_ps_string(value)) for name, value in given.items() if value}
        source = found.get("RedirectStandardInput")
        if source is not None and not os.path.isfile(source):
            self.write_error(
                _invalid_input(
                    f"RedirectStandardInput '{to_ps_string(given['RedirectStandardInput'])}'",
                    "FileNotFoundException",
                    "System.IO.FileNotFoundException",
                )
            )
            return None
        names = list(found)
        for first_index, first in enumerate(names):
            for second in names[first_index + 1 :]:
                if found[first].casefold() == found[second].casefold():
                    self.write_error(
                        _invalid_operation(
                            f'This command cannot be run because "{first}" and "{second}" are same. Give different '
                            "inputs and Run your command again."
                        )
                    )
                    return None
        return found

    def _environment(self) -> dict[str, str]:
        params = self.params
        environment = {} if params.UseNewEnvironment else dict(os.environ)
        extra = params.Environment
        if isinstance(extra, Mapping):
            for key, value in extra.items():
                name = to_ps_string(key)
                if value is None:
                    environment.pop(name, None)
                elif name == "PATH" and environment.get("PATH"):
                    environment["PATH"] = environment["PATH"] + os.pathsep + to_ps_string(value)
                else:
                    environment[name] = to_ps_string(value)
        return environment

    def _start(self, argv: list[str], directory: str, redirects: dict[str, str]) -> Process | None:
        handles: list[Any] = []
        try:
            stdin = stdout = stderr = None
            if "RedirectStandardInput" in redirects:
                stdin = open(redirects["RedirectStandardInput"], "rb")  # noqa: SIM115 - closed below
                handles.append(stdin)
            if "RedirectStandardOutput" in redirects:
                stdout = open(redirects["RedirectStandardOutput"], "wb")  # noqa: SIM115 - closed below
                handles.append(stdout)
            if "RedirectStandardError" in redirects:
                stderr = open(redirects["RedirectStandardError"], "wb")  # noqa: SIM115 - closed below
                handles.append(stderr)
            popen = subprocess.Popen(
                argv, cwd=directory, env=self._environment(), stdin=stdin, stdout=stdout, stderr=stderr,
                start_new_session=False,
            )  # fmt: skip
        except OSError as error:
            self.throw_terminating_error(
                _invalid_operation(
                    f"This command cannot be run due to the error: An error occurred trying to start process "
                    f"'{argv[0]}' with working directory '{directory}'. {error.strerror or error}"
                )
            )
            return None
        finally:
            for handle in handles:
                handle.close()
        return Process(popen.pid, popen)
