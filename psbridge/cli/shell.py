"""Running PowerShell text from the command line, as ``pwsh -Command`` / ``-File`` do.

Output objects go to stdout as they are written (formatted, or as one JSON
array with --json; see :mod:`.output`); errors, warnings, verbose and debug
lines go to stderr as they happen, in PowerShell's shape.  Exit status: 0 on
success, 1 when an error record was written, 2 on usage errors (an unreadable
script, a closed standard input, arguments that are not UTF-8), 130 when
interrupted.  While a cmdlet waits, a progress line is drawn on stderr -- only
when stderr is a terminal.

Ctrl+C stops the pipeline at once: output already written stays written, one
line says the pipeline was stopped, and the requests still in flight are
abandoned (their threads are daemons), never waited for.
"""

from __future__ import annotations

import codecs
import errno
import sys
import threading
from pathlib import Path
from typing import Any, ClassVar, TextIO

from ..errors import ErrorRecord, PSError
from ..runtime import ProgressRecord, Runspace
from ..runtime.host import ConsoleHost
from .output import JsonWriter, OutputWriter

__all__ = ["EXIT_INTERRUPTED", "main", "read_script", "run_text"]

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
#: 128 + SIGINT, what a shell reports for a command stopped by Ctrl+C.
EXIT_INTERRUPTED = 130
#: PowerShell's PipelineStoppedException message: the one line written on Ctrl+C.
STOPPED_MESSAGE = "The pipeline has been stopped."
#: pwsh options that change nothing here; accepted so that existing wrapper command lines work.
_IGNORED_SWITCHES = {"-noprofile", "-nop", "-noninteractive", "-nologo", "-noni"}
_IGNORED_OPTIONS_WITH_VALUE = {"-executionpolicy", "-ep", "-ex", "-outputformat", "-of", "-inputformat", "-if"}
#: Byte-order marks PowerShell honours when it reads a script, longest first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class UsageError(Exception):
    """Something on the command line (or the script it names) cannot be run: exit 2."""


class _ProgressLine:
    """A single status line on a terminal, rewritten in place and cleared when done."""

    def __init__(self, stream: TextIO, lock: threading.RLock) -> None:
        self.stream = stream
        self.lock = lock
        self.shown = False

    def __call__(self, record: ProgressRecord) -> None:
        if record.completed:
            self.clear()
            return
        text = f"{record.activity} {record.status}"[:119]
        with self.lock:
            self.stream.write("\r\x1b[2K" + text)
            self.stream.flush()
            self.shown = True

    def clear(self) -> None:
        with self.lock:
            if self.shown:
                self.stream.write("\r\x1b[2K")
                self.stream.flush()
                self.shown = False


class _Terminal:
    """stdout and stderr as the script writes to them: output flushed before any other line."""

    _PREFIXES: ClassVar[dict[str, str]] = {"warning": "WARNING: ", "verbose": "VERBOSE: ", "debug": "DEBUG: "}

    def __init__(self, stdout: TextIO, stderr: TextIO, *, as_json: bool) -> None:
        self.stderr = stderr
        self.output: OutputWriter | JsonWriter = (
            JsonWriter(stdout) if as_json else OutputWriter(stdout, on_error=self.output_failed)
        )
        self.lock = threading.RLock()
        #: Errors of the output's own thread (a group printed when its window ended).
        self.failures: list[ErrorRecord] = []
        self.progress = _ProgressLine(stderr, self.lock) if stderr.isatty() else None

    def stream_line(self, stream: str, item: Any) -> None:
        """A record of another stream, written as it happens (the Streams listener)."""
        if stream == "error":
            text = item.format() if isinstance(item, ErrorRecord) else str(item)
        elif stream in self._PREFIXES:
            text = self._PREFIXES[stream] + str(item)
        else:
            return  # information is not shown by default (InformationPreference SilentlyContinue)
        with self.lock:
            self.output.flush()
            if self.progress is not None:
                self.progress.clear()
            self.stderr.write(text + "\n")
            self.stderr.flush()

    def output_failed(self, error: BaseException) -> None:
        """Formatting on the output's timer thread failed: an error record on stderr, as the
        script's own errors are written, and the exit status says so."""
        from ..language.engine.errors import as_runtime_error

        record = as_runtime_error(error).error_record
        self.failures.append(record)
        with self.lock:
            if self.progress is not None:
                self.progress.clear()
            self.stderr.write(record.format() + "\n")
            self.stderr.flush()

    def close(self) -> None:
        with self.lock:
            if self.progress is not None:
                self.progress.clear()
            self.output.close()


