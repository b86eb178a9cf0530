"""Programs run as commands: found on $env:PATH after aliases, functions and cmdlets, arguments
passed as text, output lines as strings, standard error, exit codes, input from the pipeline.

Cases cite PowerShell's Pester tests under test/powershell/Language/Scripting/NativeExecution/
("NS" NativeStreams.Tests.ps1, "NCP" NativeCommandProcessor.Tests.ps1) or its source
(NativeCommandProcessor.cs, NativeCommandParameterBinder.cs, MshCommandRuntime.cs).
"""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from psbridge.language.engine.run import run_text
from psbridge.runtime import Runspace
from psbridge.runtime.host import ConsoleHost

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX programs (sh, printf, cat)")


def _run(script: str, runspace: Runspace | None = None) -> list[object]:
    return run_text(runspace or Runspace(), script)


def _console() -> Runspace:
    runspace = Runspace()
    runspace.host = ConsoleHost(io.StringIO(), io.StringIO())
    return runspace


def test_output_lines_are_strings_and_exit_code_is_lastexitcode() -> None:
    assert _run("$o = sh -c 'echo one; echo two'; $o.Count; $o[1].GetType().Name; $LASTEXITCODE") == [2, "String", 0]
    assert _run("sh -c 'exit 3'; $LASTEXITCODE") == [3]


def test_a_nonzero_exit_makes_dollar_question_false_without_an_error() -> None:
    # NativeCommandProcessor.Complete: ExecutionFailed, no record unless $PSNativeCommandUseErrorActionPreference
    runspace = Runspace()
    assert _run("sh -c 'exit 1'; $?; sh -c 'exit 0'; $?; $Error.Count", runspace) == [False, True, 0]
    assert _run("sh -c 'exit 4' && 'and'; sh -c 'exit 4' || 'or'", runspace) == ["or"]


def test_arguments_are_passed_as_text() -> None:
    # NativeCommandParameterBinder: -flags as typed, -name:value as one, arrays spread, $null dropped,
    # numbers as written, an empty string kept (Standard argument passing)
    out = _run("$a = @(1, 'two words'); printf '<%s>' -n -foo:bar 1.50 0x10 $a $null '' @('x','y'); ''")
    assert out == ["<-n><-foo:bar><1.50><0x10><1><two words><><x><y>", ""]


def test_splatting_an_array_passes_each_element() -> None:
    assert _run("$argv = @('-c', 'printf \"%s|\" \"$@\"', 'zero', 'a b', 'c'); sh @argv; ''") == ["a b|c|", ""]


def test_pipeline_input_is_the_programs_standard_input() -> None:
    assert _run("'b', 'a', 'c' | sort") == ["a", "b", "c"]
    assert _run("1..20000 | cat | Measure-Object | ForEach-Object Count") == [20000]


def test_objects_are_sent_as_the_formatter_shows_them() -> None:
    out = _run("[pscustomobject]@{ Name = 'x'; Size = 1 }, [pscustomobject]@{ Name = 'y'; Size = 2 } | cat")
    assert [line.rstrip() for line in out if line.strip()] == ["Name Size", "---- ----", "x       1", "y       2"]


def test_standard_error_is_not_recorded_when_not_redirected(capfd) -> None:
    # NS:12-23: stderr lines never reach $Error
    runspace = Runspace()
    assert _run("sh -c 'echo out; echo err >&2'; $Error.Count; $?", runspace) == ["out", 0, True]
    assert "err" in capfd.readouterr().err


def test_redirected_standard_error_becomes_error_records() -> None:
    # NS:25-36: NativeCommandError for the first line, NativeCommandErrorMessage after; not in $Error
    out = _run(
        "$r = sh -c 'echo out; echo e1 >&2; echo e2 >&2' 2>&1; $r.Count; $r[1].GetType().FullName; "
        "$r[1].FullyQualifiedErrorId; $r[2].FullyQualifiedErrorId; $r[1].Exception.Message; "
        "$r[1].Exception.GetType().Name; $r[1].TargetObject; $Error.Count; ($r | Out-String).Trim()"
    )
    assert out == [3, "System.Management.Automation.ErrorRecord", "NativeCommandError", "NativeCommandErrorMessage",
                   "e1", "RemoteException", "e1", 0, "out\ne1\ne2"]  # fmt: skip


