"""Behaviour the about_* topics show (PowerShell 7.6's ``Microsoft.PowerShell.Core/About``), found by
``tools/try_about.py``: each test cites the topic and section whose example it runs."""

from __future__ import annotations

import io
import sys

import pytest

import psbridge
from psbridge.cli import main as cli_main


@pytest.fixture
def console(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """What the console prints for a paste (``psbridge -Command``, in-process): stdout, stderr."""

    def paste(text: str) -> tuple[str, str]:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        cli_main(["-Command", text])
        captured = capsys.readouterr()
        return captured.out, captured.err

    return paste


def test_a_double_prints_fifteen_significant_digits(console) -> None:
    # about_Arithmetic_Operators, "Division and rounding" (`1 / 1.9` shows 0.526315789473684) and
    # about_Trap ("1 / 3 = 0.333333333333333"): PSObject.ToString's G15 (engine/MshObject.cs).
    out, _ = console("1 / 1.9; 0.1 + 0.2; [pscustomobject]@{ Ratio = 1 / 3 } | Format-List")
    assert out.split("\n")[:2] == ["0.526315789473684", "0.3"]
    assert "Ratio : 0.333333333333333" in out


def test_a_compound_assignment_reads_the_current_scope_only() -> None:
    # about_Assignment_Operators, "Using compound assignment operators": `$x = 1; & { $x += 1; $x }`
    # shows 1 -- the child scope's $x starts from $null; plain assignment and dot-sourcing still see $x.
    assert psbridge.run("$x = 1; & { $x += 1; $x }; $x") == [1, 1]
    assert psbridge.run("$x = 1; & { $x = $x + 1; $x }") == [2]
    assert psbridge.run("$x = 1; . { $x += 1 }; $x") == [2]
    assert psbridge.run("$s = 'a'; function f { $s += 'b'; $s }; f; $s") == ["b", "a"]


def test_switch_compares_as_strings() -> None:
    # about_Switch, "Impact of string conversion": the enum item is its name, so the integer 4 and
    # the string '4' do not match Thursday while 'Thursday' and the script block do.
    script = """switch ( ([datetime]'1 Jan 1970').DayOfWeek ) {
        4            { 'The integer value matches a Thursday.' }
        "4"          { 'The numeric string matches a Thursday.' }
        "Thursday"   { 'The string value matches a Thursday.' }
        { 4 -eq $_ } { 'The expression matches a Thursday.' }
    }"""
    assert psbridge.run(script) == ["The string value matches a Thursday.", "The expression matches a Thursday."]
    assert psbridge.run("switch (1.0) { 1 { 'one' } }; switch ('ABC') { 'abc' { 'any case' } }") == ["one", "any case"]
    assert psbridge.run("switch -CaseSensitive ('ABC') { 'abc' { 'x' } default { 'none' } }") == ["none"]


def test_minus_and_divide_make_numbers_of_two_strings() -> None:
    # about_Type_Conversion, "Implicit type conversion in arithmetic": '10' - '2' is 8, '10' / '2' is 5
    # (Binders.cs BinarySubDivOrRem: a string on the left is converted, then the right).
    assert psbridge.run("'10' - '2'; '10' / '2'; '10' % '3'; '0x10' - 1; $a = '10'; $a - 2") == [8, 5, 1, 15, 8]


def test_booleans_do_not_multiply() -> None:
    # about_Type_Conversion: `$false * $true` is "The operation '[System.Boolean] * [System.Boolean]'
    # is not defined." (InvalidOperation); other arithmetic treats them as 0 and 1.
    assert psbridge.run("$false - $true; $true + 1") == [-1, 2]
    out = psbridge.run("try { $false * $true } catch { $_.Exception.Message; [string]$_.CategoryInfo.Category }")
    assert out == ["The operation '[System.Boolean] * [System.Boolean]' is not defined.", "InvalidOperation"]
