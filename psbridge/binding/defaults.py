"""``$PSDefaultParameterValues``: values bound to parameters a command line left unbound.

pwsh's CmdletParameterBinderController applies them after the positional stage
(ApplyDefaultParameterBinding): each ``'<command>:<parameter>'`` key that matches the command
(wildcards allowed in both parts, a parameter matched by name or alias) gives its value to a
parameter that is still unbound and in a parameter set still possible.  A default that does
not bind is skipped with a warning, never an error of the command line; a script block value
is run for the value, unless the parameter takes a script block.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["DefaultValue", "ScriptedDefault", "matching_defaults"]


class ScriptedDefault:
    """A script block value: ``run()`` makes the value when the binder uses it."""

    __slots__ = ("block", "run")

    def __init__(self, block: Any, run: Callable[[], Any]) -> None:
        self.block = block
        self.run = run


class DefaultValue:
    """One key of ``$PSDefaultParameterValues`` that names this command: its parameter pattern and value."""

    __slots__ = ("key", "parameter", "value")

    def __init__(self, key: str, parameter: re.Pattern[str], value: Any) -> None:
        self.key = key
        self.parameter = parameter
        self.value = value


def _wildcard(pattern: str) -> re.Pattern[str]:
    parts = (".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile("".join(parts), re.IGNORECASE)


def matching_defaults(entries: Iterable[tuple[Any, Any]], command_name: str) -> list[DefaultValue]:
    """The keys that apply to ``command_name`` (none when a ``Disabled`` key is true)."""
    found: list[DefaultValue] = []
    for key, value in entries:
        text = str(key).strip()
        if text.casefold() == "disabled":
            if value:
                return []
            continue
        command, colon, parameter = text.partition(":")
        command, parameter = command.strip(), parameter.strip()
        if not colon or not command or not parameter:
            continue  # DefaultParameterDictionary refuses such keys; one set by other means is ignored
        if _wildcard(command).fullmatch(command_name):
            found.append(DefaultValue(text, _wildcard(parameter), value))
    return found