def test_standard_error_to_null_and_to_a_file(tmp_path: Path, capfd) -> None:
    target = tmp_path / "err.txt"
    assert _run(f"sh -c 'echo gone >&2' 2>$null; sh -c 'echo kept >&2' 2> '{target}'; 'done'") == ["done"]
    assert "gone" not in capfd.readouterr().err
    assert target.read_text().strip() == "kept"


def test_native_error_action_preference_makes_the_exit_code_an_error() -> None:
    # NativeCommandProcessor.Complete: ProgramExitedWithNonZeroCode under $ErrorActionPreference
    out = _run(
        "$PSNativeCommandUseErrorActionPreference = $true; $ErrorActionPreference = 'Stop'; "
        "try { sh -c 'exit 2'; 'not here' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message; "
        "$_.Exception.GetType().Name; $_.TargetObject -like '*sh' }"
    )
    assert out == ["ProgramExitedWithNonZeroCode,sh", 'Program "sh" ended with non-zero exit code: 2 (0x02).',
                   "NativeCommandExitException", True]  # fmt: skip


def test_common_parameters_go_to_the_program() -> None:
    # a native command has no parameters: -ErrorAction is one more argument
    assert _run("printf '<%s>' -ErrorAction Stop; ''") == ["<-ErrorAction><Stop>", ""]


def test_a_pipeline_that_stops_early_ends_the_program() -> None:
    started = time.monotonic()
    assert _run("yes | Select-Object -First 2") == ["y", "y"]
    assert time.monotonic() - started < 10


def test_resolution_order_functions_and_aliases_first() -> None:
    assert _run("function printf { 'the function' }; printf x") == ["the function"]
    assert _run("Set-Alias sort Sort-Object; 3, 1 | sort") == [1, 3]
    assert _run("(Get-Command sh).CommandType; (Get-Command sh).Name") == ["Application", "sh"]


def test_a_path_to_an_executable_runs_it_and_a_plain_file_does_not(tmp_path: Path) -> None:
    script = tmp_path / "hello"
    script.write_text("#!/bin/sh\necho hello \"$1\"\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    plain = tmp_path / "data"
    plain.write_text("x")
    runspace = Runspace()
    assert _run(f"Set-Location '{tmp_path}'; ./hello you; & '{script}' me", runspace) == ["hello you", "hello me"]
    _run("./data", runspace)
    assert [r.fully_qualified_error_id for r in runspace.streams.error] == ["CommandNotFoundException"]


def test_a_program_that_cannot_start_is_native_command_failed(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.write_bytes(b"\x00\x01not a program")
    broken.chmod(broken.stat().st_mode | stat.S_IXUSR)
    runspace = Runspace()
    _run(f"& '{broken}'", runspace)
    assert [r.fully_qualified_error_id for r in runspace.streams.error] == ["NativeCommandFailed"]


def test_programs_run_in_the_sessions_location(tmp_path: Path) -> None:
    # (`pwd` itself is Get-Location's alias)
    assert _run(f"Set-Location '{tmp_path}'; sh -c pwd") == [str(tmp_path)]


def test_without_a_host_a_program_reads_no_input() -> None:
    # the Python API has no console: `cat` must end at once rather than wait on the host's stdin
    assert _run("cat; $LASTEXITCODE") == [0]


def test_the_command_lines_exit_status_follows_the_last_program() -> None:
    # about_Pwsh: -Command exits 1 when the last statement's $? is false; `exit $LASTEXITCODE` keeps it
    def status(command: str) -> int:
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        return subprocess.run([sys.executable, "-m", "psbridge", "-Command", command], env=environment,
                              capture_output=True, stdin=subprocess.DEVNULL).returncode  # fmt: skip

    assert status("sh -c 'exit 7'") == 1
    assert status("sh -c 'exit 7'; exit $LASTEXITCODE") == 7
    assert status("sh -c 'exit 7'; 'later'") == 0


def test_a_console_host_program_output_streams_through_the_pipeline() -> None:
    runspace = _console()
    assert _run("sh -c 'echo a; sleep 0.1; echo b' | ForEach-Object { \"<$_>\" }", runspace) == ["<a>", "<b>"]


def test_a_session_can_refuse_programs() -> None:
    # what specs check and the guide runners use: an example's `curl` is not run
    runspace = Runspace()
    runspace.native_commands = False
    assert _run("sh -c 'echo ran'; Get-Command sh -ErrorAction SilentlyContinue; $Error.Count", runspace) == [2]
    assert [r.fully_qualified_error_id for r in runspace.streams.error] == ["CommandNotFoundException"]
