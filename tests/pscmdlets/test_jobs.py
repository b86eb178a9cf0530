"""Start-Job, Get-Job, Receive-Job, Wait-Job, Stop-Job and Remove-Job, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Core/Job.Tests.ps1 and test/powershell/engine/Job/Jobs.Tests.ps1,
cited as Job.Tests:line and Jobs.Tests:line) and StartJobCommand's behaviour: a job runs in a process of its
own, shares nothing with the caller and sends back deserialized copies.

Each test has its own session; every job still running at its end is removed with -Force (its process ends).
"""

from __future__ import annotations

import os
import time

import pytest

from psbridge.language.engine.run import run_text
from psbridge.runtime import Runspace
from tests.helpers import run_psbridge


class Session:
    """A runspace running script text; ``errors`` are the error ids written."""

    def __init__(self) -> None:
        self.runspace = Runspace()

    def run(self, text: str) -> list:
        return run_text(self.runspace, text)

    @property
    def error_ids(self) -> list[str]:
        return [record.fully_qualified_error_id for record in self.runspace.streams.error]

    def close(self) -> None:
        self.runspace.streams.clear()
        self.run("Get-Job | Remove-Job -Force")
        self.runspace.close()


@pytest.fixture
def ps():
    session = Session()
    yield session
    session.close()


# -- Job.Tests.ps1 ---------------------------------------------------------------------------------


def test_start_job_makes_a_named_job_object(ps):
    # Job.Tests:11-13
    out = ps.run(
        '$j = Start-Job -ScriptBlock { 1 + 1 } -Name "My Job"; $j -is [System.Management.Automation.Job]; $j.Name'
    )
    assert out == [True, "My Job"]
    # Jobs.Tests:42-47: after Wait-Job and Receive-Job the job is Completed with no more data
    out = ps.run("$r = $j | Wait-Job | Receive-Job; $r; $j.State.ToString(); $j.HasMoreData; $j.Command")
    assert out == [2, "Completed", False, " 1 + 1 "]


def test_get_job_lists_every_job_and_ids_count_parent_and_child(ps):
    # Job.Tests:18-26 (two jobs); pwsh numbers a job and then its child job, so the second job is 3
    out = ps.run(
        "$a = Start-Job { 1 }; $b = Start-Job { 2 * 2 }; $jobs = Get-Job; $jobs.Count; $jobs.Id; $a.ChildJobs[0].Id"
    )
    assert out == [2, 1, 3, 2]
    assert ps.run("(Get-Job -IncludeChildJob).Id") == [1, 2, 3, 4]


def test_removed_job_is_not_found_by_get_job(ps):
    # Job.Tests:27-30
    out = ps.run(
        "$j = Start-Job { 1 }; Remove-Job $j -Force\n"
        "try { Get-Job $j -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }"
    )
    assert out == ["JobWithSpecifiedNameNotFound,Microsoft.PowerShell.Commands.GetJobCommand"]


def test_receive_job_by_id_after_wait_job(ps):
    # Job.Tests:31-34
    out = ps.run("$j = Start-Job { 1 + 1 }; (Wait-Job -Timeout 60 -Id $j.Id).Id -eq $j.Id; Receive-Job -Id $j.Id")
    assert out == [True, 2]


def test_run_as_32_is_not_supported(ps):
    # Job.Tests:35-37
    out = ps.run("try { Start-Job -ScriptBlock {} -RunAs32 } catch { $_.FullyQualifiedErrorId }")
    assert out == ["RunAs32NotSupported,Microsoft.PowerShell.Commands.StartJobCommand"]


def test_argument_list_binds_args(ps):
    # Job.Tests:44-50
    out = ps.run(
        "$j = Start-Job -ScriptBlock { Write-Output $args[1]; Write-Output $args[0] } -ArgumentList 'x', 42\n"
        "(Wait-Job -Timeout 300 $j) -eq $j; (Receive-Job $j) -join ','"
    )
    assert out == [True, "42,x"]
    assert ps.run("Start-Job { param($a, [int]$b) $a * $b } -ArgumentList 'ab', '2' | Receive-Job -Wait") == ["abab"]


