"""Set-Item and Clear-Item on the session-state drives: Env:, Variable:, Function: and Alias:.

SessionStateProviderBase.SetItem / ClearItem: ``Set-Item env:NAME value`` sets an environment
variable, ``variable:`` a variable of the caller's scope (-Options, -Force for a ReadOnly one),
``function:`` a function (a script block, or text compiled as one), ``alias:`` an alias; a $null
value removes the item (a variable gets $null).  Clear-Item is SetItem with $null.  A name with
wildcards names the existing items it matches.  -WhatIf/-Confirm say "Set Item" / "Clear Item"
on "Item: NAME Value: VALUE"; -PassThru writes the item (a DictionaryEntry for an environment
variable, a PSVariable, FunctionInfo or AliasInfo).  The FileSystem provider implements neither
operation: pwsh's NotSupported error.
"""

from __future__ import annotations

import os
import re
from typing import Any

from ...errors import ErrorCategory, PSError
from ...objects import dotnet_object, to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ...runtime.scopes import SessionStateUnauthorizedError, parse_options
from ..common.aliases import AliasEntry, alias_info, alias_table
from ..common.errors import CmdletError
from ..common.files import should_process
from ..common.paths import credentials_refused, drive_not_found, path_arguments, windows_only_refused
from ..common.semantics import wildcard_regex
from ..utility.session_state import assign_value, set_variable_options
from .item_filters import name_filters
from .item_property import not_supported

__all__ = ["ClearItem", "SetItem", "session_item_path"]

#: A session-state path: an optional provider qualifier or drive, then the item's name.
_PATH = re.compile(
    r"^(?:(?:Microsoft\.PowerShell\.Core\\)?(?P<provider>Alias|Environment|Function|Variable)::|(?P<drive>[^:/\\]+):)"
    r"[\\/]?(?P<name>.*)$",
    re.IGNORECASE,
)
_DRIVES = {"alias": "alias", "env": "env", "function": "function", "variable": "variable"}
_PROVIDER_DRIVES = {"alias": "alias", "environment": "env", "function": "function", "variable": "variable"}


def session_item_path(path: str) -> tuple[str, str] | None:
    """(drive, name) of a path on a session-state drive; None for any other path.  An unknown
    drive raises DriveNotFound."""
    match = _PATH.match(path)
    if match is None:
        return None
    if match.group("provider"):
        return _PROVIDER_DRIVES[match.group("provider").casefold()], match.group("name")
    drive = match.group("drive").casefold()
    if drive in _DRIVES:
        return _DRIVES[drive], match.group("name")
    if drive == "temp":
        return None
    raise drive_not_found(match.group("drive"))


