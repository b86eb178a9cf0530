"""Aliases as session state holds them: AliasInfo objects, the built-in table, the tables per scope.

A scope's alias table (``Scope.aliases``) maps a folded name to its definition; the language
resolves a command name through it (``Scope.find_alias``).  The definitions the alias cmdlets
store are :class:`AliasEntry` strings, which carry the alias's options and description beside
the definition, so resolution reads them as plain names.  PowerShell's built-in aliases (and a
module's ``[Alias()]`` names, such as PSOpenAI's ``Request-ChatGPT``) belong to the global scope;
psbridge resolves them from the command table instead (``psbridge.cmdlets.command_aliases``), so
setting one in the global table overrides it, and an empty definition there (what
Remove-Alias leaves) hides it.
"""

from __future__ import annotations

from typing import Any

from ...runtime.scopes import ALL_SCOPE, PRIVATE, READ_ONLY, Scope
from .. import command_aliases

__all__ = ["AliasEntry", "AliasInfo", "alias_info", "alias_table", "builtin_aliases", "options_text", "resolved_name"]

#: InitialSessionState.BuiltInAliases' options where they are not ReadOnly.
_READ_ONLY_ALL_SCOPE = {"foreach", "%", "where", "?", "select"}
_ALL_SCOPE = {"cp", "cd", "dir", "echo", "md", "popd", "pushd", "copy", "del", "move"}
_NO_OPTIONS = {"clear", "man", "mount", "mv", "ps", "rm", "rmdir", "kill", "pwd", "type", "h", "history", "r", "cls",
               "chdir", "erase", "rd", "ren", "set", "icm", "sls"}  # fmt: skip
_OPTION_NAMES = (("ReadOnly", READ_ONLY), ("Constant", 2), ("Private", PRIVATE), ("AllScope", ALL_SCOPE))


def options_text(options: int) -> str:
    """ScopedItemOptions as .NET prints the flags (``ReadOnly, AllScope``)."""
    return ", ".join(name for name, flag in _OPTION_NAMES if options & flag) or "None"


class AliasEntry(str):
    """An alias's definition in a scope's table, with its name, options and description."""

    name: str
    options: int
    description: str
    module: str

    def __new__(
        cls, name: str, definition: str, options: int = 0, description: str = "", module: str = ""
    ) -> AliasEntry:
        made = super().__new__(cls, definition)
        made.name, made.options, made.description, made.module = name, options, description, module
        return made


def builtin_aliases() -> dict[str, AliasEntry]:
    """Folded name -> entry of every alias psbridge defines before a script runs."""
    from ..core.builtin_aliases import ALIASES

    table: dict[str, AliasEntry] = {}
    for name, definition in ALIASES.items():
        folded = name.casefold()
        options = (
            READ_ONLY | ALL_SCOPE if folded in _READ_ONLY_ALL_SCOPE
            else ALL_SCOPE if folded in _ALL_SCOPE
            else 0 if folded in _NO_OPTIONS
            else READ_ONLY
        )  # fmt: skip
        table[folded] = AliasEntry(name, definition, options)
    for folded, definition in command_aliases().items():
        if folded not in table:
            original = next((a for a in _module_alias_names() if a.casefold() == folded), folded)
            table[folded] = AliasEntry(original, definition, 0, module="PSOpenAI")
    return table


def _module_alias_names() -> list[str]:
    from ..psopenai import ALIASES

    return list(ALIASES)


def entry_of(name: str, definition: Any) -> AliasEntry:
    """A table's value as an entry (a plain string set by other code has no options)."""
    return definition if isinstance(definition, AliasEntry) else AliasEntry(name, str(definition))


def alias_table(caller: Scope, scope: Scope | None) -> dict[str, AliasEntry]:
    """Folded name -> entry: every alias visible from ``caller`` (``scope`` None), or one scope's
    own table (the global one includes the built-in aliases)."""
    table: dict[str, AliasEntry] = {}
    chain: list[Scope] = []
    current: Scope | None = caller if scope is None else scope
    while current is not None:
        chain.append(current)
        current = current.parent if scope is None else None
    for depth, level in enumerate(chain):
        for key, definition in (level.aliases or {}).items():
            entry = entry_of(key, definition)
            if key not in table and (depth == 0 or not entry.options & PRIVATE):
                table[key] = entry
    if chain[-1].parent is None:
        for key, entry in builtin_aliases().items():
            table.setdefault(key, entry)
    return {key: entry for key, entry in table.items() if entry}  # an empty definition is a removed alias


class AliasInfo:
    """System.Management.Automation.AliasInfo: what Get-Alias and Get-Command write for an alias."""

    pstypenames = ("System.Management.Automation.AliasInfo", "System.Management.Automation.CommandInfo",
                   "System.Object")  # fmt: skip

    def __init__(self, entry: AliasEntry, resolved: str | None) -> None:
        self._entry = entry
        self._resolved = resolved

    # in the order pwsh lists them (New-Alias.md example 2: Get-Alias -Name C | Format-List *)
    @property
    def HelpUri(self) -> str:
        return ""

    @property
    def ResolvedCommandName(self) -> str | None:
        return self._resolved

    @property
    def DisplayName(self) -> str:
        return f"{self.Name} -> {self._resolved or self.Definition}"

    @property
    def ReferencedCommand(self) -> str:
        return str(self._entry)

    @property
    def ResolvedCommand(self) -> str | None:
        return self._resolved  # a CommandInfo in pwsh, shown by its name

    @property
    def Definition(self) -> str:
        return str(self._entry)

    @property
    def Options(self) -> str:
        return options_text(self._entry.options)

    @property
    def Description(self) -> str:
        return self._entry.description

    @property
    def OutputType(self) -> list[str]:
        return []

    @property
    def Name(self) -> str:
        return self._entry.name

    @property
    def CommandType(self) -> str:
        return "Alias"

    @property
    def Source(self) -> str:
        return self._entry.module

    @property
    def Version(self) -> str:
        return ""

    @property
    def Visibility(self) -> str:
        return "Public"

    @property
    def ModuleName(self) -> str:
        return self._entry.module

    @property
    def Module(self) -> None:
        return None

    @property
    def RemotingCapability(self) -> str:
        return "PowerShell"

    def __str__(self) -> str:
        return self.Name

    def __repr__(self) -> str:
        return f"AliasInfo({self.Name!r} -> {self.Definition!r})"


def resolved_name(table: dict[str, AliasEntry], definition: str) -> str:
    """The command an alias's definition finally names (aliases may chain, never forever)."""
    name = definition
    for _ in range(32):
        entry = table.get(name.casefold())
        if entry is None or str(entry).casefold() == name.casefold():
            break
        name = str(entry)
    return name


def alias_info(table: dict[str, AliasEntry], entry: AliasEntry) -> AliasInfo:
    return AliasInfo(entry, resolved_name(table, str(entry)))
