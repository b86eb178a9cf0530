# ruff: noqa: E501  (the scripts are PowerShell lines as the Pester tests have them)
"""Errors in a function's clean block, and what -ErrorAction does inside an advanced function, from PowerShell's
Pester tests Scripting/CleanBlockErrorHandling.Tests.ps1 (each case cites file:line): a terminating error ends
the clean block but does not leave the command -- it is written as an error and makes ``$?`` false; a try or
trap around the call does not see it; ``-ErrorAction Stop`` makes ``$ErrorActionPreference`` Stop inside."""

from __future__ import annotations

import pytest

from psbridge.language.engine.run import run_text
from psbridge.runtime import Runspace

CB = "Scripting/CleanBlockErrorHandling.Tests.ps1"

_BODY = """
if ($ThrowTerminatingError) {
    $ex = [System.ArgumentException]::new('terminating-exception')
    $er = [System.Management.Automation.ErrorRecord]::new($ex, 'ThrowTerminatingError:error', 'InvalidArgument', $null)
    $PSCmdlet.ThrowTerminatingError($er)
    Write-Verbose -Verbose "verbose-message"
}
elseif ($ErrorActionStop) { Get-Command NonExist -ErrorAction Stop; Write-Verbose -Verbose "verbose-message" }
elseif ($ThrowException) { throw 'throw-exception'; Write-Verbose -Verbose "verbose-message" }
elseif ($WriteErrorAPI) {
    $ex = [System.ArgumentException]::new('arg-exception')
    $er = [System.Management.Automation.ErrorRecord]::new($ex, 'WriteErrorAPI:error', 'InvalidArgument', $null)
    $PSCmdlet.WriteError($er)
    Write-Verbose -Verbose "verbose-message"
}
elseif ($WriteErrorCmdlet) { Write-Error 'write-error-cmdlet'; Write-Verbose -Verbose "verbose-message" }
elseif ($ExpressionThrowException) { 1/0; Write-Verbose -Verbose "verbose-message" }
"""
_PARAMS = "[CmdletBinding()] param([switch] $ThrowTerminatingError, [switch] $ErrorActionStop, [switch] $ThrowException, [switch] $WriteErrorAPI, [switch] $WriteErrorCmdlet, [switch] $ExpressionThrowException)"
ERROR_IN_CLEAN = f"function ErrorInClean {{ {_PARAMS} End {{ }} clean {{ {_BODY} }} }}\n"
ERROR_IN_END = f"function ErrorInEnd {{ {_PARAMS} {_BODY} }}\n"


def _run(script: str) -> tuple[list[object], Runspace]:
    runspace = Runspace()
    output = run_text(runspace, ERROR_IN_CLEAN + ERROR_IN_END + script)
    return output, runspace


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("ErrorInClean -ThrowTerminatingError", "terminating-exception"),
        ("ErrorInClean -ThrowException", "throw-exception"),
        ("ErrorInClean -WriteErrorAPI -ErrorAction Stop", "arg-exception"),
        ("ErrorInClean -WriteErrorCmdlet -ErrorAction Stop", "write-error-cmdlet"),
        ("ErrorInClean -ExpressionThrowException -ErrorAction Stop", "Attempted to divide by zero."),
    ],
)
def test_terminating_error_ends_the_clean_block_and_is_written(call: str, message: str) -> None:
    # CleanBlockErrorHandling.Tests.ps1:224-268
    output, runspace = _run(f"{call}; 'next'")
    assert output == ["next"]
    assert runspace.streams.verbose == []
    assert [record.message for record in runspace.streams.error] == [message]


def test_command_not_found_with_stop_in_the_clean_block_is_written() -> None:
    # CleanBlockErrorHandling.Tests.ps1:241-245
    _output, runspace = _run("ErrorInClean -ErrorActionStop")
    assert [record.fully_qualified_error_id for record in runspace.streams.error] == [
        "CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand"
    ]
    assert runspace.streams.verbose == []


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        # CleanBlockErrorHandling.Tests.ps1:270-278: a terminating error in the clean block makes $? false
        ("ErrorInClean -ThrowTerminatingError; $?", False),
        ("ErrorInClean -ThrowException; $?", False),
        ("ErrorInClean -ErrorActionStop; $?", False),
        ("ErrorInClean -WriteErrorAPI -ErrorAction Stop; $?", False),
        ("ErrorInClean -WriteErrorCmdlet -ErrorAction Stop; $?", False),
        ("ErrorInClean -ExpressionThrowException -ErrorAction Stop; $?", False),
        # :280-304: $PSCmdlet.WriteError makes it false; Write-Error or 1/0 inside leave it true
        ("ErrorInClean -WriteErrorAPI; $?", False),
        ("ErrorInEnd -WriteErrorAPI; $?", False),
        ("ErrorInClean -WriteErrorCmdlet; $?", True),
        ("ErrorInEnd -WriteErrorCmdlet; $?", True),
        ("ErrorInClean -ExpressionThrowException; $?", True),
        ("ErrorInEnd -ExpressionThrowException; $?", True),
    ],
)
def test_pester_clean_block_dollar_hook(script: str, expected: bool) -> None:
    output, _runspace = _run(script)
    assert output == [expected], f"{CB}:270-304"


