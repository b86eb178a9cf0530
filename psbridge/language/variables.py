"""Variable paths: what ``$global:x``, ``$env:PATH``, ``${variable:x}`` name (PowerShell's VariablePath).

A path is a scope (``global:``, ``script:``, ``local:``, ``private:``), an
optional ``variable:`` prefix, or a drive (``env:``, ``function:``, any
``name:``), then the name.  The evaluator resolves the scope; the tokenizer
needs the parse to report ``$global:`` (no name) as PowerShell does.
"""

from __future__ import annotations

__all__ = ["VariablePath"]

_SCOPES = {"global": "global", "local": "local", "private": "private", "script": "script"}


class VariablePath:
    """PowerShell's VariablePath: ``user_path`` as written, the scope or drive, and the unqualified name."""

    __slots__ = ("drive_name", "scope", "unqualified_path", "user_path", "variable_prefix")

    def __init__(self, path: str) -> None:
        self.user_path = path
        self.scope: str | None = None
        self.drive_name: str | None = None
        self.variable_prefix = False
        colon = path.find(":")
        if colon <= 0:
            self.unqualified_path = path
            return
        rest = path
        head = rest[:colon].lower()
        if head == "variable":
            self.variable_prefix = True
            rest = rest[colon + 1 :]
            colon = rest.find(":")
            head = rest[:colon].lower() if colon > 0 else ""
        scope = _SCOPES.get(head)
        if scope is not None:
            self.scope = scope
            self.unqualified_path = rest[colon + 1 :]
        elif self.variable_prefix:
            self.unqualified_path = rest
        else:
            self.drive_name = path[:colon]
            self.unqualified_path = path[colon + 1 :]

    @property
    def is_global(self) -> bool:
        return self.scope == "global"

    @property
    def is_script(self) -> bool:
        return self.scope == "script"

    @property
    def is_local(self) -> bool:
        return self.scope == "local"

    @property
    def is_private(self) -> bool:
        return self.scope == "private"

    @property
    def is_drive_qualified(self) -> bool:
        return self.drive_name is not None

    @property
    def is_variable(self) -> bool:
        """A variable (not a drive item such as ``$env:X``)."""
        return self.drive_name is None

    @property
    def is_unqualified(self) -> bool:
        return self.scope is None and self.drive_name is None and not self.variable_prefix

    @property
    def is_unscoped_variable(self) -> bool:
        return self.scope is None and self.drive_name is None

    def __str__(self) -> str:
        return self.user_path

    def __repr__(self) -> str:
        return f"VariablePath({self.user_path!r})"
