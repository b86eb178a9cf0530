"""Set-StrictMode (its doc's examples, the rules of PowerShell's source) and Invoke-Expression
(test/powershell/Modules/Microsoft.PowerShell.Utility/Invoke-Expression.Tests.ps1)."""

from __future__ import annotations

import pytest

import psbridge


def run(script: str) -> list:
    return psbridge.run(script)


def caught(script: str) -> str:
    return run(f"try {{ {script} ; 'no error' }} catch {{ $_.FullyQualifiedErrorId }}")[0]


# -- Set-StrictMode.md examples -----------------------------------------------------------------------


def test_version_1_refuses_unset_variables() -> None:
    # Set-StrictMode.md, Example 1
    assert run("$a -gt 5") == [False]
    out = run("Set-StrictMode -Version 1.0; try { $a -gt 5 } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }")
    assert out == ["VariableIsUndefined", "The variable '$a' cannot be retrieved because it has not been set."]


def test_version_1_lets_unset_variables_in_strings_through_and_version_2_does_not() -> None:
    # VariableOps.cs ThrowStrictModeUndefinedVariable: version 1 skips variables inside "..."
    assert run('Set-StrictMode -Version 1; "x$unset"') == ["x"]
    assert caught('Set-StrictMode -Version 2; "x$unset"') == "VariableIsUndefined"


def test_version_2_refuses_method_syntax_for_commands() -> None:
    # Set-StrictMode.md, Example 2
    define = "function add ($a, $b) { '$a = ' + $a; '$b = ' + $b; '$a+$b = ' + ($a + $b) }; "
    assert run(define + "add 3 4") == ["$a = 3", "$b = 4", "$a+$b = 7"]
    assert [line.rstrip() for line in run(define + "add(3,4)")] == ["$a = 3 4", "$b =", "$a+$b = 3 4"]
    out = run(define + "Set-StrictMode -Version 2.0; try { add(3,4) } catch { $_.FullyQualifiedErrorId; "
              "$_.Exception.Message }")  # fmt: skip
    assert out == [
        "StrictModeFunctionCallWithParens",
        "The function or command was called as if it were a method. Parameters should be separated by spaces. "
        "For information about parameters, see the about_Parameters Help topic.",
    ]
    # a space before the parenthesis, or a single value, is an ordinary argument (Compiler.cs)
    assert run(define + "Set-StrictMode -Version 2.0; (add (3,4))[0]; (add(3))[0]") == ["$a = 3 4", "$a = 3"]


def test_version_2_refuses_missing_properties() -> None:
    # Set-StrictMode.md, Example 2
    assert run("Set-StrictMode -Off; $string = 'This is a string.'; $null -eq $string.Month") == [True]
    assert caught("Set-StrictMode -Version 2.0; $string = 'This is a string.'; $null -eq $string.Month") == (
        "PropertyNotFoundStrict"
    )


def test_version_3_refuses_bad_indexes() -> None:
    # Set-StrictMode.md, Example 3
    assert run("$a = @(1); $null -eq $a[2]; $null -eq $a['abc']") == [True, True]
    assert caught("Set-StrictMode -Version 3.0; $a = @(1); $null -eq $a[2]") == "System.IndexOutOfRangeException"
    assert caught("Set-StrictMode -Version 3.0; $a = @(1); $null -eq $a['abc']") == "InvalidCastFromStringToInteger"
    out = run("Set-StrictMode -Version 3; $a = @(1); try { $a[2] } catch { [string]$_.CategoryInfo }")
    assert out[0].startswith("OperationStopped")


def test_version_2_refuses_indexing_a_scalar() -> None:
    # ArrayOps.GetNonIndexable: past 0 and -1 a scalar is CannotIndex under version 2
    assert run("$n = 5; $n[0]; $null -eq $n[3]") == [5, True]
    assert caught("Set-StrictMode -Version 2; $n = 5; $n[3]") == "CannotIndex"


@pytest.mark.parametrize("version", ["Latest", "3", "7.0", "5.1"])
def test_latest_and_later_versions_keep_the_version_3_rules(version: str) -> None:
    assert caught(f"Set-StrictMode -Version {version}; $a = @(1); $a[5]") == "System.IndexOutOfRangeException"


@pytest.mark.parametrize("version", ["2.5", "8.0", "0"])
def test_an_invalid_version_is_refused(version: str) -> None:
    # InternalCommands.cs ValidateVersionAttribute (PSVersionInfo.IsValidPSVersion)
    out = run(f"try {{ Set-StrictMode -Version {version} }} catch {{ $_.FullyQualifiedErrorId; $_.Exception.Message }}")
    assert out[0] == "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.SetStrictModeCommand"
    assert "argument does not contain a valid PowerShell version" in out[1]


def test_strict_mode_holds_for_the_scope_that_set_it_and_its_children() -> None:
    # "affects only the current scope and its child scopes"
    assert run("function f { Set-StrictMode -Version Latest; try { $u } catch { 'f refused' } }; f; "
               "$null -eq $u") == ["f refused", True]  # fmt: skip
    assert run("Set-StrictMode -Version 1; & { try { $u } catch { 'child refused' } }; "
               "& { Set-StrictMode -Off; $null -eq $u }; try { $u } catch { 'still on here' }") == [
        "child refused", True, "still on here"]  # fmt: skip


# -- Invoke-Expression.Tests.ps1 ----------------------------------------------------------------------


def test_invoke_expression_returns_the_echoed_text() -> None:
    # Invoke-Expression.Tests.ps1:5-8
    assert run('(Invoke-Expression -Command "echo pestertest1")') == ["pestertest1"]


def test_invoke_expression_runs_a_script(tmp_path) -> None:
    # Invoke-Expression.Tests.ps1:9-16
    script = tmp_path / "echoscript.ps1"
    script.write_text("echo pestertestscript\n", encoding="utf-8")
    assert run(f"(Invoke-Expression \"& '{script}'\")") == ["pestertestscript"]


def test_invoke_expression_of_an_expression() -> None:
    # Invoke-Expression.Tests.ps1:19-23
    assert run("$result = Invoke-Expression -Command 2+2; $result") == [4]


def test_invoke_expression_runs_in_the_callers_scope() -> None:
    # InvokeExpressionCommand: InvokeUsingCmdlet(useLocalScope: false, dollarUnder: AutomationNull)
    assert run("function f { iex '$made = 7'; $made }; f; $null -eq $made") == [7, True]
    assert run("iex 'function g { \"from g\" }'; g") == ["from g"]
    assert run("1..3 | ForEach-Object { iex '$_ * 10' }") == [10, 20, 30]
    assert run("'$x = 1', '$x + 1' | Invoke-Expression") == [2]


def test_invoke_expression_parse_error() -> None:
    out = run("try { Invoke-Expression '1 +' } catch { $_.FullyQualifiedErrorId; $_.Exception.GetType().Name }")
    assert out == ["ExpectedValueExpression,Microsoft.PowerShell.Commands.InvokeExpressionCommand",
                   "IncompleteParseException"]  # fmt: skip


def test_invoke_expression_errors_keep_their_own_ids() -> None:
    assert caught("iex 'throw \"boom\"'") == "boom"
    assert caught("iex 'Get-Variable nosuch -ErrorAction Stop'") == (
        "VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand"
    )
