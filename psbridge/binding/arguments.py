"""Command arguments as the binder receives them.

PowerShell hands its binder a list of CommandParameterInternal: each either a
``-Name`` (perhaps with a value attached by ``-Name:value``), or a plain
argument.  Python calls and parsed command lines both become this one shape, so
every rule (reparse, named, positional, splatting) applies to both alike.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CommandArgument"]


class CommandArgument:
    """One argument token: a parameter name, a value, or both.

    ``parameter_text`` keeps the token as typed (``-Bogus``), because PowerShell
    binds an unknown ``-name`` that follows a parameter as literal text.
    """

    __slots__ = ("from_splat", "has_value", "parameter_name", "parameter_text", "value")

    def __init__(
        self,
        parameter_name: str | None,
        value: Any = None,
        *,
        has_value: bool,
        parameter_text: str | None = None,
        from_splat: bool = False,
    ) -> None:
        self.parameter_name = parameter_name
        self.value = value
        self.has_value = has_value
        self.parameter_text = (
            parameter_text
            if parameter_text is not None
            else (f"-{parameter_name}" if parameter_name is not None else None)
        )
        self.from_splat = from_splat

    @classmethod
    def named(cls, name: str, value: Any, *, text: str | None = None, from_splat: bool = False) -> CommandArgument:
        """``-Name:value`` (or a Python keyword argument): the value is attached."""
        return cls(name, value, has_value=True, parameter_text=text or f"-{name}:", from_splat=from_splat)

    @classmethod
    def parameter(cls, name: str, *, text: str | None = None) -> CommandArgument:
        """A bare ``-Name``: a switch, or a parameter whose value is the next token."""
        return cls(name, None, has_value=False, parameter_text=text)

    @classmethod
    def positional(cls, value: Any) -> CommandArgument:
        return cls(None, value, has_value=True)

    @property
    def is_named(self) -> bool:
        return self.parameter_name is not None

    def __repr__(self) -> str:
        if self.parameter_name is None:
            return f"CommandArgument({self.value!r})"
        if not self.has_value:
            return f"CommandArgument({self.parameter_text})"
        return f"CommandArgument({self.parameter_text} {self.value!r})"
