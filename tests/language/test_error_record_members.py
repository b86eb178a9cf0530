# ruff: noqa: E501  (the scripts are PowerShell lines as the Pester tests have them)
"""What scripts read off an error record: ``$_.CategoryInfo.Category``, ``.Reason``,
``$_.InvocationInfo.MyCommand.Name``, ``$_.ScriptStackTrace``, ``$_.GetType()`` -- the members
``catch`` blocks test.  Cases cite PowerShell's Pester tests (file:line) or its source
(engine/ErrorPackage.cs: ErrorCategoryInfo, ErrorRecord.Ellipsize)."""

from __future__ import annotations

import pytest

from psbridge.language.engine.run import run_text
from psbridge.runtime import Runspace

WRITE_ERROR = "Modules/Microsoft.PowerShell.Utility/Write-Error.Tests.ps1"


def _run(script: str) -> list[object]:
    runspace = Runspace()
    return [str(item) if not isinstance(item, bool | int) else item for item in run_text(runspace, script)]


def test_write_error_record_category_info() -> None:
    # Write-Error.Tests.ps1:15-21
    assert _run(
        "$e = Write-Error myerrortext 2>&1; "
        "$e.CategoryInfo.Category; $e.CategoryInfo.Activity; $e.CategoryInfo.Reason; "
        "[string]::IsNullOrEmpty($e.CategoryInfo.TargetName); [string]::IsNullOrEmpty($e.CategoryInfo.TargetType); "
        "$e.CategoryInfo.GetMessage(); $e -is [System.Management.Automation.ErrorRecord]"
    ) == ["NotSpecified", "Write-Error", "WriteErrorException", True, True,
          "NotSpecified: (:) [Write-Error], WriteErrorException", True]  # fmt: skip


def test_write_error_category_overrides_reach_category_info() -> None:
    # Write-Error.Tests.ps1:54-59 and 70-75
    assert _run(
        "$e = Write-Error -Message m -ErrorId myerrorid -Category syntaxerror -TargetObject TargetObject "
        "-CategoryActivity myactivity -CategoryReason myreason -CategoryTargetName mytargetname "
        "-CategoryTargetType mytargettype 2>&1; "
        "$e.CategoryInfo.Category; $e.CategoryInfo.Activity; $e.CategoryInfo.Reason; $e.CategoryInfo.TargetName; "
        "$e.CategoryInfo.TargetType; $e.CategoryInfo.GetMessage(); "
        "$f = Write-Error -Activity fooAct -Reason fooReason -TargetName fooTargetName -TargetType fooTargetType -Message fooMessage 2>&1; "
        "$f.CategoryInfo.GetMessage()"
    ) == ["SyntaxError", "myactivity", "myreason", "mytargetname", "mytargettype",
          "SyntaxError: (mytargetname:mytargettype) [myactivity], myreason",
          "NotSpecified: (fooTargetName:fooTargetType) [fooAct], fooReason"]  # fmt: skip


def test_a_cmdlet_error_names_its_command_category_and_target() -> None:
    assert _run(
        "try { Get-Item /no/such/item -ErrorAction Stop } catch { "
        "$_.GetType().FullName; $_.CategoryInfo.GetType().FullName; [int]$_.CategoryInfo.Category; "
        "$_.CategoryInfo.Category -eq 'ObjectNotFound'; $_.CategoryInfo.TargetName; $_.CategoryInfo.TargetType; "
        "$_.InvocationInfo.MyCommand.Name; $_.InvocationInfo.MyCommand.CommandType; \"$($_.CategoryInfo)\" }"
    ) == ["System.Management.Automation.ErrorRecord", "System.Management.Automation.ErrorCategoryInfo", 13, True,
          "/no/such/item", "String", "Get-Item", "Cmdlet",
          "ObjectNotFound: (/no/such/item:String) [Get-Item], ItemNotFoundException"]  # fmt: skip


def test_category_info_is_a_view_its_setters_change_the_record() -> None:
    # ErrorPackage.cs: ErrorCategoryInfo's setters store the record's overrides.
    assert _run(
        "$e = Write-Error m 2>&1; $e.CategoryInfo.Activity = 'act'; $e.CategoryInfo.Reason = 'why'; "
        "$e.CategoryInfo.TargetName = 'tn'; $e.CategoryInfo.TargetType = 'tt'; [string]$e.CategoryInfo"
    ) == ["NotSpecified: (tn:tt) [act], why"]


@pytest.mark.parametrize(
    ("target", "length", "shown"),
    [
        ("'x' * 40", 40, "x" * 40),  # 40 characters stay whole
        ("'a' * 20 + 'b' * 21", 41, "a" * 19 + "\u2026" + "b" * 19),  # ErrorRecord.Ellipsize: 19 + ellipsis + 19
    ],
)
def test_long_target_names_are_ellipsized_in_the_message_only(target: str, length: int, shown: str) -> None:
    out = _run(
        f"$t = {target}; $e = Write-Error -Message m -TargetObject $t 2>&1; "
        "$e.CategoryInfo.GetMessage(); $e.CategoryInfo.TargetName.Length"
    )
    assert out[0] == f"NotSpecified: ({shown}:String) [Write-Error], WriteErrorException"
    assert out[1] == length


def test_an_overridden_reason_is_ellipsized_an_exception_type_name_is_not() -> None:
    long_reason = "r" * 45
    out = _run(f"$e = Write-Error -Message m -CategoryReason '{long_reason}' 2>&1; $e.CategoryInfo.GetMessage()")
    assert out == ["NotSpecified: (:) [Write-Error], " + "r" * 19 + "\u2026" + "r" * 19]


def test_script_stack_trace_names_the_line() -> None:
    # Get-Error.Tests.ps1:56 shows the one-frame form for a script typed at the prompt.
    assert _run("$x = 1\ntry {\n  Get-Item /no/such/item -ErrorAction Stop\n} catch { $_.ScriptStackTrace }") == [
        "at <ScriptBlock>, <No file>: line 3"
    ]


def test_error_record_properties_as_get_member_lists_them() -> None:
    out = _run(
        "try { Get-Item /no/such/item -ErrorAction Stop } catch { "
        "($_ | Get-Member -MemberType Property).Name -join ','; ($_.CategoryInfo | Get-Member -MemberType Property).Name -join ',' }"
    )
    assert out == [
        "CategoryInfo,ErrorDetails,Exception,FullyQualifiedErrorId,InvocationInfo,PipelineIterationInfo,ScriptStackTrace,TargetObject",
        "Activity,Category,Reason,TargetName,TargetType",
    ]


def test_a_functions_error_names_the_function_as_its_command() -> None:
    assert _run(
        "function Get-Thing { [CmdletBinding()] param() $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new("
        "[System.ArgumentException]::new('bad'), 'Id', 'InvalidArgument', $null)) }; "
        "Get-Thing -ErrorVariable ev -ErrorAction SilentlyContinue; $ev[0].InvocationInfo.MyCommand.Name; "
        "$ev[0].InvocationInfo.MyCommand.CommandType"
    ) == ["Get-Thing", "Function"]
