"""``psbridge.invoke``: one command, one pipeline, Python in and out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..binding import arguments_from_call
from ..objects import PSObject, find_adapter
from .errors import PipelineError
from .pipeline import NO_INPUT, CommandCall, run_pipeline
from .resources import shared_resources
from .runspace import Runspace

__all__ = ["input_objects", "invoke"]


def input_objects(input: Any) -> Iterable[Any]:
    """Pipeline objects from ``input``: each element of an iterable; a str, mapping or PSObject is one,
    and so is a foreign object PowerShell would not enumerate (a .NET hashtable)."""
    if isinstance(input, str | bytes | Mapping | PSObject):
        return [input]
    adapter = find_adapter(input)
    if adapter is not None:
        return list(input) if adapter.is_enumerable(input) else [input]
    if isinstance(input, Iterable):
        return input
    return [input]


def invoke(command: str, *args: Any, input: Any = NO_INPUT, **params: Any) -> list[Any]:
    """Run ``command`` with PowerShell's binding; return its output objects in order.

    Raises ParameterBindingError for a binding error (nothing runs), the
    cmdlet's own error at once under ``ErrorAction='Stop'``, and otherwise
    PipelineError after the pipeline ends if any error record was written.
    Calls share the process's keep-alive connections (closed at exit).
    """
    runspace = Runspace(resources=shared_resources())
    arguments = arguments_from_call(args, params)
    source = NO_INPUT if input is NO_INPUT else input_objects(input)
    output = run_pipeline(runspace, [CommandCall(command, arguments)], source)
    if runspace.streams.error:
        raise PipelineError(runspace.streams.error, output)
    return output
