# ruff: noqa: E501  (the scripts are PowerShell lines as the Pester tests have them)
"""Scripting.Followup.Tests.ps1 and DollarHook.Tests.ps1 (test/powershell/Language/Scripting/), restated:
AutomationNull at the head of a pipeline sends nothing, an assignment's value is the variable's, the
intrinsic ``.ForEach('Name', value)`` sets a property, and ``$?`` after each kind of statement."""

from __future__ import annotations

from pathlib import Path

import pytest

from psbridge.language.engine.run import run_text
from psbridge.runtime import Runspace
from tests.language.pester_helpers import Case, case_ids, run_case

SF = "Scripting/Scripting.Followup.Tests.ps1"
FOLLOWUP: list[Case] = [
    (f"{SF}:4", "$f = Join-Path ([IO.Path]::GetTempPath()) (New-Guid); [void](New-Item $f -ItemType File) | ForEach-Object { 'YES' }; Test-Path $f; Remove-Item $f", [True]),
    (f"{SF}:16", "$arraylist = [System.Collections.ArrayList]::new(); [void]$arraylist.Add(1) | ForEach-Object { 'YES' }; $arraylist.Count; $arraylist[0]", [1, 1]),
    (f"{SF}:25", "$arraylist = [System.Collections.ArrayList]::new(); $arraylist.Add(1) > $null; $arraylist.Clear() | ForEach-Object { 'YES' }; $arraylist.Count", [0]),
    (f"{SF}:34", "class Example { [string[]]$LogMessage }; $r = [Example] @{ LogMessage = [System.Management.Automation.Internal.AutomationNull]::Value }; $null -eq $r.LogMessage", [True]),
    (f"{SF}:47", "([bool]$var = 42).GetType().FullName; . { ([bool]$var = 42).GetType().FullName }", ["System.Boolean", "System.Boolean"]),
    (f"{SF}:52", "$obj = [pscustomobject] @{ p = 1 }; $obj.ForEach('p', 32); $obj.p", [32]),
    (f"{SF}:126", "function TestFunc1 { $Global:mylhsvar = if ($true) { return 'one' } }; function TestFunc2 { $('1'; return '2') }; $Global:mylhsvar = $null; TestFunc1; TestFunc2; $null -eq $Global:mylhsvar", ["one", "1", "2", True]),
]

#: What else the same rules give: a null value is one object, an empty command output none.
AUTOMATION_NULL: list[tuple[str, list[object]]] = [
    ("$null | ForEach-Object { 'YES' }", ["YES"]),
    ("(Write-Output $null) | ForEach-Object { 'W' }", ["W"]),
    ("$() | ForEach-Object { 'E' }; (Get-ChildItem -Path /nonexistent-psbridge*) | ForEach-Object { 'G' }", []),
    ("$(1, 2) | ForEach-Object { $_ * 2 }; (Write-Output -NoEnumerate @(3, 4)) | ForEach-Object { $_ }", [2, 4, 3, 4]),
    ("$h = @{ a = 1 }; $h.ForEach('a', 5); $h.a; $h.ForEach('b', 1, 2); $h.b.Count", [5, 2]),
    ("$l = [pscustomobject]@{p=1}, [pscustomobject]@{p=2}; $l.ForEach('p', 9); $l.p; ('a', 'bc').ForEach('PadLeft', 3)", [9, 9, "  a", " bc"]),
    ("$o = [pscustomobject]@{ a = 1; b = 2 }; $o.ForEach({ $_.a + 10 }); $o.Where({ $_.b -eq 2 }).Count", [11, 1]),
    ("$o = [pscustomobject]@{ a = 1 }; $o | Add-Member -MemberType ScriptMethod -Name ForEach -Value { 'own' }; $o.ForEach({ 1 })", ["own"]),
]

DH = "Scripting/DollarHook.Tests.ps1"
_HOOK = (
    "$script:hookValues = [System.Collections.Generic.List[bool]]::new(); "
    "function Hook { param([Parameter(Position = 0)][bool]$Value) $script:hookValues.Add($Value) }; "
)


