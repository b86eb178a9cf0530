"""What the evaluator needs from the runtime that runs a script.

The language knows how to evaluate expressions and assemble pipelines; it
does not know cmdlets, sessions or error streams.  The runtime implements
this protocol (and tests implement it with a few lines), which keeps the
dependency pointing one way: runtime -> language never the reverse.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:  # the binder loads its spec machinery; the language imports it only when used
    from ...binding import CommandArgument
    from ...errors import PSError

__all__ = ["ScriptHost"]


@runtime_checkable
class ScriptHost(Protocol):
    def invoke_pipeline(
        self, commands: Sequence[tuple[str, list[CommandArgument]]], input: Iterable[Any] | None
    ) -> list[Any]:
        """Run one pipeline of commands and return its output objects.

        ``input`` is None when nothing is piped in, else the objects piped
        into the first command (possibly none, as for ``@() | Cmd``).  A host
        that streams (the runtime's Runspace) also takes ``output=callable``:
        each output object is handed to it as it is written, and the list
        returned is empty; the evaluator passes it only when it was given an
        output sink itself.  Raise a
        PSError subclass for a statement-terminating error (e.g. a
        ParameterBindingError before anything runs).
        """
        ...

    def get_variable(self, name: str) -> tuple[bool, Any]:
        """``(found, value)``.  ``name`` is bare (``X``; ``$global:X`` etc. share one scope) or ``env:X``."""
        ...

    def set_variable(self, name: str, value: Any) -> None:
        """Assign ``X`` or ``env:X`` (``$env:X = $null`` removes the environment variable)."""
        ...

    def report_error(self, error: PSError) -> None:
        """Record a statement-terminating error; the script goes on with the next statement."""
        ...

    @property
    def error_action_preference(self) -> str:
        """``$ErrorActionPreference``; ``"Stop"`` makes the evaluator re-raise instead of reporting."""
        ...
