"""Script modules: each loaded module's own session state, its exports, and the table of loaded modules.

PowerShell gives every script module a session state of its own: a module scope (the module's
``$script:`` scope) whose parent is the global scope, so a module's functions see the module's
variables and the global ones, never the caller's locals.  A function defined there remembers
its module; called from outside, its scope is made under the module scope
(:meth:`~psbridge.language.engine.functions.ScriptBlockCommand.begin`), called from inside the
module, under the caller's (dynamic scoping within the module, as pwsh does).

What a module exports is every function unless ``Export-ModuleMember`` ran (then only what it
named) or a manifest's ``FunctionsToExport``/``VariablesToExport``/``AliasesToExport`` filter it;
Import-Module copies the exports into the importer's scope and remembers them so Remove-Module can
take them away again.
"""

from __future__ import annotations

import os
import uuid
from typing import TYPE_CHECKING, Any

from ...objects import Hashtable
from ...runtime.scopes import PSVariable, Scope

if TYPE_CHECKING:
    from .context import ExecutionContext

__all__ = ["ModuleScope", "PSModuleInfo", "loaded_modules", "module_of_scope", "using_statement"]


class ModuleScope(Scope):
    """A module's ``$script:`` scope: the root of its session state, a child of the global scope."""

    __slots__ = ("module",)

    def __init__(self, parent: Scope, module: PSModuleInfo) -> None:
        super().__init__(parent, script=True)
        self.module = module