def test_wait_job_timeout_and_stop_job(ps):
    # Job.Tests:59-74 with a shorter sleep: the timeout passes first and writes nothing; Stop-Job stops the
    # job, leaving no output and no error
    start = time.monotonic()
    out = ps.run(
        "$j = Start-Job { Start-Sleep -Seconds 30 }; $r = Wait-Job -Timeout 1 $j; $null -eq $r; $j.State.ToString()"
    )
    assert out == [True, "Running"]
    out = ps.run(
        "Stop-Job -Id $j.Id; $out = Receive-Job $j -ErrorVariable err; $null -eq $out; $err.Count; $j.State.ToString()"
    )
    assert out == [True, 0, "Stopped"]
    assert time.monotonic() - start < 10


def test_remove_job_needs_force_for_a_running_job(ps):
    # Job.Tests:75-86
    out = ps.run(
        "$j = Start-Job { Start-Sleep -Seconds 30 }; $id = $j.Id\n"
        "Remove-Job $j -ErrorAction SilentlyContinue; (Get-Job -Id $id) -eq $j\n"
        "Remove-Job $j -Force; $null -eq (Get-Job -Id $id -ErrorAction SilentlyContinue)"
    )
    assert out == [True, True]
    out = ps.run("$k = Start-Job { Start-Sleep 30 }; Remove-Job $k; $k.State.ToString()")
    assert out == ["Running"]
    assert ps.error_ids[-1] == "JobObjectNotFinishedCannotBeRemoved,Microsoft.PowerShell.Commands.RemoveJobCommand"


PARTIAL = (
    "$j = Start-Job { $count = 1; while ($true) { Write-Output ($count++); Start-Sleep -Milliseconds 30 } }\n"
    "function GetResults($job, $n, $keep) {\n"
    "  $results = @()\n"
    "  for ($count = 0; $results.Count -lt $n; $count++) {\n"
    "    if ($count -eq 200) { throw 'no results' }\n"
    "    Start-Sleep -Milliseconds 50\n"
    "    if ($keep) { $results = Receive-Job -Keep $job } else { $results += Receive-Job $job }\n"
    "  }\n"
    "  return $results\n"
    "}\n"
)


def test_receive_job_returns_partial_output_and_removes_it(ps):
    # Job.Tests:140-144: what one Receive-Job returns, the next does not, and nothing is lost between them
    out = ps.run(PARTIAL + "$r1 = GetResults $j 5 $false; $r2 = GetResults $j 5 $false\n"
                 "$all = @($r1 + $r2 | Where-Object { $null -ne $_ })\n"
                 "$all[0]; (1..($all.Count - 1) | Where-Object { $all[$_] -ne $all[$_ - 1] + 1 }).Count; "
                 "$j.State.ToString()")  # fmt: skip
    assert out == [1, 0, "Running"]


def test_receive_job_keep_leaves_the_data(ps):
    # Job.Tests:145-150
    out = ps.run(PARTIAL + "$r1 = GetResults $j 5 $true; $r2 = GetResults $j ($r1.Count + 5) $false\n"
                 "(Compare-Object -SyncWindow 0 -PassThru $r1 $r2[0..($r1.Count-1)]).Count\n"
                 "$r2[$r1.Count - 1] + 1 -eq $r2[$r1.Count]")  # fmt: skip
    assert out == [0, True]


# -- Jobs.Tests.ps1 ----------------------------------------------------------------------------------


def test_nested_jobs(ps):
    # Jobs.Tests:49-54: a job's process starts a job of its own
    out = ps.run(
        "$j = Start-Job { Start-Job -ScriptBlock { 1 + 1 } | Wait-Job | Receive-Job }; $j | Wait-Job | Receive-Job"
    )
    assert out == [2]


def test_a_thrown_error_fails_the_job_and_arrives_as_its_error(ps):
    # Jobs.Tests:56-60
    out = ps.run(
        "$job = Start-Job -ScriptBlock { 'before'; throw 'MyError' } | Wait-Job\n"
        "Receive-Job -Job $job -ErrorVariable ev -ErrorAction SilentlyContinue\n"
        "$ev[0].Exception.Message; $ev[0].FullyQualifiedErrorId; $job.State.ToString(); "
        "$job.JobStateInfo.Reason.Message"
    )
    assert out == ["before", "MyError", "MyError", "Failed", "MyError"]


