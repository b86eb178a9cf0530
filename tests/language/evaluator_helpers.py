"""Running scripts in a fresh runspace for the evaluator tests."""

from __future__ import annotations

from typing import Any

from psbridge.errors import ErrorRecord
from psbridge.language.engine.run import run_text
from psbridge.runtime import Runspace


class Session:
    """One runspace; ``run`` returns a script's output, ``errors`` what it wrote to the error stream."""

    def __init__(self) -> None:
        self.runspace = Runspace()

    def run(self, text: str, **variables: Any) -> list[Any]:
        for name, value in variables.items():
            self.runspace.set_variable(name, value)
        return run_text(self.runspace, text)

    def value(self, name: str) -> Any:
        return self.runspace.get_variable(name)[1]

    @property
    def errors(self) -> list[ErrorRecord]:
        return list(self.runspace.streams.error)

    @property
    def error_ids(self) -> list[str]:
        return [record.fully_qualified_error_id for record in self.runspace.streams.error]


def run(text: str, **variables: Any) -> list[Any]:
    """The output of ``text`` in a new session (errors left on the session's streams)."""
    return Session().run(text, **variables)


def one(text: str, **variables: Any) -> Any:
    """The single output object of ``text``."""
    output = run(text, **variables)
    assert len(output) == 1, output
    return output[0]
