"""The command line's Out-Default: output objects written as they come, not when the script ends.

A script that runs for minutes (waits, many pages) shows each object as soon
as it is written, and an interrupt or an error loses nothing that was already
produced.  Objects of one type that arrive together still share one view (a
table): like PowerShell's formatter, which waits a moment (300 ms) for more
objects before it fixes a table's columns, a group of objects is held at most
:data:`GROUP_WINDOW` seconds -- or until something else must be written (an
object of another type, a scalar, an error line) or the script ends or is
interrupted -- and then printed with ``format_output``.

``--json`` writes one JSON array element by element; an interrupted run still
ends the array, so the text stays valid JSON.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from typing import Any, TextIO

from ..formatting.views import type_key
from ..objects import Hashtable, PSObject, to_jsonable
from .formatting import format_output

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
    return type_key(value) if names else None


class OutputWriter:
    """Formats objects as they are written; ``flush()`` before anything else goes to the terminal."""

    def __init__(self, stream: TextIO, window: float = GROUP_WINDOW, clock: Callable[[], float] = time.monotonic):
        self._stream = stream
        self._window = window
        self._clock = clock
        self._lock = threading.RLock()
        self._group: list[Any] = []
        self._kind: str | None = None
        self._scalars = False  # the last block written was scalars (consecutive ones share a block)
        self._blocks = 0
        self._timer: threading.Timer | None = None

    def write(self, value: Any) -> None:
        kind = _group_of(value)
        with self._lock:
            if kind is None:
                self._flush_group()
                self._emit(format_output([value]), scalar=True)
                return
            if self._group and kind != self._kind:
                self._flush_group()
            if not self._group:
                self._kind = kind
                self._arm()
            self._group.append(value)

    def flush(self) -> None:
        """Write whatever is held (the window is cut short)."""
        with self._lock:
            self._flush_group()
            self._stream.flush()

    close = flush

    # -- internals ------------------------------------------------------------------------
    def _arm(self) -> None:
        timer = threading.Timer(self._window, self.flush)
        timer.daemon = True
        self._timer = timer
        timer.start()

    def _flush_group(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if not self._group:
            return
        group, self._group, self._kind = self._group, [], None
        self._emit(format_output(group), scalar=False)

    def _emit(self, text: str, *, scalar: bool) -> None:
        if not text:
            return
        if self._blocks and not (scalar and self._scalars):
            self._stream.write("\n")  # blocks are set apart by a blank line, as format_output joins them
        self._stream.write(text + "\n")
        self._stream.flush()
        self._blocks += 1
        self._scalars = scalar


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