def test_errors_keep_their_id_category_and_command(ps):
    ps.run("Start-Job { Get-Item /no/such/file; Write-Error 'e1' } | Receive-Job -Wait -AutoRemoveJob")
    first, second = ps.runspace.streams.error
    assert first.fully_qualified_error_id == "PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand"
    assert first.category_info == "ObjectNotFound: (/no/such/file:String) [Get-Item], ItemNotFoundException"
    assert first.message == "Cannot find path '/no/such/file' because it does not exist."
    assert second.fully_qualified_error_id == "Microsoft.PowerShell.Commands.WriteErrorException"
    assert second.format().startswith("Write-Error : e1\n")


def test_warning_verbose_and_progress_records(ps):
    # Jobs.Tests:62-79
    out = ps.run(
        "$job = Start-Job -ScriptBlock { Write-Warning 'MyWarning' } | Wait-Job\n"
        "Receive-Job -Job $job -WarningVariable wv -WarningAction SilentlyContinue; [string]$wv\n"
        "$job = Start-Job -ScriptBlock { Write-Verbose -Verbose 'MyVerbose' } | Wait-Job\n"
        "[string]$job.ChildJobs[0].Verbose.ReadAll()\n"
        "$job = Start-Job -ScriptBlock { Write-Progress -Activity 1 -Status 2 } | Wait-Job\n"
        "$p = $job.ChildJobs[0].Progress.ReadAll(); $p[0].Activity; $p[0].StatusDescription"
    )
    assert out == ["MyWarning", "MyVerbose", "1", "2"]


def test_working_directory(ps, tmp_path):
    # Jobs.Tests:81-87 (a folder with a space in its name) and 119-124 (the caller's location by default)
    folder = tmp_path / "My Dir"
    folder.mkdir()
    out = ps.run(f"Start-Job -ScriptBlock {{ $PWD }} -WorkingDirectory '{folder}' | Wait-Job | Receive-Job | % Path")
    assert out == [str(folder)]
    out = ps.run(
        f"Set-Location '{tmp_path}'; $loc = Start-Job {{ $PWD }} | Receive-Job -Wait; $loc.Path; $loc.pstypenames[0]"
    )
    assert out == [str(tmp_path), "Deserialized.System.Management.Automation.PathInfo"]


@pytest.mark.parametrize(
    ("path", "error_id"),
    [
        ("This is an invalid path", "DirectoryNotFoundException,Microsoft.PowerShell.Commands.StartJobCommand"),
        ("", "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.StartJobCommand"),
        (" ", "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.StartJobCommand"),
    ],
)
def test_bad_working_directory(ps, path, error_id):
    # Jobs.Tests:113-117
    out = ps.run(
        f"try {{ Start-Job -ScriptBlock {{ 1 + 1 }} -WorkingDirectory '{path}' }} catch {{ $_.FullyQualifiedErrorId }}"
    )
    assert out == [error_id]
    assert ps.run("(Get-Job).Count") == [0]


@pytest.mark.parametrize("how", ["Name", "Id", "Job", "InstanceId", "State"])
def test_wait_job_by_each_parameter(ps, how):
    # Jobs.Tests:158-162
    ps.run("$startedJob = Start-Job -Name 'StartedJob' -ScriptBlock { 1 + 1 } | Wait-Job")
    value = "$startedJob" if how == "Job" else f"$startedJob.{how}"
    out = ps.run(f"$job = Wait-Job -{how} {value}; $job.State.ToString(); $job.HasMoreData; $job.Command")
    assert out == ["Completed", True, " 1 + 1 "]


def test_wait_job_any_with_using_values(ps):
    # Jobs.Tests:164-173 (sleeps of 0, 2 and 4 seconds): -Any returns with the first job done, the 4 s one still running
    out = ps.run(
        "$jobs = 0, 2, 4 | ForEach-Object { $seconds = $_; "
        "Start-Job -ScriptBlock { Start-Sleep -Seconds $using:seconds ; $using:seconds} }\n"
        "$waitedJob = Wait-Job -Job $jobs -Any; $jobs[2].State.ToString()\n"
        "$waitedJob.Command; $waitedJob | Receive-Job; $jobs.Error.Count"
    )
    assert out == ["Running", " Start-Sleep -Seconds $using:seconds ; $using:seconds", 0, 0]


