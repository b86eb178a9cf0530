"""The command line's contract: ``psbridge -Command/-File/<text>``, --json, streams and exit codes.

Each test talks to its own emulator on loopback; the key and base reach the
command through the environment (subprocesses) or monkeypatched variables
(in-process runs through ``psbridge.cli.main``).
"""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from psbridge.cli import main as cli_main
from psbridge.emulator import Emulator, Lifecycle
from tests.conftest import REPO
from tests.helpers import psbridge_environment, run_psbridge

KEY = "sk-shell-test-0123456789abcdef"
WAIT_SCRIPT = (
    "$a = New-Assistant -Model gpt-4o\n"
    "$t = New-Thread\n"
    "Add-ThreadMessage -ThreadId $t.id -Message 'hello'\n"
    "$r = Start-ThreadRun -ThreadId $t.id -Assistant $a.id | Wait-ThreadRun\n"
    "$r.status\n"
)


@dataclass
class Outcome:
    code: int
    out: str
    err: str


@pytest.fixture
def emulator(monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    """Runs finish after a few immediate polls; the key must be sent exactly."""
    with Emulator(api_key=KEY, lifecycle=Lifecycle(mode="polls"), poll_after_ms=0, record_requests=True) as emu:
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        monkeypatch.setenv("OPENAI_API_BASE", emu.base_url)
        yield emu


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Outcome]:
    """``psbridge.cli.main(args)`` in-process, with standard input and captured output."""

    def run(*args: str, stdin: str = "") -> Outcome:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = cli_main(list(args))
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return run


def spawn(emulator: Emulator, *args: str, stdin: str | None = None) -> Outcome:
    """``python -m psbridge ...`` as a user runs it, pointed at the emulator by environment."""
    completed = run_psbridge(*args, stdin=stdin, OPENAI_API_KEY=KEY, OPENAI_API_BASE=emulator.base_url)
    return Outcome(completed.returncode, completed.stdout, completed.stderr)


def _names(emulator: Emulator) -> list[str]:
    return sorted(a["name"] for a in emulator.store.assistants.values())


# ------------------------------------------------------------------------------ running text


def test_command_text_runs_and_shows_a_list_view(emulator: Emulator, cli: Callable[..., Outcome]) -> None:
    result = cli("-Command", "New-Assistant -Model gpt-4o -Name helper")
    assert (result.code, result.err) == (0, "")
    (made,) = emulator.store.assistants.values()
    lines = result.out.splitlines()
    assert lines[0] == ""  # pwsh sets a view apart with a blank line
    entries = dict(line.split(" : ", 1) for line in lines[1:] if " : " in line)
    assert entries["id".ljust(len(lines[1].split(" : ")[0]))] == made["id"]
    assert [line.split()[0] for line in lines[1:3]] == ["id", "object"]  # the object's own order
    assert emulator.requests[0].credential_is(f"Bearer {KEY}")


def test_command_dash_reads_the_script_from_standard_input(emulator: Emulator, cli: Callable[..., Outcome]) -> None:
    result = cli("-Command", "-", stdin="$t = New-Thread\n$t.id\n'second line'\n")
    assert (result.code, result.err) == (0, "")
    (thread_id,) = emulator.store.threads
    assert result.out == f"{thread_id}\nsecond line\n"


def test_plain_text_is_a_command(emulator: Emulator, cli: Callable[..., Outcome]) -> None:
    result = cli("New-Assistant -Model gpt-4o -Name plain;", "'done'")  # words are joined like pwsh's
    assert result.code == 0
    assert result.out.rstrip().endswith("done")
    assert _names(emulator) == ["plain"]


def test_file_runs_a_script_with_its_arguments(emulator: Emulator, cli: Callable[..., Outcome], tmp_path: Path) -> None:
    script = tmp_path / "make.ps1"
    lines = [
        "$made = New-Assistant -Model gpt-4o -Name $args[0]",
        '"count=$($args.Count)"',
        "$args[1]",
        "$made.name",
    ]
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("-File", str(script), "from-file", "second arg")
    assert (result.code, result.err) == (0, "")
    assert result.out == "count=2\nsecond arg\nfrom-file\n"
    assert _names(emulator) == ["from-file"]


