"""Get-, New-, Set-, Clear- and Remove-Variable: the caller's variables, as the script sees them.

The caller's scope is the runspace's current scope (the language moves it as functions and
script blocks run), so ``Set-Variable x 1`` inside a function makes the function's own ``$x``
and ``-Scope 1`` reaches its caller's (dynamic scoping; Var.cs is the reference).  Without
-Scope, Get-Variable and Clear-Variable see every variable visible from the caller; Set-Variable
and New-Variable work in the caller's own scope; Remove-Variable removes only from it.
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCategory
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ...runtime.scopes import ALL_SCOPE, CONSTANT, PRIVATE, READ_ONLY, PSVariable, Scope, parse_options
from ..common.errors import CmdletError, terminating
from ..common.files import should_process
from ..common.semantics import to_string
from .session_state import (
    NameFilter,
    assign_value,
    item_not_found,
    scope_by_id,
    session_state_error,
    set_variable_options,
    unauthorized,
)

__all__ = ["ClearVariable", "GetVariable", "NewVariable", "RemoveVariable", "SetVariable"]

_NOT_GIVEN: Any = object()


def _options(value: Any) -> int | None:
    if value is None:
        return None
    text = value if isinstance(value, int) else str(value).replace("Unspecified", "None")
    return parse_options(text)


def _not_found(name: str) -> CmdletError:
    return item_not_found(name, "VariableNotFound", f"Cannot find a variable with the name '{name}'.")


class _VariableCommand(Cmdlet):
    """VariableCommandBase: -Scope, -Include/-Exclude and the matching of names."""

    @property
    def caller(self) -> Scope:
        return self.runspace.current_scope

    def scope(self, scope_id: str | None) -> Scope:
        try:
            return scope_by_id(self.caller, scope_id)
        except CmdletError as error:
            raise terminating(error, str(self.command.qualifier)) from None

    def table(self, scope_id: str | None) -> dict[str, PSVariable]:
        """Case-folded name -> variable: every one visible from the caller, or one scope's own."""
        if not scope_id:
            table = self.caller.visible_variables()
            scope_of_automatic = self.caller.global_scope
        else:
            scope = self.scope(scope_id)
            table = dict(scope.variables)
            scope_of_automatic = scope
        if scope_of_automatic is self.caller.global_scope:
            for variable in self._automatic():
                table.setdefault(variable.name.casefold(), variable)
        return table

    def _automatic(self) -> list[PSVariable]:
        """``$?``, ``$Error`` and ``$PWD``: the language computes them on every read, so they are
        shown as they are now (read-only, as pwsh's are)."""
        language = self.runspace.language
        question = getattr(language, "question", True) if language is not None else True
        _found, pwd = self.runspace.get_variable("PWD")
        return [
            PSVariable("?", question, READ_ONLY | ALL_SCOPE),
            PSVariable("Error", self.runspace.error_list, CONSTANT),
            PSVariable("PWD", pwd, READ_ONLY | ALL_SCOPE),
        ]

    def matching(self, name: str, scope_id: str | None) -> tuple[list[PSVariable], bool]:
        """GetMatchingVariables: the variables ``name`` (a wildcard pattern) picks, sorted by name
        as Get-Variable sorts them, and whether the filters left some out."""
        table = self.table(scope_id)
        names, filtered = NameFilter(name, self.params.get("Include", None), self.params.get("Exclude", None)).select(
            [variable.name for variable in table.values()]
        )
        chosen = [table[found.casefold()] for found in names]
        chosen.sort(key=lambda variable: variable.name.casefold())
        return chosen, filtered


@register_cmdlet
class GetVariable(_VariableCommand):
    name = "Get-Variable"

    def process(self) -> None:
        p = self.params
        for name in p.Name or ["*"]:
            found, filtered = self.matching(name, p.get("Scope", None))
            for variable in found:
                self.write_output(variable.value if p.ValueOnly else variable)
            if not found and not filtered:
                self.write_error(_not_found(name))


@register_cmdlet
class NewVariable(_VariableCommand):
    name = "New-Variable"

    def process(self) -> None:
        p = self.params
        name: str = p.Name
        target = self.scope(p.get("Scope", None))
        existing = target.variables.get(name.casefold())
        if existing is not None and not p.Force:
            self.write_error(session_state_error(
                name, "VariableAlreadyExists", f"A variable with name '{name}' already exists.",
                ErrorCategory.ResourceExists,
            ))  # fmt: skip
            return
        if existing is not None and (existing.options & CONSTANT or (existing.options & READ_ONLY and not p.Force)):
            self.write_error(unauthorized(
                name, "VariableNotWritable", f"Cannot overwrite variable {name} because it is read-only or constant."
            ))  # fmt: skip
            return
        if not should_process(self, f"Name: {name} Value: {to_string(p.Value)}", "New variable"):
            return
        options = _options(p.get("Option", None)) or 0
        variable = PSVariable(name, p.Value, options, description=p.get("Description", None) or "")
        variable.visibility = str(p.get("Visibility", None) or "Public")
        target.variables[name.casefold()] = variable
        if p.PassThru:
            self.write_output(variable)


