"""Start-ThreadJob, from PowerShell's Pester tests (test/powershell/Modules/ThreadJob/ThreadJob.Tests.ps1, cited as
ThreadJob:line): a job on a thread of this process, in a session of its own, holding the objects its block writes."""

from __future__ import annotations

import pytest

from psbridge.language.engine.run import run_text
from psbridge.runtime import Runspace


@pytest.fixture
def ps():
    runspace = Runspace()

    def run(text: str) -> list:
        return run_text(runspace, text)

    yield run
    run_text(runspace, "Get-Job | Remove-Job -Force")
    runspace.close()


def test_script_block_initialization_arguments_and_input(ps):
    # ThreadJob:85-114
    out = ps(
        "Start-ThreadJob -ScriptBlock { 'Hello' } | Wait-Job | Receive-Job\n"
        "(Start-ThreadJob -ScriptBlock { 'Goodbye' } -InitializationScript { 'Hello' } | Receive-Job -Wait) "
        "-join ','\n"
        "(Start-ThreadJob { param ($arg1, $arg2) $arg1; $arg2 } -ArgumentList @('Hello','Goodbye') "
        "| Receive-Job -Wait) -join ','\n"
        "('Hello','Goodbye' | Start-ThreadJob -ScriptBlock { $input | ForEach-Object { $_ } } "
        "| Receive-Job -Wait) -join ','"
    )
    assert out == ["Hello", "Hello,Goodbye", "Hello,Goodbye", "Hello,Goodbye"]


def test_using_variables_are_the_callers_objects(ps):
    # ThreadJob:116-153; the values are the objects themselves (no serialization between threads)
    out = ps(
        '$Var1 = "Hello"; $Var3 = 102; $Var4 = 1..5; $global:GVar1 = "GlobalVar"; $o = [pscustomobject]@{ a = 1 }\n'
        "$results = Start-ThreadJob -ScriptBlock { $using:Var1; $using:Var3; ($using:Var4)[1]; @(,$using:Var4); "
        "$using:GVar1; $using:o } | Receive-Job -Wait\n"
        "$results[0]; $results[1]; $results[2]; $results[3].Count; $results[4]; $results[5].a = 5; $o.a\n"
        '$Var2 = 52; Start-ThreadJob -ScriptBlock { param ([string] $param1) "$using:Var1 $param1 $using:Var2" } '
        '-ArgumentList "There" | Receive-Job -Wait'
    )
    assert out == ["Hello", 102, 2, 5, "GlobalVar", 5, "Hello There 52"]


def test_script_file(ps, tmp_path):
    # ThreadJob:155-185
    script = tmp_path / "TestThreadJobFile1.ps1"
    script.write_text('foreach ($i in 1..10) { "Hello $i" }\n')
    with_args = tmp_path / "TestThreadJobFile2.ps1"
    with_args.write_text("param ($arg1, $arg2)\n$arg1\n$arg2\n")
    out = ps(
        f"$results = Start-ThreadJob -FilePath '{script}' | Receive-Job -Wait; $results.Count; $results[9]\n"
        f"$results = Start-ThreadJob -FilePath '{script}' -Initialization {{ 'Goodbye' }} | Receive-Job -Wait\n"
        "$results.Count; $results[0]\n"
        f"(Start-ThreadJob -FilePath '{with_args}' -ArgumentList @('Hello','Goodbye') | Receive-Job -Wait) -join ','"
    )
    assert out == [10, "Hello 10", 11, "Goodbye", "Hello,Goodbye"]


def test_errors_and_streams(ps):
    # ThreadJob:208-237
    out = ps(
        '$job = Start-ThreadJob -ScriptBlock { throw "MyError!" } | Wait-Job\n'
        "$job.State.ToString(); $job.JobStateInfo.Reason.Message\n"
        '$job = Start-ThreadJob -ScriptBlock { Write-Error "ErrorOut" } | Wait-Job; [string]$job.Error\n'
        '$job = Start-ThreadJob -ScriptBlock { Write-Warning "WarningOut" } | Wait-Job; [string]$job.Warning\n'
        "$job = Start-ThreadJob -ScriptBlock { $VerbosePreference = 'Continue'; Write-Verbose 'VerboseOut' } "
        "| Wait-Job\n"
        "[string]$job.Verbose\n"
        "$job = Start-ThreadJob -ScriptBlock { $DebugPreference = 'Continue'; Write-Debug 'DebugOut' } | Wait-Job\n"
        "[string]$job.Debug"
    )
    assert out == ["Failed", "MyError!", "ErrorOut", "WarningOut", "VerboseOut", "DebugOut"]


def test_throttle_limit_queues_jobs(ps):
    # ThreadJob:239-262
    out = ps(
        "$job1 = Start-ThreadJob -ScriptBlock { Start-Sleep -Seconds 60 } -ThrottleLimit 2\n"
        "$job2 = Start-ThreadJob -ScriptBlock { Start-Sleep -Seconds 60 }\n"
        "$job3 = Start-ThreadJob -ScriptBlock { Start-Sleep -Seconds 60 }\n"
        "$job4 = Start-ThreadJob -ScriptBlock { Start-Sleep -Seconds 60 }\n"
        "do { Start-Sleep -Milliseconds 20 } until ($job2.State -eq 'Running')\n"
        '(Get-Job | Where-Object { ($_.PSJobTypeName -eq "ThreadJob") -and ($_.State -eq "Running") }).Count\n'
        '(Get-Job | Where-Object { ($_.PSJobTypeName -eq "ThreadJob") -and ($_.State -eq "NotStarted") }).Count\n'
        "Get-Job | Remove-Job -Force; (Get-Job | Where-Object PSJobTypeName -EQ 'ThreadJob').Count\n"
        "$job1.State.ToString()"
    )
    assert out == [2, 2, 0, "Stopped"]


def test_the_job_in_the_table(ps):
    text = ps("Start-ThreadJob -Name tj { 1 } | Wait-Job | Out-String")[0]
    assert text.strip("\n").split("\n")[2].rstrip() == (
        "1      tj              ThreadJob       Completed     True            PowerShell            1"
    )
