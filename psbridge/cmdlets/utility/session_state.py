"""What the variable and alias cmdlets share: -Scope as PowerShell reads it, name filters, errors.

``-Scope`` is ``Global``, ``Local``, ``Private`` (the current scope), ``Script`` or a number
counted outwards from the caller's scope (SessionStateScopeAPIs.GetScopeByID); the caller's
scope is the runspace's current scope, which the language moves as functions and script blocks
run, so these cmdlets see and change exactly the variables the script sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ...errors import ErrorCategory
from ...runtime.scopes import CONSTANT, READ_ONLY, PSVariable, Scope
from ..common.errors import CmdletError
from ..common.semantics import wildcard_regex

__all__ = [
    "NameFilter",
    "has_wildcard",
    "item_not_found",
    "scope_by_id",
    "session_state_error",
    "unauthorized",
]


def has_wildcard(text: str) -> bool:
    return any(char in text for char in "*?[")


def _argument_error(message: str, error_id: str, value: Any, exception_type: str) -> CmdletError:
    return CmdletError(
        message, error_id=error_id, category=ErrorCategory.InvalidArgument, exception_type=exception_type,
        target_object=value,
    )  # fmt: skip


def _out_of_range(value: Any, message: str | None = None) -> CmdletError:
    text = (message + " " if message else "Specified argument was out of the range of valid values. ")
    return _argument_error(
        f"{text}(Parameter 'Scope')\nActual value was {value}.", "ArgumentOutOfRange", value,
        "System.Management.Automation.PSArgumentOutOfRangeException",
    )  # fmt: skip


def scope_by_id(current: Scope, scope_id: str | None) -> Scope:
    """The scope ``-Scope scope_id`` names, seen from ``current`` (the caller's scope)."""
    if not scope_id:
        return current
    folded = scope_id.casefold()
    if folded == "global":
        return current.global_scope
    if folded in ("local", "private"):
        return current
    if folded == "script":
        return current.script_scope
    text = scope_id.strip()
    if not re.fullmatch(r"[+-]?\d+", text):
        raise _argument_error(
            'Cannot process argument because the value of parameter "Scope" is not valid. Valid values are '
            '"Global", "Local", or "Script", or a number relative to the current scope (0 through the number of '
            'scopes where 0 is the current scope and 1 is its parent). Change the value of the "Scope" parameter '
            "and run the operation again.",
            "Argument", scope_id, "System.Management.Automation.PSArgumentException",
        )  # fmt: skip
    number = int(text)
    if number < 0 or number > 2**31 - 1:
        raise _out_of_range(scope_id)
    scope: Scope | None = current
    for _ in range(number):
        scope = scope.parent if scope is not None else None
    if scope is None:
        raise _out_of_range(number, f"The scope number '{number}' exceeds the number of active scopes.")
    return scope


class NameFilter:
    """-Name, -Include and -Exclude of one name (VariableCommandBase.GetMatchingVariables)."""

    def __init__(self, name: str | None, include: Iterable[str] | None, exclude: Iterable[str] | None) -> None:
        self.name = name or "*"
        self.wildcard = has_wildcard(self.name)
        self._name = wildcard_regex(self.name)
        self._include = [wildcard_regex(pattern) for pattern in include or ()]
        self._exclude = [wildcard_regex(pattern) for pattern in exclude or ()]

    def passes(self, name: str) -> bool:
        """-Include (when given) and -Exclude agree with ``name``."""
        if self._include and not any(pattern.match(name) for pattern in self._include):
            return False
        return not any(pattern.match(name) for pattern in self._exclude)

    def matches(self, name: str) -> bool:
        return self._name.match(name) is not None

    def select(self, names: Iterable[str]) -> tuple[list[str], bool]:
        """The names that match, and whether any was left out by the filters (then "not found"
        is no error: ``Get-Variable x -Exclude x`` writes nothing)."""
        if not self.wildcard and not self.passes(self.name):
            return [], True
        chosen: list[str] = []
        filtered = False
        for name in names:
            if self.matches(name):
                if self.passes(name):
                    chosen.append(name)
                else:
                    filtered = True
            elif self.wildcard:
                filtered = True
        return chosen, filtered


def item_not_found(name: str, error_id: str, message: str) -> CmdletError:
    """ItemNotFoundException (ObjectNotFound), as SessionState raises it for a missing name."""
    return CmdletError(
        message, error_id=error_id, category=ErrorCategory.ObjectNotFound,
        exception_type="System.Management.Automation.ItemNotFoundException", target_object=name,
    )  # fmt: skip


def session_state_error(name: str, error_id: str, message: str, category: str) -> CmdletError:
    """SessionStateException (VariableAlreadyExists, AliasAlreadyExists ...)."""
    return CmdletError(
        message, error_id=error_id, category=category,
        exception_type="System.Management.Automation.SessionStateException", target_object=name,
    )  # fmt: skip


def unauthorized(name: str, error_id: str, message: str) -> CmdletError:
    """SessionStateUnauthorizedAccessException: a ReadOnly or Constant item refused a change."""
    return CmdletError(
        message, error_id=error_id, category=ErrorCategory.WriteError,
        exception_type="System.Management.Automation.SessionStateUnauthorizedAccessException", target_object=name,
    )  # fmt: skip


def variable_not_writable(variable: PSVariable) -> CmdletError:
    return unauthorized(
        variable.name, "VariableNotWritable", f"Cannot overwrite variable {variable.name} because it is read-only or "
        "constant.",
    )  # fmt: skip


def set_variable_options(variable: PSVariable, options: int, force: bool) -> None:
    """PSVariable.SetOptions: Constant only at creation, never taken off; ReadOnly changes only with -Force."""
    if options == variable.options:
        return
    if variable.options & CONSTANT or (variable.options & READ_ONLY and not force):
        raise variable_not_writable(variable)
    if options & CONSTANT:
        raise unauthorized(
            variable.name, "VariableCannotBeMadeConstant", f"Existing variable {variable.name} cannot be made "
            "constant. Variables can be made constant only at creation time.",
        )  # fmt: skip
    variable.set_options(options)


def assign_value(variable: PSVariable, value: Any, force: bool = False) -> None:
    """PSVariable.Value = value: refused for a ReadOnly (unless forced) or Constant variable; a
    type constraint or validation on the variable still applies."""
    if variable.options & CONSTANT or (variable.options & READ_ONLY and not force):
        raise variable_not_writable(variable)
    variable.value = variable.transform(value) if variable.attributes else value