def test_file_binds_the_scripts_param_block(cli: Callable[..., Outcome], tmp_path: Path) -> None:
    script = tmp_path / "greet.ps1"
    script.write_text(
        "[CmdletBinding(DefaultParameterSetName = 'ByName')]\n"
        "param([Parameter(Mandatory, Position = 0, ParameterSetName = 'ByName')][string]$Name,\n"
        "      [Parameter(ParameterSetName = 'ById')][int]$Id, [int]$Times = 1, [switch]$Loud)\n"
        '"$($PSCmdlet.ParameterSetName) $Name$Id x$Times loud=$Loud'
        ' in $([System.IO.Path]::GetFileName($PSScriptRoot))"\n',
        encoding="utf-8",
    )
    result = cli("-File", str(script), "bob", "-Times", "3", "-Loud")
    assert (result.code, result.err, result.out) == (0, "", f"ByName bob0 x3 loud=True in {tmp_path.name}\n")
    result = cli("-File", str(script), "-Id", "7", "-Loud:$false")
    assert (result.code, result.out) == (0, f"ById 7 x1 loud=False in {tmp_path.name}\n")
    result = cli("-File", str(script), "-Times", "many")
    assert result.code == 1
    assert "ParameterArgumentTransformationError,greet.ps1" in result.err


def test_json_prints_one_array(emulator: Emulator, cli: Callable[..., Outcome]) -> None:
    result = cli("--json", "-Command", "New-Thread; New-Thread; 'text'")
    assert result.code == 0
    data = json.loads(result.out)
    assert isinstance(data, list) and len(data) == 3
    assert sorted(item["id"] for item in data[:2]) == sorted(emulator.store.threads)
    assert data[0]["created_at"].startswith("20")  # a date as ISO text
    assert data[2] == "text"
    assert json.loads(cli("--json", "-Command", "$null = New-Thread").out) == []


# ------------------------------------------------------------------------------ errors and exit codes


def test_binding_error_is_written_in_powershells_shape(emulator: Emulator, cli: Callable[..., Outcome]) -> None:
    result = cli("-Command", "New-Assistant -Model gpt-4o -UseCodeInterpreter $true")
    assert result.code == 1
    assert result.out == ""
    assert result.err.splitlines() == [
        "New-Assistant : A positional parameter cannot be found that accepts argument 'True'.",
        "At line:1 char:1",  # where in the script: PowerShell's InvocationInfo position
        "+ New-Assistant -Model gpt-4o -UseCodeInterpreter $true",
        "+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
        "    + CategoryInfo          : InvalidArgument: (:) [New-Assistant], ParameterBindingException",
        "    + FullyQualifiedErrorId : PositionalParameterNotFound,New-Assistant",
    ]
    assert emulator.requests == []  # binding happens before anything runs


def test_api_error_exits_1_after_the_output_that_came_first(emulator: Emulator, cli: Callable[..., Outcome]) -> None:
    result = cli("-Command", "'first'; Get-Thread -ThreadId thread_missing; 'after'")
    assert result.code == 1
    assert result.out == "first\nafter\n"  # a non-terminating error: the script goes on
    lines = result.err.splitlines()
    assert lines[0].startswith("Get-Thread : ") and "404" in lines[0] and "thread_missing" in lines[0]
    # a cmdlet's non-terminating error carries its invocation's position (the command, not the line)
    assert lines[1:4] == [
        "At line:1 char:10",
        "+ 'first'; Get-Thread -ThreadId thread_missing; 'after'",
        "+          " + "~" * len("Get-Thread -ThreadId thread_missing"),
    ]
    assert lines[4].startswith("    + CategoryInfo          : ")
    assert lines[5] == "    + FullyQualifiedErrorId : PSOpenAI.APIRequest.NotFoundException,Get-Thread"
    assert KEY not in result.err


