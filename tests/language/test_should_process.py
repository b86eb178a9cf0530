# ruff: noqa: E501  (the scripts are PowerShell lines as the Pester tests have them)
"""``[CmdletBinding(SupportsShouldProcess)]`` functions and ``$PSCmdlet.ShouldProcess``, ``-WhatIf``,
``-Confirm``, ``$WhatIfPreference`` and ``$ConfirmPreference`` as pwsh's MshCommandRuntime decides them.

Cases cite PowerShell's Pester tests (test/powershell/Language/Scripting/CommonParameters.Tests.ps1,
"CP" below) or its source (MshCommandRuntime.DoShouldProcess, CompiledScriptBlock.SetPreferenceVariables).
"""

from __future__ import annotations

import io

import pytest

from psbridge.language.engine.run import run_text
from psbridge.runtime import Runspace
from psbridge.runtime.host import ConsoleHost

CP = "Language/Scripting/CommonParameters.Tests.ps1"


def _get_foo(impact: str | None = None) -> str:
    binding = "SupportsShouldProcess=$true" + (f', ConfirmImpact="{impact}"' if impact else "")
    return f'function get-foo {{ [CmdletBinding({binding})] param() if($PSCmdlet.shouldprocess("foo", "foo action")) {{ write-output "foo action" }} }}\n'


class Console:
    """A runspace with a console host on in-memory streams (``answers`` is what the user types)."""

    def __init__(self, answers: str = "") -> None:
        self.runspace = Runspace()
        self.screen = io.StringIO()
        self.runspace.host = ConsoleHost(self.screen, io.StringIO(answers))

    def run(self, text: str) -> list[object]:
        return run_text(self.runspace, text)


def _no_host(text: str) -> tuple[list[object], list[str]]:
    runspace = Runspace()  # no host: the Python API, a .NET host -- pwsh's PowerShell.Create()
    output = run_text(runspace, text)
    return output, [record.fully_qualified_error_id for record in runspace.streams.error]


def test_support_should_process_goes_ahead_without_switches() -> None:
    # CP:201-211
    assert _no_host(_get_foo() + "get-foo") == (["foo action"], [])


def test_what_if_says_what_would_happen_and_does_nothing() -> None:
    # CP:213-222; the message is CommandBaseStrings.ShouldProcessWhatIfMessage + ShouldProcessMessage
    console = Console()
    assert console.run(_get_foo() + "get-foo -whatif") == []
    assert console.screen.getvalue() == 'What if: Performing the operation "foo action" on target "foo".\n'


@pytest.mark.parametrize(
    ("impact", "call", "output", "errors"),
    [
        ("none", "get-foo", ["foo action"], []),  # CP:254-262
        ("none", "get-foo -confirm", ["foo action"], []),  # CP:263-270: ConfirmImpact None never asks
        ("low", "get-foo", ["foo action"], []),  # CP:288-295
        ("low", "get-foo -confirm", [], ["HostFunctionNotImplemented"]),  # CP:297-306
        ("medium", "get-foo", ["foo action"], []),  # CP:323-330
        ("medium", "get-foo -confirm", [], ["HostFunctionNotImplemented"]),  # CP:332-341
        ("high", "get-foo", [], ["HostFunctionNotImplemented"]),  # CP:359-366: High reaches $ConfirmPreference
        ("high", "get-foo -confirm", [], ["HostFunctionNotImplemented"]),  # CP:368-375
        ("high", "get-foo -confirm:$false", ["foo action"], []),  # -Confirm:$false: never ask
    ],
)
def test_confirm_impact_against_the_threshold_under_a_host_that_cannot_prompt(impact, call, output, errors) -> None:
    assert _no_host(_get_foo(impact) + call) == (output, errors)


def test_the_prompt_is_the_console_hosts_and_the_answer_decides() -> None:
    console = Console("n\ny\n")
    assert console.run(_get_foo("high") + "get-foo; get-foo") == ["foo action"]
    prompt = (
        '\nConfirm\nAre you sure you want to perform this action?\nPerforming the operation "foo action" on target "foo".\n'
        '[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is "Y"): '
    )
    assert console.screen.getvalue() == prompt + "n\n" + prompt + "y\n"


def test_yes_to_all_and_no_to_all_stand_for_the_rest_of_the_command() -> None:
    script = (
        "function Remove-Many { [CmdletBinding(SupportsShouldProcess, ConfirmImpact='High')] "
        "param([Parameter(ValueFromPipeline)]$Item) process { if ($PSCmdlet.ShouldProcess($Item)) { \"did $Item\" } } }\n"
    )
    assert Console("a\n").run(script + "1,2,3 | Remove-Many") == ["did 1", "did 2", "did 3"]
    assert Console("l\n").run(script + "1,2,3 | Remove-Many") == []


def test_input_that_ends_means_no() -> None:
    assert Console("").run(_get_foo("high") + "get-foo") == []


