"""``psbridge.PowerShell``: the hosting API, shaped like System.Management.Automation.PowerShell.

A host builds one pipeline with ``add_command``/``add_parameter``/
``add_argument`` (or ``add_script``), invokes it, and reads the output and
``streams`` afterwards.  As in .NET: binding errors and ``-ErrorAction
Stop`` raise from ``invoke``; other errors land in ``streams.error`` and set
``had_errors``.  Variables persist across invocations of one instance, and so
do its keep-alive connections (one per API base and key) until ``close()``,
the end of a ``with`` block, or garbage collection.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from .binding import CommandArgument
from .errors import PSError
from .runtime import NO_INPUT, CommandCall, Runspace, Streams, input_objects, run_pipeline

__all__ = ["PowerShell"]


@dataclass
class _Script:
    text: str


@dataclass
class _Command:
    name: str
    arguments: list[CommandArgument] = field(default_factory=list)


class PowerShell:
    """One pipeline to build and invoke, over a runspace that keeps variables."""

    def __init__(self, variables: Mapping[str, Any] | None = None) -> None:
        self._runspace = Runspace(variables)
        self._elements: list[_Script | _Command] = []
        self.had_errors = False

    @classmethod
    def create(cls) -> PowerShell:
        """``PowerShell.Create()``."""
        return cls()

    # -- building -----------------------------------------------------------------
    def add_command(self, name: str) -> PowerShell:
        self._elements.append(_Command(name))
        return self

    def _last_command(self) -> _Command:
        if not self._elements or not isinstance(self._elements[-1], _Command):
            raise ValueError("add a command (add_command) before its parameters and arguments")
        return self._elements[-1]

    def add_parameter(self, name: str, value: Any = True) -> PowerShell:
        """``-Name:value``; without a value it is a switch that is present."""
        self._last_command().arguments.append(CommandArgument.named(name, value))
        return self

    def add_parameters(self, parameters: Mapping[str, Any] | Iterable[Any]) -> PowerShell:
        """A dictionary adds named parameters; a list adds positional arguments."""
        if isinstance(parameters, Mapping):
            for name, value in parameters.items():
                self.add_parameter(str(name), value)
        else:
            for value in parameters:
                self.add_argument(value)
        return self

    def add_argument(self, value: Any) -> PowerShell:
        self._last_command().arguments.append(CommandArgument.positional(value))
        return self

    def add_script(self, text: str) -> PowerShell:
        if self._elements:
            raise ValueError("a script must be the first element of the pipeline")
        self._elements.append(_Script(text))
        return self

    def clear(self) -> PowerShell:
        """Forget the commands (variables and streams stay)."""
        self._elements.clear()
        return self

    # -- state ------------------------------------------------------------------------
    @property
    def streams(self) -> Streams:
        return self._runspace.streams

    @property
    def variables(self) -> MutableMapping[str, Any]:
        """Session state: the global variables (``$global:OPENAI_API_KEY`` ...)."""
        return self._runspace.variables

    @property
    def runspace(self) -> Runspace:
        return self._runspace

    # -- running ---------------------------------------------------------------------------
    def invoke(self, input: Any = None) -> list[Any]:
        """Run the pipeline; returns its output objects."""
        if not self._elements:
            raise ValueError("nothing to invoke: add a command or a script first")
        errors_before = len(self.streams.error)
        self.had_errors = False
        try:
            source: Any = NO_INPUT if input is None else input_objects(input)
            elements = list(self._elements)
            if isinstance(elements[0], _Script):
                from .language.engine.run import run_text

                output: list[Any] = []
                try:
                    run_text(
                        self._runspace,
                        elements[0].text,
                        input=None if input is None else source,
                        output=output.append,
                    )
                except PSError as error:
                    error.output = output  # what the script wrote before the error is not lost
                    raise
                elements = elements[1:]
                if not elements:
                    return output
                source = output
            calls = [CommandCall(e.name, list(e.arguments)) for e in elements if isinstance(e, _Command)]
            return run_pipeline(self._runspace, calls, source)
        except Exception:
            self.had_errors = True
            raise
        finally:
            if len(self.streams.error) > errors_before:
                self.had_errors = True

    def close(self) -> None:
        """``Dispose()``: close the session's keep-alive connections (variables stay; a later
        ``invoke`` opens new connections)."""
        self._runspace.close()

    dispose = close

    def __enter__(self) -> PowerShell:
        return self

    def __exit__(self, *exc: object) -> None:
        self.clear()
        self.close()
