"""Get-, Set-, New- and Remove-Alias over the caller's scopes (GetAliasCommand.cs and its kin).

An alias set here is an entry of a scope's alias table, which the language resolves command
names through, so ``Set-Alias gd Get-Date; gd`` runs Get-Date and an alias set inside a
function ends with the function's scope.  Without -Scope the caller's own scope gets it; the
built-in aliases live in the global scope (see common/aliases.py).
"""

from __future__ import annotations

from ...errors import ErrorCategory
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ...runtime.scopes import ALL_SCOPE, CONSTANT, READ_ONLY, Scope, parse_options
from ..common.aliases import AliasEntry, alias_info, alias_table, builtin_aliases
from ..common.errors import CmdletError, terminating
from ..common.files import should_process
from .session_state import NameFilter, has_wildcard, item_not_found, scope_by_id, session_state_error, unauthorized

__all__ = ["GetAlias", "NewAlias", "RemoveAlias", "SetAlias"]


class _AliasCommand(Cmdlet):
    @property
    def caller(self) -> Scope:
        return self.runspace.current_scope

    def scope(self, scope_id: str | None, *, terminate: bool) -> Scope | None:
        """-Scope's scope; a bad one ends the pipeline (Get-Alias) or is this input's error."""
        try:
            return scope_by_id(self.caller, scope_id)
        except CmdletError as error:
            if terminate:
                raise terminating(error, str(self.command.qualifier)) from None
            self.write_error(error)
            return None

    def store(self, name: str, definition: str, scope_id: str | None, force: bool) -> AliasEntry | None:
        """SessionState.SetAliasItemAtScope: ReadOnly needs -Force, Constant never changes."""
        p = self.params
        try:
            target = scope_by_id(self.caller, scope_id)
        except CmdletError as error:
            self.write_error(error)
            return None
        existing = (target.aliases or {}).get(name.casefold())
        if existing is None:  # a built-in alias lives in the global scope; an AllScope one in every scope
            builtin = builtin_aliases().get(name.casefold())
            if builtin is not None and (target.parent is None or builtin.options & ALL_SCOPE):
                existing = builtin
        option = p.get("Option", None)
        options = parse_options(str(option).replace("Unspecified", "None")) if option is not None else 0
        if isinstance(existing, AliasEntry) and existing:
            if existing.options & CONSTANT or (existing.options & READ_ONLY and not force):
                self.write_error(unauthorized(
                    name, "AliasNotWritable", f"Alias is not writeable because alias {name} is read-only or constant "
                    "and cannot be written to.",
                ))  # fmt: skip
                return None
            if options & CONSTANT:
                self.write_error(unauthorized(
                    name, "AliasCannotBeMadeConstant", f"Alias {name} cannot be made constant after it has been "
                    "created. Aliases can only be made constant at creation time.",
                ))  # fmt: skip
                return None
        entry = AliasEntry(name, definition, options, p.get("Description", None) or "")
        target.set_alias(name, entry)
        return entry

    def write_alias(self, entry: AliasEntry) -> None:
        self.write_output(alias_info(alias_table(self.caller, None), entry))


@register_cmdlet
class GetAlias(_AliasCommand):
    name = "Get-Alias"

    def process(self) -> None:
        p = self.params
        by_definition = p.parameter_set_name == "Definition"
        scope = self.scope(p.get("Scope", None), terminate=True) if p.get("Scope", None) else None
        table = alias_table(self.caller, scope)
        visible = alias_table(self.caller, None)
        for value in (p.get("Definition", None) if by_definition else p.get("Name", None)) or ["*"]:
            names = NameFilter(value, None, p.Exclude)
            found = [
                entry for entry in table.values()
                if names.matches(str(entry) if by_definition else entry.name)
                and names.passes(str(entry) if by_definition else entry.name)
            ]  # fmt: skip
            found.sort(key=lambda entry: entry.name.casefold())
            for entry in found:
                self.write_output(alias_info(visible, entry))
            if not found and not has_wildcard(value) and not p.Exclude:
                shown = "definition" if by_definition else "name"
                error = item_not_found(
                    value, "ItemNotFoundException",
                    f"This command cannot find a matching alias because an alias with the {shown} '{value}' does not "
                    "exist.",
                )  # fmt: skip
                self.write_error(error)


@register_cmdlet
class SetAlias(_AliasCommand):
    name = "Set-Alias"

    def process(self) -> None:
        p = self.params
        if not should_process(self, f"Name: {p.Name} Value: {p.Value}", "Set Alias"):
            return
        entry = self.store(p.Name, p.Value, p.get("Scope", None), bool(p.Force))
        if entry is not None and p.PassThru:
            self.write_alias(entry)


@register_cmdlet
class NewAlias(_AliasCommand):
    name = "New-Alias"

    def process(self) -> None:
        p = self.params
        if not p.Force:
            try:
                target = scope_by_id(self.caller, p.get("Scope", None))
            except CmdletError as error:
                self.write_error(error)
                return
            table = alias_table(self.caller, target if p.get("Scope", None) else None)
            found = table.get(p.Name.casefold())
            if found is not None:
                self.write_error(session_state_error(
                    p.Name, "AliasAlreadyExists", f"The alias is not allowed, because an alias with the name "
                    f"'{p.Name}' already exists.", ErrorCategory.ResourceExists,
                ))  # fmt: skip
                return
        if not should_process(self, f"Name: {p.Name} Value: {p.Value}", "New Alias"):
            return
        entry = self.store(p.Name, p.Value, p.get("Scope", None), bool(p.Force))
        if entry is not None and p.PassThru:
            self.write_alias(entry)


@register_cmdlet
class RemoveAlias(_AliasCommand):
    name = "Remove-Alias"

    def process(self) -> None:
        p = self.params
        for name in p.Name:
            key = name.casefold()
            if p.get("Scope", None):
                target = self.scope(p.get("Scope", None), terminate=False)
                if target is None:
                    continue
                entry = alias_table(self.caller, target).get(key)
            else:
                entry = alias_table(self.caller, None).get(key)
                target = self._owner(key)
            if entry is None or target is None:
                self.write_error(item_not_found(
                    name, "ItemNotFoundException", f"Cannot find alias because alias '{name}' does not exist."
                ))  # fmt: skip
                continue
            if entry.options & CONSTANT or (entry.options & READ_ONLY and not p.Force):
                self.write_error(unauthorized(
                    name, "AliasNotRemovable", f"Alias was not removed because alias {name} is constant or read-only."
                ))  # fmt: skip
                continue
            if target.parent is None and key in builtin_aliases():
                target.set_alias(name, AliasEntry(entry.name, ""))  # hides the built-in one
            else:
                assert target.aliases is not None
                target.aliases.pop(key, None)

    def _owner(self, key: str) -> Scope | None:
        """The nearest scope whose table holds ``key`` (the global scope for a built-in one)."""
        scope: Scope | None = self.caller
        while scope is not None:
            if key in (scope.aliases or {}):
                return scope
            if scope.parent is None:
                return scope if key in builtin_aliases() else None
            scope = scope.parent
        return None
