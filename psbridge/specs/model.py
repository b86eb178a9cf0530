"""The parameter metadata of a cmdlet, as documented (plus overlays).

This mirrors what PowerShell compiles from a function's ``param()`` block:
each parameter has a type, aliases, and per-parameter-set data (mandatory,
position, pipeline flags).  ``ALL_SETS`` is PowerShell's ``__AllParameterSets``:
a parameter declared without a set name is a member of every set.
"""

from __future__ import annotations

from typing import Any

from ..records import FrozenRecord, set_field

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




class ParameterSetInfo(FrozenRecord):
    """What ``[Parameter(ParameterSetName=...)]`` says for one set."""

    _fields = _compared = (
        "mandatory", "position", "value_from_pipeline", "value_from_pipeline_by_property_name",
        "value_from_remaining_arguments",
    )  # fmt: skip
    __slots__ = _fields

    mandatory: bool
    position: int | None
    value_from_pipeline: bool
    value_from_pipeline_by_property_name: bool
    value_from_remaining_arguments: bool

    def __init__(
        self,
        mandatory: bool = False,
        position: int | None = None,
        value_from_pipeline: bool = False,
        value_from_pipeline_by_property_name: bool = False,
        value_from_remaining_arguments: bool = False,
    ) -> None:
        set_field(self, "mandatory", mandatory)
        set_field(self, "position", position)
        set_field(self, "value_from_pipeline", value_from_pipeline)
        set_field(self, "value_from_pipeline_by_property_name", value_from_pipeline_by_property_name)
        set_field(self, "value_from_remaining_arguments", value_from_remaining_arguments)

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