def run_text(
    text: str,
    runspace: Runspace,
    *,
    as_json: bool,
    stdout: TextIO,
    stderr: TextIO,
    file: tuple[str, list[str]] | None = None,
) -> int:
    """Parse and run ``text``, writing output and streams as they come; return the exit status.

    A KeyboardInterrupt propagates (after what was written is flushed): :func:`main` reports it.
    """
    terminal = _Terminal(stdout, stderr, as_json=as_json)
    if runspace.host is None:  # Write-Host, Read-Host and Out-Host use the console
        runspace.host = ConsoleHost(stdout, before_write=terminal.output.flush)
    streams = runspace.streams
    streams.on_progress = terminal.progress
    streams.listener = terminal.stream_line
    try:
        if file is not None:
            from ..language.engine.run import file_arguments, run_file

            path, arguments = file
            run_file(runspace, path, file_arguments(arguments), text=text, output=terminal.output.write)
        else:
            from ..language.engine.plain import run_plain_text

            # A plain cmdlet line runs without loading the parser and compiler; anything else is parsed.
            if not run_plain_text(runspace, text, terminal.output.write):
                from ..language.engine.run import run_text as run_script

                run_script(runspace, text, output=terminal.output.write)
    except PSError as error:  # $ErrorActionPreference = 'Stop', or a parse error
        streams.add_error(error.error_record)
    finally:
        streams.on_progress = None
        streams.listener = None
        terminal.close()
    exit_code = getattr(runspace.language, "exit_code", None)
    if exit_code is not None:
        return int(exit_code)
    # -Command's status is also that of its last statement (about_Pwsh: $? false, e.g. a program
    # that exited non-zero, is 1 even with no error record written).
    last_failed = file is None and getattr(runspace.language, "question", True) is False
    return EXIT_ERRORS if streams.error or terminal.failures or last_failed else EXIT_OK


def _usage(message: str, stderr: TextIO) -> int:
    from . import USAGE

    stderr.write(f"psbridge: {message}\n{USAGE}\n")
    return EXIT_USAGE


def read_script(path: Path) -> str:
    """A script file's text as PowerShell reads it: a BOM names the encoding (UTF-8, UTF-16 or
    UTF-32, either byte order), otherwise it must be UTF-8.  Text that is neither -- latin-1,
    a binary file -- is a UsageError naming the file and the first bad byte."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(f"the script '{path}' cannot be read: {error.strerror or error}.") from None
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom) :], name
            break
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise UsageError(
            f"the script '{path}' is not {encoding.upper()} text (byte 0x{data[error.start]:02X} at offset "
            f"{error.start}); save it as UTF-8, or with a byte-order mark for UTF-16."
        ) from None
    if "\x00" in text:
        raise UsageError(f"the script '{path}' holds NUL characters: it is a binary file, not a script.")
    return text


def _read_stdin(stdin: TextIO | None) -> str:
    if stdin is None or getattr(stdin, "closed", False):
        raise UsageError("-Command - reads the script from standard input, which is closed.")
    try:
        data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read()
    except OSError as error:
        if error.errno == errno.EBADF:
            raise UsageError("-Command - reads the script from standard input, which is closed.") from None
        raise UsageError(f"-Command - cannot read standard input: {error.strerror or error}.") from None
    except ValueError as error:  # a closed file object
        raise UsageError(f"-Command - cannot read standard input: {error}.") from None
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UsageError(
            f"standard input is not UTF-8 text (byte 0x{data[error.start]:02X} at offset {error.start})."
        ) from None


def _check_arguments(args: list[str]) -> None:
    """Python decodes argv bytes that are not UTF-8 as lone surrogates: refuse them clearly."""
    for index, arg in enumerate(args, 1):
        if any("\ud800" <= ch <= "\udfff" for ch in arg):
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise UsageError(f"argument {index} ({shown!r}) is not valid UTF-8 text.")


def main(
    argv: list[str], stdin: TextIO | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    stdin = stdin if stdin is not None else sys.stdin
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    try:
        return _main(list(argv), stdin, stdout, stderr)
    except UsageError as error:
        stderr.write(f"psbridge: {error}\n")
        return EXIT_USAGE


def _main(args: list[str], stdin: TextIO | None, stdout: TextIO, stderr: TextIO) -> int:
    _check_arguments(args)
    as_json = False
    # Options come first, as with pwsh; whatever follows -Command/-File (or the text) is left alone.
    while args and args[0].startswith("-") and args[0].lower() not in ("-command", "-c", "-file", "-f", "-"):
        typed = args.pop(0)
        option = typed.lower()
        if option == "--json":
            as_json = True
        elif option in _IGNORED_OPTIONS_WITH_VALUE:
            if not args:
                return _usage(f"{typed} needs a value", stderr)
            args.pop(0)
        elif option not in _IGNORED_SWITCHES:
            return _usage(f"unknown option {typed}", stderr)
    if not args:
        return _usage("nothing to run", stderr)
    first = args[0].lower()
    runspace = Runspace()
    if first in ("-command", "-c"):
        if len(args) < 2:
            return _usage("-Command needs text (or - for standard input)", stderr)
        text = _read_stdin(stdin) if args[1:] == ["-"] else " ".join(args[1:])
    elif first in ("-file", "-f"):
        if len(args) < 2:
            return _usage("-File needs a script path", stderr)
        path = Path(args[1])
        if not path.is_file():
            stderr.write(f"psbridge: the script '{path}' does not exist.\n")
            return EXIT_USAGE
        text = read_script(path)
        try:
            return run_text(
                text, runspace, as_json=as_json, stdout=stdout, stderr=stderr, file=(str(path), args[2:])
            )
        finally:
            runspace.close()
    else:
        text = " ".join(args)
    try:
        return run_text(text, runspace, as_json=as_json, stdout=stdout, stderr=stderr)
    finally:
        runspace.close()  # the process's keep-alive connections
