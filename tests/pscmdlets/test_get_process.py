"""Get-Process, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Management/Get-Process.Tests.ps1) and GetProcessCommand.

psbridge runs in a Python process: ``$PID`` names it, and its name is the interpreter's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

import psbridge
from psbridge.cli.formatting import format_output

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc, as .NET does on Linux")


def test_every_process_has_a_name_and_the_list_is_sorted_by_name_then_id() -> None:
    # Get-Process.Tests.ps1:44-50: an array of processes, each with a name
    processes = psbridge.run("Get-Process")
    assert len(processes) > 1 and all(p.Name for p in processes)
    keys = [(str(p.ProcessName).casefold(), p.Id) for p in processes]
    assert keys == sorted(keys)  # ProcessBaseCommand.ProcessComparison
    assert os.getpid() in {p.Id for p in processes}


def test_the_current_process_by_id() -> None:
    # Get-Process.Tests.ps1:69-75: Name and Id of the process $PID names
    name, pid, ws, cpu = psbridge.run("$p = Get-Process -Id $PID; $p.Name; $p.Id; $p.WS; $p.CPU")
    assert pid == os.getpid() and name.startswith("python")
    assert ws > 0 and isinstance(cpu, float)
    (same,) = psbridge.run("Get-Process -Id $PID | Get-Process")  # -InputObject from the pipeline
    assert same.Id == os.getpid()


def test_missing_ids_and_names_are_errors_and_null_is_refused() -> None:
    # Get-Process.Tests.ps1:52-63
    script = """
        try { Get-Process -Id 123456789 -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
        try { Get-Process -Id $null } catch { $_.FullyQualifiedErrorId }
        try { Get-Process -InputObject $null } catch { $_.FullyQualifiedErrorId }
        try { Get-Process -Name no-such-process -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
        Get-Process -Name no-such-* | Measure-Object | ForEach-Object Count
    """
    assert psbridge.run(script) == [
        "NoProcessFoundForGivenId,Microsoft.PowerShell.Commands.GetProcessCommand",
        "Cannot find a process with the process identifier 123456789.",
        "ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.GetProcessCommand",
        "ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.GetProcessCommand",
        "NoProcessFoundForGivenName,Microsoft.PowerShell.Commands.GetProcessCommand",
        0,  # a wildcard that matches nothing is no error
    ]
    # RecommendIdTagForGivenName: a number given as a name
    assert psbridge.run("try { Get-Process 123456789 -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }") == [
        "RecommendIdTagForGivenName,Microsoft.PowerShell.Commands.GetProcessCommand"
    ]


def test_include_user_name() -> None:
    # Get-Process.Tests.ps1:77-79
    import pwd

    (process,) = psbridge.run("Get-Process -Id $PID -IncludeUserName")
    assert process.UserName == pwd.getpwuid(os.getuid()).pw_name
    assert process.pstypenames[0] == "System.Diagnostics.Process#IncludeUserName"
    header = format_output([process], 120).splitlines()[1]
    assert header.split() == ["WS(M)", "CPU(s)", "Id", "UserName", "ProcessName"]


def test_modules_and_file_version_info() -> None:
    # Get-Process.Tests.ps1:4-26 and 85-88: ProcessModule objects, the executable first; on Linux no
    # file version; Select-Object -First stops it without errors
    modules = psbridge.run("Get-Process -Id $PID -Module")
    assert modules[0].pstypenames[0] == "System.Diagnostics.ProcessModule"
    assert modules[0].FileName == os.path.realpath(sys.executable)
    assert psbridge.run("(Get-Process -Id $PID -FileVersionInfo).FileVersion") == [None]
    script = "Get-Process -Module -Id $PID -ErrorVariable errs | Select-Object -First 1 | Out-Null; $errs.Count"
    assert psbridge.run(script) == [0]


def test_command_line_and_a_name_with_spaces_and_parentheses(tmp_path) -> None:
    # Get-Process.Tests.ps1:94-120 (on Linux the arguments joined with spaces) and :153 (a name with
    # spaces and parentheses is read whole from /proc/<pid>/stat)
    program = tmp_path / "a (b) c"
    program.symlink_to(sys.executable)
    child = subprocess.Popen([str(program), "-c", "import time; time.sleep(30)"])
    try:
        time.sleep(0.3)
        name, line = psbridge.run(f"$p = Get-Process -Id {child.pid}; $p.ProcessName; $p.CommandLine")
        assert line == f"{program} -c import time; time.sleep(30)"
        assert name == "a (b) c"
        assert psbridge.run("(Get-Process -Name 'a (b) c').Id") == [child.pid]
    finally:
        child.kill()
        child.wait()


def test_default_table_is_pwshs_process_view() -> None:
    # DotNetTypes.format.ps1xml's "process" table
    lines = format_output(psbridge.run("Get-Process -Id $PID"), 120).splitlines()
    assert lines[1] == " NPM(K)    PM(M)      WS(M)     CPU(s)      Id  SI ProcessName"
    cells = lines[3].split()
    assert cells[0] == "0" and cells[1] == "0.00" and cells[4] == str(os.getpid())


def test_where_object_over_processes() -> None:
    # Where-Object's doc, examples 2-4: working set, name and property comparisons over Get-Process
    script = """
        (Get-Process | Where-Object { $_.WorkingSet -gt 1KB }).Count -gt 0
        (Get-Process | Where-Object ProcessName -Match '^python').Count -gt 0
        (Get-Process | Where-Object -Property Handles -GE -Value 0).Count -gt 0
    """
    assert psbridge.run(script) == [True, True, True]


def test_priority_and_start_time_views_group_their_tables() -> None:
    # DotNetTypes.format.ps1xml's "Priority" (grouped by PriorityClass) and "StartTime" tables; Get-Process's
    # doc, example 4: Format-Table -View Priority
    lines = format_output(psbridge.run("Get-Process -Id $PID | Format-Table -View Priority"), 120).splitlines()
    assert lines[1] == "   PriorityClass: Normal"
    assert lines[3] == "ProcessName                  Id WorkingSet64"
    lines = format_output(psbridge.run("Get-Process -Id $PID | Format-Table -View StartTime"), 120).splitlines()
    assert lines[1].startswith("   StartTime.ToShortDateString(): ")