class ParameterSpec(FrozenRecord):
    """One parameter: type, aliases, set membership and validation.

    ``type`` is a normalized PowerShell type name (``String``, ``Int32``,
    ``String[]``, ``SwitchParameter`` ...; see :mod:`psbridge.specs.types`).
    ``sets`` maps a set name (or :data:`ALL_SETS`) to that set's data.
    Validation fields mirror the attributes PowerShell runs after conversion;
    ``accepted_values`` is a ValidateSet, ``enum_values`` describes the type.
    """

    _fields = (
        "name", "type", "aliases", "sets", "accepted_values", "enum_values", "default", "wildcards",
        "ps_type_name", "validate_range", "validate_count", "validate_length", "validate_pattern",
        "validate_script", "validate_not_null_or_empty", "validate_not_null", "allow_null",
        "allow_empty_string", "allow_empty_collection", "transforms", "hidden", "suggested_values",
        "description",
    )  # fmt: skip
    __slots__ = _fields
    _compared = _fields[:-1]  # not the description

    name: str
    type: str
    aliases: tuple[str, ...]
    #: Set name (or ALL_SETS) -> that set's data; a parameter given none is in all sets.
    sets: dict[str, ParameterSetInfo]
    accepted_values: tuple[str, ...]
    #: The documented values of an enum (or Encoding) type: what its conversion knows, not a
    #: ValidateSet ([Flags] enums combine them, encodings also take code pages).
    enum_values: tuple[str, ...]
    default: str | None
    wildcards: bool
    ps_type_name: str | None
    validate_range: tuple[float, float] | None
    validate_count: tuple[int, int] | None
    validate_length: tuple[int, int] | None
    validate_pattern: str | None
    #: The script block's text of ``[ValidateScript({...})]``: only an evaluator can run it.
    validate_script: str | None
    validate_not_null_or_empty: bool
    validate_not_null: bool
    allow_null: bool
    allow_empty_string: bool
    allow_empty_collection: bool
    transforms: tuple[str, ...]
    #: ``[Parameter(DontShow)]``: bindable, but left out of help and tab completion.
    hidden: bool
    #: ``[ArgumentCompletions(...)]`` (PSOpenAI's ``[Completions(...)]``): offered, never enforced.
    suggested_values: tuple[str, ...]
    #: The doc's prose about the parameter (kept in memory for ``specs diff``; never in the YAML;
    #: not compared).
    description: str

    def __init__(
        self,
        name: str,
        type: str = "Object",
        aliases: tuple[str, ...] = (),
        sets: dict[str, ParameterSetInfo] | None = None,
        accepted_values: tuple[str, ...] = (),
        enum_values: tuple[str, ...] = (),
        default: str | None = None,
        wildcards: bool = False,
        ps_type_name: str | None = None,
        validate_range: tuple[float, float] | None = None,
        validate_count: tuple[int, int] | None = None,
        validate_length: tuple[int, int] | None = None,
        validate_pattern: str | None = None,
        validate_script: str | None = None,
        validate_not_null_or_empty: bool = False,
        validate_not_null: bool = False,
        allow_null: bool = False,
        allow_empty_string: bool = False,
        allow_empty_collection: bool = False,
        transforms: tuple[str, ...] = (),
        hidden: bool = False,
        suggested_values: tuple[str, ...] = (),
        description: str = "",
    ) -> None:
        set_field(self, "name", name)
        set_field(self, "type", type)
        set_field(self, "aliases", aliases)
        set_field(self, "sets", {ALL_SETS: ParameterSetInfo()} if sets is None else sets)
        set_field(self, "accepted_values", accepted_values)
        set_field(self, "enum_values", enum_values)
        set_field(self, "default", default)
        set_field(self, "wildcards", wildcards)
        set_field(self, "ps_type_name", ps_type_name)
        set_field(self, "validate_range", validate_range)
        set_field(self, "validate_count", validate_count)
        set_field(self, "validate_length", validate_length)
        set_field(self, "validate_pattern", validate_pattern)
        set_field(self, "validate_script", validate_script)
        set_field(self, "validate_not_null_or_empty", validate_not_null_or_empty)
        set_field(self, "validate_not_null", validate_not_null)
        set_field(self, "allow_null", allow_null)
        set_field(self, "allow_empty_string", allow_empty_string)
        set_field(self, "allow_empty_collection", allow_empty_collection)
        set_field(self, "transforms", transforms)
        set_field(self, "hidden", hidden)
        set_field(self, "suggested_values", suggested_values)
        set_field(self, "description", description)

    @property
    def is_switch(self) -> bool:
        return self.type == "SwitchParameter"

    @property
    def in_all_sets(self) -> bool:
        return ALL_SETS in self.sets

    def with_changes(self, **changes: Any) -> ParameterSpec:
        return self._replace(**changes)


class SyntaxParameter(FrozenRecord):
    """One parameter as a SYNTAX block prints it (``[-Name] <Type>`` ...)."""

    _fields = _compared = ("name", "type", "positional", "mandatory", "dynamic")
    __slots__ = _fields

    name: str
    type: str | None
    positional: bool
    mandatory: bool
    #: Only a provider's variant of the set shows it: a dynamic parameter, never mandatory.
    dynamic: bool

    def __init__(self, name: str, type: str | None, positional: bool, mandatory: bool, dynamic: bool = False) -> None:
        set_field(self, "name", name)
        set_field(self, "type", type)
        set_field(self, "positional", positional)
        set_field(self, "mandatory", mandatory)
        set_field(self, "dynamic", dynamic)

    def with_changes(self, **changes: Any) -> SyntaxParameter:
        return self._replace(**changes)