@pytest.mark.parametrize(
    ("command", "message"),
    [
        ("ErrorInClean -WriteErrorAPI", "arg-exception"),
        ("ErrorInClean -WriteErrorCmdlet", "write-error-cmdlet"),
        ("ErrorInClean -ExpressionThrowException", "Attempted to divide by zero."),
        ("ErrorInEnd -WriteErrorAPI", "arg-exception"),
        ("ErrorInEnd -WriteErrorCmdlet", "write-error-cmdlet"),
        ("ErrorInEnd -ExpressionThrowException", "Attempted to divide by zero."),
    ],
)
def test_non_terminating_error_continues_the_block(command: str, message: str) -> None:
    # CleanBlockErrorHandling.Tests.ps1:306-334
    _output, runspace = _run(command)
    assert runspace.streams.verbose == ["verbose-message"]
    assert [record.message for record in runspace.streams.error] == [message]


def test_try_and_trap_around_the_call_do_not_see_the_clean_blocks_errors() -> None:
    # CleanBlockErrorHandling.Tests.ps1:425-461 (with the expression exception)
    for script in (
        "try { ErrorInClean -ExpressionThrowException } catch { Write-Debug -Debug 'caught-something' }",
        "trap { Write-Debug -Debug 'caught-something'; continue } ErrorInClean -ExpressionThrowException",
        "try { ErrorInClean -ThrowException } catch { Write-Debug -Debug 'caught-something' }",
    ):
        _output, runspace = _run(script)
        assert runspace.streams.debug == [], script
        assert len(runspace.streams.error) == 1, script


def test_error_variable_gets_the_clean_blocks_errors() -> None:
    # CleanBlockErrorHandling.Tests.ps1:505-540
    output, _runspace = _run(
        "ErrorInClean -ThrowTerminatingError -ErrorVariable err 2>&1 > $null; $err.Count; \"$($err[0])\"; "
        "ErrorInClean -ThrowException -ErrorVariable err 2>&1 > $null; $err[0].Exception.Message; "
        "ErrorInClean -WriteErrorAPI -ErrorVariable err *>&1 > $null; $err.Count; $err[0].Exception.Message; "
        "ErrorInClean -WriteErrorCmdlet -ErrorVariable err *>&1 > $null; $err.Count; $err[0].Exception.Message"
    )
    assert output == [1, "terminating-exception", "throw-exception", 1, "arg-exception", 1, "write-error-cmdlet"]


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("function f { [CmdletBinding()] param() $ErrorActionPreference; $WarningPreference; $VerbosePreference; $DebugPreference }; f -ErrorAction Stop -WarningAction Ignore -Verbose -Debug:$false | ForEach-Object { \"$_\" }",
         ["Stop", "Ignore", "Continue", "SilentlyContinue"]),
        ("function f { [CmdletBinding()] param() try { 1/0; 'not reached' } catch { 'caught' } }; f -ErrorAction Stop", ["caught"]),
        ("function f { param() $ErrorActionPreference }; f", ["Continue"]),
    ],
)  # fmt: skip
def test_common_parameters_set_the_functions_preference_variables(script: str, expected: list[object]) -> None:
    output, _runspace = _run(script)
    assert output == expected


def test_error_record_constructor_and_throw_terminating_error() -> None:
    output, _runspace = _run(
        "$ex = [System.ArgumentException]::new('x'); "
        "$er = [System.Management.Automation.ErrorRecord]::new($ex, 'id1', [System.Management.Automation.ErrorCategory]::InvalidArgument, 'target'); "
        "$er.FullyQualifiedErrorId; $er.TargetObject; $er.Exception.Message; [string]$er.CategoryInfo; "
        "function g { [CmdletBinding()] param() $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new($ex, 'MyId', 'InvalidOperation', $null)) }; "
        "try { g } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }; "
        "try { [System.Management.Automation.ErrorRecord]::new($ex, 'id', 'NoSuchCategory', $null) } catch { 'bad category' }"
    )
    assert output == ["id1", "target", "x", "InvalidArgument: (target:String) [], ArgumentException", "MyId,g", "x", "bad category"]
