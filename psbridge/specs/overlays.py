"""Overlays: what the docs omit, added on top of the generated specs.

Each file ``cmdlet_specs/overlays/<Name>.yaml`` holds a list of changes and
every change carries a ``why:`` naming its evidence (usually a line of
PSOpenAI's source, via ../shared/reference/psopenai-behavior.md).  Keeping
them apart from the generated files means regenerating from the docs never
loses them, and a reviewer sees every departure from the docs in one place.

Change kinds (exactly one per entry, plus ``why``):

``add_parameter_set: Name``            declare a set the docs do not show
``default_parameter_set: Name``         the set PowerShell picks when several remain
``add_parameter: {name: ..., ...}``     a parameter the docs omit (``before: Other`` places it)
``remove_parameter: Name``              a documented parameter that does not exist
``parameter: Name`` (or a list) with ``set: {field: value, ...}`` to replace fields,
``add_aliases: [...]`` and/or ``add_sets: {Set: {...}}`` to extend them.

``overlays/_common.yaml`` holds what holds for every cmdlet of the family (the
connection parameters PSOpenAI declares identically everywhere).  It may only
edit parameters, and an edit naming a parameter a cmdlet lacks is skipped; it
may add a parameter the docs omit everywhere only with ``when_parameter:
Other`` -- then cmdlets that declare ``Other`` (and not the new one) get it,
and a cmdlet whose source lacks it removes it again in its own overlay.

An overlay with no generated spec beside it is an *overlay-only spec*: the
cmdlet has no doc to generate from, so the overlay declares every set and
parameter itself, and says so at the top::

    cmdlet: Submit-ToolOutput
    overlay_only:
      why: exported by the module but undocumented; declared from its param block
      source: Public/Runs/Submit-ToolOutput.ps1
    changes: [...]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .model import CmdletSpec, ParameterSetInfo, ParameterSpec
from .serialize import parameter_from_data, parameter_to_data

__all__ = ["OverlayError", "apply_overlay", "overlay_only_base", "validate_overlay"]

_OPERATIONS = ("add_parameter_set", "default_parameter_set", "add_parameter", "remove_parameter", "parameter")
_PARAMETER_EDITS = ("set", "add_aliases", "add_sets")


class OverlayError(ValueError):
    """An overlay that cannot apply: a missing ``why``, an unknown key or parameter."""


def validate_overlay(data: Any, origin: str) -> list[dict[str, Any]]:
    """Check an overlay's shape and return its list of changes."""
    if not isinstance(data, dict) or not isinstance(data.get("changes"), list):
        raise OverlayError(f"{origin}: an overlay is a mapping with 'cmdlet' and a 'changes' list")
    changes: list[dict[str, Any]] = data["changes"]
    for index, change in enumerate(changes):
        where = f"{origin}: change {index + 1}"
        if not isinstance(change, dict):
            raise OverlayError(f"{where}: must be a mapping")
        why = change.get("why")
        if not isinstance(why, str) or not why.strip():
            raise OverlayError(f"{where}: every change needs a non-empty 'why'")
        operations = [key for key in _OPERATIONS if key in change]
        if len(operations) != 1:
            raise OverlayError(f"{where}: needs exactly one of {', '.join(_OPERATIONS)}")
        allowed = {"why", operations[0]}
        if operations[0] == "parameter":
            allowed |= set(_PARAMETER_EDITS)
            if not any(edit in change for edit in _PARAMETER_EDITS):
                raise OverlayError(f"{where}: 'parameter' needs one of {', '.join(_PARAMETER_EDITS)}")
        if operations[0] == "add_parameter":
            allowed |= {"before", "when_parameter"}
        unknown = set(change) - allowed
        if unknown:
            raise OverlayError(f"{where}: unknown keys {sorted(unknown)}")
    return changes


def overlay_only_base(data: Any, *, module: str | None, origin: str) -> CmdletSpec:
    """The empty spec an overlay-only overlay builds on; its ``overlay_only`` must say why."""
    validate_overlay(data, origin)
    header = data.get("overlay_only")
    why = header.get("why") if isinstance(header, dict) else None
    if not isinstance(why, str) or not why.strip():
        raise OverlayError(f"{origin}: an overlay without a generated spec needs 'overlay_only' with a 'why'")
    if not data.get("cmdlet"):
        raise OverlayError(f"{origin}: an overlay-only spec must name its 'cmdlet'")
    source = header.get("source")
    return CmdletSpec(
        name=str(data["cmdlet"]), parameters={}, module=module, source=None if source is None else str(source)
    )


