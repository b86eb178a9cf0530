"""ForEach-Object -Parallel, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Utility/Foreach-Object-Parallel.Tests.ps1, cited as Parallel:line):
each input runs on a worker thread in a session of its own, -ThrottleLimit at a time, with the caller's
``$using:`` values; what the tasks write reaches ForEach-Object's streams."""

from __future__ import annotations

import time

import pytest

from psbridge.language.engine.run import run_text
from psbridge.runtime import Runspace


def run(text: str) -> tuple[list, Runspace]:
    runspace = Runspace()
    return run_text(runspace, text), runspace


def test_dollar_underbar():
    # Parallel:11-18
    out, _ = run("$result = 1..10 | ForEach-Object -Parallel { $_ }; $result.Count; ($result | Sort-Object) -join ','")
    assert out == [10, "1,2,3,4,5,6,7,8,9,10"]
    assert run("1..2 | ForEach-Object -Parallel { $PSItem * 2 } | Sort-Object")[0] == [2, 4]


def test_using_variables():
    # Parallel:20-28
    out, _ = run(
        '$var = "Hello"; $varArray = "Hello","There"; 1..1 | ForEach-Object -Parallel { $using:var; '
        "$using:varArray[1] }"
    )
    assert out == ["Hello", "There"]


def test_using_variables_of_nested_calls():
    # Parallel:30-49: each call reads its own $using: values, in its own session
    out, _ = run(
        '$Test1 = "Test1"\n'
        "$results = 1..2 | ForEach-Object -Parallel {\n"
        "  $using:Test1\n"
        '  $Test2 = "Test2"\n'
        "  1..2 | ForEach-Object -Parallel { $using:Test2 }\n"
        "}\n"
        "($results | Group-Object | Sort-Object Name | ForEach-Object { $_.Name + ':' + $_.Count }) -join ' '"
    )
    assert out == ["Test1:2 Test2:4"]


def test_out_of_scope_using_variable_is_an_error():
    # Parallel:77-89
    out, _ = run(
        '$Test = "TestZ"\n'
        "1..1 | ForEach-Object -Parallel { $using:Test; 1..1 | ForEach-Object -Parallel { $using:Test } } "
        "-ErrorVariable usingErrors 2>$null\n"
        "$usingErrors[0].FullyQualifiedErrorId"
    )
    assert out == ["TestZ", "UsingVariableIsUndefined,Microsoft.PowerShell.Commands.ForEachObjectCommand"]


def test_the_callers_variables_are_not_there_but_its_location_is(tmp_path):
    # Parallel:362-365 (the location); the session is the task's own
    out, _ = run(
        f"Set-Location '{tmp_path}'; $x = 'caller'; 1..1 | ForEach-Object -Parallel {{ $null -eq $x; $PWD.Path }}"
    )
    assert out == [True, str(tmp_path)]


def test_terminating_errors_become_task_errors():
    # Parallel:270-294
    out, _ = run(
        "$result = 1..1 | ForEach-Object -Parallel { throw 'Terminating Error!'; 'Hello' } 2>&1\n"
        "$result.Count; $result.ToString(); $result.FullyQualifiedErrorId"
    )
    assert out == [1, "Terminating Error!", "PSTaskException"]
    out, _ = run(
        "$results = 1..2 | ForEach-Object -Parallel { if ($_ -eq 1) { throw 'Terminating Error!'; 'Hello!' } else "
        "{ 'Goodbye!' } } 2>&1\n"
        "($results | ForEach-Object { $_.ToString() } | Sort-Object) -join '|'"
    )
    assert out == ["Goodbye!|Terminating Error!"]


def test_streams_arrive():
    # Parallel:296-338
    out, _ = run(
        "$e = 1..1 | ForEach-Object -Parallel { Write-Error 'Error!' } 2>&1; $e.ToString(); $e.FullyQualifiedErrorId\n"
        "(1..1 | ForEach-Object -Parallel { Write-Warning 'Warning!' } 3>&1).Message\n"
        "(1..1 | ForEach-Object -Parallel { Write-Verbose 'Verbose!' -Verbose } -Verbose 4>&1).Message\n"
        "(1..1 | ForEach-Object -Parallel { Write-Debug 'Debug!' -Debug } -Debug 5>&1).Message\n"
        "(1..1 | ForEach-Object -Parallel { Write-Information 'Information!' } 6>&1).MessageData"
    )
    assert out == [
        "Error!", "Microsoft.PowerShell.Commands.WriteErrorException", "Warning!", "Verbose!", "Debug!", "Information!"
    ]  # fmt: skip
    _, runspace = run(
        "$ProgressPreference = 'Continue'; "
        "1..2 | ForEach-Object -Parallel { Write-Progress -Activity Progress -Status Running }"
    )
    progress = runspace.streams.progress
    assert len(progress) == 2 and progress[0].activity == "Progress" and progress[0].StatusDescription == "Running"


