"""Deciding a cmdlet's parameter metadata from what its doc says.

A doc describes each parameter twice: the SYNTAX blocks (one per parameter
set, rendered from the real metadata) and the YAML block(s) under
``### -Name`` (often hand-edited).  Where they disagree this module follows
fixed rules, each chosen so that the result is something PowerShell could
actually bind:

* Set membership comes from the SYNTAX blocks whenever the parameter appears
  in one; the YAML decides only for parameters SYNTAX does not show.
* Per-set data (mandatory, position, pipeline) comes from the YAML block that
  names the set.  When the YAML block names no set ("all sets") but SYNTAX
  shows the parameter in some sets only, SYNTAX decides mandatory/positional
  for those sets: trusting the YAML would make Start-ThreadRun's -ThreadId and
  -Message mandatory in both sets, which no call can satisfy.
* Two parameters at one position in one set (Wait-ThreadRun's -RunId and
  -ThreadId, both "Position: 0") are ordered by the SYNTAX block.

Lint reports every one of these disagreements; this module just resolves them.
"""

from __future__ import annotations

from .markdown import DocYamlBlock, ParsedDoc, ParsedParameter
from .model import ALL_SETS, CmdletSpec, ParameterSetInfo, ParameterSpec, SyntaxParameter
from .types import is_known_type, normalize_type

__all__ = ["build_spec", "syntax_set_names"]


def syntax_set_names(doc: ParsedDoc) -> list[str]:
    """The set names the SYNTAX blocks define, in order.

    A single block without a heading is the implicit all-sets set; several
    unnamed blocks get stable placeholder names so they stay distinct.
    """
    names: list[str] = []
    for index, block in enumerate(doc.syntax):
        if block.set_name.casefold() == ALL_SETS.casefold():
            names.append(ALL_SETS)  # the newer platyPS schema's heading for a single set
        elif block.set_name:
            names.append(block.set_name)
        elif len(doc.syntax) == 1:
            names.append(ALL_SETS)
        else:
            names.append(f"Set{index + 1}")
    return names


def command_name(doc: ParsedDoc) -> str:
    """The documented command: what the SYNTAX blocks invoke, else the title.

    A few docs carry a copied title (Clear-OpenAIContext.md is titled
    "Set-OpenAIContext"); the SYNTAX blocks show the command the page is about.
    """
    commands = {block.command for block in doc.syntax if block.command}
    if len(commands) == 1:
        return commands.pop()
    return doc.name


def build_spec(doc: ParsedDoc, *, resolve_collisions: bool = True) -> CmdletSpec:
    """The spec a doc describes; ``resolve_collisions=False`` keeps colliding positions as
    written (what ``specs diff`` compares), instead of ordering them for the binder."""
    set_names = syntax_set_names(doc)
    named_sets = [name for name in set_names if name != ALL_SETS]
    appearances = _syntax_appearances(doc, set_names)
    default_set = next(
        (name for name, block in zip(set_names, doc.syntax, strict=True) if block.is_default and name != ALL_SETS),
        None,
    )

    extra_sets: list[str] = []
    parameters: dict[str, ParameterSpec] = {}
    documented = {param.name.casefold() for param in doc.parameters}
    for parsed in doc.parameters:
        if parsed.name.casefold() == "commonparameters" or parsed.name.casefold() in {p.casefold() for p in parameters}:
            continue
        spec = _build_parameter(parsed, appearances.get(parsed.name.casefold(), {}), named_sets, extra_sets)
        parameters[spec.name] = spec
    # Parameters that only the SYNTAX blocks show still bind in PowerShell.
    for folded, seen in appearances.items():
        if folded in documented:
            continue
        first = next(iter(seen.values()))
        parameters[first.name] = _build_parameter(ParsedParameter(first.name, 0), seen, named_sets, extra_sets)

    all_named = tuple(named_sets + [name for name in extra_sets if name not in named_sets])
    if resolve_collisions:
        parameters = _resolve_position_collisions(parameters, doc, set_names)
    return CmdletSpec(
        name=command_name(doc),
        parameters=parameters,
        parameter_sets=all_named,
        default_parameter_set=default_set,
        synopsis=doc.synopsis,
        syntax=tuple(doc.syntax),
        examples=tuple(doc.examples),
        source=doc.path,
        module=doc.module,
        outputs=tuple(doc.outputs),
    )


