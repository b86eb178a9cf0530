"""PowerShell's output streams other than success output.

Cmdlets write errors, warnings, verbose and debug messages, information and
progress records; hosts read them afterwards (``PowerShell.streams``) or watch
them live (the CLI's progress line, the ``psbridge`` Python logger).  Writers
may be worker threads (concurrent waits), so appends are locked.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from ..errors import ErrorRecord
from ..records import record

__all__ = [
    "DebugRecord",
    "InformationRecord",
    "InformationalRecord",
    "ProgressRecord",
    "Streams",
    "VerboseRecord",
    "WarningRecord",
    "logger",
]

logger = logging.getLogger("psbridge")


@record(frozen=True)
class ProgressRecord:
    """``Write-Progress``: activity, status text, percent (-1 unknown), completed flag."""

    activity: str
    status: str
    percent_complete: int = -1
    activity_id: int = 0
    completed: bool = False
    source: str | None = None
    current_operation: str | None = None
    seconds_remaining: int = -1
    parent_activity_id: int = -1
    source_id: int = 0

    @property
    def StatusDescription(self) -> str:
        return self.status


@record(frozen=True)
class InformationRecord:
    message_data: Any
    source: str | None = None
    tags: tuple[str, ...] = ()

    def __str__(self) -> str:
        return str(self.message_data)

    # PowerShell's property names, for scripts ($info.MessageData, $info.Tags).
    @property
    def MessageData(self) -> Any:
        return self.message_data

    @property
    def Tags(self) -> list[str]:
        return list(self.tags)

    @property
    def Source(self) -> str | None:
        return self.source


class InformationalRecord:
    """A warning, verbose or debug message as an object: what ``3>&1``, ``4>&1`` and ``5>&1``
    merge into the output (pwsh's WarningRecord, VerboseRecord, DebugRecord), so a script
    reads ``$_.Message`` and format data prints the message."""

    __slots__ = ("message",)
    __ps_type_name__ = "System.Management.Automation.InformationalRecord"
    pstypenames: tuple[str, ...] = ("System.Management.Automation.InformationalRecord", "System.Object")

    def __init__(self, message: str) -> None:
        self.message = message

    @property
    def Message(self) -> str:
        return self.message

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class WarningRecord(InformationalRecord):
    __slots__ = ()
    __ps_type_name__ = "System.Management.Automation.WarningRecord"
    pstypenames = ("System.Management.Automation.WarningRecord", *InformationalRecord.pstypenames)


class VerboseRecord(InformationalRecord):
    __slots__ = ()
    __ps_type_name__ = "System.Management.Automation.VerboseRecord"
    pstypenames = ("System.Management.Automation.VerboseRecord", *InformationalRecord.pstypenames)


class DebugRecord(InformationalRecord):
    __slots__ = ()
    __ps_type_name__ = "System.Management.Automation.DebugRecord"
    pstypenames = ("System.Management.Automation.DebugRecord", *InformationalRecord.pstypenames)


class Streams:
    """The non-output streams of one runspace invocation."""

    def __init__(self) -> None:
        self.error: list[ErrorRecord] = []
        self.warning: list[str] = []
        self.verbose: list[str] = []
        self.debug: list[str] = []
        self.information: list[InformationRecord] = []
        self.progress: list[ProgressRecord] = []
        self._lock = threading.Lock()
        #: Called for every progress record as it is written (the CLI draws a line with it).
        self.on_progress: Callable[[ProgressRecord], None] | None = None
        #: Called with (stream name, item) for every record of the other streams as it is
        #: written ("error", "warning", "verbose", "debug", "information"): a host that
        #: shows them live (the CLI) does not wait for the pipeline to end.  May be called
        #: from worker threads.
        self.listener: Callable[[str, Any], None] | None = None

    def _notify(self, stream: str, item: Any) -> None:
        listener = self.listener
        if listener is not None:
            listener(stream, item)

    def redirects_errors(self) -> bool:
        """Whether the error stream is redirected here (``2>&1``, ``2>$null``, ``2>file``): a
        program's standard error then becomes error records instead of going to the console."""
        return False

    def add_error(self, record: ErrorRecord) -> None:
        with self._lock:
            self.error.append(record)
        logger.error("%s", record.fully_qualified_error_id)
        self._notify("error", record)

    def add_warning(self, message: str) -> None:
        with self._lock:
            self.warning.append(message)
        logger.warning("%s", message)
        self._notify("warning", message)

    def add_verbose(self, message: str) -> None:
        with self._lock:
            self.verbose.append(message)
        logger.info("%s", message)
        self._notify("verbose", message)

    def add_debug(self, message: str) -> None:
        with self._lock:
            self.debug.append(message)
        logger.debug("%s", message)
        self._notify("debug", message)

    def add_information(self, record: InformationRecord) -> None:
        with self._lock:
            self.information.append(record)
        self._notify("information", record)

    def add_progress(self, record: ProgressRecord) -> None:
        with self._lock:
            self.progress.append(record)
        callback = self.on_progress
        if callback is not None:
            callback(record)

    def clear(self) -> None:
        with self._lock:
            for stream in (self.error, self.warning, self.verbose, self.debug, self.information, self.progress):
                stream.clear()