def _dollar_hook_cases() -> list[tuple[str, str, list[bool]]]:
    """DollarHook.Tests.ps1's -TestCases rows (all but those running testexe): (line, script,
    the $? values Hook records)."""
    return [(f"{DH}:{line}", script, results) for line, script, results in _ROWS]


_ROWS: list[tuple[int, str, list[bool]]] = [
    (23, 'Write-Output "Hi"; Hook $?', [True]),
    (24, 'Write-Error "Bad"; Hook $?', [False]),
    (25, 'Write-Error "Bad"; Hook $?; Hook $?', [False, True]),
    (32, '"Hi"; Hook $?', [True]),
    (33, 'Write-Error "Bad"; "Hi"; Hook $?', [True]),
    (36, '(Write-Output "Hi"); Hook $?', [True]),
    (37, 'Write-Error "Bad"; ("Hi"); Hook $?', [True]),
    (38, '(Write-Error "Bad"); Hook $?; Hook $?', [False, True]),
    (43, '$("Hi"); Hook $?', [True]),
    (44, 'Write-Error "Bad"; $("Hi"); Hook $?', [True]),
    (45, '$(); Hook $?', [True]),
    (46, 'Write-Error "Bad"; $(); Hook $?', [True]),
    (47, '$(Write-Error "Bad"); Hook $?; Hook $?', [False, True]),
    (49, 'Write-Error "Bad"; $(trap { continue }); Hook $?', [True]),
    (50, 'Write-Error "Bad"; $(trap { continue } "Hi"); Hook $?', [True]),
    (53, '@("Hi"); Hook $?', [True]),
    (54, '@(); Hook $?', [True]),
    (55, 'Write-Error "Bad"; @("Hi"); Hook $?', [True]),
    (56, 'Write-Error "Bad"; @(); Hook $?', [True]),
    (57, 'Write-Error "Bad"; @("Hi", "There"); Hook $?', [True]),
    (58, 'Write-Error "Bad"; @("Hi"; "There"); Hook $?', [True]),
    (59, 'Write-Error "Bad"; @(trap { continue }); Hook $?', [True]),
    (60, 'Write-Error "Bad"; @(trap { continue } "Hi"); Hook $?', [True]),
    (61, 'Write-Error "Bad"; @(trap { continue } "Hi", "There"); Hook $?', [True]),
    (62, '@(Write-Error "Bad"); Hook $?; Hook $?', [False, True]),
    (63, '@(Write-Error "Bad"; "Hi"); Hook $?; Hook $?', [True, True]),
    (64, '@("Hi"; Write-Error "Bad"); Hook $?; Hook $?', [False, True]),
    (65, '@(Write-Error "Bad"; Write-Output "Hi"); Hook $?; Hook $?', [True, True]),
    (66, '@(Write-Output "Hi"; Write-Error "Bad"); Hook $?; Hook $?', [False, True]),
    (76, '"Hi"; Hook $?', [True]),
    (77, '"Hi $("Good")"; Hook $?', [True]),
    (78, '"Hi $(Write-Error "Bad")"; Hook $?', [True]),
    (79, '"Hi $(Write-Output "Good")"; Hook $?', [True]),
    (90, 'Write-Error "Bad"; Hook $?; "b" > $null; Hook $?', [False, True]),
    (91, 'Write-Error "Bad"; Hook $?; "b" >> $null; Hook $?', [False, True]),
    (92, 'Write-Error "Bad"; Hook $?; "b" > TESTDRIVE:\\out.txt; Hook $?', [False, True]),
    (94, 'Write-Error "Bad"; Hook $?; "b" 2> $null; Hook $?', [False, True]),
    (98, 'Write-Error "Bad"; Hook $?; "b" 2>&1; Hook $?', [False, True]),
    (100, 'Write-Error "Bad"; Hook $?; "b" 2>&1 > $null; Hook $?', [False, True]),
    (103, 'Write-Error "Bad"; Hook $?; ("b" > $null); Hook $?', [False, True]),
    (107, 'Write-Error "Bad"; Hook $?; ("b" 2> $null); Hook $?', [False, True]),
    (111, 'Write-Error "Bad"; Hook $?; ("b" 2>&1); Hook $?', [False, True]),
]