def _syntax_appearances(doc: ParsedDoc, set_names: list[str]) -> dict[str, dict[str, SyntaxParameter]]:
    """parameter (case-folded) -> {set name -> how that set's SYNTAX block shows it}."""
    result: dict[str, dict[str, SyntaxParameter]] = {}
    for set_name, block in zip(set_names, doc.syntax, strict=True):
        for param in block.parameters:
            if param.name.casefold() == "commonparameters":
                continue
            result.setdefault(param.name.casefold(), {}).setdefault(set_name, param)
    return result


def _covering_block(blocks: list[DocYamlBlock], set_name: str) -> tuple[DocYamlBlock | None, bool]:
    """The YAML block that speaks for ``set_name`` and whether it names the set explicitly."""
    for block in blocks:
        if block.parameter_sets and any(s.casefold() == set_name.casefold() for s in block.parameter_sets):
            return block, True
    for block in blocks:
        if block.parameter_sets is None or any(s.casefold() == "(all)" for s in block.parameter_sets):
            return block, block.parameter_sets is not None
    return None, False


def _build_parameter(
    parsed: ParsedParameter,
    seen: dict[str, SyntaxParameter],
    named_sets: list[str],
    extra_sets: list[str],
) -> ParameterSpec:
    blocks = parsed.blocks
    first = blocks[0] if blocks else None
    syntax_type = next((p.type for p in seen.values() if p.type), None)
    if first is not None and first.type:
        type_name = normalize_type(first.type)
    elif syntax_type:
        type_name = normalize_type(syntax_type)
    elif seen:
        type_name = "SwitchParameter"
    else:
        type_name = "Object"

    sets: dict[str, ParameterSetInfo] = {}
    if seen:
        membership = list(seen)
        strict_subset = ALL_SETS not in seen and len(seen) < len(named_sets)
        for set_name in membership:
            sets[set_name] = _set_info(blocks, set_name, seen[set_name], strict_subset)
    else:
        declared: list[str] = []
        for block in blocks or [DocYamlBlock(line=0)]:
            if block.parameter_sets is None or any(s.casefold() == "(all)" for s in block.parameter_sets):
                declared = [ALL_SETS]
                break
            # Set names are case-insensitive in PowerShell: use the SYNTAX spelling when there is one.
            declared.extend(_spelling(s, named_sets + extra_sets) for s in block.parameter_sets)
        for set_name in declared:
            if set_name != ALL_SETS and set_name not in named_sets and set_name not in extra_sets:
                extra_sets.append(set_name)
            sets[set_name] = _set_info(blocks, set_name, None, False)

    sets = _collapse_all_sets(sets, named_sets)
    aliases: list[str] = []
    accepted: list[str] = []
    for block in blocks:
        aliases.extend(a for a in block.aliases if a not in aliases)
        accepted.extend(v for v in block.accepted_values if v not in accepted)
    default = next((block.default for block in blocks if block.default is not None), None)
    type_name = type_name or "Object"
    # Documented values of a type psbridge does not know are its enum's members (or an
    # encoding's names): the type converts them, combining [Flags] members; only a known
    # type's values come from a ValidateSet.
    as_enum = (bool(accepted) and not is_known_type(type_name)) or type_name.removesuffix("[]") == "Encoding"
    return ParameterSpec(
        name=parsed.name,
        type=type_name,
        aliases=tuple(aliases),
        sets=sets,
        accepted_values=() if as_enum else tuple(accepted),
        enum_values=tuple(accepted) if as_enum else (),
        default=default,
        wildcards=any(block.wildcards for block in blocks),
        hidden=any(block.hidden for block in blocks),
        description=parsed.description,
    )


