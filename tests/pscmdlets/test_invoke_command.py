"""Invoke-Command run locally (InvokeCommandCommand's InProcess parameter set) and its remoting parameter
sets, which fail as on a host without remoting (test/powershell/Modules/Microsoft.PowerShell.Core/
RemotingCmdlets.Tests.ps1 for the SSH sets' positions; the WSMan message is RemotingErrorIdStrings'
WSManClientDllNotAvailable, what pwsh on Linux writes)."""

from __future__ import annotations

import pytest

from psbridge.language.engine.run import run_text
from psbridge.runtime import Runspace

PREFIX = "Microsoft.PowerShell.Commands.InvokeCommandCommand"


def run(text: str) -> tuple[list, list[str]]:
    runspace = Runspace()
    out = run_text(runspace, text)
    return out, [record.fully_qualified_error_id for record in runspace.streams.error]


def test_a_new_scope_unless_no_new_scope():
    out, _ = run('$x = 1; Invoke-Command { $x = 2; "inner $x" }; $x; Invoke-Command { $x = 3 } -NoNewScope; $x')
    assert out == ["inner 2", 1, 3]


def test_argument_list_binds_the_param_block_then_args():
    out, _ = run("Invoke-Command { param($a, [int]$b) $a; $b + 1; $args } -ArgumentList 'x', '2', 'rest'")
    assert out == ["x", 3, "rest"]
    assert run("icm -Args 1, 2 { $args.Count }")[0] == [2]


def test_pipeline_input_is_the_blocks_input():
    # EndProcessing runs the block once with the collected input: $input enumerates it, a process block runs per object
    assert run('1..3 | Invoke-Command { "input: $input" }')[0] == ["input: 1 2 3"]
    assert run("1..3 | Invoke-Command { begin { 'b' } process { $_ * 10 } end { 'e' } }")[0] == ["b", 10, 20, 30, "e"]
    assert run("Invoke-Command -InputObject 5 { $input }")[0] == [5]


def test_output_streams_to_the_next_command_as_written():
    # the block's output is not collected first: Select-Object -First stops it
    assert run("Invoke-Command { foreach ($i in 1..100000000) { $i } } | Select-Object -First 2")[0] == [1, 2]


def test_errors_are_written_and_throw_terminates():
    out, errors = run("icm { Write-Error 'bad'; 'ok' }")
    assert out == ["ok"] and errors == ["Microsoft.PowerShell.Commands.WriteErrorException"]
    out, _ = run('try { Invoke-Command { throw "boom" }; "not here" } catch { "caught $_" }')
    assert out == ["caught boom"]


def test_strict_mode_holds_for_the_block_only():
    out, errors = run("Invoke-Command -StrictMode 3.0 { $undefined; 'after' }; $undefined2; 'end'")
    assert out == ["after", None, "end"] or out == ["after", "end"]
    assert errors == ["VariableIsUndefined"]


def test_using_reads_the_variable_locally():
    assert run("$v = 'here'; Invoke-Command { $using:v }")[0] == ["here"]


@pytest.mark.parametrize(
    "call",
    [
        "Invoke-Command -ComputerName localhost { 1 }",
        "Invoke-Command -ComputerName a, b -ScriptBlock { 1 } -ThrottleLimit 2",
        "Invoke-Command -ConnectionUri http://localhost:5985/wsman { 1 }",
        "Invoke-Command -ComputerName localhost -FilePath ./x.ps1",
    ],
)
def test_wsman_sets_fail_as_on_linux(call):
    out, errors = run(f"try {{ {call} }} catch {{ $_.Exception.Message; $_.CategoryInfo.Category }}; 'next'")
    assert out[0] == (
        "This parameter set requires WSMan, and no supported WSMan client library was found. WSMan is either not "
        "installed or unavailable for this system."
    )
    assert out[-1] == "next"
    _, errors = run(call)
    assert errors == [f"System.Management.Automation.Remoting.PSRemotingDataStructureException,{PREFIX}"]


@pytest.mark.parametrize(
    ("call", "named"),
    [
        ("Invoke-Command -HostName h -UserName u -ScriptBlock { 1 }", "-HostName, -UserName"),
        ("Invoke-Command -ContainerId c1 { 1 }", "-ContainerId"),
        ("Invoke-Command -SSHConnection @{ HostName = 'h' } { 1 }", "-SSHConnection"),
    ],
)
def test_other_remoting_sets_fail(call, named):
    runspace = Runspace()
    run_text(runspace, call)
    (record,) = runspace.streams.error
    assert record.category_info.startswith("ResourceUnavailable: (:) [Invoke-Command], PSRemotingTransportException")
    assert f"Invoke-Command {named} cannot reach a remote session" in record.message


def test_ssh_sets_take_the_script_block_at_position_1():
    # RemotingCmdlets.Tests.ps1:20-26 (the overlay follows InvokeCommandCommand.cs, where the doc says 0)
    from psbridge.specs import get_spec

    spec = get_spec("Invoke-Command")
    for set_name in ("SSHHost", "SSHHostHashParam"):
        assert spec.parameter("ScriptBlock").sets[set_name].position == 1
