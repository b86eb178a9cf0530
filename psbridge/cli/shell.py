"""Running PowerShell text from the command line, as ``pwsh -Command`` / ``-File`` do.

Output objects go to stdout (formatted, or as a JSON array with --json);
errors to stderr in PowerShell's shape; warnings and verbose lines to stderr
with PowerShell's prefixes.  Exit status: 0 on success, 1 when an error record
was written, 2 on usage errors.  While a cmdlet waits, a progress line is
drawn on stderr -- only when stderr is a terminal.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

from ..errors import PSError
from ..runtime import ProgressRecord, Runspace
from .formatting import format_output, to_json_text

__all__ = ["main", "run_text"]

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
#: pwsh options that change nothing here; accepted so that existing wrapper command lines work.
_IGNORED_SWITCHES = {"-noprofile", "-nop", "-noninteractive", "-nologo", "-noni"}
_IGNORED_OPTIONS_WITH_VALUE = {"-executionpolicy", "-ep", "-ex", "-outputformat", "-of", "-inputformat", "-if"}


class _ProgressLine:
    """A single status line on a terminal, rewritten in place and cleared when done."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = False

    def __call__(self, record: ProgressRecord) -> None:
        if record.completed:
            self.clear()
            return
        text = f"{record.activity} {record.status}"[:119]
        self.stream.write("\r\x1b[2K" + text)
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.shown = False


def run_text(text: str, runspace: Runspace, *, as_json: bool, stdout: TextIO, stderr: TextIO) -> int:
    """Parse and run ``text``; print output and streams; return the exit status."""
    from ..language import evaluate, parse

    progress = _ProgressLine(stderr) if stderr.isatty() else None
    runspace.streams.on_progress = progress
    output: list[Any] = []
    try:
        output = evaluate(parse(text), runspace)
    except PSError as error:  # $ErrorActionPreference = 'Stop', or a parse error
        runspace.streams.add_error(error.error_record)
    finally:
        if progress is not None:
            progress.clear()
        runspace.streams.on_progress = None
    if as_json:
        stdout.write(to_json_text(output) + "\n")
    elif output:
        stdout.write(format_output(output) + "\n")
    streams = runspace.streams
    for message in streams.warning:
        stderr.write(f"WARNING: {message}\n")
    for message in streams.verbose:
        stderr.write(f"VERBOSE: {message}\n")
    for message in streams.debug:
        stderr.write(f"DEBUG: {message}\n")
    for record in streams.error:
        stderr.write(record.format() + "\n")
    return EXIT_ERRORS if streams.error else EXIT_OK


def _usage(message: str, stderr: TextIO) -> int:
    from . import USAGE

    stderr.write(f"psbridge: {message}\n{USAGE}\n")
    return EXIT_USAGE


def main(
    argv: list[str], stdin: TextIO | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    as_json = False
    args = list(argv)
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
        text = stdin.read() if args[1:] == ["-"] else " ".join(args[1:])
    elif first in ("-file", "-f"):
        if len(args) < 2:
            return _usage("-File needs a script path", stderr)
        path = Path(args[1])
        if not path.is_file():
            stderr.write(f"psbridge: the script '{path}' does not exist.\n")
            return EXIT_USAGE
        text = path.read_text(encoding="utf-8-sig")
        runspace.set_variable("args", list(args[2:]))
        runspace.set_variable("PSCommandPath", str(path.resolve()))
    else:
        text = " ".join(args)
    return run_text(text, runspace, as_json=as_json, stdout=stdout, stderr=stderr)