class _TopLevel:
    """The top-level session state: the session's own code, outside every module."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "TOP_LEVEL"


TOP_LEVEL = _TopLevel()


def session_of(scope: Scope) -> Any:
    """The session state code running in ``scope`` belongs to: its module, else :data:`TOP_LEVEL`."""
    module = module_of_scope(scope)
    return TOP_LEVEL if module is None else module


def session_parent(context: Any, session: Any, caller: Scope) -> Scope:
    """The scope a function or block of ``session`` runs under when ``caller``'s code runs it: the
    caller's own scope within one session state (dynamic scoping); across, the other session
    state's: a module's scope, or the top-level scope that last called into a module (where
    pwsh's top-level session state stands while the module runs)."""
    here = session_of(caller)
    if here is session:
        return caller
    if here is TOP_LEVEL:
        context.top_level_scope = caller
    if session is TOP_LEVEL:
        found: Scope | None = context.top_level_scope
        return found if found is not None else context.global_scope
    return session.scope if session.scope is not None else caller


def module_of_scope(scope: Scope) -> PSModuleInfo | None:
    """The module whose session state ``scope`` belongs to (None: the top-level session state)."""
    owner = scope.script_scope
    scope_chain: Scope | None = owner
    while scope_chain is not None:
        if isinstance(scope_chain, ModuleScope):
            return scope_chain.module
        scope_chain = scope_chain.parent
    return None


class PSModuleInfo:
    """``System.Management.Automation.PSModuleInfo``: one module, loaded or only found on disk."""

    __ps_type_name__ = "System.Management.Automation.PSModuleInfo"
    pstypenames: tuple[str, ...] = ("System.Management.Automation.PSModuleInfo", "System.Object")

    def __init__(self, name: str, path: str = "", module_type: str = "Script", version: Any = None) -> None:
        from ...conversion.version import Version

        self.name = name
        self.path = path
        self.module_type = module_type
        self.version = version if version is not None else Version(0, 0)
        self.module_base = os.path.dirname(path) if path else ""
        self.description = ""
        self.guid = str(uuid.UUID(int=0))
        self.author = ""
        self.prerelease = ""
        self.private_data: Any = None
        self.scope: ModuleScope | None = None
        self.functions: dict[str, Any] = {}
        self.variables: dict[str, PSVariable] = {}
        self.aliases: dict[str, str] = {}
        self.cmdlets: list[str] = []
        #: Whether Export-ModuleMember ran in the module (then only what it named is exported).
        self.explicit_exports = False
        self.nested: list[PSModuleInfo] = []
        self.required: list[PSModuleInfo] = []
        self.on_remove: Any = None
        #: What Import-Module put where: (scope, kind, folded name, the object put there).
        self.imported: list[tuple[Scope, str, str, Any]] = []
        self.prefix = ""
        self.compatible_editions: list[str] = []

    def new_session_state(self, context: ExecutionContext) -> ModuleScope:
        """The module's own scope (its ``$script:`` scope), a child of the global scope."""
        scope = ModuleScope(context.global_scope, self)
        context.has_modules = True
        self.scope = scope
        return scope

    # -- exports --------------------------------------------------------------------------------------
    def default_exports(self) -> None:
        """No Export-ModuleMember ran: every function the module scope defines is exported."""
        if self.scope is not None and not self.explicit_exports:
            self.functions = dict((self.scope.functions or {}).items())

    def export(self, functions: list[str] | None, variables: list[str] | None, aliases: list[str] | None,
               cmdlets: list[str] | None = None) -> list[tuple[str, str]]:  # fmt: skip
        """Export-ModuleMember: the members of the module scope matching each list (None: that kind
        is not touched) join the exports; returns (kind, name) of each, for -Verbose."""
        from ...cmdlets.common.semantics import wildcard_regex

        scope = self.scope
        done: list[tuple[str, str]] = []
        if not self.explicit_exports:
            self.explicit_exports = True
            self.functions, self.variables, self.aliases = {}, {}, {}
        if scope is None:
            return done

        def matching(patterns: list[str], names: list[str]) -> list[str]:
            regexes = [wildcard_regex(pattern) for pattern in patterns]
            return [name for name in names if any(regex.match(name) for regex in regexes)]

        if functions is not None:
            table = scope.functions or {}
            for key in matching(functions, [info.name for info in table.values()]):
                self.functions[key.casefold()] = table[key.casefold()]
                done.append(("function", key))
        if variables is not None:
            names = [variable.name for variable in scope.variables.values()]
            for name in matching(variables, names):
                self.variables[name.casefold()] = scope.variables[name.casefold()]
                done.append(("variable", name))
        if aliases is not None:
            table_aliases = scope.aliases or {}
            for name in matching(aliases, list(table_aliases)):
                self.aliases[name] = table_aliases[name]
                done.append(("alias", name))
        return done

    def filter_exports(self, functions: Any, variables: Any, aliases: Any) -> None:
        """A manifest's FunctionsToExport/VariablesToExport/AliasesToExport (None: not given, so all
        the root module exported stays exported)."""
        from ...cmdlets.common.semantics import wildcard_regex

        def keep(table: dict[str, Any], patterns: Any, name_of: Any) -> dict[str, Any]:
            if patterns is None:
                return table
            items = patterns if isinstance(patterns, list | tuple) else [patterns]
            regexes = [wildcard_regex(str(pattern)) for pattern in items]
            return {key: value for key, value in table.items() if any(r.match(name_of(key, value)) for r in regexes)}

        self.functions = keep(self.functions, functions, lambda _key, info: info.name)
        self.variables = keep(self.variables, variables, lambda _key, variable: variable.name)
        self.aliases = keep(self.aliases, aliases, lambda key, _target: key)

    # -- PowerShell's members, for scripts -----------------------------------------------------------
    @property
    def Name(self) -> str:
        return self.name

    @property
    def Path(self) -> str:
        return self.path

    @property
    def ModuleBase(self) -> str:
        return self.module_base

    @property
    def ModuleType(self) -> str:
        return self.module_type

    @property
    def Version(self) -> Any:
        return self.version

    @property
    def PreRelease(self) -> str:
        return self.prerelease

    @property
    def Description(self) -> str:
        return self.description

    @property
    def Guid(self) -> str:
        return self.guid

    @property
    def Author(self) -> str:
        return self.author

    @property
    def PrivateData(self) -> Any:
        return self.private_data

    @property
    def CompatiblePSEditions(self) -> list[str]:
        return list(self.compatible_editions)

    @property
    def Prefix(self) -> str:
        return self.prefix

    @property
    def NestedModules(self) -> list[PSModuleInfo]:
        return list(self.nested)

    @property
    def RequiredModules(self) -> list[PSModuleInfo]:
        return list(self.required)

    @property
    def ExportedFunctions(self) -> Hashtable:
        return _table(sorted(((info.name, info) for info in self.functions.values()), key=_by_name))

    @property
    def ExportedCmdlets(self) -> Hashtable:
        return _table((name, name) for name in self.cmdlets)

    @property
    def ExportedVariables(self) -> Hashtable:
        return _table(sorted(((v.name, v) for v in self.variables.values()), key=_by_name))

    @property
    def ExportedAliases(self) -> Hashtable:
        return _table(sorted(self.aliases.items(), key=_by_name))

    @property
    def ExportedCommands(self) -> Hashtable:
        """Cmdlets, functions and aliases by name (a case-insensitive dictionary, as pwsh's)."""
        return _table([*((name, name) for name in self.cmdlets), *self.ExportedFunctions.items(),
                       *self.ExportedAliases.items()])  # fmt: skip

    @property
    def OnRemove(self) -> Any:
        return self.on_remove

    @OnRemove.setter
    def OnRemove(self, value: Any) -> None:
        self.on_remove = value

    @property
    def SessionState(self) -> Any:
        return self.scope

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"PSModuleInfo({self.name!r}, {self.path!r})"


def _by_name(pair: tuple[str, Any]) -> str:
    """ModuleIntrinsics sorts each kind of export by name."""
    return pair[0].casefold()


def _table(pairs: Any) -> Hashtable:
    table = Hashtable()
    for key, value in pairs:
        table[key] = value
    return table


def loaded_modules(context: ExecutionContext) -> list[PSModuleInfo]:
    """The modules Import-Module loaded into the session, in the order they were loaded."""
    table: dict[str, PSModuleInfo] = context.module_table
    return list(table.values())


def import_using_modules(scope: Scope, statements: list[Any], file: str | None) -> None:
    """``using module X`` at the top of a script: Import-Module X before the script runs (a relative
    path from the script's folder, as pwsh resolves it), stopping the script when it fails; the
    classes and enums the module defined become the script's too (about_Using.md:95-99)."""
    from ...binding import CommandArgument
    from ...runtime.pipeline import CommandCall, run_pipeline

    runspace = scope.context.runspace
    for statement in statements:
        arguments: list[CommandArgument] = []
        if statement.name is not None:
            name = str(statement.name.value)
            relative = name.startswith(("./", ".\\", "../", "..\\")) or name.casefold().endswith((".psm1", ".psd1"))
            if file and relative:
                name = os.path.normpath(os.path.join(os.path.dirname(file), name.replace("\\", "/")))
            arguments.append(CommandArgument.positional(name))
        else:
            continue  # a module specification hashtable: not read (see the README)
        arguments.append(CommandArgument.named("ErrorAction", "Stop", text="-ErrorAction:"))
        arguments.append(CommandArgument.named("PassThru", True, text="-PassThru:"))
        for module in run_pipeline(runspace, [CommandCall("Import-Module", arguments)]):
            # unlike Import-Module, `using module` makes the module's classes and enums the script's
            defined = module.scope.types if isinstance(module, PSModuleInfo) and module.scope is not None else None
            if defined:
                scope.define_types(defined)


def using_statement(scope: Scope, node: Any) -> None:
    """A ``using`` statement met as a statement: all kinds act before the script runs (the
    compiler reads ``using namespace``; ``using module`` is imported by :func:`import_using_modules`)."""
    return None
