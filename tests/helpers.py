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


def psbridge_environment(**extra: str) -> dict[str, str]:
    """This process's environment without any OPENAI_* setting, plus ``extra``."""
    import os

    environment = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    environment.update(extra)
    return environment


def run_psbridge(*args: str, stdin: str | None = None, **env: str) -> Any:
    """``python -m psbridge ARGS`` in the repository, as a user would run it; never a real key."""
    import subprocess
    import sys

    from tests.conftest import REPO

    return subprocess.run(
        [sys.executable, "-m", "psbridge", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        env=psbridge_environment(**env),
        timeout=60,
        check=False,
    )