#: "Validate $? with potential terminating error": a failing redirected expression leaves $? false.
TERMINATING: list[tuple[int, str]] = [
    (151, "1/0 > $null; $?"),
    (152, "1/0 >> $null; $?"),
    (153, "1/0 > TESTDRIVE:\\out.txt; $?"),
    (154, "1/0 >> TESTDRIVE:\\out.txt; $?"),
    (155, "1/0 2>&1; $?"),
    (156, "1/0 2>&1 > $null; $?"),
    (157, "1/0 2>&1 > TESTDRIVE:\\out.txt; $?"),
]


@pytest.mark.parametrize(("source", "script", "expected"), FOLLOWUP, ids=case_ids(FOLLOWUP))
def test_pester_scripting_followup(source: str, script: str, expected: list[object]) -> None:
    assert run_case(script) == expected, source


@pytest.mark.parametrize(("script", "expected"), AUTOMATION_NULL)
def test_automation_null_and_foreach_member(script: str, expected: list[object]) -> None:
    assert run_case(script) == expected


@pytest.mark.parametrize(("source", "script", "expected"), _dollar_hook_cases(), ids=[row[0] for row in _dollar_hook_cases()])
def test_pester_dollar_hook(source: str, script: str, expected: list[bool], tmp_path: Path) -> None:
    runspace = Runspace()
    text = script.replace("TESTDRIVE:\\", f"{tmp_path}/").replace("'", "''")
    run_text(runspace, _HOOK + f"Invoke-Expression '{text}' 2>&1 > $null")
    assert run_text(runspace, "$script:hookValues") == expected, source


@pytest.mark.parametrize(("line", "script"), TERMINATING, ids=[f"{DH}:{line}" for line, _ in TERMINATING])
def test_pester_dollar_hook_failing_redirected_expression(line: int, script: str, tmp_path: Path) -> None:
    output = run_text(Runspace(), script.replace("TESTDRIVE:\\", f"{tmp_path}/"))
    assert output[-1:] == [False], f"{DH}:{line}"


IX = "Scripting/Indexer.Tests.ps1"
INDEXER: list[Case] = [
    (f"{IX}:4", '$hashtable = @{ "Hello"="There" }; $hashtable["Hello"]', ["There"]),
    (f"{IX}:10", '$hashtable = @{ "Hello"="There" }; $null -eq $hashtable["Hello There"]', [True]),
    (f"{IX}:27", "$tuple = [Tuple]::Create(10, 'Hello'); $tuple[0]; $tuple[1]", [10, "Hello"]),
    (f"{IX}:33", "$tuple = [Tuple]::Create(10, 'Hello'); $tuple[0..1]", [10, "Hello"]),
    (f"{IX}:38", "$tuple = [Tuple]::Create(10, 'Hello'); $tuple[-1]", ["Hello"]),
    # what else a tuple is: Item1.., Length, its type, one object in a pipeline
    (f"{IX}:27", "$t = [Tuple]::Create(10, 'Hello'); $t.Item2; $t.Length; \"$t\"; $t.GetType().FullName; ($t | Measure-Object).Count; $t -is [Tuple]",
     ["Hello", 2, "(10, Hello)", "System.Tuple`2[System.Int32,System.String]", 1, True]),
    (f"{IX}:27", "$v = [ValueTuple]::Create(1, 2, 3); $v.Item3; $v[2]; try { [Tuple]::Create() } catch { $_.FullyQualifiedErrorId }", [3, 3, "MethodCountCouldNotFindBest"]),
]


@pytest.mark.parametrize(("source", "script", "expected"), INDEXER, ids=case_ids(INDEXER))
def test_pester_indexer(source: str, script: str, expected: list[object]) -> None:
    assert run_case(script) == expected, source