def test_command_not_found_prints_as_normal_view_does(cli: Callable[..., Outcome]) -> None:
    # PowerShellCore_format_ps1xml.cs (ErrorInstance): no CommandInfo, so the prefix is the
    # InvocationName; DiscoveryExceptions.resx CommandNotFoundException has its line break.
    result = cli("-Command", "'x' | Out-Null\nConnect-RealtimeSession -Model m")
    assert result.code == 1
    assert result.err.splitlines() == [
        "Connect-RealtimeSession : The term 'Connect-RealtimeSession' is not recognized as a name of a cmdlet,"
        " function, script file, or executable program.",
        "Check the spelling of the name, or if a path was included, verify that the path is correct and try again.",
        "At line:2 char:1",
        "+ Connect-RealtimeSession -Model m",
        "+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
        "    + CategoryInfo          : ObjectNotFound: (Connect-RealtimeSession:String) [], CommandNotFoundException",
        "    + FullyQualifiedErrorId : CommandNotFoundException",
    ]
    script = "try { nope -x 1 } catch { $_.InvocationInfo.InvocationName; $null -eq $_.InvocationInfo.MyCommand }"
    caught = cli("-Command", script)
    assert caught.out == "nope\nTrue\n"


def test_missing_mandatory_parameter_points_at_the_command(emulator: Emulator, cli: Callable[..., Outcome]) -> None:
    result = cli("-Command", "$thread = Get-Thread")
    assert result.code == 1
    assert result.err.splitlines()[1:4] == ["At line:1 char:11", "+ $thread = Get-Thread", "+           ~~~~~~~~~~"]
    assert emulator.requests == []


def test_parse_error_names_line_and_column_and_runs_nothing(emulator: Emulator, cli: Callable[..., Outcome]) -> None:
    result = cli("-Command", "New-Thread\n$y = (2")
    assert result.code == 1
    lines = result.err.splitlines()
    assert lines[0] == "At line:2 char:8"
    assert "Missing closing ')' in expression." in lines
    assert lines[-1] == "    + FullyQualifiedErrorId : MissingEndParenthesisInExpression"
    assert emulator.requests == []  # the whole script is parsed before any of it runs


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-File", "no-such-script.ps1"], "does not exist"),
        (["-Bogus", "x"], "unknown option -Bogus"),
        (["-Command"], "-Command needs text"),
        (["-File"], "-File needs a script path"),
        ([], "usage: psbridge"),
    ],
)
def test_usage_errors_exit_2(cli: Callable[..., Outcome], args: list[str], message: str) -> None:
    result = cli(*args)
    assert result.code == 2
    assert message in result.err
    assert result.out == ""


def test_help_is_not_an_error(cli: Callable[..., Outcome]) -> None:
    result = cli("--help")
    assert result.code == 0 and result.out.startswith("usage: psbridge")


# ------------------------------------------------------------------------------ other streams


def test_warnings_have_powershells_prefix(emulator: Emulator, cli: Callable[..., Outcome]) -> None:
    script = (
        "$a = New-Assistant -Model gpt-4o\n"
        "$t = New-Thread\n"
        "Add-ThreadMessage -ThreadId $t.id -Message '[requires_action] call a tool'\n"
        "$null = Start-ThreadRun -ThreadId $t.id -Assistant $a.id | Receive-ThreadRun -Wait\n"
    )
    result = cli("-Command", script)
    assert result.code == 0, result.err
    (run_id,) = emulator.store.runs
    assert result.err == f'WARNING: The run with id "{run_id}" requires action; its thread is returned.\n'


def test_verbose_lines_have_their_prefix_and_never_the_key(emulator: Emulator, cli: Callable[..., Outcome]) -> None:
    result = cli("-Command", "$null = Get-Assistant -Verbose")
    assert result.code == 0
    lines = result.err.splitlines()
    assert lines and all(line.startswith("VERBOSE: ") for line in lines)
    assert any("GET" in line and "/assistants" in line for line in lines)
    assert KEY not in result.err


