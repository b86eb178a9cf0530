"""Calling PowerShell's own cmdlets from tests, with the streams a host would see.

Tests here restate assertions of PowerShell's Pester tests (test/powershell/Modules/...) in
Python; each names the file and line it comes from.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from psbridge.binding import arguments_from_call
from psbridge.runtime import NO_INPUT, CommandCall, Runspace, run_pipeline
from psbridge.runtime.host import ConsoleHost


@dataclass
class Session:
    """A runspace with a console host on in-memory streams."""

    stdin: str = ""
    runspace: Runspace = field(default_factory=Runspace)
    console: io.StringIO = field(default_factory=io.StringIO)

    def __post_init__(self) -> None:
        self.runspace.host = ConsoleHost(self.console, io.StringIO(self.stdin))

    def __call__(self, command: str, *args: Any, input: Any = NO_INPUT, **params: Any) -> list[Any]:
        """One command; ``input`` is a list of pipeline objects."""
        calls = [CommandCall(command, arguments_from_call(args, params))]
        return run_pipeline(self.runspace, calls, input)

    def pipeline(self, *commands: tuple[Any, ...], input: Any = NO_INPUT) -> list[Any]:
        """``("Cmd", args..., {params})`` per command."""
        calls = []
        for command in commands:
            name, *rest = command
            params = rest.pop() if rest and isinstance(rest[-1], dict) else {}
            calls.append(CommandCall(name, arguments_from_call(tuple(rest), params)))
        return run_pipeline(self.runspace, calls, input)

    @property
    def host_text(self) -> str:
        return self.console.getvalue()

    @property
    def errors(self) -> list[Any]:
        return self.runspace.streams.error
