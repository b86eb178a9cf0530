"""``psbridge.run``: PowerShell text in, output objects out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["run"]


def run(text: str, *, variables: Mapping[str, Any] | None = None, input: Iterable[Any] | None = None) -> list[Any]:
    """Run PowerShell ``text`` in a fresh session; returns all output in order.

    ``variables`` seed the session's global variables; ``input`` is the
    script's pipeline input, read by the script as ``$input``.  A parse error
    raises at once; errors written while running (a statement-terminating
    error ends only its statement, as in PowerShell) raise PipelineError after
    the script ends; with ``$ErrorActionPreference = 'Stop'`` the first one
    raises at once.
    """
    from ..errors import PSError
    from ..runtime import PipelineError, Runspace  # the session the script runs in
    from .engine.run import run_text

    runspace = Runspace(variables)
    output: list[Any] = []
    try:
        run_text(runspace, text, input=input, output=output.append)
    except PSError as error:
        error.output = output  # what the script wrote before the error is not lost
        raise
    finally:
        runspace.close()  # the script's keep-alive connections
    if runspace.streams.error:
        raise PipelineError(runspace.streams.error, output)
    return output
