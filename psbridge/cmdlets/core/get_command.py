"""Get-Command: the commands the caller can run, as GetCommandCommand finds them.

A name resolves as the language resolves it, nearest first: an alias, a function visible from
the caller's scope, then a cmdlet psbridge implements (PowerShell's and PSOpenAI's; a cmdlet
that only has a spec cannot run, so it is not listed).  A name without wildcards gives the one
command that would run (every one with -All); with wildcards, all that match.  psbridge has no
dynamic parameters, so -ArgumentList changes nothing, and every module is imported, so
-ListImported lists the same commands.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

from ...errors import CommandNotFoundError
from ...objects import PSObject
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ...runtime.scopes import Scope
from ...specs.model import CmdletSpec
from ...specs.registry import get_spec
from .. import MODULE_PACKAGES, builtin_functions
from ..common.aliases import AliasEntry, alias_info, alias_table
from ..common.semantics import wildcard_regex
from .command_info import POWERSHELL_MODULE_VERSION, CmdletInfo, syntax_lines

__all__ = ["GetCommand", "abbreviation", "fuzzy_distance"]


def abbreviation(name: str) -> str:
    """``Import-PowerShellDataFile`` -> ``i-psdf`` (CommandDiscovery.AbbreviateName: the capitals
    of the verb, a dash, the capitals of the noun)."""
    verb, _dash, noun = name.partition("-")
    capitals = ["".join(char for char in part if char.isupper()) for part in (verb, noun)]
    return "-".join(capitals).casefold() if noun else capitals[0].casefold()


def fuzzy_distance(left: str, right: str) -> int:
    """The Damerau-Levenshtein distance PowerShell's FuzzyMatcher scores names by (case-insensitive)."""
    a, b = left.casefold(), right.casefold()
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _spec_of(command: Any) -> CmdletSpec | None:
    spec = getattr(command, "spec", None)
    if isinstance(spec, CmdletSpec):
        return spec
    compiled = getattr(command, "compiled_command", None)
    if callable(compiled):
        return compiled().spec
    return None


def implemented_spec(name: str) -> CmdletSpec:
    """A cmdlet's committed spec, else the one its class carries (Start-ThreadJob: no doc to make one
    from); only such a cmdlet's module is imported."""
    try:
        return get_spec(name)
    except CommandNotFoundError:
        from ...runtime.commands import resolve_cmdlet

        spec = resolve_cmdlet(name).spec
        if spec is None:
            raise
        return spec