def apply_overlay(spec: CmdletSpec, data: Any, origin: str = "overlay", *, common: bool = False) -> CmdletSpec:
    """Apply one overlay; ``common=True`` for the family-wide file (parameter edits only,
    parameters a cmdlet lacks skipped)."""
    changes = validate_overlay(data, origin)
    if common and any("parameter" not in change and "when_parameter" not in change for change in changes):
        raise OverlayError(f"{origin}: the common overlay may only edit parameters (or add them with when_parameter)")
    cmdlet = data.get("cmdlet")
    if cmdlet is not None and str(cmdlet).casefold() != spec.name.casefold():
        raise OverlayError(f"{origin}: overlay is for {cmdlet!r}, not {spec.name!r}")
    parameters = dict(spec.parameters)
    sets = list(spec.parameter_sets)
    default_set = spec.default_parameter_set

    for index, change in enumerate(changes):
        where = f"{origin}: change {index + 1}"
        if "add_parameter_set" in change:
            name = str(change["add_parameter_set"])
            if name not in sets:
                sets.append(name)
        elif "default_parameter_set" in change:
            default_set = str(change["default_parameter_set"])
        elif "add_parameter" in change:
            new = parameter_from_data(change["add_parameter"])
            if "when_parameter" in change and (
                _find(parameters, str(change["when_parameter"])) is None or _find(parameters, new.name) is not None
            ):
                continue
            if _find(parameters, new.name) is not None:
                raise OverlayError(f"{where}: parameter {new.name!r} already exists")
            parameters = _insert(parameters, new, change.get("before"))
        elif "remove_parameter" in change:
            for name in _names(change["remove_parameter"]):
                key = _require(parameters, name, where)
                del parameters[key]
        else:
            for name in _names(change["parameter"]):
                if common and _find(parameters, name) is None:
                    continue
                key = _require(parameters, name, where)
                parameters[key] = _edit(parameters[key], change, where)

    for set_name in default_set, *(s for p in parameters.values() for s in p.sets):
        if set_name is not None and set_name != "__AllParameterSets" and set_name not in sets:
            raise OverlayError(f"{origin}: parameter set {set_name!r} is used but not declared")
    return spec.with_changes(parameters=parameters, parameter_sets=tuple(sets), default_parameter_set=default_set)


def _names(value: Any) -> Iterable[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _find(parameters: dict[str, ParameterSpec], name: str) -> str | None:
    folded = name.casefold()
    return next((key for key in parameters if key.casefold() == folded), None)


def _require(parameters: dict[str, ParameterSpec], name: str, where: str) -> str:
    key = _find(parameters, name)
    if key is None:
        raise OverlayError(f"{where}: no parameter {name!r}")
    return key


def _insert(parameters: dict[str, ParameterSpec], new: ParameterSpec, before: Any) -> dict[str, ParameterSpec]:
    if before is None:
        return {**parameters, new.name: new}
    anchor = _find(parameters, str(before))
    if anchor is None:
        raise OverlayError(f"cannot place {new.name!r} before unknown parameter {before!r}")
    result: dict[str, ParameterSpec] = {}
    for key, value in parameters.items():
        if key == anchor:
            result[new.name] = new
        result[key] = value
    return result


def _edit(parameter: ParameterSpec, change: dict[str, Any], where: str) -> ParameterSpec:
    if "set" in change:
        data = parameter_to_data(parameter)
        replacement = dict(change["set"])
        if "name" in replacement:
            raise OverlayError(f"{where}: renaming a parameter is not an overlay change")
        data.update(replacement)
        parameter = parameter_from_data(data)
    if "add_aliases" in change:
        aliases = list(parameter.aliases)
        aliases.extend(str(a) for a in change["add_aliases"] if str(a) not in aliases)
        parameter = parameter.with_changes(aliases=tuple(aliases))
    if "add_sets" in change:
        sets = dict(parameter.sets)
        for set_name, info in change["add_sets"].items():
            sets[str(set_name)] = ParameterSetInfo.from_data(info or {})
        parameter = parameter.with_changes(sets=sets)
    return parameter
