"""The parameter metadata of a cmdlet, as documented (plus overlays).

This mirrors what PowerShell compiles from a function's ``param()`` block:
each parameter has a type, aliases, and per-parameter-set data (mandatory,
position, pipeline flags).  ``ALL_SETS`` is PowerShell's ``__AllParameterSets``:
a parameter declared without a set name is a member of every set.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

__all__ = [
    "ALL_SETS",
    "CmdletSpec",
    "Example",
    "ParameterSetInfo",
    "ParameterSpec",
    "SyntaxBlock",
    "SyntaxParameter",
]

ALL_SETS = "__AllParameterSets"


@dataclass(frozen=True)
class ParameterSetInfo:
    """What ``[Parameter(ParameterSetName=...)]`` says for one set."""

    mandatory: bool = False
    position: int | None = None
    value_from_pipeline: bool = False
    value_from_pipeline_by_property_name: bool = False
    value_from_remaining_arguments: bool = False

    def to_data(self) -> dict[str, Any]:
        """Only what differs from a named, optional, non-pipeline parameter."""
        data: dict[str, Any] = {}
        if self.mandatory:
            data["mandatory"] = True
        if self.position is not None:
            data["position"] = self.position
        if self.value_from_pipeline:
            data["by_value"] = True
        if self.value_from_pipeline_by_property_name:
            data["by_property_name"] = True
        if self.value_from_remaining_arguments:
            data["remaining_arguments"] = True
        return data

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> ParameterSetInfo:
        unknown = set(data) - {"mandatory", "position", "by_value", "by_property_name", "remaining_arguments"}
        if unknown:
            raise ValueError(f"unknown parameter-set keys: {sorted(unknown)}")
        position = data.get("position")
        return cls(
            mandatory=bool(data.get("mandatory", False)),
            position=None if position is None else int(position),
            value_from_pipeline=bool(data.get("by_value", False)),
            value_from_pipeline_by_property_name=bool(data.get("by_property_name", False)),
            value_from_remaining_arguments=bool(data.get("remaining_arguments", False)),
        )


@dataclass(frozen=True)
class ParameterSpec:
    """One parameter: type, aliases, set membership and validation.

    ``type`` is a normalized PowerShell type name (``String``, ``Int32``,
    ``String[]``, ``SwitchParameter`` ...; see :mod:`psbridge.specs.types`).
    ``sets`` maps a set name (or :data:`ALL_SETS`) to that set's data.
    Validation fields mirror the attributes PowerShell runs after conversion;
    ``accepted_values`` is a ValidateSet, ``enum_values`` describes the type.
    """

    name: str
    type: str = "Object"
    aliases: tuple[str, ...] = ()
    sets: dict[str, ParameterSetInfo] = field(default_factory=lambda: {ALL_SETS: ParameterSetInfo()})
    accepted_values: tuple[str, ...] = ()
    #: The documented values of an enum (or Encoding) type: what its conversion knows, not a
    #: ValidateSet ([Flags] enums combine them, encodings also take code pages).
    enum_values: tuple[str, ...] = ()
    default: str | None = None
    wildcards: bool = False
    ps_type_name: str | None = None
    validate_range: tuple[float, float] | None = None
    validate_count: tuple[int, int] | None = None
    validate_length: tuple[int, int] | None = None
    validate_pattern: str | None = None
    #: The script block's text of ``[ValidateScript({...})]``: only an evaluator can run it.
    validate_script: str | None = None
    validate_not_null_or_empty: bool = False
    validate_not_null: bool = False
    allow_null: bool = False
    allow_empty_string: bool = False
    allow_empty_collection: bool = False
    transforms: tuple[str, ...] = ()
    #: ``[Parameter(DontShow)]``: bindable, but left out of help and tab completion.
    hidden: bool = False
    #: ``[ArgumentCompletions(...)]`` (PSOpenAI's ``[Completions(...)]``): offered, never enforced.
    suggested_values: tuple[str, ...] = ()
    #: The doc's prose about the parameter (kept in memory for ``specs diff``; never in the YAML).
    description: str = field(default="", compare=False)

    @property
    def is_switch(self) -> bool:
        return self.type == "SwitchParameter"

    @property
    def in_all_sets(self) -> bool:
        return ALL_SETS in self.sets

    def with_changes(self, **changes: Any) -> ParameterSpec:
        return replace(self, **changes)


@dataclass(frozen=True)
class SyntaxParameter:
    """One parameter as a SYNTAX block prints it (``[-Name] <Type>`` ...)."""

    name: str
    type: str | None
    positional: bool
    mandatory: bool
    #: Only a provider's variant of the set shows it: a dynamic parameter, never mandatory.
    dynamic: bool = False


@dataclass(frozen=True)
class SyntaxBlock:
    set_name: str
    is_default: bool
    parameters: tuple[SyntaxParameter, ...]
    line: int
    command: str = ""
    #: The providers whose variants of this set's block were merged into it (PowerShell's docs
    #: print ``### Path (Default) - FileSystem provider`` and ``- All providers`` for one set).
    providers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Example:
    title: str
    code: str
    text: str
    line: int


@dataclass(frozen=True, eq=False)
class CmdletSpec:
    """A cmdlet's documented interface.

    ``parameter_sets`` lists the named sets in SYNTAX order (empty when the
    command has only the implicit all-sets set); ``parameters`` is in
    declaration order, which PowerShell uses when it lists parameters in
    errors.  ``syntax``/``examples`` are only present when parsed from markdown.
    Specs compare and hash by identity: the binder caches compiled tables per spec.
    """

    name: str
    parameters: dict[str, ParameterSpec]
    parameter_sets: tuple[str, ...] = ()
    default_parameter_set: str | None = None
    synopsis: str = ""
    syntax: tuple[SyntaxBlock, ...] = ()
    examples: tuple[Example, ...] = ()
    source: str | None = None
    #: The module that documents the cmdlet (front matter ``Module Name``): its folder under cmdlet_specs/.
    module: str | None = None
    #: What the cmdlet says it writes: the doc's OUTPUTS headings, or the source's ``[OutputType()]``.
    outputs: tuple[str, ...] = ()
    #: Positions were given by PowerShell's automatic positional binding (no parameter declares
    #: a Position or a set, and ``PositionalBinding`` is on), not written by the author.
    automatic_positions: bool = False

    @property
    def error_qualifier(self) -> str:
        """What a FullyQualifiedErrorId names after the comma: a script cmdlet's name (PSOpenAI's
        functions), the implementing class of PowerShell's compiled cmdlets
        (``PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand``)."""
        if self.module and self.module.startswith("Microsoft.PowerShell."):
            return f"Microsoft.PowerShell.Commands.{self.name.replace('-', '')}Command"
        return self.name

    def parameter(self, name: str) -> ParameterSpec:
        folded = name.casefold()
        for parameter in self.parameters.values():
            if parameter.name.casefold() == folded:
                return parameter
        raise KeyError(name)

    def with_changes(self, **changes: Any) -> CmdletSpec:
        return replace(self, **changes)
