# ruff: noqa: E501 - the scripts are PowerShell lines as the Pester tests have them
"""Scripting/Generics.Tests.ps1, run as scripts: generic collection types.

The Pester file names the types under ``using namespace system.collections.generic``; the
evaluator does not apply ``using namespace`` yet, so the scripts here spell the namespace out
(the conversion engine resolves names under given namespaces: tests/conversion/test_engine.py)."""

from __future__ import annotations

import pytest

from tests.conversion.pester_scripts import error_of, one, run

G = "System.Collections.Generic."


@pytest.mark.parametrize(
    ("line", "script"),
    [
        (10, f"$x = [{G}list[int]]::New(); $x.Add(42); $x.Add(40); $x.count"),
        (17, f"$x = [{G}stack[int]]::New(); $x.Push(42); $x.Push(40); $x.count"),
        (30, f"$x = [{G}list[[int]]]::New(); $x.Add(42); $x.Add(40); $x.count"),
        (37, f"$x = [{G}stack[[int]]]::New(); $x.Push(42); $x.Push(40); $x.count"),
    ],
)
def test_generic_lists_and_stacks(line: int, script: str) -> None:
    assert run(script)[-1] == 2, f"Generics.Tests.ps1:{line}"  # the Pester assertion is on $x.count only


@pytest.mark.parametrize(
    ("line", "type_name"), [(24, f"{G}dictionary[string, int]"), (44, f"{G}dictionary[[string], [int]]")]
)
def test_generic_dictionary_members(line: int, type_name: str) -> None:
    assert one(f"$x = [{type_name}]::New(); $x.foo = 42; $x.foo") == 42, f"Generics.Tests.ps1:{line}"


def test_nested_generic_type_names() -> None:
    # Generics.Tests.ps1:50-51
    name = one(f"$x = [{G}dictionary[{G}dictionary[{G}list[int],string], {G}stack[double]]]::new(); $x.gettype().fullname")
    assert "Double" in name and name.startswith("System.Collections.Generic.Dictionary")


def test_generic_constraint_violation() -> None:
    # Generics.Tests.ps1:64-65: Nullable<T> needs a value type, so [nullable[object]] is TypeNotFoundWithMessage naming [T]
    error_id, message = error_of("[nullable[object]]")
    assert error_id == "TypeNotFoundWithMessage" and "[T]" in message