def test_no_progress_escapes_when_stderr_is_not_a_terminal(emulator: Emulator, cli: Callable[..., Outcome]) -> None:
    result = cli("-Command", WAIT_SCRIPT)
    assert (result.code, result.out, result.err) == (0, "completed\n", "")


def test_progress_line_is_drawn_and_cleared_on_a_terminal(emulator: Emulator) -> None:
    """stderr on a pty: the wait shows a status line rewritten in place, gone when the wait ends."""
    master, slave = pty.openpty()
    environment = psbridge_environment(OPENAI_API_KEY=KEY, OPENAI_API_BASE=emulator.base_url)
    with subprocess.Popen(
        [sys.executable, "-m", "psbridge", "-Command", WAIT_SCRIPT],
        stdout=subprocess.PIPE,
        stderr=slave,
        cwd=REPO,
        env=environment,
    ) as process:
        os.close(slave)
        terminal = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the child closed its end
                break
            if not chunk:
                break
            terminal += chunk
        out = process.stdout.read() if process.stdout else b""
        code = process.wait(timeout=60)
    os.close(master)
    assert code == 0
    assert out == b"completed\n"
    erase = b"\r\x1b[2K"
    assert erase + b'Waiting for completes... The status of run with id "run_' in terminal
    assert b'is "queued"' in terminal
    assert terminal.endswith(erase)  # the last write clears the line
    assert b"\n" not in terminal  # nothing else went to the terminal


# ------------------------------------------------------------------------------ as users run it


def test_subprocess_command_file_and_stdin(emulator: Emulator, tmp_path: Path) -> None:
    command = spawn(emulator, "-Command", "New-Assistant -Model gpt-4o -Name sub")
    assert (command.code, command.err) == (0, "")
    assert "name" in command.out and "sub" in command.out

    script = tmp_path / "args.ps1"
    script.write_text('"got $($args[0])"\n$args.Count\n', encoding="utf-8")
    file_run = spawn(emulator, "-File", str(script), "arg1")
    assert (file_run.code, file_run.out, file_run.err) == (0, "got arg1\n1\n", "")

    piped = spawn(emulator, "-Command", "-", stdin="(New-Thread).object\n")
    assert (piped.code, piped.out) == (0, "thread\n")

    plain = spawn(emulator, "--json", "Get-Assistant")
    assert plain.code == 0
    assert [item["name"] for item in json.loads(plain.out)] == ["sub"]


def test_subprocess_exit_codes_and_error_shape(emulator: Emulator) -> None:
    failed = spawn(emulator, "-Command", "Get-ThreadRun -ThreadId thread_missing -RunId run_missing")
    assert failed.code == 1
    assert failed.err.splitlines()[-1] == (
        "    + FullyQualifiedErrorId : PSOpenAI.APIRequest.NotFoundException,Get-ThreadRun"
    )
    assert failed.err.startswith("Get-ThreadRun : ")  # no stray log lines ahead of the record

    usage = spawn(emulator, "-File", "missing.ps1")
    assert usage.code == 2 and "does not exist" in usage.err

    waited = spawn(emulator, "-Command", WAIT_SCRIPT)
    assert (waited.code, waited.out) == (0, "completed\n")
    assert "\x1b" not in waited.err and waited.err == ""


def test_pwsh_wrapper_options_are_accepted_and_option_words_in_the_text_are_kept() -> None:
    from psbridge.cli.shell import main as shell_main

    out, err = io.StringIO(), io.StringIO()
    status = shell_main(
        ["-NoProfile", "-ExecutionPolicy", "Bypass", "-Command", '"a --json -nop b"'], stdout=out, stderr=err
    )
    assert status == 0 and out.getvalue() == "a --json -nop b\n" and err.getvalue() == ""
