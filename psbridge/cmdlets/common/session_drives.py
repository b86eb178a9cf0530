"""The drives of PowerShell's session-state providers: ``Env:`` (Environment), ``Variable:``,
``Function:`` and ``Alias:``, as the item cmdlets reach them.

pwsh on Linux has these drives beside the file system, and scripts test and read them
(``Test-Path Env:OPENAI_API_KEY``, ``Get-ChildItem Env:``, ``Remove-Item Env:TEMP_TOKEN``).
An Environment item is a DictionaryEntry (Name, Key, Value) whose PSPath is
``Microsoft.PowerShell.Core\\Environment::NAME``; a drive's children come sorted by name, as
SessionStateProviderBase.GetChildItems sorts them.  Names match as ``$env:NAME`` does in psbridge
(exactly, else regardless of case); wildcards match regardless of case (WildcardPattern IgnoreCase).
The Variable, Function and Alias drives answer Test-Path.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from ...objects import PSObject, dotnet_object
from .semantics import wildcard_regex

if TYPE_CHECKING:
    from ...runtime import Runspace

__all__ = ["environment_items", "remove_environment", "session_drive", "session_item_exists"]

#: Drive name (folded) -> provider name.
_PROVIDERS = {"env": "Environment", "variable": "Variable", "function": "Function", "alias": "Alias"}


def session_drive(path: str) -> tuple[str, str] | None:
    """``(drive, name)`` for a path on a session-state drive (``Env:\\HOME`` -> ``("env", "HOME")``), else None."""
    drive, colon, rest = path.partition(":")
    if not colon or drive.casefold() not in _PROVIDERS or rest.startswith(":"):
        return None
    return drive.casefold(), rest.strip("/\\")


def _has_wildcard(name: str) -> bool:
    return any(char in name for char in "*?[")


def _environment_names(name: str) -> list[str]:
    """The variables ``name`` (a pattern, an exact name, or "" for all) names, sorted as pwsh sorts them."""
    if not name or _has_wildcard(name):
        pattern = wildcard_regex(name or "*")
        return sorted((key for key in os.environ if pattern.match(key)), key=lambda key: (key.casefold(), key))
    if name in os.environ:
        return [name]
    folded = name.casefold()
    match = next((key for key in os.environ if key.casefold() == folded), None)
    return [match] if match is not None else []


def environment_items(name: str) -> list[PSObject]:
    """The Environment provider's items for ``name`` (all of them for the drive itself)."""
    return [_environment_item(key, os.environ[key]) for key in _environment_names(name)]


def _environment_item(key: str, value: str) -> PSObject:
    return dotnet_object(("System.Collections.DictionaryEntry", "System.ValueType"), {
        "PSPath": f"Microsoft.PowerShell.Core\\Environment::{key}", "PSDrive": "Env",
        "PSProvider": "Microsoft.PowerShell.Core\\Environment", "PSIsContainer": False, "PSChildName": key,
        "Name": key, "Key": key, "Value": value,
    })  # fmt: skip


def remove_environment(name: str) -> list[str]:
    """Remove the variables ``name`` names; the names removed."""
    removed = _environment_names(name)
    for key in removed:
        del os.environ[key]
    return removed


def session_item_exists(runspace: Runspace, drive: str, name: str) -> bool:
    """Whether ``name`` (maybe a pattern; "" is the drive itself) exists on a session-state drive."""
    if not name:
        return True
    if drive == "env":
        return bool(_environment_names(name))
    names = _names(runspace, drive)
    if _has_wildcard(name):
        pattern = wildcard_regex(name)
        return any(pattern.match(candidate) for candidate in names)
    return name.casefold() in {candidate.casefold() for candidate in names}


def _names(runspace: Runspace, drive: str) -> list[str]:
    scope = runspace.current_scope
    if drive == "variable":
        names: list[Any] = list(scope.visible_variables())
        names += [name for name in ("Error", "PWD") if runspace.get_variable(name)[0]]
        return [str(name) for name in names]
    if drive == "function":
        from .. import builtin_functions

        return [*scope.visible_functions(), *builtin_functions()]
    from ..core.builtin_aliases import ALIASES

    aliases: list[str] = list(ALIASES)
    walk: Any = scope
    while walk is not None:
        aliases += [name for name, target in (walk.aliases or {}).items() if target]
        walk = walk.parent
    return aliases