def test_script_blocks_are_refused():
    # Parallel:340-354
    out, _ = run(
        '$sb = { "Hello!" }\n'
        "try { 1..1 | ForEach-Object -Parallel { $using:sb } } catch { $_.FullyQualifiedErrorId }\n"
        '(  $sb | ForEach-Object -Parallel { "Hello" } 2>&1).FullyQualifiedErrorId'
    )
    assert out == [
        "ParallelUsingVariableCannotBeScriptBlock,Microsoft.PowerShell.Commands.ForEachObjectCommand",
        "ParallelPipedInputObjectCannotBeScriptBlock,Microsoft.PowerShell.Commands.ForEachObjectCommand",
    ]


@pytest.mark.parametrize(
    "common",
    [
        "-ErrorAction Stop",
        "-WarningAction SilentlyContinue",
        "-InformationAction SilentlyContinue",
        "-PipelineVariable pipeVar",
    ],
)
def test_unsupported_common_parameters(common):
    # Parallel:459-464
    out, _ = run(
        f'try {{ 1..1 | ForEach-Object -Parallel {{ "Hello" }} {common} }} catch {{ $_.FullyQualifiedErrorId }}'
    )
    assert out == ["ParallelCommonParametersNotSupported,Microsoft.PowerShell.Commands.ForEachObjectCommand"]


@pytest.mark.parametrize(
    ("command", "variable", "expected"),
    [
        ('Write-Error "Error:$_"', "ErrorVariable", "Error:1"),
        ('Write-Warning "Warning:$_"', "WarningVariable", "Warning:1"),
        ('Write-Information "Information:$_"', "InformationVariable", "Information:1"),
        ('Write-Output "Output:$_"', "OutVariable", "Output:1"),
    ],
)
def test_supported_common_parameters(command, variable, expected):
    # Parallel:466-472
    out, _ = run(f"1..1 | ForEach-Object -Parallel {{ {command} }} -{variable} actual *>$null; $actual[0].ToString()")
    assert out == [expected]


def test_timeout_with_as_job_is_refused():
    # Parallel:477-480
    out, _ = run(
        'try { 1..1 | ForEach-Object -AsJob -Parallel { "Hello" } '
        "-TimeoutSeconds 60 } catch { $_.FullyQualifiedErrorId }"
    )
    assert out == ["ParallelCannotUseTimeoutWithJob,Microsoft.PowerShell.Commands.ForEachObjectCommand"]


def test_throttle_limit_queues_tasks():
    # Parallel:658-666 (sleeps of 0.3 s): with 5 at a time, the first five results are of the first five inputs
    start = time.monotonic()
    out, _ = run(
        "$results = 10..1 | ForEach-Object -Parallel { Start-Sleep -Milliseconds 300; $_ } -ThrottleLimit 5; "
        "$results[0..4]"
    )
    elapsed = time.monotonic() - start
    assert all(value > 5 for value in out)
    assert 0.55 < elapsed < 10  # 10 inputs, 5 at a time: two rounds of 0.3 s, not ten


def test_timeout_stops_the_running_task_and_drops_the_queued_one():
    # Parallel:668-677 (a 1 s timeout): ForEach-Object returns at the timeout
    start = time.monotonic()
    out, _ = run(
        '$results = 1..2 | ForEach-Object -Parallel { "Output $_"; '
        "Start-Sleep -Seconds 60 } -TimeoutSeconds 1 -ThrottleLimit 1 2>&1\n"
        "$results.Count; $results[0]; $results[1].FullyQualifiedErrorId; $results[1].Exception.GetType().FullName"
    )
    assert out == [2, "Output 1", "PSTaskException", "System.Management.Automation.PipelineStoppedException"]
    assert time.monotonic() - start < 10  # not the 60 s the tasks would sleep


def test_use_new_runspace_gives_each_task_a_fresh_session():
    # Parallel:620-626 (one runspace per iteration): a variable set by one task is not seen by the next
    out, _ = run(
        "(1..6 | ForEach-Object -Parallel { $seen = $null -ne $mark; $mark = 1; "
        "$seen } -ThrottleLimit 1 -UseNewRunspace) -contains $true"
    )
    assert out == [False]
    reused, _ = run(
        "(1..6 | ForEach-Object -Parallel { $seen = $null -ne $global:mark; $global:mark = 1; "
        "$seen } -ThrottleLimit 1) -contains $true"
    )
    assert reused == [True]


# -- -AsJob (Parallel:475-656) -------------------------------------------------------------------------


