"""A recording script host for evaluator tests: canned command output, no runtime."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from psbridge.binding import CommandArgument
from psbridge.errors import PSError
from psbridge.language.subset import evaluate, parse
from psbridge.objects import Hashtable


@dataclass
class Call:
    """One pipeline the evaluator asked the host to run."""

    commands: list[tuple[str, list[CommandArgument]]]
    input: list[Any] | None

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.commands]

    def arguments(self, index: int = 0) -> list[tuple[str | None, Any, bool, str | None]]:
        """The arguments of one command as plain tuples (name, value, has_value, text)."""
        return [(a.parameter_name, a.value, a.has_value, a.parameter_text) for a in self.commands[index][1]]


Handler = Callable[[list[tuple[str, list[CommandArgument]]], list[Any] | None], list[Any]]


@dataclass
class RecordingHost:
    """Implements ScriptHost: records pipelines, answers from ``outputs`` (by last command name)."""

    outputs: dict[str, Any] = field(default_factory=dict)
    variables: Hashtable = field(default_factory=Hashtable)
    environment: dict[str, str] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    errors: list[PSError] = field(default_factory=list)

    @property
    def error_action_preference(self) -> str:
        value = self.variables.get("ErrorActionPreference")
        return "Continue" if value is None else str(value)

    def invoke_pipeline(
        self, commands: Sequence[tuple[str, list[CommandArgument]]], input: Iterable[Any] | None
    ) -> list[Any]:
        piped = None if input is None else list(input)
        commands = [(name, list(arguments)) for name, arguments in commands]
        self.calls.append(Call(commands, piped))
        folded = {name.casefold(): output for name, output in self.outputs.items()}
        result = folded.get(commands[-1][0].casefold(), [])
        if isinstance(result, BaseException):
            raise result
        if callable(result):
            return list(result(commands, piped))
        return list(result)

    def get_variable(self, name: str) -> tuple[bool, Any]:
        if name.casefold().startswith("env:"):
            key = name[4:]
            return (key in self.environment, self.environment.get(key))
        return (name in self.variables, self.variables.get(name))

    def set_variable(self, name: str, value: Any) -> None:
        if name.casefold().startswith("env:"):
            if value is None or value == "":
                self.environment.pop(name[4:], None)
            else:
                self.environment[name[4:]] = str(value)
            return
        self.variables[name] = value

    def report_error(self, error: PSError) -> None:
        self.errors.append(error)


def run(text: str, host: RecordingHost | None = None, **kwargs: Any) -> list[Any]:
    """Parse and evaluate ``text`` against ``host`` (a fresh RecordingHost by default)."""
    return evaluate(parse(text), host if host is not None else RecordingHost(), **kwargs)
