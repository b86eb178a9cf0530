"""Small builders for specs used by binder tests."""

from __future__ import annotations

from typing import Any

from psbridge.specs import ALL_SETS, CmdletSpec, ParameterSetInfo, ParameterSpec


def param(
    name: str,
    type: str = "String",
    *,
    sets: dict[str, dict[str, Any]] | None = None,
    mandatory: bool = False,
    position: int | None = None,
    by_value: bool = False,
    by_property_name: bool = False,
    **extra: Any,
) -> ParameterSpec:
    """A parameter; without ``sets`` it is in all sets with the given flags."""
    if sets is None:
        sets = {
            ALL_SETS: {
                "mandatory": mandatory,
                "position": position,
                "by_value": by_value,
                "by_property_name": by_property_name,
            }
        }
    return ParameterSpec(
        name=name,
        type=type,
        sets={k: ParameterSetInfo.from_data(v) for k, v in sets.items()},
        **extra,
    )


def spec(name: str, *parameters: ParameterSpec, sets: tuple[str, ...] = (), default: str | None = None) -> CmdletSpec:
    declared = list(sets)
    for parameter in parameters:
        for set_name in parameter.sets:
            if set_name != ALL_SETS and set_name not in declared:
                declared.append(set_name)
    return CmdletSpec(
        name=name,
        parameters={p.name: p for p in parameters},
        parameter_sets=tuple(declared),
        default_parameter_set=default,
    )