@register_cmdlet
class SetVariable(_VariableCommand):
    """SetVariableCommand: with -Name and -Value on the command line the variable is set once in
    the end phase; with the value piped, every piped value is collected (one value, or an array)."""

    name = "Set-Variable"

    def begin(self) -> None:
        p = self.params
        self._name_given = p.is_bound("Name")
        self._value_given = p.is_bound("Value")
        self._values: list[Any] | None = None
        if p.Append:
            if len(p.Name) != 1:
                error = CmdletError(
                    "Operation is not valid due to the current state of the object.", error_id="SetVariableAppend",
                    category=ErrorCategory.InvalidOperation, exception_type="System.InvalidOperationException",
                    target_object=p.Name,
                )  # fmt: skip
                self.throw_terminating_error(error)
            self._values = []
            current = self.caller.lookup(p.Name[0].casefold())
            if current is not None:
                value = current.value
                self._values.extend(value if isinstance(value, list) else [value])

    def process(self) -> None:
        p = self.params
        if self._name_given and self._value_given:
            if p.Append:
                assert self._values is not None
                self._values.append(p.Value)
        elif self._name_given:
            if p.is_bound("Value"):
                if self._values is None:
                    self._values = []
                self._values.append(p.Value)
        else:  # the name comes with each piped object
            self._set(p.Name, p.Value if p.is_bound("Value") else _NOT_GIVEN)

    def end(self) -> None:
        p = self.params
        if not self._name_given:
            return
        if self._value_given:
            self._set(p.Name, self._values if p.Append else p.Value)
        elif not self._values:
            self._set(p.Name, _NOT_GIVEN)
        elif len(self._values) == 1:
            self._set(p.Name, self._values[0])
        else:
            self._set(p.Name, list(self._values))

    def _set(self, names: list[str], value: Any) -> None:
        p = self.params
        scope_id = p.get("Scope", None) or "local"
        options = _options(p.get("Option", None))
        for name in names:
            found, filtered = self.matching(name, scope_id)
            if not found and not filtered:
                self._create(name, value, options)
                continue
            for variable in found:
                shown = "" if value is _NOT_GIVEN else to_string(value)
                if not should_process(self, f"Name: {variable.name} Value: {shown}", "Set variable"):
                    continue
                try:
                    self._change(variable, value, options)
                except CmdletError as error:
                    self.write_error(error)
                    continue
                if p.PassThru:
                    self.write_output(variable)

    def _create(self, name: str, value: Any, options: int | None) -> None:
        p = self.params
        flags = (PRIVATE if (p.get("Scope", None) or "").casefold() == "private" else 0) | (options or 0)
        target = self.scope(p.get("Scope", None))
        new_value = None if value is _NOT_GIVEN else value
        if not should_process(self, f"Name: {name} Value: {to_string(new_value)}", "Set variable"):
            return
        inherited = target.lookup(name.casefold()) if not p.get("Scope", None) else None
        if inherited is not None and inherited.options & ALL_SCOPE:
            try:
                self._change(inherited, value, options)
            except CmdletError as error:
                self.write_error(error)
                return
            variable = inherited
        else:
            variable = PSVariable(name, new_value, flags, description=p.get("Description", None) or "")
            variable.visibility = str(p.get("Visibility", None) or "Public")
            target.variables[name.casefold()] = variable
        if p.PassThru:
            self.write_output(variable)

    def _change(self, variable: PSVariable, value: Any, options: int | None) -> None:
        p = self.params
        force = bool(p.Force)
        if value is not _NOT_GIVEN:
            assign_value(variable, value, force)
        if p.get("Description", None) is not None:
            variable.description = p.get("Description", None)
        if options is not None:
            set_variable_options(variable, options, force)
        if p.get("Visibility", None) is not None:
            variable.visibility = str(p.get("Visibility", None))


@register_cmdlet
class ClearVariable(_VariableCommand):
    name = "Clear-Variable"

    def process(self) -> None:
        p = self.params
        for name in p.Name:
            found, filtered = self.matching(name, p.get("Scope", None))
            if not found and not filtered:
                self.write_error(_not_found(name))
                continue
            for variable in found:
                if not should_process(self, f"Name: {variable.name}", "Clear variable"):
                    continue
                try:
                    result = self._clear(variable)
                except CmdletError as error:
                    self.write_error(error)
                    continue
                if p.PassThru:
                    self.write_output(result)

    def _clear(self, variable: PSVariable) -> PSVariable:
        """ClearValue: with -Scope the variable found is cleared; without, ``$name = $null`` in
        the caller's scope (a variable of an outer scope gets a local ``$null`` beside it)."""
        if self.params.Scope is not None or variable.options & ALL_SCOPE or (
            self.caller.variables.get(variable.name.casefold()) is variable
        ):
            assign_value(variable, None, bool(self.params.Force))
            return variable
        return self.caller.set(variable.name, None)


@register_cmdlet
class RemoveVariable(_VariableCommand):
    name = "Remove-Variable"

    def process(self) -> None:
        p = self.params
        scope_id = p.get("Scope", None) or "local"
        target = self.scope(scope_id)
        for name in p.Name:
            found, filtered = self.matching(name, scope_id)
            if not found and not filtered:
                self.write_error(_not_found(name))
                continue
            for variable in found:
                if not should_process(self, f"Name: {variable.name}", "Remove variable"):
                    continue
                if variable.options & CONSTANT or (variable.options & READ_ONLY and not p.Force):
                    self.write_error(unauthorized(
                        variable.name, "VariableNotRemovable", f"Cannot remove variable {variable.name} because it "
                        "is constant or read-only. If the variable is read-only, try the operation again specifying "
                        "the Force option.",
                    ))  # fmt: skip
                    continue
                if target.variables.get(variable.name.casefold()) is variable:
                    del target.variables[variable.name.casefold()]
