"""The host's user interface: where Write-Host writes and Read-Host reads.

PowerShell's hosts differ: ``pwsh`` writes to the console, a hosting application
(``System.Management.Automation.PowerShell``) may have no UI at all, and then
Write-Host's text reaches only the information stream.  A :class:`Runspace` has
``host`` None by default (psbridge's Python API); the command line sets a
:class:`ConsoleHost` on its standard streams.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from typing import Protocol, TextIO

__all__ = ["ConsoleHost", "HostUI"]


class HostUI(Protocol):
    def write(self, text: str) -> None:
        """Write text as it is (the caller adds any newline)."""

    def read_line(self, prompt: str | None) -> str | None:
        """Show ``prompt`` (``"<prompt>: "``) and read one line; None at the end of input."""


class ConsoleHost:
    """A host on text streams: standard output for text, standard input for answers."""

    def __init__(
        self,
        stdout: TextIO | None = None,
        stdin: TextIO | None = None,
        before_write: Callable[[], None] | None = None,
    ) -> None:
        self.stdout = stdout or sys.stdout
        self.stdin = stdin or sys.stdin
        #: Called before each write: a host that holds output back (to group a table) flushes it,
        #: so Write-Host's text comes after the objects written before it.
        self.before_write = before_write

    @property
    def width(self) -> int:
        """The console's width (120 when output goes elsewhere, as pwsh formats redirected output)."""
        return shutil.get_terminal_size((120, 24)).columns

    @property
    def height(self) -> int | None:
        """The console's height, None when output does not go to a console."""
        return shutil.get_terminal_size((0, 0)).lines or None if self.stdout.isatty() else None

    def write(self, text: str) -> None:
        if self.before_write is not None:
            self.before_write()
        self.stdout.write(text)
        self.stdout.flush()

    def read_line(self, prompt: str | None) -> str | None:
        if prompt is not None:
            self.write(prompt)
        line = self.stdin.readline()
        if not line:
            return None
        return line.rstrip("\r\n")
