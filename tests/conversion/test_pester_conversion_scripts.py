# ruff: noqa: E501 - the scripts are PowerShell lines as the Pester tests have them
"""Parser/Conversions.Tests.ps1:8-88, run as scripts (tests/conversion/test_pester_conversions.py calls
the engine directly; this runs casts, generic collection casts and -as [type] through the evaluator)."""

from __future__ import annotations

import pytest

from tests.conversion.pester_scripts import error_of, run


def test_array_of_single_enum_to_bool() -> None:
    # Conversions.Tests.ps1:10-11
    assert run("[bool]@([ConsoleColor]::Black); [bool]@([ConsoleColor]::Yellow)") == [False, True]


def test_enum_cast_then_method() -> None:
    # Conversions.Tests.ps1:24
    assert run('([System.Management.Automation.ActionPreference]"Stop").ToString()') == ["Stop"]


@pytest.mark.parametrize(
    ("line", "command", "element", "joined", "count"),
    [
        (37, "[Collections.Generic.List[int]]@(1)", "Int32", "1", 1),
        (38, "[Collections.Generic.List[int]]@(1, 2)", "Int32", "1;2", 2),
        (39, '[Collections.Generic.List[int]]"4"', "Int32", "4", 1),
        (40, '[Collections.Generic.List[int]]@("4", "5")', "Int32", "4;5", 2),
        (42, "[Collections.Generic.List[string]]@(1)", "String", "1", 1),
        (43, "[Collections.Generic.List[string]]@(1, 2)", "String", "1;2", 2),
        (44, "[Collections.Generic.List[string]]1", "String", "1", 1),
        (45, '[Collections.Generic.List[string]]@("4")', "String", "4", 1),
    ],
)
def test_cast_object_array_to_generic_list(line: int, command: str, element: str, joined: str, count: int) -> None:
    # Conversions.Tests.ps1:64-78 with the cases of lines 37-45
    script = f'$result = {command}; $result.GetType().Name; $g = $result.GetType().GetGenericArguments(); $g.Length; $g[0].Name; $result.Count; $result -join ";"'
    assert run(script) == ["List`1", 1, element, count, joined], f"Conversions.Tests.ps1:{line}"


def test_invalid_type_name_strings() -> None:
    # Conversions.Tests.ps1:83
    assert run("'int]whatever' -as [type]") == [None]
    # :87
    error_of("[Type] 'int]whatever'")
