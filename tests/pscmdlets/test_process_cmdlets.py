"""Get-Process, Start-Process, Stop-Process and Wait-Process on real processes, from PowerShell's Pester
tests (test/powershell/Modules/Microsoft.PowerShell.Management/Get-Process.Tests.ps1,
Start-Process.Tests.ps1, Wait-Process.Tests.ps1); every process a test starts is killed after it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

from psbridge.cmdlets.management.process_info import Process
from psbridge.cmdlets.management.start_process import split_arguments
from tests.language.evaluator_helpers import Session

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="processes are read from /proc")

GET = "{},Microsoft.PowerShell.Commands.GetProcessCommand"
SLEEP = shutil.which("sleep") or "/bin/sleep"


@pytest.fixture
def sleepers():
    started: list[subprocess.Popen] = []

    def start(count: int = 1, seconds: str = "30") -> list[int]:
        for _ in range(count):
            started.append(subprocess.Popen([SLEEP, seconds]))
        return [process.pid for process in started[-count:]]

    yield start
    for process in started:
        process.kill()
        process.wait()


def run(text: str, **variables):
    session = Session()
    return session.run(text, **variables), session.error_ids


# -- Get-Process ----------------------------------------------------------------------------------


def test_this_process_by_id_and_name() -> None:
    # Get-Process.Tests.ps1:69-79
    output, ids = run(
        "$p = Get-Process -Id $me; $p.Id; $p.Name; $p.ProcessName; $p -is [System.Diagnostics.Process]", me=os.getpid()
    )
    assert ids == []
    assert output[0] == os.getpid()
    name = output[1]
    assert name and output[2] == name
    assert os.getpid() in run("(Get-Process -Name $n).Id", n=name)[0]
    (user,) = run("(Get-Process -Id $me -IncludeUserName).UserName", me=os.getpid())[0]
    import pwd

    assert user == pwd.getpwuid(os.getuid()).pw_name


def test_all_processes_sorted_by_name_then_id(sleepers) -> None:
    # Get-Process.Tests.ps1:38-50
    pids = sleepers(2)
    output, _ = run("Get-Process")
    assert len(output) > 2 and all(isinstance(process, Process) for process in output)
    keys = [(process.ProcessName.casefold(), process.Id) for process in output]
    assert keys == sorted(keys)
    assert set(pids) <= {process.Id for process in output}
    assert run("(Get-Process sle*p | Where-Object Id -in $ids).Count", ids=pids)[0] == [2]


def test_missing_processes() -> None:
    # Get-Process.Tests.ps1:52-63
    free = max(int(entry) for entry in os.listdir("/proc") if entry.isdigit()) + 100000
    assert run("Get-Process -Id $i", i=free)[1] == [GET.format("NoProcessFoundForGivenId")]
    assert run("Get-Process -Id $null")[1] == [GET.format("ParameterArgumentValidationErrorNullNotAllowed")]
    assert run("Get-Process -InputObject $null")[1] == [GET.format("ParameterArgumentValidationErrorNullNotAllowed")]
    assert run("Get-Process nosuchprocessname")[1] == [GET.format("NoProcessFoundForGivenName")]
    assert run("Get-Process 12345678")[1] == [GET.format("RecommendIdTagForGivenName")]
    assert run("Get-Process nosuch*")[1] == []  # a pattern that matches nothing is no error


def test_properties_come_from_proc(sleepers) -> None:
    (pid,) = sleepers(1)
    (process,) = run("Get-Process -Id $i", i=pid)[0]
    assert process.ProcessName == "sleep" and process.Path == os.path.realpath(SLEEP)
    assert process.CommandLine == f"{SLEEP} 30"
    assert process.Parent.Id == os.getpid()
    assert process.WS > 0 and process.VM >= process.WS and process.NPM == 0
    assert process.HasExited is False and str(process) == "System.Diagnostics.Process (sleep)"
    (text,) = run("Get-Process -Id $i | Out-String", i=pid)[0]
    lines = text.strip("\n").split("\n")
    assert lines[0] == " NPM(K)    PM(M)      WS(M)     CPU(s)      Id  SI ProcessName"
    assert lines[1] == " ------    -----      -----     ------      --  -- -----------"
    assert lines[2].endswith(
        f"{pid:>7} {str(process.SI)[:2] + '…' if len(str(process.SI)) > 3 else str(process.SI):>3} sleep"
    )


# -- Stop-Process / Wait-Process ------------------------------------------------------------------


def test_stop_process_by_id_name_and_object(sleepers) -> None:
    first, second, third = sleepers(3)
    output, ids = run("Stop-Process -Id $i -PassThru | ForEach-Object Id", i=first)
    assert (output, ids) == ([first], [])
    run("Get-Process -Id $i | Stop-Process", i=second)
    run("Stop-Process -Id $i -WhatIf", i=third)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not (_gone(first) and _gone(second)):
        time.sleep(0.02)
    assert _gone(first) and _gone(second) and not _gone(third)
    assert run("Stop-Process -Name nosuchprocessname")[1] == [
        "NoProcessFoundForGivenName,Microsoft.PowerShell.Commands.StopProcessCommand"
    ]


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def test_wait_process_all_any_and_timeout() -> None:
    # Wait-Process.Tests.ps1:27-72 (the processes Start-Process starts, so their exits are seen)
    output, ids = run(
        '$ps = 1..3 | ForEach-Object { Start-Process sleep -ArgumentList "0.$_" -PassThru }\n'
        "Wait-Process -InputObject $ps; $ps.Where({ $_.HasExited }).Count"
    )
    assert (output, ids) == ([3], [])
    output, ids = run(
        "$quick = Start-Process sleep -ArgumentList 0.1 -PassThru\n"
        "$slow = Start-Process sleep -ArgumentList 30 -PassThru\n"
        "$back = Wait-Process -InputObject $quick, $slow -Any -PassThru\n"
        "$back.Count; $quick.HasExited; $slow.HasExited\n"
        "Stop-Process -InputObject $slow"
    )
    assert (output, ids) == ([2, True, False], [])
    start = time.monotonic()
    output, ids = run(
        "$slow = Start-Process sleep -ArgumentList 30 -PassThru; Wait-Process -Id $slow.Id -Timeout 1; $slow.Kill()"
    )
    assert 0.9 < time.monotonic() - start < 10
    assert ids == ["ProcessNotTerminated,Microsoft.PowerShell.Commands.WaitProcessCommand"]
    assert run("Wait-Process -Id $me", me=os.getpid())[1] == [
        "WaitOnItself,Microsoft.PowerShell.Commands.WaitProcessCommand"
    ]


# -- Start-Process --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "argv"),
    [('-c 2 localhost', ["-c", "2", "localhost"]), ('"a b" c', ["a b", "c"]), (r'a\"b', ['a"b']),
     (r'"a\\" b', ["a\\", "b"]), ('""', [""]), ("", []), ('a""b', ["ab"]), (r"c:\dir\ x", ["c:\\dir\\", "x"])],
)  # fmt: skip
def test_arguments_are_split_as_dotnet_splits_them(text: str, argv: list[str]) -> None:
    assert split_arguments(text) == argv


def test_start_process_redirects_and_waits(tmp_path) -> None:
    # Start-Process.Tests.ps1:32-103 and 118-121
    output, ids = run(
        "$p = Start-Process sh -ArgumentList '-c', '\"echo out $0 $1; echo err >&2; exit 3\"', 'a b', c "
        "-PassThru -Wait -NoNewWindow -RedirectStandardOutput $o -RedirectStandardError $e\n"
        "$p.Length; $p.Id -gt 1; $p.HasExited; $p.ExitCode",
        o=str(tmp_path / "out"), e=str(tmp_path / "err"),
    )  # fmt: skip
    assert (output, ids) == ([1, True, True, 3], [])
    assert (tmp_path / "out").read_text() == "out a b\n"  # -c, the script, a, b, c: $0 is a, $1 is b
    assert (tmp_path / "err").read_text() == "err\n"
    (tmp_path / "in.txt").write_text("b\nc\na\n")
    run("Start-Process sort -Wait -RedirectStandardOutput $o -RedirectStandardInput $i",
        o=str(tmp_path / "sorted"), i=str(tmp_path / "in.txt"))  # fmt: skip
    assert (tmp_path / "sorted").read_text() == "a\nb\nc\n"


def test_working_directory_and_environment(tmp_path, monkeypatch) -> None:
    # Start-Process.Tests.ps1:67-73 and the Environment Tests
    monkeypatch.setenv("PSBRIDGE_EXISTING", "1")
    script = (
        "Start-Process sh -ArgumentList '-c', '\"pwd; echo $A,$PSBRIDGE_EXISTING; echo $PATH\"' -WorkingDirectory $d "
        "-Environment @{ A = 1; PSBRIDGE_EXISTING = $null; PATH = 'mine' } -Wait -RedirectStandardOutput $o"
    )
    run(script, d=str(tmp_path), o=str(tmp_path / "env.txt"))
    lines = (tmp_path / "env.txt").read_text().split("\n")
    assert lines[0] == str(tmp_path) and lines[1] == "1,"
    assert lines[2].endswith(os.pathsep + "mine") and len(lines[2]) > len("mine") + 1
    script = "Set-Location $d; Start-Process sh -ArgumentList '-c', 'pwd' -Wait -UseNewEnvironment -RSO o.txt"
    run(script, d=str(tmp_path))
    assert (tmp_path / "o.txt").read_text().strip() == str(tmp_path)


def test_what_if_and_errors(tmp_path) -> None:
    # Start-Process.Tests.ps1:105-112 and 137-145
    output, ids = run("Start-Process $s -ArgumentList 1 -Wait -RedirectStandardOutput $o -WhatIf -PassThru",
                      s=SLEEP, o=str(tmp_path / "w"))  # fmt: skip
    assert (output, ids) == ([], []) and not (tmp_path / "w").exists()
    start = "{},Microsoft.PowerShell.Commands.StartProcessCommand"
    assert run("Start-Process -Verb runas -FilePath sleep")[1] == [start.format("NotSupportedException")]
    assert run("Start-Process -FilePath sleep -WindowStyle Normal")[1] == [start.format("NotSupportedException")]
    assert run("Start-Process nosuchprogram")[1] == [start.format("InvalidOperationException")]
    assert run("Start-Process nosuchprogram -ArgumentList x")[1] == [
        start.format("System.ComponentModel.Win32Exception")
    ]
    assert run("Start-Process sleep -WorkingDirectory $d", d=str(tmp_path / "none"))[1] == [
        start.format("DirectoryNotFoundException")
    ]
    assert run("Start-Process sort -RedirectStandardInput $i", i=str(tmp_path / "none"))[1] == [
        start.format("FileNotFoundException")
    ]
    same = str(tmp_path / "same")
    assert run("Start-Process sleep -RedirectStandardOutput $s -RedirectStandardError $s", s=same)[1] == [
        start.format("InvalidOperationException")
    ]


def test_argument_list_null_empty_and_blank() -> None:
    # Start-Process.Tests.ps1:146-160
    for value in ("$null", "@()", "''"):
        output, ids = run(
            f"$p = Start-Process true -ArgumentList {value} -PassThru; $p.Length; $p.Id -gt 1; $p.WaitForExit(5000)"
        )
        assert (output, ids) == ([1, True, True], []), value


def test_kill_and_exit_code_of_a_signal() -> None:
    output, ids = run(
        "$p = Start-Process sleep -ArgumentList 30 -PassThru; $p.Kill(); $p.WaitForExit(5000); $p.ExitCode"
    )
    assert (output, ids) == ([True, 137], [])
    assert sys.platform.startswith("linux")
