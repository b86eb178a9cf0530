"""The compiled evaluator: statements, loops, flow control and output."""

from __future__ import annotations

import pytest

from tests.language.evaluator_helpers import Session, one, run


def test_expression_statements_write_their_values_enumerated() -> None:
    assert run("1; 'a'; 1, 2; @(); ,(3, 4)") == [1, "a", 1, 2, [3, 4]]


def test_assignments_write_nothing_and_parens_write_the_value() -> None:
    assert run("$x = 5") == []
    assert run("($x = 5)") == [5]
    assert run("$i = 1; $i++; $i; ++$i; ($i++); $i") == [2, 3, 4]


def test_void_discards() -> None:
    assert run("[void](1 + 1); $null = 3; 'end'") == ["end"]


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("if ($true) { 'a' }", ["a"]),
        ("if (0) { 'a' } else { 'b' }", ["b"]),
        ("if ('') { 1 } elseif (@(1)) { 2 } else { 3 }", [2]),
        ("if (@()) { 1 } elseif ('x') { 2 }", [2]),
        ("if ($null) { 1 }", []),
        ("if (@(0)) { 1 } else { 2 }", [2]),
        ("if (@(0, 0)) { 1 } else { 2 }", [1]),
    ],
)
def test_if_uses_powershell_truthiness(script: str, expected: list[object]) -> None:
    assert run(script) == expected


def test_loops() -> None:
    assert run("$i = 0; while ($i -lt 3) { $i; $i++ }") == [0, 1, 2]
    assert run("$i = 0; do { $i; $i++ } while ($i -lt 2)") == [0, 1]
    assert run("$i = 5; do { $i; $i++ } until ($i -gt 3)") == [5]
    assert run("for ($i = 0; $i -lt 3; $i++) { $i * 2 }") == [0, 2, 4]
    assert run("foreach ($x in 'a', 'b') { $x.ToUpper() }") == ["A", "B"]
    assert run("foreach ($x in $null) { 'never' }") == []
    assert run("foreach ($x in 3..1) { $x }") == [3, 2, 1]


def test_break_and_continue_with_labels() -> None:
    assert run("foreach ($i in 1..5) { if ($i -eq 2) { continue }; if ($i -eq 4) { break }; $i }") == [1, 3]
    script = """
    :outer foreach ($a in 1..3) {
        foreach ($b in 1..3) {
            if ($b -eq 2) { continue outer }
            if ($a -eq 3) { break outer }
            "$a$b"
        }
    }
    'done'
    """
    assert run(script) == ["11", "21", "done"]


def test_break_leaves_a_function_and_ends_the_callers_loop() -> None:
    assert run("function stop { break }; foreach ($i in 1..3) { $i; stop }; 'after'") == [1, "after"]


def test_return_writes_its_value_and_leaves() -> None:
    assert run("function f { 'a'; return 'b'; 'c' }; f") == ["a", "b"]
    assert run("function f { return @(1, 2) }; (f).Count") == [2]


def test_exit_ends_the_script_and_sets_lastexitcode() -> None:
    session = Session()
    assert session.run("'a'; exit 3; 'b'") == ["a"]
    assert session.value("LASTEXITCODE") == 3
    assert session.runspace.language.exit_code == 3


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("switch (2) { 1 { 'one' } 2 { 'two' } default { 'other' } }", ["two"]),
        ("switch (5) { 1 { 'one' } default { 'other' } }", ["other"]),
        ('switch (1, 2, 3) { { $_ -gt 1 } { "big $_" } }', ["big 2", "big 3"]),
        ("switch ('abc') { 'ABC' { 'ci' } }", ["ci"]),
        ("switch -casesensitive ('abc') { 'ABC' { 'ci' } default { 'cs' } }", ["cs"]),
        ("switch -wildcard ('report.txt') { '*.txt' { 'text' } '*.csv' { 'csv' } }", ["text"]),
        ("switch -regex ('a1b22') { '\\d+' { $Matches[0] } }", ["1"]),
        ("switch ('a', 'b') { 'a' { 'A'; continue } 'a' { 'never' } 'b' { 'B' } }", ["A", "B"]),
        ("switch (1, 2) { 1 { 'one'; break } 2 { 'two' } }", ["one"]),
        ("switch (1) { 1 { 'x' } 1 { 'y' } }", ["x", "y"]),
        ("switch ($null) { $null { 'null' } }", ["null"]),
        ("switch (@()) { default { 'none' } }", []),
        ("switch ('7') { 7 { 'number matched' } }", ["number matched"]),
    ],
)
def test_switch(script: str, expected: list[object]) -> None:
    assert run(script) == expected


def test_switch_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "lines.txt"
    path.write_text("alpha\nbeta\ngamma\n", encoding="utf-8")
    assert run(f"switch -file '{path}' {{ 'b*' {{ 'no' }} default {{ $_.Length }} }}") == [5, 4, 5]
    assert run(f"switch -wildcard -file '{path}' {{ 'b*' {{ $_ }} }}") == ["beta"]


def test_underbar_is_restored_after_switch() -> None:
    assert run("filter f { switch ('x') { default { $_ } }; $_ }; 1 | f") == ["x", 1]


def test_ternary_and_null_coalescing() -> None:
    assert run("$a = $null; $a ?? 'default'; 0 ?? 'x'; $true ? 'yes' : 'no'") == ["default", 0, "yes"]
    assert run("$b = $null; $b ??= 5; $b ??= 6; $b") == [5]


def test_pipeline_chains_follow_success() -> None:
    session = Session()
    assert session.run("Write-Output 'a' && Write-Output 'b'") == ["a", "b"]
    assert session.run("Write-Error 'bad' && 'not run'") == []
    assert session.run("Write-Error 'bad' || 'recovered'") == ["recovered"]


def test_subexpressions_and_array_subexpressions() -> None:
    assert one("$(1; 2).Count") == 2
    assert one("@(1).Count") == 1
    assert one("@(@(1, 2)).Count") == 2
    assert run("$x = $(); $null -eq $x") == [True]


def test_data_section() -> None:
    assert run("data { 'text' }") == ["text"]
    assert run("data messages { 'hello' }; $messages") == ["hello"]
