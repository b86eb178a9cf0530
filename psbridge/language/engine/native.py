"""Native commands: programs on ``$env:PATH`` (``git``, ``sort``, ``sh``) and paths to executables.

PowerShell runs a name that is no alias, function or cmdlet as an application
(CommandDiscovery, then NativeCommandProcessor), and so does psbridge:

* the arguments are not bound: each goes to the program as text, in order -- a ``-flag`` as
  typed, ``-name:value`` as one argument, an array as one argument per element, ``$null`` as
  none, numbers as written (``$PSNativeCommandArgumentPassing`` Standard: an argv, no quoting);
* what the pipeline sends in is written to its standard input while its output is read: a string
  as a line, other objects as pwsh's formatter shows them (``Get-ChildItem | grep x`` greps the
  listing); each line of standard output is a string written to the pipeline as it comes;
* standard error goes to the console as it is written, unless the command's error stream is
  redirected (``2>&1``, ``2>$null``, ``2>file``): then each line is an error record
  (``NativeCommandError`` for the first, ``NativeCommandErrorMessage`` after), as pwsh 7 makes them;
* the exit code is ``$LASTEXITCODE``; a non-zero one makes ``$?`` false and, with
  ``$PSNativeCommandUseErrorActionPreference = $true``, is pwsh's ``ProgramExitedWithNonZeroCode``
  error under ``$ErrorActionPreference``;
* a pipeline that stops early (``| Select-Object -First 1``) or is interrupted ends the program.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import threading
from typing import TYPE_CHECKING, Any

from ...binding import CommandArgument
from ...binding.compiled import CompiledCommand
from ...conversion import as_items, is_true, to_string
from ...errors import ErrorCategory, ErrorRecord, PSError
from ...runtime.cmdlet import Cmdlet
from ...specs.model import CmdletSpec

if TYPE_CHECKING:
    from ...runtime.runspace import Runspace

__all__ = ["NativeCommand", "NativeCommandInfo", "find_application", "native_arguments"]

_EOF: Any = object()
#: Lines read ahead of the pipeline per stream: a program faster than its readers waits.
_BUFFERED_LINES = 1024


def find_application(name: str, base: str) -> str | None:
    """The executable ``name`` runs: a path (relative to the session's location) to an executable
    file, or a bare name found on ``$env:PATH``; None when there is none."""
    if os.sep in name or "/" in name:
        path = os.path.abspath(os.path.join(base, os.path.expanduser(name)))
        return path if os.path.isfile(path) and os.access(path, os.X_OK) else None
    return shutil.which(name)


def native_arguments(arguments: list[CommandArgument]) -> list[str]:
    """The argv a program gets for a command line's arguments (NativeCommandParameterBinder)."""
    argv: list[str] = []
    for argument in arguments:
        if argument.parameter_name is not None:
            text = argument.parameter_text or f"-{argument.parameter_name}"
            if argument.has_value:
                value = argument.value
                items = as_items(value)
                shown = ",".join(to_string(item) for item in items) if items is not None else to_string(value)
                argv.append(text + shown if text.endswith(":") else f"{text}:{shown}")
            else:
                argv.append(text)
            continue
        value = argument.value
        if value is None:
            continue
        items = as_items(value) if not isinstance(value, str) else None
        if items is not None:
            argv.extend(to_string(item) for item in items if item is not None)
        else:
            argv.append(to_string(value))
    return argv


class _NativeArguments:
    """The binder of a native command: it binds nothing, it keeps the arguments as given."""

    parameter_set_name = ""
    #: $PSDefaultParameterValues names parameters; a program has none.
    applies_default_values = False

    def __init__(self) -> None:
        self.bound: dict[str, Any] = {}
        self.arguments: list[CommandArgument] = []
        self.default_warnings: list[str] = []

    def bind_command_line(self, arguments: list[CommandArgument], pipeline_expected: bool = False) -> None:
        self.arguments = list(arguments)

    def bind_pipeline_object(self, value: Any) -> None:
        """Every object goes to the program's input (the command's ``current_input``)."""


class NativeCommandInfo:
    """PowerShell's ApplicationInfo: a program found on the PATH or by its path."""

    is_script = False
    dot_source = False
    pstypenames = ("System.Management.Automation.ApplicationInfo", "System.Management.Automation.CommandInfo",
                   "System.Object")  # fmt: skip

    def __init__(self, name: str, path: str) -> None:
        self.name = os.path.basename(path) if os.sep in name else name
        self.path = path

    def compiled_command(self) -> CompiledCommand:
        return CompiledCommand(CmdletSpec(name=self.name, parameters={}), common_parameters=False)

    def new_binder(self, command: CompiledCommand) -> Any:
        return _NativeArguments()

    def __call__(self, runspace: Runspace, command: CompiledCommand, binder: Any) -> NativeCommand:
        return NativeCommand(runspace, command, binder, self)

    # PowerShell's ApplicationInfo members, for scripts.
    @property
    def Name(self) -> str:
        return os.path.basename(self.path)

    @property
    def DisplayName(self) -> str:
        return os.path.basename(self.path)

    @property
    def CommandType(self) -> str:
        return "Application"

    @property
    def Path(self) -> str:
        return self.path

    @property
    def Source(self) -> str:
        return self.path

    @property
    def Definition(self) -> str:
        return self.path

    @property
    def Version(self) -> str:
        return "0.0.0.0"  # FileVersionInfo of a program without Windows version resources

    def __str__(self) -> str:
        return os.path.basename(self.path)


class NativeCommand(Cmdlet):
    """One run of a program as a pipeline's command processor."""

    def __init__(self, runspace: Runspace, command: CompiledCommand, binder: Any, info: NativeCommandInfo) -> None:
        super().__init__(runspace, command, binder)
        self.info = info
        #: The command line's arguments (bound before the command is made; they are not bound).
        self._arguments: list[CommandArgument] = list(getattr(binder, "arguments", ()))
        self._process: subprocess.Popen[bytes] | None = None
        self._lines: queue.Queue[Any] | None = None
        self._errors: queue.Queue[Any] | None = None
        self._input: queue.Queue[Any] | None = None
        #: Input objects of one type waiting to be formatted together, and their type.
        self._pending: list[Any] = []
        self._pending_key = ""
        #: Set when the command is done with the program: its reader and writer threads end.
        self._stop = threading.Event()
        self._error_lines = 0

    @property
    def name(self) -> str:  # type: ignore[override]
        return self.info.name

    @property
    def command_info(self) -> Any:
        return self.info

    def _captures_errors(self) -> bool:
        """Whether this command's error stream is redirected (by its own ``2>`` or its statement's)."""
        return self.streams.redirects_errors()

    def begin(self) -> None:
        argv = [self.info.path, *native_arguments(self._arguments)]
        capture = self._captures_errors()
        # No pipeline input: the program reads the console's input, as under pwsh; without a
        # console (the Python API, .NET hosts) it reads nothing rather than the host process's.
        stdin: Any = subprocess.PIPE if self.expecting_input else (None if self.runspace.host else subprocess.DEVNULL)
        try:
            self._process = subprocess.Popen(
                argv,
                stdin=stdin,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE if capture else None,
                cwd=self.runspace.location.path,
            )
        except OSError as failure:
            raise _program_failed(self.info, failure, self.runspace.location.path) from None
        self._lines = queue.Queue(_BUFFERED_LINES)
        _start(_pump, self._process.stdout, self._lines, self._stop)
        if capture:
            self._errors = queue.Queue(_BUFFERED_LINES)
            _start(_pump, self._process.stderr, self._errors, self._stop)
        if self._process.stdin is not None:
            # Input goes through a writer of its own: a program that writes before it has read
            # everything never waits on us while we wait on it.
            self._input = queue.Queue()
            _start(_feed, self._process.stdin, self._input, self._stop)

    def process(self) -> None:
        if self._process is None:
            return
        value = self.current_input
        if self._input is not None and value is not None:
            if isinstance(value, str):
                self._send_formatted()
                self._input.put(value + "\n")
            else:
                # Objects go in as pwsh's formatter shows them (a table's header once for a run of
                # objects of one type), as ``Out-String -Stream`` would write them.
                from ...formatting.views import type_key

                key = type_key(value)
                if self._pending and key != self._pending_key:
                    self._send_formatted()
                self._pending.append(value)
                self._pending_key = key
        self._drain(block=False)

    def _send_formatted(self) -> None:
        if not self._pending or self._input is None:
            return
        from ...formatting import render_lines

        for line in render_lines(self._pending):
            self._input.put(line + "\n")
        self._pending = []

    def end(self) -> None:
        process = self._process
        if process is None:
            return
        if self._input is not None:
            self._send_formatted()
            self._input.put(_EOF)  # the writer closes the program's input after the last line
        self._drain(block=True)
        code = process.wait()
        self.runspace.set_variable("LASTEXITCODE", code)
        if code != 0:
            self.runspace.errors_written += 1  # PipelineProcessor.ExecutionFailed: $? is false
            found, strict = self.runspace.get_variable("PSNativeCommandUseErrorActionPreference")
            if found and is_true(strict):
                self.write_error(_exit_error(self.info, code))

    def _drain(self, block: bool) -> None:
        """Write the output lines (and the redirected error lines) read so far; with ``block``, all
        of them until the program has closed its output and its error stream."""
        while True:
            if self._lines is not None:
                try:
                    line = self._lines.get(timeout=0.05) if block else self._lines.get_nowait()
                except queue.Empty:
                    line = None
                if line is _EOF:
                    self._lines = None
                elif line is not None:
                    self.write_output(line)
                    continue
            while self._errors is not None:
                try:
                    error_line = self._errors.get_nowait()
                except queue.Empty:
                    break
                if error_line is _EOF:
                    self._errors = None
                else:
                    self._write_error_line(error_line)
            if not block or (self._lines is None and self._errors is None):
                return

    def _write_error_line(self, line: str) -> None:
        first = self._error_lines == 0
        self._error_lines += 1
        record = ErrorRecord(
            exception=_RemoteException(line),
            error_id="NativeCommandError" if first else "NativeCommandErrorMessage",
            category=ErrorCategory.NotSpecified,
            target_object=line if first else None,
            exception_type_name="RemoteException",
        )
        # _WriteErrorSkipAllowCheck(isFromNativeStdError): no preference, no $Error, $? unchanged
        self.streams.add_error(record)

    def dispose(self) -> None:
        self._stop.set()
        process = self._process
        if process is not None and process.poll() is None:
            process.kill()  # the pipeline stopped early, or was interrupted
            process.wait()


class _RemoteException(PSError):
    """What a line of a program's redirected standard error is wrapped in (pwsh's RemoteException)."""

    dotnet_exception_type = "System.Management.Automation.RemoteException"


def _start(target: Any, *args: Any) -> None:
    threading.Thread(target=target, args=args, daemon=True).start()


def _put(into: queue.Queue[Any], item: Any, stop: threading.Event) -> bool:
    """Put ``item`` once there is room (the queue is bounded: a program that writes faster than
    the pipeline reads waits); False when the command stopped first."""
    while not stop.is_set():
        try:
            into.put(item, timeout=0.1)
            return True
        except queue.Full:
            continue
    return False


def _pump(stream: Any, into: queue.Queue[Any], stop: threading.Event) -> None:
    """Read a program's output line by line (UTF-8, a bad byte replaced) into ``into``, then EOF."""
    try:
        for raw in iter(stream.readline, b""):
            if not _put(into, raw.decode("utf-8", errors="replace").rstrip("\r\n"), stop):
                return
    except (OSError, ValueError):
        pass
    _put(into, _EOF, stop)


def _feed(stream: Any, lines: queue.Queue[Any], stop: threading.Event) -> None:
    """Write the input lines to the program until EOF; a program that stops reading ends it."""
    try:
        while not stop.is_set():
            try:
                line = lines.get(timeout=0.1)
            except queue.Empty:
                continue
            if line is _EOF:
                break
            stream.write(line.encode("utf-8"))
            stream.flush()
    except (BrokenPipeError, OSError, ValueError):
        pass  # the program closed its input; what it wrote still comes out
    finally:
        try:
            stream.close()
        except (BrokenPipeError, OSError, ValueError):
            pass


class _NativeCommandExitException(PSError):
    dotnet_exception_type = "System.Management.Automation.NativeCommandExitException"


class _ApplicationFailedException(PSError):
    dotnet_exception_type = "System.Management.Automation.ApplicationFailedException"


def _exit_error(info: NativeCommandInfo, code: int) -> PSError:
    return _NativeCommandExitException(
        f'Program "{info.name}" ended with non-zero exit code: {code} (0x{code & 0xFF:02X}).',
        error_id="ProgramExitedWithNonZeroCode",
        category=ErrorCategory.NotSpecified,
        target_object=info.path,
    )


def _program_failed(info: NativeCommandInfo, failure: OSError, cwd: str) -> PSError:
    """ApplicationFailedException: the program could not be started (ParserStrings.ProgramFailedToExecute;
    pwsh throws it from the processor, so its id names no command)."""
    error = _ApplicationFailedException(
        f"Program '{info.name}' failed to run: An error occurred trying to start process '{info.path}' with "
        f"working directory '{cwd}'. {failure.strerror or failure}.",
        error_id="NativeCommandFailed",
        category=ErrorCategory.ResourceUnavailable,
        target_object=info.path,
    )
    error.error_record.activity = ""
    return error
