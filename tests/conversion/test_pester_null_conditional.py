# ruff: noqa: E501 - the scripts are PowerShell lines as the Pester tests have them
"""Operators/NullConditional.Tests.ps1, run as scripts: ``??`` precedence, the special nulls (DBNull,
AutomationNull, NullString), ``?.`` and ``?[]`` on members (the plain ``??``/``??=`` cases are in
tests/language/test_pester_operators.py)."""

from __future__ import annotations

import pytest

from tests.conversion.pester_scripts import error_of, one, run


def test_null_assignment_special_nulls() -> None:
    # NullConditional.Tests.ps1:63-65 DBNull is an object, :69-71 AutomationNull is null
    assert one("$x = [System.DBNull]::Value; $x ??= 200; $x -is [System.DBNull]") is True
    assert one("$x = [System.Management.Automation.Internal.AutomationNull]::Value; $x ??= 200; $x") == 200


@pytest.mark.parametrize(
    ("line", "script", "expected"),
    [
        (169, "([System.DBNull]::Value ?? 2) -is [System.DBNull]", [True]),
        (191, "$true -and $null ?? $true", [True]),
        (195, "1 -band $null ?? 1", [1]),
        (199, "'x' -eq $null ?? 'x'", [True]),
        (200, "$null -eq $null ?? 'x'", [False]),
        (204, "'abc' -as [datetime] ?? 1", [None]),
        (208, "'x' -replace 'x',$null ?? 1", [""]),
        (212, "2 + $null ?? 3", [2]),
        (216, "2 * $null ?? 3", [0]),
        (220, "'{0}' -f $null ?? 'b'", [""]),
        (224, "1..$null ?? 2", [1, 0]),
    ],
)
def test_null_coalescing_precedence(line: int, script: str, expected: list[object]) -> None:
    assert run(script) == expected, f"NullConditional.Tests.ps1:{line}"


def test_combined_operators() -> None:
    # NullConditional.Tests.ps1:245-246, 250-251, 255-256
    assert one("$x = $null; $x ??= 100 ?? 200; $x") == 100
    functions = "function GetNull { return $null }; function GetHello { return 'Hello' }; "
    assert one(functions + "$x = $null; $x ??= $x ?? (GetNull) ?? (GetHello); $x") == "Hello"
    assert one("$z ??= $null ?? 100; $z") == 100


OBJECTS = "$psObj = [pscustomobject]@{ name = 'value'; nested = @{ name = 'valuenested' } }; $array = 1..3; $hash = @{ a = 1; b = 2 }; "


def test_null_conditional_member_access() -> None:
    # NullConditional.Tests.ps1:280-282, 286
    assert run(OBJECTS + "${psObj}?.name; ${array}?.length; ${hash}?.a") == ["value", 3, 1]
    assert one("[int32]::MaxValue?.ToString()") == "2147483647"
    # :290-291, 297-301
    assert run("${nonExistent}?.name; ${nonExistent}?.MyMethod()") == [None, None]
    assert run(OBJECTS + "${psObj}?.name?.nonExistent; ${psObj}?.nonExistent?.nonExistent") == [None, None]
    assert run("${nonExistent}?.nonExistent?.nonExistent") == [None]
    assert one(OBJECTS + "${psObj}?.nested?.name") == "valuenested"


def test_null_conditional_dynamic_method_names() -> None:
    # NullConditional.Tests.ps1:306-309 (a [datetime] cast stands in for Get-Date)
    script = "$methodName = 'ToLongDateString'; ([datetime]'11/11/2019')?.$methodName(); ${doesNotExist}?.$methodName()"
    assert run(script) == ["Monday, November 11, 2019", None]
    # :313-314 and :318-319
    assert error_of("$m = 'DoesNotExist'; ([datetime]'11/11/2019')?.$m()")[0] == "MethodNotFound"
    assert error_of("$m = $null; ([datetime]'11/11/2019')?.$m()")[0] == "MethodNotFound"


def test_null_conditional_index() -> None:
    # NullConditional.Tests.ps1:346-351
    assert run(OBJECTS + "${array}?[0]; ,${array}?[0,1]; ,${array}?[0..2]; ${array}?[-2]; ${hash}?['a']") == [
        1, [1, 2], [1, 2, 3], 2, 1,
    ]  # fmt: skip
    # :355-360
    assert run("${doesnotExist}?[0]; ${doesnotExist}?[0,1]; ${doesnotExist}?[0..2]; ${doesnotExist}?['a']") == [None] * 4
    # :364, 368-369
    dates = "$dateArray = @([datetime]'11/1/2019', [datetime]'11/2/2019'); "
    assert one(dates + "${dateArray}?[0]?.ToLongDateString()") == "Friday, November 1, 2019"
    assert run(dates + "${dateArray}?[1234]?.ToLongDateString(); ${doesNotExist}?[0]?.MyGetMethod()") == [None, None]
