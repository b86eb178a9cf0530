"""Session state: global variables, environment, $Error and the streams.

A :class:`Runspace` is what a PowerShell host has: the variables a script
sees (``$global:OPENAI_API_KEY`` among them, which the cmdlets read), the
error list, and the streams commands write to.  It also implements the
script host protocol the language evaluator drives.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ..binding import CommandArgument
from ..errors import ErrorRecord, PSError
from ..objects import Hashtable
from .host import HostUI
from .location import SessionLocation, path_info
from .pipeline import NO_INPUT, CommandCall, run_pipeline
from .resources import SessionResources
from .streams import Streams

__all__ = ["Runspace"]

_SCOPES = ("global:", "script:", "local:", "private:")


class Runspace:
    """Variables (one global scope, case-insensitive), environment access, streams,
    and the session's open resources (keep-alive HTTP clients).

    ``resources`` shares another session's resources (the module-level
    ``invoke`` shares one process-wide set); without it the runspace owns its
    own, closed by :meth:`close` or when the runspace is garbage-collected.
    """

    def __init__(
        self,
        variables: Mapping[str, Any] | None = None,
        streams: Streams | None = None,
        resources: SessionResources | None = None,
    ) -> None:
        self.variables = Hashtable()
        self.streams = streams or Streams()
        #: ``$Error``: every error record written in this runspace, newest last.
        self.error_list: list[ErrorRecord] = []
        self.resources = resources if resources is not None else SessionResources()
        self._finalizer = weakref.finalize(self, self.resources.close) if resources is None else None
        #: The session's current location (``Get-Location``, ``$PWD``); never the process's cwd.
        self.location = SessionLocation()
        #: The host's UI (Write-Host, Read-Host); None for a host without one (the Python API).
        self.host: HostUI | None = None
        for name, value in (variables or {}).items():
            self.set_variable(name, value)

    def close(self) -> None:
        """Close what this session opened (its HTTP connections); a shared set is left open."""
        if self._finalizer is not None:  # owned: closed now, and again at collection if reused
            self.resources.close()

    # -- variables -----------------------------------------------------------------
    @staticmethod
    def _split(name: str) -> tuple[str | None, str]:
        text = name.lstrip("$")
        lowered = text.casefold()
        if lowered.startswith("env:"):
            return "env", text[4:]
        for scope in _SCOPES:
            if lowered.startswith(scope):
                return None, text[len(scope) :]
        return None, text

    def get_variable(self, name: str) -> tuple[bool, Any]:
        provider, bare = self._split(name)
        if provider == "env":
            value = os.environ.get(bare)
            if value is None:
                folded = bare.casefold()
                value = next((v for k, v in os.environ.items() if k.casefold() == folded), None)
            return (value is not None), value
        if bare.casefold() == "error":
            return True, list(reversed(self.error_list))  # $Error[0] is the newest, as in PowerShell
        if bare.casefold() == "pwd":
            return True, path_info(self.location.path)
        if bare in self.variables:
            return True, self.variables[bare]
        return False, None

    def set_variable(self, name: str, value: Any) -> None:
        provider, bare = self._split(name)
        if provider == "env":
            if value is None or value == "":
                os.environ.pop(bare, None)
            else:
                os.environ[bare] = str(value)
            return
        self.variables[bare] = value

    # -- errors --------------------------------------------------------------------------
    def record_error(self, record: ErrorRecord) -> None:
        self.error_list.append(record)

    def report_error(self, error: PSError) -> None:
        """A statement-terminating error in a script: record it; the script goes on.

        Unlike -ErrorAction, ``$ErrorActionPreference`` also governs these errors:
        SilentlyContinue keeps them out of the error stream (still in $Error), Ignore
        drops them.
        """
        record = error.error_record
        preference = self.error_action_preference.casefold()
        if preference != "ignore":
            self.record_error(record)
        if preference not in ("silentlycontinue", "ignore"):
            self.streams.add_error(record)

    @property
    def error_action_preference(self) -> str:
        found, value = self.get_variable("ErrorActionPreference")
        return str(value) if found and value is not None else "Continue"

    # -- running ---------------------------------------------------------------------------
    def invoke_pipeline(
        self,
        commands: Sequence[tuple[str, list[CommandArgument]] | CommandCall],
        input: Iterable[Any] | None = None,
        output: Callable[[Any], None] | None = None,
    ) -> list[Any]:
        """Run one pipeline (the script host protocol); errors per -ErrorAction.

        With ``output``, each output object is handed to it as soon as the last
        command writes it (the script's own output stream: the CLI prints it at
        once) and the returned list is empty.
        """
        calls = [c if isinstance(c, CommandCall) else CommandCall(c[0], list(c[1])) for c in commands]
        return run_pipeline(self, calls, NO_INPUT if input is None else input, output=output)
