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

    def read_secret(self, prompt: str | None) -> str | None:
        """Show ``prompt`` and read one line without showing it (``*`` per character on a
        terminal); None at the end of input."""


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
        """ConsoleHostUserInterface.ReadLine: from a terminal, the line typed (the terminal shows
        it); from redirected input, the next line, echoed to the output as pwsh echoes what it
        reads from a file or pipe (a backspace removes the character before it)."""
        if prompt is not None:
            self.write(prompt)
        stdin = self.stdin
        line = stdin.readline() if stdin is not None else ""
        if not line:
            return None
        if not _is_terminal(stdin):
            self.write(line)
            text = line.rstrip("\r\n")
            while "\b" in text:
                index = text.index("\b")
                text = text[: max(index - 1, 0)] + text[index + 1 :]
            return text
        return line.rstrip("\r\n")

    def read_secret(self, prompt: str | None) -> str | None:
        """ReadLineAsSecureString: on a terminal the characters typed are not echoed, a ``*``
        stands for each (backspace takes one back, Ctrl+C stops the pipeline); from redirected
        input the next line, not echoed.  A newline ends the prompt either way."""
        stdin = self.stdin
        if stdin is not None and _is_terminal(stdin):
            text = _read_masked(stdin, self.write, prompt)
        else:
            if prompt is not None:
                self.write(prompt)
            line = stdin.readline() if stdin is not None else ""
            text = line.rstrip("\r\n") if line else None
        self.write("\n")
        return text


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _read_masked(stdin: TextIO, write: Callable[[str], None], prompt: str | None) -> str | None:
    """Characters from a terminal with echo off (before the prompt shows, so nothing typed after
    it is echoed), one ``*`` shown for each."""
    import termios

    descriptor = stdin.fileno()
    saved = termios.tcgetattr(descriptor)
    changed = list(saved)
    changed[3] &= ~(termios.ECHO | termios.ICANON)  # lflags: no echo, a character at a time
    termios.tcsetattr(descriptor, termios.TCSADRAIN, changed)
    characters: list[str] = []
    try:
        if prompt is not None:
            write(prompt)
        while True:
            char = stdin.read(1)
            if not char:
                return "".join(characters) if characters else None
            if char in "\r\n":
                return "".join(characters)
            if char in "\b\x7f":
                if characters:
                    characters.pop()
                    write("\b \b")
            elif char.isprintable():
                characters.append(char)
                write("*")
    finally:
        termios.tcsetattr(descriptor, termios.TCSADRAIN, saved)
