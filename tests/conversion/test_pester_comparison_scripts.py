# ruff: noqa: E501 - the scripts are PowerShell lines as the Pester tests have them
"""Operators/ComparisonOperator.Tests.ps1 run as scripts (tests/conversion/test_pester_operators.py
calls the operator functions directly; this runs the same table through the parser and evaluator,
where Invoke-Expression "$lhs $operator $rhs" becomes the script text itself)."""

from __future__ import annotations

import pytest

from tests.conversion.pester_scripts import error_of, one

FILE = "ComparisonOperator.Tests.ps1"


@pytest.mark.parametrize(
    ("line", "script", "expected"),
    [
        (6, "1 -lt 2", True), (7, "1 -gt 2", False), (8, "1 -le 2", True), (9, "1 -le 1", True),
        (10, "1 -ge 2", False), (11, "1 -ge 1", True), (12, "1 -eq 1", True), (13, "1 -ne 2", True),
        (14, "'abc' -ceq 'abc'", True), (15, "'abc' -ceq 'Abc'", False),
        (16, "1 -and 1", True), (17, "1 -and 0", False), (18, "0 -and 0", False),
        (19, "1 -or 1", True), (20, "1 -or 0", True), (21, "0 -or 0", False),
        (28, "-not 1", False), (29, "-not 0", True), (30, "! 1", False), (31, "! 0", True), (32, "!1", False), (33, "!0", True),
        (40, "'Hello' -contains 'Hello'", True), (41, "'Hello' -notcontains 'Hello'", False),
        (42, "'Hello','world' -ccontains 'hello'", False), (43, "'Hello','world' -ccontains 'Hello'", True),
        (44, "'Hello','world' -cnotcontains 'Hello'", False),
        (45, "'Hello world' -match 'Hello*'", True), (46, "'Hello world' -like 'Hello*'", True),
        (47, "'Hello world' -notmatch 'Hello*'", False), (48, "'Hello world' -notlike 'Hello*'", False),
        (65, "[pscustomobject]@{foo=1} -is [pscustomobject]", True), (66, "[pscustomobject]@{foo=1} -is [psobject]", True),
        (67, '"hello" -is [string]', True), (68, '"hello" -is [system.string]', True), (69, "100 -is [int]", True),
        (70, "100 -is [system.int32]", True), (71, '"hello" -isnot [int]', True),
        (78, "[pscustomobject]@{foo=1} -is [string]", False), (79, '"hello" -is [psobject]', False),
        (80, '"hello" -isnot [string]', False),
        (87, "'abc`def' -like 'abc`def'", False), (88, "'abc`def' -like 'abc``def'", True),
        (89, "'abc`def' -like 'abc````def'", False), (90, "'abc``def' -like 'abc````def'", True),
        (91, "'abc`def' -like [WildcardPattern]::Escape('abc`def')", True),
        (92, "'abc`def' -like [WildcardPattern]::Escape('abc``def')", False),
        (93, "'abc``def' -like [WildcardPattern]::Escape('abc``def')", True),
        (94, "'abc``def' -like [WildcardPattern]::Escape('abc````def')", False),
    ],
)  # fmt: skip
def test_comparison_scripts(line: int, script: str, expected: bool) -> None:
    assert one(script) is expected, f"{FILE}:{line}"


@pytest.mark.parametrize(
    ("line", "script", "error_id"),
    [
        (55, "'Hello' -is 'foo'", "RuntimeException"),
        (56, "'Hello' -isnot 'foo'", "RuntimeException"),
        (57, "'Hello' -is [foo]", "TypeNotFound"),
        (58, "'Hello' -isnot [foo]", "TypeNotFound"),
    ],
)
def test_invalid_type_operand(line: int, script: str, error_id: str) -> None:
    # the Pester ids end in ",Microsoft.PowerShell.Commands.InvokeExpressionCommand": Invoke-Expression ran them
    assert error_of(script)[0] == error_id, f"{FILE}:{line}"
