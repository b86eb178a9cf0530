"""The command line's Out-Default: output objects written as they come, not when the script ends.

A script that runs for minutes (waits, many pages) shows each object as soon
as it is written, and an interrupt or an error loses nothing that was already
produced.  Objects of one type that arrive together still share one view (a
table): like PowerShell's formatter, which waits a moment (300 ms) for more
objects before it fixes a table's columns, a group of objects is held at most
:data:`GROUP_WINDOW` seconds -- or until something else must be written (an
object of another type, a scalar, an error line) or the script ends or is
interrupted -- and then printed with ``render_lines``.

``--json`` writes one JSON array element by element; an interrupted run still
ends the array, so the text stays valid JSON.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Callable
from typing import Any, TextIO

from ..formatting import render_lines
from ..formatting.values import is_uuid
from ..formatting.views import format_data_view, type_key
from ..objects import Hashtable, PSObject, dotnet_type_name, to_jsonable

__all__ = ["GROUP_WINDOW", "JsonWriter", "OutputWriter"]

GROUP_WINDOW = 0.3


def _group_of(value: Any) -> str | None:
    """What makes objects share a view: their type name; None for a scalar (printed at once)."""
    if isinstance(value, PSObject):
        return type_key(value) if value.pstypenames else "PSCustomObject"
    if isinstance(value, dict):
        return "System.Management.Automation.PSCustomObject"
    if isinstance(value, Hashtable):
        return "System.Collections.Hashtable"
    names = getattr(type(value), "pstypenames", None)  # a session state object (PSVariable, AliasInfo ...)
    if names:
        return type_key(value)
    if is_uuid(value):
        return "System.Guid"  # Guids share one table (New-Guid.md example 4)
    if getattr(type(value), "__ps_type_name__", None) is not None and format_data_view(value) is not None:
        return dotnet_type_name(value)  # a modelled .NET type with format data (CultureInfo, Version ...)
    return None


def _width() -> int:
    """The terminal's width, 120 when there is none (as pwsh formats redirected output)."""
    return shutil.get_terminal_size((120, 24)).columns


class OutputWriter:
    """Formats objects as they are written; ``flush()`` before anything else goes to the terminal.

    A group is printed by a timer thread when its window ends.  Nothing raised there is lost or
    printed as a traceback: it goes to ``on_error`` (the command line writes it as a PowerShell
    error record), or without one is raised by the next ``write``/``flush``/``close`` on the
    script's own thread.
    """

    def __init__(
        self,
        stream: TextIO,
        window: float = GROUP_WINDOW,
        clock: Callable[[], float] = time.monotonic,
        on_error: Callable[[BaseException], None] | None = None,
    ):
        self._stream = stream
        self._window = window
        self._clock = clock
        self._on_error = on_error
        self._lock = threading.RLock()
        self._group: list[Any] = []
        self._kind: str | None = None
        self._timer: threading.Timer | None = None
        self._pending: BaseException | None = None  # raised on the timer thread, not yet reported

    def write(self, value: Any) -> None:
        kind = _group_of(value)
        with self._lock:
            self._raise_pending()
            if kind is None:
                self._flush_group()
                self._emit(render_lines([value], _width()))
                return
            if self._group and kind != self._kind:
                self._flush_group()
            if not self._group:
                self._kind = kind
                self._arm()
            self._group.append(value)

    def flush(self) -> None:
        """Write whatever is held (the window is cut short)."""
        self._guarded(on_timer=False)

    close = flush

    # -- internals ------------------------------------------------------------------------
    def _arm(self) -> None:
        timer = threading.Timer(self._window, self._guarded, kwargs={"on_timer": True})
        timer.daemon = True
        self._timer = timer
        timer.start()

    def _guarded(self, *, on_timer: bool) -> None:
        """Print the group held; a failure goes to ``on_error`` -- never left to the timer thread,
        where Python would print it as a traceback and the script would never know."""
        try:
            with self._lock:
                self._raise_pending()
                self._flush_group()
                self._stream.flush()
        except Exception as error:  # formatting or writing failed: surface it, do not lose it
            if isinstance(error, BrokenPipeError):  # the reader went away: the command line ends quietly
                if not on_timer:
                    raise
                with self._lock:
                    self._pending = error
            elif self._on_error is not None:
                self._report(error)  # outside the lock: the reporter may take the terminal's lock
            elif on_timer:
                with self._lock:
                    self._pending = error  # raised by the script thread's next write, flush or close
            else:
                raise

    def _report(self, error: BaseException) -> None:
        assert self._on_error is not None
        try:
            self._on_error(error)
        except Exception:  # the error channel itself failed (stderr closed): keep it for the script's thread
            with self._lock:
                self._pending = error

    def _raise_pending(self) -> None:
        error, self._pending = self._pending, None
        if error is not None:
            raise error

    def _flush_group(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if not self._group:
            return
        group, self._group, self._kind = self._group, [], None
        self._emit(render_lines(group, _width()))

    def _emit(self, lines: list[str]) -> None:
        """Write lines as they are: a view brings its own blank lines (one before, one after), so
        text after a table is set apart by one blank line, as in pwsh, never two."""
        if not lines:  # $null, or nothing to show; an empty string is one empty line, as pwsh prints it
            return
        self._stream.write("\n".join(lines) + "\n")
        self._stream.flush()


class JsonWriter:
    """One JSON array, written element by element (``--json``)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._count = 0
        self._lock = threading.Lock()

    def write(self, value: Any) -> None:
        text = json.dumps(to_jsonable(value), indent=2, ensure_ascii=False)
        indented = "\n".join("  " + line for line in text.splitlines())
        with self._lock:
            if self._count < 0:
                return
            self._stream.write(("[\n" if self._count == 0 else ",\n") + indented)
            self._stream.flush()
            self._count += 1

    def flush(self) -> None:
        self._stream.flush()

    def close(self) -> None:
        with self._lock:
            if self._count < 0:
                return
            self._stream.write("[]\n" if self._count == 0 else "\n]\n")
            self._stream.flush()
            self._count = -1  # closed: nothing more is written