class SyntaxBlock(FrozenRecord):
    """One SYNTAX block of a doc: a parameter set's line."""

    _fields = _compared = ("set_name", "is_default", "parameters", "line", "command", "providers")
    __slots__ = _fields

    set_name: str
    is_default: bool
    parameters: tuple[SyntaxParameter, ...]
    line: int
    command: str
    #: The providers whose variants of this set's block were merged into it (PowerShell's docs
    #: print ``### Path (Default) - FileSystem provider`` and ``- All providers`` for one set).
    providers: tuple[str, ...]

    def __init__(
        self,
        set_name: str,
        is_default: bool,
        parameters: tuple[SyntaxParameter, ...],
        line: int,
        command: str = "",
        providers: tuple[str, ...] = (),
    ) -> None:
        set_field(self, "set_name", set_name)
        set_field(self, "is_default", is_default)
        set_field(self, "parameters", parameters)
        set_field(self, "line", line)
        set_field(self, "command", command)
        set_field(self, "providers", providers)

    def with_changes(self, **changes: Any) -> SyntaxBlock:
        return self._replace(**changes)


class Example(FrozenRecord):
    """One EXAMPLES entry of a doc."""

    _fields = _compared = ("title", "code", "text", "line")
    __slots__ = _fields

    title: str
    code: str
    text: str
    line: int

    def __init__(self, title: str, code: str, text: str, line: int) -> None:
        set_field(self, "title", title)
        set_field(self, "code", code)
        set_field(self, "text", text)
        set_field(self, "line", line)


class CmdletSpec(FrozenRecord):
    """A cmdlet's documented interface.

    ``parameter_sets`` lists the named sets in SYNTAX order (empty when the
    command has only the implicit all-sets set); ``parameters`` is in
    declaration order, which PowerShell uses when it lists parameters in
    errors.  ``syntax``/``examples`` are only present when parsed from markdown.
    Specs compare and hash by identity: the binder caches compiled tables per spec.
    """

    _fields = (
        "name", "parameters", "parameter_sets", "default_parameter_set", "synopsis", "syntax", "examples",
        "source", "module", "outputs", "automatic_positions", "confirm_impact",
    )  # fmt: skip
    __slots__ = (*_fields, "__weakref__")
    __eq__ = object.__eq__  # by identity (see above)
    __hash__ = object.__hash__

    name: str
    parameters: dict[str, ParameterSpec]
    parameter_sets: tuple[str, ...]
    default_parameter_set: str | None
    synopsis: str
    syntax: tuple[SyntaxBlock, ...]
    examples: tuple[Example, ...]
    source: str | None
    #: The module that documents the cmdlet (front matter ``Module Name``): its folder under cmdlet_specs/.
    module: str | None
    #: What the cmdlet says it writes: the doc's OUTPUTS headings, or the source's ``[OutputType()]``.
    outputs: tuple[str, ...]
    #: Positions were given by PowerShell's automatic positional binding (no parameter declares
    #: a Position or a set, and ``PositionalBinding`` is on), not written by the author.
    automatic_positions: bool
    #: ``[CmdletBinding(ConfirmImpact = ...)]``: how risky ShouldProcess deems the command (None, Low,
    #: Medium or High; it asks when this reaches ``$ConfirmPreference``).
    confirm_impact: str

    def __init__(
        self,
        name: str,
        parameters: dict[str, ParameterSpec],
        parameter_sets: tuple[str, ...] = (),
        default_parameter_set: str | None = None,
        synopsis: str = "",
        syntax: tuple[SyntaxBlock, ...] = (),
        examples: tuple[Example, ...] = (),
        source: str | None = None,
        module: str | None = None,
        outputs: tuple[str, ...] = (),
        automatic_positions: bool = False,
        confirm_impact: str = "Medium",
    ) -> None:
        set_field(self, "name", name)
        set_field(self, "parameters", parameters)
        set_field(self, "parameter_sets", parameter_sets)
        set_field(self, "default_parameter_set", default_parameter_set)
        set_field(self, "synopsis", synopsis)
        set_field(self, "syntax", syntax)
        set_field(self, "examples", examples)
        set_field(self, "source", source)
        set_field(self, "module", module)
        set_field(self, "outputs", outputs)
        set_field(self, "automatic_positions", automatic_positions)
        set_field(self, "confirm_impact", confirm_impact)

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
        return self._replace(**changes)