@register_cmdlet
class GetCommand(Cmdlet):
    name = "Get-Command"

    @property
    def caller(self) -> Scope:
        return self.runspace.current_scope

    def begin(self) -> None:
        self._written = 0
        self._results: list[Any] = []
        self._sort = False

    # -- what there is ----------------------------------------------------------------------------------
    def _cmdlets(self) -> Iterator[CmdletInfo]:
        for module, package in MODULE_PACKAGES.items():
            commands: dict[str, str] = importlib.import_module(f"psbridge.cmdlets.{package}").COMMANDS
            version = POWERSHELL_MODULE_VERSION if module.startswith("Microsoft.PowerShell.") else ""
            for name in sorted(commands):
                yield CmdletInfo(implemented_spec(name), module, version)

    def _functions(self) -> list[Any]:
        seen = self.caller.visible_functions()
        for folded, (_module, _dotted) in builtin_functions().items():
            if folded not in seen:  # a script's own `help` hides pwsh's
                # help's parameters are Get-Help's (its module loads only when it runs)
                spec = get_spec("Get-Help").with_changes(name=folded)
                seen[folded] = CmdletInfo(spec, "", "", command_type="Function")
        return list(seen.values())

    def _candidates(self) -> list[Any]:
        """Every command in precedence order: aliases, functions, cmdlets."""
        aliases = alias_table(self.caller, None)
        found: list[Any] = [alias_info(aliases, entry) for entry in sorted(aliases.values(), key=_alias_key)]
        found.extend(self._functions())
        found.extend(self._cmdlets())
        return found

    # -- filters ------------------------------------------------------------------------------------------
    def _module_ok(self, command: Any) -> bool:
        p = self.params
        source = str(getattr(command, "Source", "") or getattr(command, "ModuleName", "") or "")
        modules = list(p.get("Module", None) or [])
        qualified = p.get("FullyQualifiedModule", None)
        for item in qualified or []:
            name = item.get("ModuleName") if hasattr(item, "get") else item
            modules.append(str(name))
        if modules and not any(wildcard_regex(m).match(source) for m in modules):
            return False
        excluded = p.get("ExcludeModule", None) or []
        return not any(wildcard_regex(m).match(source) for m in excluded if source)

    def _parameters_ok(self, command: Any) -> bool:
        p = self.params
        names, types = p.get("ParameterName", None), p.get("ParameterType", None)
        if not names and not types:
            return True
        spec = _spec_of(command)
        if spec is None:
            return False
        parameters = list(spec.parameters.values())
        if names and not any(
            wildcard_regex(pattern).match(label)
            for pattern in names for parameter in parameters for label in (parameter.name, *parameter.aliases)
        ):  # fmt: skip
            return False
        if types:
            wanted = [str(getattr(t, "FullName", t)) for t in types]
            return any(
                wildcard_regex(pattern).match(parameter.type) or wildcard_regex(pattern).match(
                    parameter.type.rsplit(".", 1)[-1])
                for pattern in wanted for parameter in parameters
            )  # fmt: skip
        return True

    def _type_ok(self, command: Any) -> bool:
        types = self.params.get("CommandType", None)
        if not types:
            return True
        text = str(types).replace(" ", "")
        wanted = {part.casefold() for part in text.split(",")}
        return "all" in wanted or str(command.CommandType).casefold() in wanted

    def _name_matches(self, command: Any, pattern: str) -> bool:
        p = self.params
        name = str(command.Name)
        if p.UseAbbreviationExpansion:
            return "-" in pattern and not any(c in pattern for c in "*?[") and abbreviation(name) == pattern.casefold()
        return wildcard_regex(pattern).match(name) is not None

    # -- running ------------------------------------------------------------------------------------------
    def process(self) -> None:
        p = self.params
        candidates = [
            c for c in self._candidates() if self._type_ok(c) and self._module_ok(c) and self._parameters_ok(c)
        ]
        if p.parameter_set_name == "CmdletSet":
            self._by_verb_and_noun(candidates)
            return
        if p.UseFuzzyMatching:
            self._fuzzy(candidates)
            return
        _ = p.get("ArgumentList", None), p.ListImported  # no dynamic parameters; every module is imported
        names = p.get("Name", None)
        for pattern in names or ["*"]:
            wildcard = any(char in pattern for char in "*?[") or bool(p.UseAbbreviationExpansion)
            self._sort = self._sort or wildcard or not names
            found = [c for c in candidates if self._name_matches(c, pattern)]
            if not wildcard and not p.All:
                found = found[:1]
            if wildcard:
                found = _unique(found)
            if (not found or p.All) and not wildcard:
                found.extend(self._application(pattern))
            if not found and not wildcard:
                self.write_error(CommandNotFoundError(pattern))
            self._results.extend(found)

    def end(self) -> None:
        """GetCommandCommand.EndProcessing: unless every name was given in full, the results are
        sorted by command type (Alias, Function, Filter, Cmdlet ...), then name (CommandInfoComparer)."""
        results = self._results
        if self._sort:
            results = sorted(results, key=lambda c: (_TYPE_ORDER.get(str(c.CommandType), 99), str(c.Name).casefold()))
        for command in results:
            self._write(command)

    def _application(self, name: str) -> list[Any]:
        """A program on $env:PATH (or at a path) by that name, as CommandDiscovery finds it last."""
        from ...language.engine.native import NativeCommandInfo, find_application

        path = find_application(name, self.runspace.location.path) if self.runspace.native_commands else None
        if path is None:
            return []
        info = NativeCommandInfo(name, path)
        return [info] if self._type_ok(info) and self._module_ok(info) and self._parameters_ok(info) else []

    def _by_verb_and_noun(self, candidates: list[Any]) -> None:
        p = self.params
        self._sort = True
        if p.get("Verb", None) is None and p.get("Noun", None) is None:  # AccumulateMatchingCmdlets: aliases too
            self._results.extend(_unique(candidates))
            return
        verbs = [wildcard_regex(v) for v in p.get("Verb", None) or ["*"]]
        nouns = [wildcard_regex(n) for n in p.get("Noun", None) or ["*"]]
        for command in _unique([c for c in candidates if c.CommandType != "Alias"]):
            verb, _dash, noun = str(command.Name).partition("-")
            if any(v.match(verb) for v in verbs) and any(n.match(noun) for n in nouns):
                self._results.append(command)

    def _fuzzy(self, candidates: list[Any]) -> None:
        p = self.params
        limit = p.get("FuzzyMinimumDistance", None)
        limit = 5 if limit is None else int(limit)
        scored: list[tuple[int, Any]] = []
        for pattern in p.get("Name", None) or []:
            for command in _unique(candidates):
                distance = fuzzy_distance(str(command.Name), pattern)
                if distance <= limit:
                    scored.append((distance, command))
        for distance, command in sorted(scored, key=lambda item: item[0]):
            self._write(command, score=distance)

    def _write(self, command: Any, score: int | None = None) -> None:
        p = self.params
        total = p.get("TotalCount", None)
        if total is not None and 0 <= int(total) <= self._written:
            return
        self._written += 1
        if p.Syntax:
            self.write_output(self._syntax(command))
        elif p.ShowCommandInfo:
            self.write_output(PSObject({
                "Name": command.Name, "ModuleName": getattr(command, "ModuleName", "") or "",
                "CommandType": command.CommandType, "Definition": getattr(command, "Definition", ""),
                "ParameterSets": getattr(command, "ParameterSets", []),
            }, type_names=["Microsoft.PowerShell.Commands.ShowCommandCommandInfo"]))  # fmt: skip
        elif score is not None:
            result = PSObject({"Name": command.Name, "CommandType": command.CommandType, "Score": score,
                               "Source": getattr(command, "Source", "")})  # fmt: skip
            self.write_output(result)
        else:
            self.write_output(command)

    def _syntax(self, command: Any) -> str:
        """GetCommandCommand's -Syntax text: an alias names its command first."""
        if command.CommandType == "Alias":
            target = command.ResolvedCommandName or command.Definition
            resolved = next((c for c in self._candidates() if c.CommandType != "Alias" and
                             str(c.Name).casefold() == str(target).casefold()), None)  # fmt: skip
            body = self._syntax(resolved).strip("\n").replace(str(resolved.Name), command.Name, 1) if resolved else ""
            return f"{command.Name} (alias) -> {target}\n\n{body}\n"
        spec = _spec_of(command)
        if spec is None:
            return str(command.Name)
        advanced = getattr(getattr(command, "compiled", None), "is_advanced", True)
        return "\n" + "\n\n".join(syntax_lines(str(command.Name), spec, common=bool(advanced))) + "\n"


#: System.Management.Automation.CommandTypes' values, the order CommandInfoComparer sorts by.
_TYPE_ORDER = {"Alias": 1, "Function": 2, "Filter": 4, "Cmdlet": 8, "ExternalScript": 16, "Application": 32,
               "Script": 64, "Configuration": 256}  # fmt: skip


def _alias_key(entry: AliasEntry) -> str:
    return entry.name.casefold()


def _unique(commands: list[Any]) -> list[Any]:
    """One command per name, the first (nearest) kept."""
    seen: set[tuple[str, str]] = set()
    result = []
    for command in commands:
        key = (str(command.Name).casefold(), str(command.CommandType))
        if key not in seen:
            seen.add(key)
            result.append(command)
    return result
