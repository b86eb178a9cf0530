"""Reading and writing variables: ``$x``, ``$global:x``, ``$env:X``, ``$_``, ``$?`` ...

Names are case-folded at compile time; a read is a dict lookup in the current scope,
then the walk outwards (:meth:`Scope.lookup`).  Scope qualifiers pick the scope once
per access; drive-qualified names go to the provider (``env:``, ``variable:``,
``function:``).  An unset variable is ``$null`` (an error under ``Set-StrictMode``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ...conversion import RuntimeException, to_string
from ...errors import ErrorCategory, PSError
from ...runtime.scopes import PRIVATE, PSVariable, Scope
from ..variables import VariablePath

if TYPE_CHECKING:
    from .core import Expr

__all__ = ["plain_key", "variable_reader", "variable_writer"]

_CONSTANTS: dict[str, Any] = {"true": True, "false": False, "null": None}
#: ``$PSItem`` is ``$_``.
_ALIASES = {"psitem": "_"}


class ProviderError(PSError):
    """A drive or item the session has no provider for."""

    dotnet_exception_type = "System.Management.Automation.DriveNotFoundException"
    default_error_id = "DriveNotFound"
    default_category = ErrorCategory.ObjectNotFound


def undefined_variable(name: str) -> RuntimeException:
    return RuntimeException(
        f"The variable '${name}' cannot be retrieved because it has not been set.",
        error_id="VariableIsUndefined",
        category=ErrorCategory.InvalidOperation,
        target_object=name,
    )


def _missing(scope: Scope, name: str) -> Any:
    if scope.strict_version >= 1:
        raise undefined_variable(name)
    return None


def _missing_in_string(scope: Scope, name: str) -> Any:
    """Version 1 lets ``"$unset"`` through (VariableOps.ThrowStrictModeUndefinedVariable); 2 does not."""
    if scope.strict_version >= 2:
        raise undefined_variable(name)
    return None


def _scope_of(scope: Scope, qualifier: str | None) -> Scope:
    if qualifier == "global":
        return scope.global_scope
    if qualifier == "script":
        return scope.script_scope
    return scope


def plain_key(path: VariablePath) -> str | None:
    """The folded name of an unqualified ordinary variable (its key in a scope's table), else None
    (a constant, ``$?``, ``$_`` by another name, a scope or drive qualifier): what a compiled fast
    path may look up in the current scope directly."""
    if not path.is_unqualified:
        return None
    key = path.unqualified_path.casefold()
    if key in _CONSTANTS or key in _ALIASES or key in _SPECIAL:
        return None
    return key


def variable_reader(path: VariablePath, in_string: bool = False) -> Expr:
    """The closure that reads the variable ``path`` names (``in_string``: inside ``"..."``, where
    strict mode version 1 does not object to an unset variable)."""
    missing = _missing_in_string if in_string else _missing
    name = path.unqualified_path
    key = _ALIASES.get(name.casefold(), name.casefold())
    if path.drive_name is not None:
        return _drive_reader(path.drive_name.casefold(), name)
    qualifier = path.scope
    if qualifier is None and key in _CONSTANTS:
        constant = _CONSTANTS[key]
        return lambda _scope: constant
    special = _SPECIAL.get(key)
    if special is not None and qualifier in (None, "global"):
        return special
    if qualifier in ("local", "private"):

        def read_local(scope: Scope) -> Any:
            variable = scope.variables.get(key)
            return missing(scope, name) if variable is None else variable.value

        return read_local
    if qualifier is not None:

        def read_qualified(scope: Scope) -> Any:
            variable = _scope_of(scope, qualifier).lookup(key)
            return missing(scope, name) if variable is None else variable.value

        return read_qualified

    def read(scope: Scope) -> Any:
        variable = scope.variables.get(key)
        if variable is None:
            variable = scope.lookup(key)
            if variable is None:
                return missing(scope, name)
        return variable.value

    return read


def _question(scope: Scope) -> Any:
    return scope.context.question


def _error(scope: Scope) -> Any:
    return scope.context.runspace.error_list


def _pwd(scope: Scope) -> Any:
    from ...runtime.location import path_info

    return path_info(scope.context.runspace.location.path)


_SPECIAL: dict[str, Callable[[Scope], Any]] = {"?": _question, "error": _error, "pwd": _pwd}


def _drive_reader(drive: str, name: str) -> Expr:
    if drive == "env":

        def read_env(scope: Scope) -> Any:
            found, value = scope.context.runspace.get_variable("env:" + name)
            return value if found else _missing_env(scope, name)

        return read_env
    if drive == "function":

        def read_function(scope: Scope) -> Any:
            command = scope.find_function(name)
            return getattr(command, "script_block", None)

        return read_function
    if drive == "variable":
        return variable_reader(VariablePath(name))

    def read_drive(_scope: Scope) -> Any:
        raise ProviderError(f"Cannot find drive. A drive with the name '{drive}' does not exist.", target_object=drive)

    return read_drive


def _missing_env(scope: Scope, name: str) -> Any:
    if scope.strict_version >= 1:
        raise undefined_variable("env:" + name)
    return None


# -- writing ------------------------------------------------------------------------------------------
Writer = Callable[[Scope, Any], None]


def variable_writer(path: VariablePath, attributes: list[Callable[[Any], Any]] | None = None) -> Writer:
    """The closure that assigns the variable ``path`` names; ``attributes`` (a type constraint,
    validation) make the assignment declare them on the variable (``[int]$x = 5``)."""
    name = path.unqualified_path
    folded = name.casefold()
    key = _ALIASES.get(folded, folded)
    if path.drive_name is not None:
        return _drive_writer(path.drive_name.casefold(), name)
    if key != folded:
        name = key  # ``foreach ($PSItem in ...)`` assigns ``$_``
    qualifier = path.scope
    if qualifier is None and key in ("true", "false", "null", "?"):
        if key == "null":
            return lambda _scope, _value: None  # '$null = ...' discards the value
        return _read_only_writer(name)
    private = qualifier == "private"
    if attributes:
        constraint = list(attributes)

        def declare(scope: Scope, value: Any) -> None:
            target = _scope_of(scope, qualifier)
            existing = target.variables.get(key)
            if existing is not None and not existing.plain and existing.options:
                existing.assign(value)  # ReadOnly/Constant still refuse
            variable = PSVariable(name, None, PRIVATE if private else 0)
            for attribute in constraint:  # no $null conversion first: [DayOfWeek]$d = 'Monday' works
                variable.add_attribute(attribute)
            variable.value = variable.transform(value)
            target.variables[key] = variable

        return declare
    if qualifier in (None, "local", "private"):

        def write(scope: Scope, value: Any) -> None:
            variable = scope.variables.get(key)
            if variable is not None and variable.plain:
                variable.value = value
            elif variable is not None:
                variable.assign(value)
            else:
                created = scope.set(name, value)
                if private:
                    created.set_options(created.options | PRIVATE)

        return write

    def write_qualified(scope: Scope, value: Any) -> None:
        _scope_of(scope, qualifier).set(name, value)

    return write_qualified


def _read_only_writer(name: str) -> Writer:
    def refuse(_scope: Scope, _value: Any) -> None:
        from ...runtime.scopes import SessionStateUnauthorizedError

        raise SessionStateUnauthorizedError(name)

    return refuse


class EnvironmentError_(PSError):
    dotnet_exception_type = "System.ArgumentException"
    default_error_id = "System.ArgumentException"
    default_category = ErrorCategory.InvalidArgument


def _drive_writer(drive: str, name: str) -> Writer:
    if drive == "env":

        def write_env(scope: Scope, value: Any) -> None:
            # .NET's Environment.SetEnvironmentVariable rules (ValidateVariableAndValue).
            problem = (
                "String cannot be of zero length." if not name
                else "The first char in the string is the null character." if name[0] == "\x00"
                else "Environment variable name cannot contain equal character." if "=" in name or "\x00" in name
                else None
            )  # fmt: skip
            if problem is not None:
                raise EnvironmentError_(problem, target_object=name)
            text = None if value is None else to_string(value)
            if text is not None and "\x00" in text:
                text = text.split("\x00", 1)[0]  # the OS keeps C strings: the value ends at the NUL
            if not text:
                os.environ.pop(name, None)
            else:
                os.environ[name] = text

        return write_env
    if drive == "variable":
        return variable_writer(VariablePath(name))
    if drive == "function":

        def write_function(scope: Scope, value: Any) -> None:
            from ..engine.functions import define_function

            define_function(scope, name, value)

        return write_function

    def write_drive(_scope: Scope, _value: Any) -> None:
        raise ProviderError(f"Cannot find drive. A drive with the name '{drive}' does not exist.", target_object=drive)

    return write_drive
