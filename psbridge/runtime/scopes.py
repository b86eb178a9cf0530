"""Session state scopes: variables, functions and aliases, as PowerShell nests them.

PowerShell scoping is dynamic: calling a function or a script block makes a new
scope whose parent is the *caller's* scope, so a variable is found by walking from
the current scope to the global one.  Assigning without a qualifier creates or
changes the variable in the current scope.  ``$script:`` names the nearest scope
made for a script file, ``$global:`` the session's root, ``$local:`` the current
scope only, and a ``Private`` variable is seen only from the scope that owns it.

Variables are :class:`PSVariable` objects in a plain dict per scope, keyed by the
case-folded name, so that compiled scripts read and write them with one dict
lookup; the attribute checks (type constraints, validation, ReadOnly/Constant)
run only for variables that have them (``plain`` is False).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

from ..errors import ErrorCategory, PSError

__all__ = [
    "ALL_SCOPE",
    "CONSTANT",
    "PRIVATE",
    "READ_ONLY",
    "PSVariable",
    "Scope",
    "SessionStateUnauthorizedError",
    "VariableTable",
]

#: ScopedItemOptions flags.
READ_ONLY = 1
CONSTANT = 2
PRIVATE = 4
ALL_SCOPE = 8

_OPTION_NAMES = {"none": 0, "readonly": READ_ONLY, "constant": CONSTANT, "private": PRIVATE, "allscope": ALL_SCOPE}


class SessionStateUnauthorizedError(PSError):
    """Writing a ReadOnly or Constant variable (PowerShell's SessionStateUnauthorizedAccessException)."""

    dotnet_exception_type = "System.Management.Automation.SessionStateUnauthorizedAccessException"
    default_error_id = "VariableNotWritable"
    default_category = ErrorCategory.WriteError

    def __init__(self, name: str, error_id: str = "VariableNotWritable") -> None:
        message = (
            f"Cannot overwrite variable {name} because it is read-only or constant."
            if error_id == "VariableNotWritable"
            else f"Cannot remove variable {name} because it is constant or read-only. If the variable is "
            "read-only, try the operation again specifying the Force option."
        )
        super().__init__(message, error_id=error_id, target_object=name)


class PSVariable:
    """One variable: name, value, options and the attributes that check assignments.

    ``attributes`` are callables ``value -> value`` run in order on every assignment
    (a type constraint converts, a validation attribute raises); the evaluator
    builds them from ``[int]$x = ...`` and ``[ValidateRange(1, 5)][int]$x = ...``.
    """

    __slots__ = ("attributes", "description", "name", "options", "plain", "value", "visibility")
    visibility: str
    #: Format data's type names (Get-Variable's output is a Name/Value table).
    pstypenames = ("System.Management.Automation.PSVariable", "System.Object")

    def __init__(
        self,
        name: str,
        value: Any = None,
        options: int = 0,
        attributes: list[Callable[[Any], Any]] | None = None,
        description: str = "",
    ) -> None:
        self.name = name
        self.options = options
        self.description = description
        if attributes or options:
            self.attributes: tuple[Callable[[Any], Any], ...] = tuple(attributes) if attributes else ()
            self.plain = not options and not self.attributes
            self.value = self.transform(value) if self.attributes else value
        else:  # the common case, kept cheap: a function call makes several of these
            self.attributes = ()
            self.plain = True
            self.value = value

    def transform(self, value: Any) -> Any:
        for attribute in self.attributes:
            value = attribute(value)
        return value

    def assign(self, value: Any, force: bool = False) -> None:
        """``$x = value`` on this variable: checked against its options and attributes."""
        if self.options & (READ_ONLY | CONSTANT) and not (force and not self.options & CONSTANT):
            raise SessionStateUnauthorizedError(self.name)
        self.value = self.transform(value) if self.attributes else value

    def set_options(self, options: int) -> None:
        self.options = options
        self.plain = not options and not self.attributes

    def add_attribute(self, attribute: Callable[[Any], Any]) -> None:
        self.attributes = (*self.attributes, attribute)
        self.plain = False

    @property
    def private(self) -> bool:
        return bool(self.options & PRIVATE)

    # PowerShell's property names, for scripts (Get-Variable x | % Value).
    @property
    def Name(self) -> str:
        return self.name

    @property
    def Value(self) -> Any:
        return self.value

    @property
    def Options(self) -> str:
        names = [name for name, flag in (("ReadOnly", READ_ONLY), ("Constant", CONSTANT), ("Private", PRIVATE),
                                         ("AllScope", ALL_SCOPE)) if self.options & flag]  # fmt: skip
        return ", ".join(names) or "None"

    @property
    def Description(self) -> str:
        return self.description

    @property
    def Visibility(self) -> str:
        """Public unless New-/Set-Variable -Visibility said otherwise (unset until then: a
        function call makes several variables, so __init__ stays as cheap as it was)."""
        return getattr(self, "visibility", "Public")

    def __repr__(self) -> str:
        return f"PSVariable({self.name!r}, {self.value!r})"


def parse_options(text: Any) -> int:
    """``-Option ReadOnly, Private`` (names, a list of names, or flags) -> flags."""
    if isinstance(text, int):
        return text
    if isinstance(text, list | tuple):
        flags = 0
        for item in text:
            flags |= parse_options(item)
        return flags
    flags = 0
    for part in str(text).split(","):
        folded = part.strip().casefold()
        if folded:
            flags |= _OPTION_NAMES[folded]
    return flags


class Scope:
    """One scope: its variables, functions and aliases, and the scope it was made in."""

    __slots__ = ("aliases", "context", "functions", "parent", "script_scope", "strict_mode", "types", "variables")

    def __init__(self, parent: Scope | None = None, *, script: bool = False) -> None:
        self.parent = parent
        #: The language's execution context (shared by every scope of a session).
        self.context: Any = parent.context if parent is not None else None
        self.variables: dict[str, PSVariable] = {}
        #: Functions defined in this scope (folded name -> the function's command class).
        self.functions: dict[str, Any] | None = None
        self.aliases: dict[str, str] | None = None
        #: ``Set-StrictMode -Version`` set in this scope (None: as the parent scope has it; 0 off).
        self.strict_mode: int | None = None
        self.script_scope: Scope = self if script or parent is None else parent.script_scope
        #: Types scripts defined here or in an enclosing scope (folded name -> PSType), PowerShell's
        #: SessionStateScope.TypeTable; shared with the parent until this scope defines one.
        self.types: dict[str, Any] | None = parent.types if parent is not None else None

    @property
    def global_scope(self) -> Scope:
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope

    @property
    def strict_version(self) -> int:
        """The strict mode in effect here: 0 off, else the version (3 for Latest)."""
        scope: Scope | None = self
        while scope is not None:
            if scope.strict_mode is not None:
                return scope.strict_mode
            scope = scope.parent
        return 0

    # -- variables ---------------------------------------------------------------------------
    def lookup(self, key: str) -> PSVariable | None:
        """The variable ``key`` (case-folded) visible from here, walking outwards."""
        variable = self.variables.get(key)
        if variable is not None:
            return variable
        scope = self.parent
        while scope is not None:
            variable = scope.variables.get(key)
            if variable is not None and not variable.options & PRIVATE:
                return variable
            scope = scope.parent
        return None

    def get(self, name: str) -> tuple[bool, Any]:
        variable = self.lookup(name.casefold())
        return (False, None) if variable is None else (True, variable.value)

    def set(self, name: str, value: Any) -> PSVariable:
        """``$name = value`` in this scope (an AllScope variable seen from here is changed in place)."""
        key = name.casefold()
        variable = self.variables.get(key)
        if variable is None:
            inherited = self.lookup(key)
            if inherited is not None and inherited.options & ALL_SCOPE:
                inherited.assign(value)
                return inherited
            variable = self.variables[key] = PSVariable(name, value)
            return variable
        if variable.plain:
            variable.value = value
        else:
            variable.assign(value)
        return variable

    def new_variable(self, variable: PSVariable, force: bool = False) -> None:
        key = variable.name.casefold()
        existing = self.variables.get(key)
        if existing is not None and existing.options & CONSTANT:
            raise SessionStateUnauthorizedError(variable.name)
        if existing is not None and existing.options & READ_ONLY and not force:
            raise SessionStateUnauthorizedError(variable.name)
        self.variables[key] = variable

    def remove(self, name: str, force: bool = False) -> bool:
        key = name.casefold()
        variable = self.variables.get(key)
        if variable is None:
            return False
        if variable.options & CONSTANT or (variable.options & READ_ONLY and not force):
            raise SessionStateUnauthorizedError(variable.name, "VariableNotRemovable")
        del self.variables[key]
        return True

    def visible_variables(self) -> dict[str, PSVariable]:
        """Every variable seen from here, innermost first wins (Get-Variable)."""
        seen: dict[str, PSVariable] = {}
        scope: Scope | None = self
        while scope is not None:
            for key, variable in scope.variables.items():
                if key not in seen and (scope is self or not variable.options & PRIVATE):
                    seen[key] = variable
            scope = scope.parent
        return seen

    def define_types(self, types: dict[str, Any]) -> None:
        """Make script-defined types visible here and in the scopes made from here on."""
        self.types = {**(self.types or {}), **types}

    # -- functions and aliases --------------------------------------------------------------------
    def _find_up(self, table_name: str, name: str) -> Any:
        """The nearest entry named ``name`` in this scope's table or an outer one's (dynamic scoping)."""
        key = name.casefold()
        scope: Scope | None = self
        while scope is not None:
            table = getattr(scope, table_name)
            if table is not None:
                found = table.get(key)
                if found is not None:
                    return found
            scope = scope.parent
        return None

    def find_function(self, name: str) -> Any:
        return self._find_up("functions", name)

    def visible_functions(self) -> dict[str, Any]:
        """Every function seen from here by its folded name, the nearest of each name (what
        Get-Command and Get-Help list)."""
        seen: dict[str, Any] = {}
        scope: Scope | None = self
        while scope is not None:
            for key, function in (scope.functions or {}).items():
                seen.setdefault(key, function)
            scope = scope.parent
        return seen

    def set_function(self, name: str, command: Any) -> None:
        if self.functions is None:
            self.functions = {}
        self.functions[name.casefold()] = command

    def find_alias(self, name: str) -> str | None:
        found: str | None = self._find_up("aliases", name)
        return found

    def set_alias(self, name: str, target: str) -> None:
        if self.aliases is None:
            self.aliases = {}
        self.aliases[name.casefold()] = target


class VariableTable(MutableMapping[str, Any]):
    """One scope's variables as a case-insensitive mapping of name -> value.

    The hosting API's ``PowerShell.variables`` and the settings PSOpenAI reads from
    ``$global:`` variables see the global scope through this view.
    """

    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    def __getitem__(self, name: str) -> Any:
        variable = self.scope.variables.get(name.casefold())
        if variable is None:
            raise KeyError(name)
        return variable.value

    def __setitem__(self, name: str, value: Any) -> None:
        self.scope.set(name, value)

    def __delitem__(self, name: str) -> None:
        if not self.scope.remove(name, force=True):
            raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return iter([variable.name for variable in self.scope.variables.values()])

    def __len__(self) -> int:
        return len(self.scope.variables)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.casefold() in self.scope.variables

    def __repr__(self) -> str:
        return f"VariableTable({dict(self.items())!r})"