def test_one_argument_names_the_command_as_the_action_and_verbose_tells_what_it_does() -> None:
    # MshCommandRuntime.ShouldProcess(string target): the action is MyInvocation.MyCommand.Name
    runspace = Runspace()
    script = "function Set-Thing { [CmdletBinding(SupportsShouldProcess)] param() if ($PSCmdlet.ShouldProcess('x')) { 'set' } }\nSet-Thing -Verbose"
    assert run_text(runspace, script) == ["set"]
    assert runspace.streams.verbose == ['Performing the operation "Set-Thing" on target "x".']


def test_three_arguments_and_the_reason() -> None:
    console = Console()
    script = (
        "function R { [CmdletBinding(SupportsShouldProcess)] param() $reason = $null; "
        "$go = $PSCmdlet.ShouldProcess('the description', 'the warning', 'the caption', [ref]$reason); \"$go $reason\" }\n"
        "R -WhatIf; R"
    )
    assert console.run(script) == ["False WhatIf", "True None"]
    assert console.screen.getvalue() == "What if: the description\n"


def test_what_if_reaches_the_cmdlets_inside_the_function(tmp_path) -> None:
    # CompiledScriptBlock.SetPreferenceVariables: -WhatIf sets $WhatIfPreference in the function's scope
    target = tmp_path / "keep.txt"
    target.write_text("x")
    console = Console()
    script = f"function Clear-Old {{ [CmdletBinding(SupportsShouldProcess)] param() Remove-Item '{target}'; $WhatIfPreference }}\nClear-Old -WhatIf; $WhatIfPreference"
    assert console.run(script) == [True, False]
    assert target.exists()
    assert console.screen.getvalue() == f'What if: Performing the operation "Remove File" on target "{target}".\n'


def test_what_if_preference_stops_a_cmdlet_from_deleting(tmp_path) -> None:
    # MshCommandRuntime.WhatIf: without -WhatIf, $WhatIfPreference decides
    target = tmp_path / "keep.txt"
    target.write_text("x")
    console = Console()
    assert console.run(f"$WhatIfPreference = $true; Remove-Item '{target}'; $WhatIfPreference = $false") == []
    assert target.exists()
    assert console.run(f"Remove-Item '{target}' -WhatIf:$false -Confirm:$false; Test-Path '{target}'") == [False]


def test_confirm_preference_low_asks_before_a_medium_cmdlet(tmp_path) -> None:
    target = tmp_path / "keep.txt"
    target.write_text("x")
    console = Console("n\n")
    assert console.run(f"$ConfirmPreference = 'Low'; Remove-Item '{target}'; Test-Path '{target}'") == [True]
    assert "Are you sure you want to perform this action?" in console.screen.getvalue()


def test_should_process_parameters_are_declared_and_shown() -> None:
    script = (
        "function f { [CmdletBinding(SupportsShouldProcess)] param($a) }; function g { [CmdletBinding()] param($a) }\n"
        "(Get-Command f).Parameters.Keys -join ','; (Get-Command g).Parameters.ContainsKey('WhatIf'); "
        "(Get-Command f -Syntax).Trim(); f -wi; f -cf:$false"
    )
    assert _no_host(script)[0] == [
        "a,WhatIf,Confirm,Verbose,Debug,ErrorAction,WarningAction,InformationAction,ProgressAction,"
        "ErrorVariable,WarningVariable,InformationVariable,OutVariable,OutBuffer,PipelineVariable",
        False,
        "f [[-a] <Object>] [-WhatIf] [-Confirm] [<CommonParameters>]",
    ]


def test_a_function_without_should_process_has_no_what_if() -> None:
    _output, errors = _no_host("function g { [CmdletBinding()] param() 'ran' }; g -WhatIf")
    assert errors == ["NamedParameterNotFound,g"]


def test_confirm_impact_and_reason_enums() -> None:
    output, errors = _no_host(
        "[int][System.Management.Automation.ConfirmImpact]::High; [string][System.Management.Automation.ShouldProcessReason]'WhatIf'; "
        "function h { [CmdletBinding(SupportsShouldProcess, ConfirmImpact = [System.Management.Automation.ConfirmImpact]::Low)] param() "
        "$PSCmdlet.ShouldProcess('t') }; $ConfirmPreference = 'Medium'; h; $ConfirmPreference = 'Low'; h"
    )
    # Low is below a Medium threshold (goes ahead), and reaches a Low one (asks: no host)
    assert (output, errors) == ([3, "WhatIf", True], ["HostFunctionNotImplemented"])


def test_should_continue_always_asks() -> None:
    script = "function c { [CmdletBinding(SupportsShouldProcess)] param() if ($PSCmdlet.ShouldContinue('Really?', 'Sure')) { 'yes' } else { 'no' } }\n"
    console = Console("y\nn\n")
    assert console.run(script + "c -WhatIf; c") == ["yes", "no"]
    assert console.screen.getvalue().startswith("\nSure\nReally?\n[Y] Yes")
    assert _no_host(script + "c")[1] == ["HostFunctionNotImplemented"]