def test_receive_job_write_events(ps):
    # Jobs.Tests:183-188: the output, then the jobs' state changes
    out = ps.run(
        "$result = Start-Job -Name 'ReceiveWriteEventsJob' -ScriptBlock { 1 + 1 } | Receive-Job -Wait -WriteEvents\n"
        "$result.Count; $result[0]; $result[1].GetType().FullName; $result[2].JobStateInfo.State.ToString()"
    )
    assert out == [3, 2, "System.Management.Automation.JobStateEventArgs", "Completed"]


def test_receive_job_switches(ps):
    # Jobs.Tests:190-243: -WriteJobInResults, -AutoRemoveJob, -Keep, -NoRecurse, -Location/-ComputerName, -Wait
    out = ps.run(
        "$r = Start-Job { 1 + 1 } | Receive-Job -Wait -WriteJobInResults; $r.Count; $r[0].State.ToString(); $r[1]"
    )
    assert out == [2, "Completed", 2]
    out = ps.run(
        "Start-Job -Name 'ReceiveJobAutoRemove' -ScriptBlock { 1 + 1 } | Receive-Job -Wait -AutoRemoveJob\n"
        "try { Get-Job -Name 'ReceiveJobAutoRemove' -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }"
    )
    assert out == [2, "JobWithSpecifiedNameNotFound,Microsoft.PowerShell.Commands.GetJobCommand"]
    out = ps.run(
        "$job = Start-Job { 1 + 1 } | Wait-Job; Receive-Job -Keep -Job $job; "
        "Receive-Job -Job $job; $null -eq (Receive-Job $job)"
    )
    assert out == [2, 2, True]
    assert ps.run("$job = Start-Job { 1 + 1 }; $null -eq (Receive-Job -Wait -NoRecurse -Job $job)") == [True]
    out = ps.run("$job = Start-Job { 1 + 1 } | Wait-Job; Receive-Job -ComputerName localhost -Job $job\n"
                 "$job = Start-Job { 3 } | Wait-Job; Receive-Job -Location localhost -Job $job")  # fmt: skip
    assert out == [2, 3]


@pytest.mark.parametrize(
    ("switches", "message"),
    [
        ("-Keep -Wait", "The Wait and Keep parameters cannot be used together in the same command."),
        ("-AutoRemoveJob", "The -AutoRemoveJob parameter cannot be used without the -Wait parameter"),
        ("-WriteEvents", "The WriteEvents parameter cannot be used without the Wait parameter."),
    ],
)
def test_receive_job_switches_that_need_wait(ps, switches, message):
    # ReceiveJobCommand.ValidateWait/ValidateAutoRemove/ValidateWriteEvents
    out = ps.run(
        f"$j = Start-Job {{ 1 }}; "
        f"try {{ Receive-Job $j {switches} }} catch {{ $_.Exception.Message; "
        f"$_.FullyQualifiedErrorId }}"
    )
    assert out == [message, "InvalidOperation,Microsoft.PowerShell.Commands.ReceiveJobCommand"]


@pytest.mark.parametrize("how", ["Name", "Id", "InstanceId", "State"])
def test_get_and_remove_job_by_each_parameter(ps, how):
    # Jobs.Tests:271-275 and 305-311
    ps.run("$job = Start-Job -ScriptBlock { 1 + 1 } -Name 'JobToRemove' | Wait-Job")
    assert ps.run(f"(Get-Job -{how} $job.{how}).Name") == ["JobToRemove"]
    ps.run(f"$splat = @{{ {how} = $job.{how} }}; Remove-Job @splat")
    assert ps.run("$null -eq (Get-Job $job -ErrorAction SilentlyContinue)") == [True]


def test_get_job_filters(ps):
    # Jobs.Tests:277-290: -Before/-After/-HasMoreData, -IncludeChildJob/-ChildJobState
    out = ps.run(
        "$before = Get-Date; $job = Start-Job -Name 'StartedJob' { 1 + 1 } | Wait-Job; $after = Get-Date\n"
        "(Get-Job -Before $after).Name; (Get-Job -After $before).Name; (Get-Job -HasMoreData $true).Name\n"
        "(Get-Job -HasMoreData $false).Count; (Get-Job -ChildJobState Completed).Count; "
        "(Get-Job -IncludeChildJob).Count\n"
        "(Get-Job -Command '*1 + 1*').Name; (Get-Job -Name 'Start*').Id; (Get-Job -Newest 1).Name"
    )
    assert out == ["StartedJob", "StartedJob", "StartedJob", 0, 2, 2, "StartedJob", 1, "StartedJob"]


