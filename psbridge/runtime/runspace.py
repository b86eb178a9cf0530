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
from ..errors import CommandNotFoundError, ErrorRecord, PSError
from .cmdlet import Cmdlet
from .commands import resolve_cmdlet
from .host import HostUI
from .location import SessionLocation, path_info
from .pipeline import NO_INPUT, CommandCall, run_pipeline
from .resources import SessionResources
from .scopes import Scope, VariableTable
from .streams import Streams

__all__ = ["ErrorList", "Runspace"]

#: PowerShell's $MaximumErrorCount default: $Error keeps the newest 256 records.
MAXIMUM_ERROR_COUNT = 256


class ErrorList(list[ErrorRecord]):
    """``$Error``: the session's error records, newest first (``$Error[0]``), at most 256."""

    def record(self, record: ErrorRecord) -> None:
        self.insert(0, record)
        if len(self) > MAXIMUM_ERROR_COUNT:
            del self[MAXIMUM_ERROR_COUNT:]


class Runspace:
    """Variables (scopes, case-insensitive), environment access, streams, and the
    session's open resources (keep-alive HTTP clients).

    ``global_scope`` is the session's root scope and ``variables`` a mapping view of
    it; ``current_scope`` is where the running script is (the language moves it as
    functions are called), so a cmdlet reading ``$ErrorActionPreference`` sees the
    caller's value, as PowerShell's dynamic scoping has it.

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
        self.global_scope = Scope()
        self.current_scope = self.global_scope
        self.variables = VariableTable(self.global_scope)
        self.streams = streams or Streams()
        #: ``$Error``: every error record written in this runspace, newest first.
        self.error_list = ErrorList()
        #: The advanced functions running now whose -ErrorVariable, -WarningVariable or
        #: -InformationVariable collect what the commands inside them write too (pwsh hands a
        #: command's variable lists down to the pipelines it runs), innermost last.
        self.variable_sinks: list[Any] = []
        #: Non-terminating errors commands wrote, ``-ErrorAction Ignore`` included: a statement
        #: after which this grew leaves ``$?`` false.
        self.errors_written = 0
        #: The language's session (functions, call depth, strict mode), set when a script first runs.
        self.language: Any = None
        self.resources = resources if resources is not None else SessionResources()
        self._finalizer = weakref.finalize(self, self.resources.close) if resources is None else None
        #: The session's current location (``Get-Location``, ``$PWD``); never the process's cwd.
        self.location = SessionLocation()
        #: The host's UI (Write-Host, Read-Host); None for a host without one (the Python API).
        self.host: HostUI | None = None
        #: Whether names may run the programs on $env:PATH.  Tools that run other people's
        #: examples (``specs check``, the guide and topic runners) turn it off: an example's
        #: ``curl``/``git clone`` must not leave loopback or touch the machine; its name is then
        #: not found, as on a machine without the program.
        self.native_commands = True
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
        head, colon, rest = text.partition(":")
        if colon:
            qualifier = head.casefold()
            if qualifier in ("env", "global", "script", "local", "private", "variable"):
                return qualifier, rest
        return None, text

    def _scope_for(self, qualifier: str | None) -> Scope:
        if qualifier == "global":
            return self.global_scope
        if qualifier == "script":
            return self.current_scope.script_scope
        return self.current_scope

    def get_variable(self, name: str) -> tuple[bool, Any]:
        """``(found, value)`` of ``$name`` as seen from the current scope (``env:X``, ``global:X`` ...)."""
        if ":" not in name and name[:1] != "$":  # a plain name (a preference, a setting): the scopes
            folded = name.casefold()
            if folded != "error" and folded != "pwd":
                variable = self.current_scope.lookup(folded)
                return (False, None) if variable is None else (True, variable.value)
        provider, bare = self._split(name)
        if provider == "env":
            value = os.environ.get(bare)
            if value is None:
                folded = bare.casefold()
                value = next((v for k, v in os.environ.items() if k.casefold() == folded), None)
            return (value is not None), value
        folded = bare.casefold()
        if folded == "error":
            return True, self.error_list
        if folded == "pwd":
            return True, path_info(self.location.path)
        scope = self._scope_for(provider)
        variable = scope.variables.get(folded) if provider in ("local", "private") else scope.lookup(folded)
        return (False, None) if variable is None else (True, variable.value)

    def set_variable(self, name: str, value: Any) -> None:
        """``$name = value`` in the current scope (or the one the qualifier names)."""
        provider, bare = self._split(name)
        if provider == "env":
            if value is None or value == "":
                os.environ.pop(bare, None)
            else:
                os.environ[bare] = str(value)
            return
        self._scope_for(provider).set(bare, value)

    # -- commands ------------------------------------------------------------------------
    def resolve_command(self, name: str) -> type[Cmdlet]:
        """The command ``name`` runs: a function visible from the current scope (the language
        defines them), an alias's target, else a cmdlet."""
        function = self.current_scope.find_function(name)
        if function is not None:
            return function
        target = self.current_scope.find_alias(name)
        if target == "":  # Remove-Alias took a built-in alias away
            raise CommandNotFoundError(name)
        if target is not None and target.casefold() != name.casefold():
            return self.resolve_command(target)
        return resolve_cmdlet(name)

    # -- errors --------------------------------------------------------------------------
    def record_error(self, record: ErrorRecord) -> None:
        self.error_list.record(record)
        for sink in self.variable_sinks:
            sink.collect_error(record)

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