def test_as_job_joins_the_job_table_and_keeps_each_tasks_output():
    # Parallel:482-498
    out, _ = run(
        '$job = 1..1 | ForEach-Object -AsJob -Parallel { "Hello" }; (Get-Job) -contains $job\n'
        "$job | Wait-Job | Remove-Job\n"
        "$job = 1..10 | ForEach-Object -AsJob -Parallel { $_ }; $result = $job | Wait-Job | Receive-Job\n"
        "$job | Remove-Job\n"
        "$result.Count; $job.PSJobTypeName; $job.Location"
    )
    assert out == [True, 10, "PSTaskJob", "PowerShell"]


def test_as_job_using_variables():
    # Parallel:500-521
    out, _ = run(
        '$Var1 = "Hello"; $Var3 = 105; $Var4 = "One","Two","Three"\n'
        "$job = 1..1 | ForEach-Object -AsJob -Parallel { Write-Output $using:Var1; Write-Output $using:Var3; "
        "Write-Output @(,$using:Var4); Write-Output $using:Var4[1] }\n"
        "$results = $job | Wait-Job | Receive-Job; $job | Remove-Job\n"
        "$results[0]; $results[1]; $results[2] -join '+'; $results[3]"
    )
    assert out == ["Hello", 105, "One+Two+Three", "Two"]


def test_as_job_terminating_errors_fail_the_child_and_the_job():
    # Parallel:523-553
    out, _ = run(
        "$job = 1..2 | ForEach-Object -AsJob -Parallel { if ($_ -eq 1) { throw 'Terminating Error!'; 'Goodbye!' } "
        "else { 'Hello!' } }\n"
        "$results = $job | Wait-Job | Receive-Job 2>$null; $results\n"
        "$job.JobStateInfo.State.ToString(); $job.ChildJobs[0].JobStateInfo.State.ToString()\n"
        "$job.ChildJobs[0].JobStateInfo.Reason.Message; $job.ChildJobs[1].JobStateInfo.State.ToString()"
    )
    assert out == ["Hello!", "Failed", "Failed", "Terminating Error!", "Completed"]


def test_as_job_streams_and_command():
    # Parallel:555-601
    out, _ = run(
        '$job = 1..1 | ForEach-Object -AsJob -Parallel { Write-Error "Error:$_" }; '
        "($job | Wait-Job | Receive-Job 2>&1).ToString()\n"
        '$job = 1..1 | ForEach-Object -AsJob -Parallel { Write-Warning "Warning:$_" }; '
        "($job | Wait-Job | Receive-Job 3>&1).Message\n"
        '$job = 1..1 | ForEach-Object -AsJob -Parallel { Write-Verbose "Verbose:$_" -Verbose }; '
        "($job | Wait-Job | Receive-Job -Verbose 4>&1).Message\n"
        '$job = 1..1 | ForEach-Object -AsJob -Parallel { Write-Information "Information:$_" }; '
        "($job | Wait-Job | Receive-Job 6>&1).MessageData\n"
        '$job = 1..1 | ForEach-Object -AsJob -Parallel {"Hello"}; $job.Command; $job.ChildJobs[0].Command'
    )
    assert out == ["Error:1", "Warning:1", "Verbose:1", "Information:1", '"Hello"', '"Hello"']


def test_as_job_runspaces_throttling_and_stopping():
    # Parallel:613-626 (runspace counts), 630-649 (queuing: two running, two waiting), 651-656 (-AutoRemoveJob)
    out, _ = run(
        "$job = 1..4 | ForEach-Object -Parallel { Start-Sleep -Milliseconds 200 } -AsJob -ThrottleLimit 2 | Wait-Job\n"
        "$job.AllocatedRunspaceCount\n"
        "$job = 1..10 | ForEach-Object -Parallel { $_ } -AsJob -ThrottleLimit 2 -UseNewRunspace | Wait-Job\n"
        "$job.AllocatedRunspaceCount\n"
        "$job = 1..4 | ForEach-Object -Parallel { Start-Sleep 60 } -AsJob -ThrottleLimit 2\n"
        "do { Start-Sleep -Milliseconds 20 } until ($job.ChildJobs[1].JobStateInfo.State -eq 'Running')\n"
        "($job.ChildJobs | ForEach-Object { $_.JobStateInfo.State }) -join ','\n"
        "$job | Remove-Job -Force; $job.State.ToString(); (Get-Job) -contains $job\n"
        '$job = 1..4 | ForEach-Object -AsJob -Parallel { "Hello:$_" }\n'
        "$null = $job | Receive-Job -Wait -AutoRemoveJob\n"
        "(Get-Job) -contains $job"
    )
    assert out == [2, 10, "Running,Running,NotStarted,NotStarted", "Stopped", False, False]
