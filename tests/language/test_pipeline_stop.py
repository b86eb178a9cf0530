# ruff: noqa: E501  (the scripts are PowerShell lines as the Pester tests have them)
"""Select-Object -First stopping the commands upstream of it (PowerShell's StopUpstreamCommandsException,
a flow-control signal): script functions, script blocks, ForEach-Object, advanced functions, Get-Content
and walked ranges stop at once; catch blocks and traps do not see the signal, finally and clean blocks
run; nothing reaches the error stream.  Cases from Scripting/PipelineBehaviour.Tests.ps1 cite file:line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from psbridge.language.engine.run import run_text
from psbridge.runtime import Runspace
from tests.language.pester_helpers import Case, case_ids, run_case

PB = "Scripting/PipelineBehaviour.Tests.ps1"

PESTER: list[Case] = [
    (
        f"{PB}:250",
        '1..10 | & { begin { "BEGIN" } process { "PROCESS $_" } end { "END"; throw "This should not be reached." } } | Select-Object -First 3',
        ["BEGIN", "PROCESS 1", "PROCESS 2"],
    ),
    (
        f"{PB}:264",
        '$script:log = @(); 1..10 | & { process { $_ } clean { $script:log += "Clean block hit" } } | Select-Object -First 1; $script:log',
        [1, "Clean block hit"],
    ),
    (
        f"{PB}:275",
        "$script:log = @(); function bar { process { 'bar_' + $_ } end { 'bar_end' } clean { $script:log += 'bar_clean' } }; "
        "function zoo { process { 'zoo_' + $_ } end { 'zoo_end' } clean { $script:log += 'zoo_clean' } }; "
        "1..10 | bar | Select-Object -First 2 | zoo; $script:log",
        ["zoo_bar_1", "zoo_bar_2", "zoo_end", "bar_clean", "zoo_clean"],
    ),
]

STOPS: list[tuple[str, str, list[object]]] = [
    ("function end block", "function f { 1; 2 }; f | select -First 1", [1]),
    ("function, then the script goes on", "function f { 1; 2; 3 }; f | select -First 2; 'next'", [1, 2, "next"]),
    ("script block", "& { 1; 'never' } | select -First 1", [1]),
    ("process block", "function g { process { $_ } }; 1..5 | g | select -First 2", [1, 2]),
    (
        "advanced function",
        "function a { [CmdletBinding()] param([Parameter(ValueFromPipeline)]$x) process { $x * 10 } }; 1..5 | a | select -First 2",
        [10, 20],
    ),
    ("ForEach-Object", "1..5 | ForEach-Object { $_ } | select -First 2", [1, 2]),
    ("the statements after the stop do not run", "$script:n = 0; function f { 1; $script:n++; 2; $script:n++ }; f | select -First 1; $script:n", [1, 0]),
    ("a loop inside the function stops", "$script:n = 0; function f { foreach ($i in 1..100) { $script:n++; $i } }; f | select -First 3; $script:n", [1, 2, 3, 3]),
    ("catch does not see the stop", "function f { try { 1; 2 } catch { 'caught' } }; f | select -First 1", [1]),
    ("a trap does not see the stop", "function f { trap { 'trapped'; continue } 1; 2 }; f | select -First 1", [1]),
    (
        "finally runs",
        "$script:log = 'not run'; function f { try { 1; 2 } finally { $script:log = 'finally ran' } }; f | select -First 1; $script:log",
        [1, "finally ran"],
    ),
    (
        "nested finally blocks run inside out",
        "$script:log = @(); & { try { try { 1; 2 } finally { $script:log += 'inner' } } finally { $script:log += 'outer' } } | select -First 1; $script:log",
        [1, "inner", "outer"],
    ),
    ("no error is recorded", "function f { 1; 2 }; f | select -First 1 | Out-Null; $?; $error.Count", [True, 0]),
    ("an inner pipeline's stop stays inside it", "function f { 1..5 | select -First 1; 'after' }; f", [1, "after"]),
    (
        "a stop passes an inner pipeline that did not ask",
        "$script:n = 0; function f { 1..100 | ForEach-Object { $script:n++; $_ } }; f | select -First 2; $script:n",
        [1, 2, 2],
    ),
    ("as a value", "function f { 1; 2; 3 }; $x = f | select -First 2; $x.Count", [2]),
    ("-Index", "function f { 'a'; 'b'; 'c'; throw 'not reached' }; f | select -Index 1", ["b"]),
    ("a huge range", "1..1e9 | select -First 2", [1, 2]),
    ("a descending range", "5..-1e9 | select -First 2", [5, 4]),
    ("a huge range into ForEach-Object", "1..1e9 | ForEach-Object { $_ * 2 } | select -First 2", [2, 4]),
    ("a huge range in foreach", "foreach ($i in 1..1e9) { if ($i -gt 2) { break }; $i }", [1, 2]),
    ("a character range still walks", "'a'..'e' | select -First 2", ["a", "b"]),
]


@pytest.mark.parametrize(("source", "script", "expected"), PESTER, ids=case_ids(PESTER))
def test_pester_pipeline_behaviour(source: str, script: str, expected: list[object]) -> None:
    assert run_case(script) == expected, source


@pytest.mark.parametrize(("what", "script", "expected"), STOPS, ids=[case[0] for case in STOPS])
def test_select_first_stops_upstream(what: str, script: str, expected: list[object]) -> None:
    runspace = Runspace()
    assert run_text(runspace, script) == expected, what
    assert runspace.streams.error == []


def test_huge_range_stops_quickly() -> None:
    started = time.perf_counter()
    assert run_case("1..1e9 | select -First 2; foreach ($i in 1..1e9) { break }") == [1, 2]
    assert time.perf_counter() - started < 2.0


def test_get_content_stops_after_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text("".join(f"line {n}\n" for n in range(1, 50001)), encoding="utf-8")
    started = time.perf_counter()
    assert run_case(f"Get-Content '{path}' | select -First 1") == ["line 1"]
    assert time.perf_counter() - started < 2.0
