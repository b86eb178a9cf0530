# ruff: noqa: E501 - the scripts are PowerShell lines as the Pester tests have them
"""Scripting/Array.Tests.ps1, run as scripts: ``@(...)`` of typed arrays, casts of $null, ``Length``/``GetType()``."""

from __future__ import annotations

import pytest

from tests.conversion.pester_scripts import run


@pytest.mark.parametrize(
    ("line", "expression", "length", "first_is_null"),
    [
        (5, "@([object[]](1,2,3))", 3, False),
        (11, "@([int[]](1,2,3))", 3, False),
        (17, "@([object[]]$null)", 1, True),
        (24, "@([int[]]$null)", 1, True),
        (31, "@([object[]][System.Management.Automation.Internal.AutomationNull]::Value)", 1, True),
        (38, "@([int[]][System.Management.Automation.Internal.AutomationNull]::Value)", 1, True),
        (45, "@($null)", 1, True),
        (59, "@([object[]]$a)", 3, False),
        (66, "@([int[]]$a)", 3, False),
        (72, "@([System.Collections.Generic.List[object]]$null)", 1, True),
    ],
)
def test_array_expression_is_always_an_object_array(line: int, expression: str, length: int, first_is_null: bool) -> None:
    result = run(f"$a = 1,2,3; $result = {expression}; $result.GetType().FullName; $result.Length; $null -eq $result[0]")
    assert result == ["System.Object[]", length, first_is_null], f"Array.Tests.ps1:{line}"


def test_void_method_in_an_array_literal() -> None:
    # Array.Tests.ps1:127-142 (the array's elements are AutomationNull, psbridge's $null)
    script = """
        $arraylist1 = [System.Collections.ArrayList]::new(); $arraylist2 = [System.Collections.ArrayList]::new()
        $arraylist2.Add(2) > $null
        $arraylist2.Count
        $result = [void]$arraylist1.Add(1), $arraylist2.Clear()
        $result.Count; $arraylist1.Count; $arraylist1[0]; $arraylist2.Count
    """
    assert run(script) == [1, 2, 1, 1, 0]