@pytest.mark.parametrize("how", ["Name", "Id", "InstanceId", "State"])
def test_stop_job_by_each_parameter(ps, how):
    # Jobs.Tests:327-350
    ps.run(
        "$jobToStop = Start-Job -Scriptblock { 1..80 | ForEach-Object { Write-Output $_; "
        "Start-Sleep -Milliseconds 250 } } -Name 'JobToStop'\n"
        "do { $data = Receive-Job -Job $jobToStop } while (($data.Count -eq 0) -and ($jobToStop.State -eq 'Running'))"
    )
    out = ps.run(
        f"$splat = @{{ {how} = $jobToStop.{how} }}; Stop-Job @splat; $jobToStop.State.ToString(); "
        f"$jobToStop.HasMoreData"
    )
    assert out == ["Stopped", False]


def _gone(pid: int, within: float = 5.0) -> bool:
    """Whether the process has ended (it is no more, or a zombie nobody has reaped yet)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as handle:
                if handle.read().split(") ")[-1].startswith("Z"):
                    return True
        except FileNotFoundError:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("ending", ["done", "Stop-Job $job", "Remove-Job $job -Force"])
def test_the_job_process_ends(ps, ending):
    # Jobs.Tests:353-404: a job runs in another process, which ends when the job is done, stopped or removed
    script = "$pid" if ending == "done" else "$pid; Start-Sleep -Seconds 30"
    out = ps.run(
        f"$job = Start-Job {{ {script} }}\n"
        "do { Start-Sleep -Milliseconds 20; $processId = Receive-Job $job -Keep } until ($processId)\n"
        f"{'Wait-Job $job | Out-Null' if ending == 'done' else ending}; $processId"
    )
    assert out[0] != os.getpid()
    assert _gone(out[0])


# -- what psbridge's jobs keep from pwsh's design ------------------------------------------------------


def test_a_job_shares_no_state_with_its_caller(ps):
    out = ps.run(
        "$x = 'caller'; $env:PSBRIDGE_JOB_TEST = 'caller'; function f { 'f' }\n"
        "Start-Job { $x; $global:x = 'job'; $env:PSBRIDGE_JOB_TEST; $env:PSBRIDGE_JOB_TEST = 'job'; "
        "Get-Command f -ErrorAction SilentlyContinue } | Receive-Job -Wait\n"
        "$x; $env:PSBRIDGE_JOB_TEST"
    )
    # the job sees neither the caller's variables nor its functions (a new process inherits the environment),
    # and what it sets stays in its process
    assert out == [None, "caller", "caller", "caller"]


def test_output_arrives_deserialized(ps):
    # serialization.cs at the jobs' depth 1: a custom object's note properties keep the depth, so nested custom
    # objects arrive whole; a .NET object's properties are one level down, so the Match's groups (a container, whose
    # items are written at its depth, 0) arrive as their text
    out = ps.run(
        "$o = Start-Job { [pscustomobject]@{ Name = 'a'; Inner = [pscustomobject]@{ N = 1 }; Table = @{ k = 2 }; "
        "List = 1, 2; When = [datetime]'2026-01-02' }; [regex]::Match('ab', 'a') } | Receive-Job -Wait\n"
        "$o[0].pstypenames[0]; $o[0].Inner.N; $o[0].Inner.pstypenames[0]; $o[0].Table.k; $o[0].List.Count; "
        "$o[0].When.Year; $o[1].pstypenames[0]; $o[1].Value; $o[1].Groups[0] -is [string]; $o[1].Groups[0]"
    )
    assert out == [
        "Deserialized.System.Management.Automation.PSCustomObject", 1,
        "Deserialized.System.Management.Automation.PSCustomObject", 2, 2, 2026,
        "Deserialized.System.Text.RegularExpressions.Match", "a", True, "a",
    ]  # fmt: skip


def test_input_object_is_the_jobs_input(ps):
    out = ps.run("1..3 | Start-Job { $input | ForEach-Object { $_ * 2 } } | Receive-Job -Wait")
    assert out == [2, 4, 6]
    assert ps.run("Start-Job -InputObject 5 { $input } | Receive-Job -Wait") == [5]


def test_initialization_script_runs_first(ps):
    out = ps.run(
        "Start-Job -InitializationScript { function Greet { 'hi ' + $args[0] } } { Greet 'job' } | Receive-Job -Wait"
    )
    assert out == ["hi job"]


def test_the_job_table(ps):
    # PowerShellCore.format.ps1xml's Job view: Id 6, Name 15, PSJobTypeName 15, State 13, HasMoreData 15, Location 20
    ps.run("$j = Start-Job -Name first { 1 + 1 } | Wait-Job")
    text = ps.run("$j | Out-String")[0]
    lines = text.strip("\n").split("\n")
    assert lines[0].rstrip() == (
        "Id     Name            PSJobTypeName   State         HasMoreData     Location             Command"
    )
    assert lines[2].rstrip() == (
        "1      first           BackgroundJob   Completed     True            localhost             1 + 1"
    )


def test_command_line_prints_jobs_their_errors_and_host_text():
    # one process for the command line's part: the job table, the job's error in pwsh's shape, and the records
    # Write-Host leaves in a job or a -Parallel task (tag PSHOST) shown by the host that receives them
    result = run_psbridge(
        "-Command",
        "Start-Job { Write-Host 'from job' } | Receive-Job -Wait\n"
        "1 | ForEach-Object -Parallel { Write-Host 'from task' }\n"
        "$j = Start-Job { throw 'boom' }; $j | Wait-Job | Out-Null; Get-Job | Select-Object -Last 1; Receive-Job $j",
    )
    assert result.stdout.split("\n")[:2] == ["from job", "from task"]
    assert "BackgroundJob   Failed" in result.stdout
    assert "boom" in result.stderr and "FullyQualifiedErrorId : boom" in result.stderr
    assert "Traceback" not in result.stderr


# -- the background operator (Job.Tests.ps1, "Ampersand background test") ------------------------------


def test_ampersand_makes_a_job(ps):
    # Job.Tests:186-189
    assert ps.run("$j = Write-Output Hi &; $j -is [System.Management.Automation.Job]; Receive-Job $j -Wait") == [
        True,
        "Hi",
    ]


def test_ampersand_copies_the_callers_variables(ps):
    # Job.Tests:195-206: a missing variable is left as it is; existing ones become ${using:name}
    out = ps.run(
        'Remove-Item variable:name -ErrorAction Ignore; $j = Write-Output "Hi $name" &; Receive-Job $j -Wait\n'
        '$n1 = "Bob"; $n2 = "Mary"; ${n 3} = "Bill"\n'
        '$j = Write-Output "Hi $n1! Hi ${n2}! Hi ${n 3}!" &; Receive-Job $j -Wait'
    )
    assert out == ["Hi ", "Hi Bob! Hi Mary! Hi Bill!"]


def test_ampersand_job_has_its_own_pid_and_the_callers_location(ps, tmp_path):
    # Job.Tests:207-230
    out = ps.run(
        "$j = Write-Output $PID &; $cpid = Receive-Job $j -Wait; $PID -ne $cpid\n"
        "$j = Write-Output $global:pid &; $cpid = Receive-Job -Wait $j; $PID -ne $cpid\n"
        f"Set-Location '{tmp_path}'; $j = Get-Location | ForEach-Object -MemberName Path &; Receive-Job -Wait $j\n"
        "$j = (Get-Location &); (Receive-Job -Wait $j).ToString()"
    )
    assert out == [True, True, str(tmp_path), str(tmp_path)]


def test_ampersand_redirections_happen_in_the_job(ps, tmp_path):
    # Job.Tests:231-240
    hello, error = tmp_path / "hello.txt", tmp_path / "myerror.txt"
    out = ps.run(
        f"$j = Write-Output hello > '{hello}' &; $null -eq (Receive-Job -Wait $j); Get-Content '{hello}'\n"
        f"$j = Write-Error MyError 2> '{error}' &; $null -eq (Receive-Job -Wait $j)\n"
        f"(Get-Content -Raw '{error}') -match 'MyError'"
    )
    assert out == [True, "hello", True, True]


def test_ampersand_backgrounds_expressions(ps):
    # Job.Tests:246-253
    out = ps.run(
        "$j = 2+3 &; Receive-Job $j -Wait\n"
        "$j = 1..10 | ForEach-Object -Begin {$s=0} -Process {$s += $_} -End {$s} &; Receive-Job -Wait $j\n"
        "$x = 5; $j = Write-Output 1 && Write-Output $x &; $j.Command; Receive-Job $j -Wait"
    )
    # a pipeline chain is backgrounded whole (PipelineChainAst.Background)
    assert out == [5, 55, "Write-Output 1 && Write-Output ${using:x}", 1, 5]


def test_a_job_process_that_cannot_start_is_an_error(ps, monkeypatch):
    # an embedding host where no process can be started: Start-Job's error, never a traceback
    from psbridge.cmdlets.core import job_host

    def refuse(payload):
        raise OSError("no process here")

    monkeypatch.setattr(job_host, "start_job_process", refuse)
    out = ps.run("try { Start-Job { 1 } } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }; (Get-Job).Count")
    assert out == [
        "CannotStartJobProcess,Microsoft.PowerShell.Commands.StartJobCommand",
        "The background job could not be started: no process here",
        0,
    ]


def test_job_processes_end_with_a_killed_session():
    # a session killed outright (no exit handlers run) leaves no job process behind
    import signal
    import subprocess
    import sys

    from tests.helpers import psbridge_environment

    code = (
        "import psbridge, time\n"
        "print(psbridge.run('$j = Start-Job { $pid; while ($true) { Start-Sleep -Milliseconds 50 } }; "
        "do { Start-Sleep -Milliseconds 20; $p = Receive-Job $j } until ($p); $p')[0], flush=True)\n"
        "time.sleep(60)\n"
    )
    environment = psbridge_environment()
    session = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=environment)
    try:
        job_pid = int(session.stdout.readline()) if session.stdout else 0
    finally:
        session.send_signal(signal.SIGKILL)
        session.wait(10)
    assert job_pid and _gone(job_pid)


def test_a_python_script_using_jobs_is_not_run_again_in_the_job(tmp_path):
    # multiprocessing would import the caller's __main__ in each job process: a script calling psbridge at its top
    # level would run again there (and start jobs of its own)
    import subprocess
    import sys

    from tests.helpers import psbridge_environment

    script = tmp_path / "use_jobs.py"
    script.write_text(
        "print('script ran', flush=True)\n"
        "import psbridge\n"
        "print(psbridge.run('Start-Job { 1 } | Receive-Job -Wait')[0], flush=True)\n"
    )
    result = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        env=psbridge_environment(),
        timeout=60,
        check=False,
    )
    assert result.stdout.split() == ["script", "ran", "1"]
    assert result.returncode == 0 and "Traceback" not in result.stderr


def test_ids_names_and_instance_ids_naming_no_job(ps):
    # GetJobCommand (JobCmdletBase.FindJobsMatching*): each key naming no job is its own error, in
    # order; a wildcard name naming none is no error
    out = ps.run(
        "$g = [guid]'11111111-2222-3333-4444-555555555555'\n"
        "Get-Job -Id 998, 999 -ErrorAction SilentlyContinue -ErrorVariable a\n"
        "Get-Job -InstanceId $g -ErrorAction SilentlyContinue -ErrorVariable b\n"
        "Get-Job -Name 'nope*', 'nope' -ErrorAction SilentlyContinue -ErrorVariable c\n"
        "($a + $b + $c).FullyQualifiedErrorId; $a[1].Exception.Message; $b[0].Exception.Message"
    )
    assert out == [
        "JobWithSpecifiedSessionNotFound,Microsoft.PowerShell.Commands.GetJobCommand",
        "JobWithSpecifiedSessionNotFound,Microsoft.PowerShell.Commands.GetJobCommand",
        "JobWithSpecifiedInstanceIdNotFound,Microsoft.PowerShell.Commands.GetJobCommand",
        "JobWithSpecifiedNameNotFound,Microsoft.PowerShell.Commands.GetJobCommand",
        "The command cannot find a job with the job ID 999. Verify the value of the Id parameter and then try "
        "the command again.",
        "The command cannot find a job with the instance identifier 11111111-2222-3333-4444-555555555555. Verify "
        "the value of the InstanceId parameter, and then try the command again.",
    ]
