"""Invoke-Command on the local computer: InvokeCommandCommand's InProcess set
(src/System.Management.Automation/engine/remoting/commands/InvokeCommandCommand.cs, EndProcessing:
ScriptBlock.InvokeUsingCmdlet(useLocalScope: !NoNewScope, input: the collected input, args: ArgumentList)).

PowerShell's Pester suite has no local Invoke-Command file; the doc's examples 11 and 12 show
-ArgumentList reaching param() and $args.
"""

from __future__ import annotations

import psbridge


def test_the_block_runs_in_a_child_scope_unless_no_new_scope() -> None:
    script = """
        $x = 5
        Invoke-Command { $x; $y = 1 }
        "y=$y"
        Invoke-Command { $z = 2 } -NoNewScope
        "z=$z"
    """
    assert psbridge.run(script) == [5, "y=", "z=2"]


def test_argument_list_binds_param_then_args() -> None:
    # Invoke-Command's doc, examples 11 (param) and 12 ($args)
    script = "Invoke-Command -ScriptBlock { param($a, $b) $a + $b; $args } -ArgumentList 1, 2, 3"
    assert psbridge.run(script) == [3, 3]
    assert psbridge.run("icm { $args[1] } -Args 'x', 'y'") == ["y"]


def test_piped_input_is_collected_as_input() -> None:
    assert psbridge.run("1..4 | Invoke-Command { $input | Measure-Object -Sum | ForEach-Object Sum }") == [10]
    assert psbridge.run("Invoke-Command { @($input).Count }") == [0]


def test_strict_mode_applies_inside_only() -> None:
    script = """
        try { Invoke-Command -StrictMode 3.0 { $nope } } catch { $_.FullyQualifiedErrorId.Split(',')[0] }
        Invoke-Command { $nope -eq $null }
    """
    assert psbridge.run(script) == ["VariableIsUndefined", True]


def test_errors_inside_reach_the_caller() -> None:
    script = """
        try { Invoke-Command { throw 'inside' } } catch { "caught: $_" }
        Invoke-Command { 'before'; Write-Error 'soft' -ErrorAction SilentlyContinue; 'after' }
    """
    assert psbridge.run(script) == ["caught: inside", "before", "after"]


def test_remoting_forms_are_refused_by_name() -> None:
    script = """
        try { Invoke-Command -ComputerName Server01 { 1 } } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
        try { Invoke-Command { 1 } -AsJob } catch { $_.FullyQualifiedErrorId }
    """
    error_id, message, job_id = psbridge.run(script)
    assert error_id == job_id == "NotSupported,Microsoft.PowerShell.Commands.InvokeCommandCommand"
    assert message.startswith("Invoke-Command -ComputerName is not supported by psbridge")