def _spelling(set_name: str, known: list[str]) -> str:
    folded = set_name.casefold()
    return next((name for name in known if name.casefold() == folded), set_name)


def _set_info(
    blocks: list[DocYamlBlock], set_name: str, shown: SyntaxParameter | None, strict_subset: bool
) -> ParameterSetInfo:
    block, explicit = _covering_block(blocks, set_name)
    syntax_decides = False
    if block is None and blocks:
        # The YAML names other sets only, yet SYNTAX shows the parameter here:
        # SYNTAX decides, keeping the pipeline flags and position the YAML gives.
        block, syntax_decides = blocks[0], shown is not None
    elif shown is not None and strict_subset and not explicit:
        syntax_decides = True
    if block is None:
        return ParameterSetInfo(
            mandatory=bool(shown and shown.mandatory),
            position=None,
        )
    if syntax_decides and shown is not None:
        mandatory = shown.mandatory
        position = (block.position if block.position is not None else 0) if shown.positional else None
    else:
        mandatory = block.required and (
            block.required_sets is None or any(s.casefold() == set_name.casefold() for s in block.required_sets)
        )
        position = block.position
    if shown is not None and shown.dynamic:
        mandatory = False  # a provider's dynamic parameter is mandatory only on that provider's paths
    return ParameterSetInfo(
        mandatory=mandatory,
        position=position,
        value_from_pipeline=block.by_value,
        value_from_pipeline_by_property_name=block.by_property_name,
        value_from_remaining_arguments=block.remaining,
    )


def _collapse_all_sets(sets: dict[str, ParameterSetInfo], named_sets: list[str]) -> dict[str, ParameterSetInfo]:
    """A parameter in every named set with the same data is an all-sets parameter."""
    if ALL_SETS in sets or not named_sets:
        return {ALL_SETS: sets[ALL_SETS]} if ALL_SETS in sets else sets
    if set(sets) == set(named_sets):
        infos = list(sets.values())
        if all(info == infos[0] for info in infos):
            return {ALL_SETS: infos[0]}
    return sets


def _resolve_position_collisions(
    parameters: dict[str, ParameterSpec], doc: ParsedDoc, set_names: list[str]
) -> dict[str, ParameterSpec]:
    """Within one set scope, give colliding positions the SYNTAX block's order."""
    order: dict[str, dict[str, int]] = {}
    for set_name, block in zip(set_names, doc.syntax, strict=True):
        order[set_name] = {p.name.casefold(): index for index, p in enumerate(block.parameters)}
    scopes = {set_name for spec in parameters.values() for set_name in spec.sets}
    updated = dict(parameters)
    for scope in sorted(scopes):
        members = [
            (spec.sets[scope].position, spec.name)
            for spec in updated.values()
            if scope in spec.sets and spec.sets[scope].position is not None
        ]
        positions = [position for position, _ in members]
        if len(positions) == len(set(positions)):
            continue
        syntax_order = order.get(scope) or next(iter(order.values()), {})
        members.sort(key=lambda item: (item[0], syntax_order.get(item[1].casefold(), 1_000)))
        previous = -1
        for position, name in members:
            assert position is not None
            new_position = max(position, previous + 1)
            previous = new_position
            if new_position != position:
                spec = updated[name]
                sets = dict(spec.sets)
                old = sets[scope]
                sets[scope] = ParameterSetInfo(
                    old.mandatory,
                    new_position,
                    old.value_from_pipeline,
                    old.value_from_pipeline_by_property_name,
                    old.value_from_remaining_arguments,
                )
                updated[name] = spec.with_changes(sets=sets)
    return updated