class _SessionItemCommand(Cmdlet):
    """What Set-Item and Clear-Item share: resolving paths to (drive, name) items."""

    action = ""

    @property
    def scope(self) -> Any:
        return self.runspace.current_scope

    def existing_names(self, drive: str) -> list[str]:
        if drive == "env":
            return sorted(os.environ, key=str.casefold)
        if drive == "variable":
            return sorted(self.scope.visible_variables().keys())
        if drive == "function":
            return sorted(self.scope.visible_functions().keys())
        return sorted(alias_table(self.scope, None).keys())

    def items(self) -> list[tuple[str, str]]:
        """(drive, name) of each item the paths name; other providers' paths are NotSupported."""
        params = self.params
        if params.declares("Type"):
            windows_only_refused(self, {"Type": params.get("Type", None)})
        if credentials_refused(self):
            return []
        filters = name_filters(params)
        paths, literal = path_arguments(params)
        found: list[tuple[str, str]] = []
        for path in paths:
            try:
                parsed = session_item_path(path)
            except CmdletError as error:
                self.write_error(error)
                continue
            if parsed is None:
                self.write_error(not_supported(path))
                continue
            drive, name = parsed
            if not name:
                self.write_error(not_supported(path))
                continue
            if literal or not any(char in name for char in "*?["):
                if filters.passes_filter(name) and filters.passes_include_exclude(name):
                    found.append((drive, name))
                continue
            regex = wildcard_regex(name)
            for existing in self.existing_names(drive):
                if (
                    regex.match(existing)
                    and filters.passes_filter(existing)
                    and filters.passes_include_exclude(existing)
                ):
                    found.append((drive, self._display_name(drive, existing)))
        return found

    def _display_name(self, drive: str, folded: str) -> str:
        if drive == "variable":
            variable = self.scope.lookup(folded)
            return variable.name if variable is not None else folded
        if drive == "alias":
            entry = alias_table(self.scope, None).get(folded)
            return entry.name if isinstance(entry, AliasEntry) else folded
        return folded

    def set_item(self, drive: str, name: str, value: Any) -> Any:
        """SetSessionStateItem: the item as written, or None when it was removed."""
        params = self.params
        force = bool(params.Force)
        if drive == "env":
            if value is None or to_ps_string(value) == "":
                os.environ.pop(name, None)
                return None
            os.environ[name] = to_ps_string(value)
            return dotnet_object(
                ["System.Collections.DictionaryEntry"], {"Name": name, "Key": name, "Value": os.environ[name]}
            )
        if drive == "variable":
            return self._set_variable(name, value, force)
        if drive == "function":
            if value is None:
                self._remove_function(name)
                return None
            from ...language.engine.functions import define_function

            define_function(self.scope, name, value)
            return self.scope.find_function(name)
        if value is None:
            self._remove_alias(name)
            return None
        options = params.get("Options", None) if params.declares("Options") else None
        entry = AliasEntry(name, to_ps_string(value), parse_options(str(options)) if options is not None else 0, "")
        self.scope.set_alias(name, entry)
        return alias_info(alias_table(self.scope, None), entry)

    def _set_variable(self, name: str, value: Any, force: bool) -> Any:
        options = self.params.get("Options", None) if self.params.declares("Options") else None
        existing = self.scope.variables.get(name.casefold())
        if existing is None:
            variable = self.scope.set(name, value)
        else:
            assign_value(existing, value, force)
            variable = existing
        if options is not None:
            set_variable_options(variable, parse_options(str(options)), force)
        return variable

    def _remove_function(self, name: str) -> None:
        scope = self.scope
        while scope is not None:
            if scope.functions and name.casefold() in scope.functions:
                del scope.functions[name.casefold()]
                return
            scope = scope.parent

    def _remove_alias(self, name: str) -> None:
        scope = self.scope
        while scope is not None:
            if scope.aliases and name.casefold() in scope.aliases:
                del scope.aliases[name.casefold()]
                return
            scope = scope.parent

    def apply(self, drive: str, name: str, value: Any, target: str) -> None:
        if not should_process(self, target, self.action):
            return
        try:
            item = self.set_item(drive, name, value)
        except (CmdletError, SessionStateUnauthorizedError) as error:
            self.write_error(error)
            return
        except PSError as error:  # a function's text that does not parse
            self.write_error(
                CmdletError(
                    str(error),
                    error_id="SetItemError",
                    category=ErrorCategory.InvalidArgument,
                    target_object=name,
                )
            )
            return
        if self.params.declares("PassThru") and self.params.PassThru and item is not None:
            self.write_output(item)


@register_cmdlet
class SetItem(_SessionItemCommand):
    name = "Set-Item"
    action = "Set Item"

    def process(self) -> None:
        value = self.params.Value
        for drive, name in self.items():
            self.apply(drive, name, value, f"Item: {name} Value: {to_ps_string(value)}")


@register_cmdlet
class ClearItem(_SessionItemCommand):
    name = "Clear-Item"
    action = "Clear Item"

    def process(self) -> None:
        for drive, name in self.items():
            self.apply(drive, name, None, f"Item: {name}")
