"""Measure-Command and Read-Host, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Utility/Measure-Command.Tests.ps1, Read-Host.Tests.ps1)
and MeasureCommandCommand / ReadHostCommand's behaviour, run as scripts through the evaluator with a
console host on in-memory streams, and through the command line with answers piped to its stdin."""

from __future__ import annotations

import datetime as dt
import io

import pytest

import psbridge
from psbridge.language.engine.run import run_text
from psbridge.objects import SecureString
from psbridge.runtime import Runspace
from psbridge.runtime.host import ConsoleHost
from tests.helpers import run_psbridge


class Console:
    """A runspace whose host reads ``stdin`` and writes to a string."""

    def __init__(self, stdin: str = "") -> None:
        self.runspace = Runspace()
        self.output = io.StringIO()
        self.runspace.host = ConsoleHost(self.output, io.StringIO(stdin))

    def run(self, text: str) -> list:
        return run_text(self.runspace, text)

    @property
    def error_ids(self) -> list[str]:
        return [record.fully_qualified_error_id for record in self.runspace.streams.error]


# -- Measure-Command.Tests.ps1 --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "block"),
    [(8, "{ Get-Date }"), (15, "{ Write-Output hi }"), (24, "{ $pesterscript }")],
)
def test_measure_command_returns_one_timespan(line, block) -> None:
    # Measure-Command.Tests.ps1:<line>: ... | Should -BeOfType timespan
    out = Console().run(f"$pesterscript = 'x.ps1'; Measure-Command {block}")
    assert len(out) == 1 and isinstance(out[0], dt.timedelta)
    assert dt.timedelta(0) <= out[0] < dt.timedelta(seconds=5)


def test_measure_command_times_the_block() -> None:
    (span,) = Console().run("Measure-Command { Start-Sleep -Milliseconds 120 }")
    assert dt.timedelta(milliseconds=110) <= span < dt.timedelta(seconds=3)
    # the type pwsh reports, and its members
    assert Console().run("(Measure-Command { 1 }).GetType().FullName") == ["System.TimeSpan"]
    assert Console().run("(Measure-Command { 1 }).TotalMilliseconds -ge 0") == [True]


def test_measure_command_runs_in_the_callers_scope_and_discards_output() -> None:
    # MeasureCommandCommand: InvokeWithPipe(useLocalScope: false, outputPipe: a null pipe)
    console = Console()
    out = console.run("$x = 1; $t = Measure-Command { $x = 5; 'dropped'; Write-Output also }; $x; $t.GetType().Name")
    assert out == [5, "TimeSpan"]


def test_measure_command_runs_once_per_input_object_with_underbar() -> None:
    console = Console()
    out = console.run("$seen = @(); $t = 1, 2, 3 | Measure-Command { $seen += $_ * 10; $_ }; $seen; $t.Ticks -ge 0")
    assert out == [10, 20, 30, True]
    # without input the block runs once, $_ unset
    assert console.run("$n = 0; $null = Measure-Command { $n++; $null -eq $_ }; $n") == [1]


def test_measure_command_errors_reach_the_error_stream_and_host_text_the_host() -> None:
    console = Console()
    out = console.run("$t = Measure-Command { Write-Error boom; Write-Host shown }; $t -is [timespan]")
    assert out == [True]
    assert console.error_ids == ["Microsoft.PowerShell.Commands.WriteErrorException"]
    assert console.output.getvalue() == "shown\n"


def test_measure_command_needs_a_script_block() -> None:
    console = Console()
    console.run("Measure-Command")
    assert console.error_ids == ["MissingMandatoryParameter,Microsoft.PowerShell.Commands.MeasureCommandCommand"]


def test_measure_command_prints_as_pwsh_prints_a_timespan() -> None:
    result = run_psbridge("-Command", "Measure-Command { 1 }")
    assert result.returncode == 0, result.stderr
    labels = [line.split(":")[0].strip() for line in result.stdout.strip().splitlines()]
    assert labels == [
        "Days", "Hours", "Minutes", "Seconds", "Milliseconds", "Ticks",
        "TotalDays", "TotalHours", "TotalMinutes", "TotalSeconds", "TotalMilliseconds",
    ]  # fmt: skip


# -- Read-Host.Tests.ps1 --------------------------------------------------------------------------


def test_read_host_returns_the_line() -> None:
    # Read-Host.Tests.ps1:24-27
    console = Console("this is a line\nnext\n")
    assert console.run("Read-Host") == ["this is a line"]
    assert console.run("Read-Host") == ["next"]


def test_read_host_prompt() -> None:
    # Read-Host.Tests.ps1:29-35: the prompt ends in "myprompt"; the answer is the line.
    console = Console("this is a prompt response\n")
    assert console.run("Read-Host -prompt myprompt") == ["this is a prompt response"]
    shown = console.output.getvalue()
    assert shown.startswith("myprompt: ")
    assert shown.split(":")[0] == "myprompt"


def test_read_host_as_secure_string() -> None:
    # Read-Host.Tests.ps1:37-41
    console = Console("TEST\n")
    (result,) = console.run("$r = Read-Host -AsSecureString; $r")
    assert isinstance(result, SecureString)
    assert console.run("$r | ConvertFrom-SecureString -AsPlainText") == ["TEST"]
    assert "TEST" not in console.output.getvalue()  # never echoed


def test_read_host_mask_input() -> None:
    # Read-Host.Tests.ps1:43-54
    console = Console("TEST\nthis is a prompt response\n")
    assert console.run("Read-Host -MaskInput") == ["TEST"]
    assert console.run("Read-Host -MaskInput -Prompt Test") == ["this is a prompt response"]
    shown = console.output.getvalue()
    assert "Test: " in shown and "TEST" not in shown and "response" not in shown


def test_read_host_secure_and_mask_together_is_ambiguous() -> None:
    # Read-Host.Tests.ps1:56-60
    console = Console("x\n")
    console.run("Read-Host -MaskInput -AsSecureString")
    assert console.error_ids == ["AmbiguousParameterSet,Microsoft.PowerShell.Commands.ReadHostCommand"]


def test_read_host_from_piped_stdin_echoes_and_does_not_enter_command_mode() -> None:
    # Read-Host.Tests.ps1:62-72: "!1" | pwsh -c "Read-host -Prompt 'foo'" gives 'foo: !1', '!1'
    result = run_psbridge("-Command", "Read-host -Prompt 'foo'", stdin="!1\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["foo: !1", "!1"]


def test_cli_script_reads_answers_from_piped_stdin() -> None:
    script = (
        "$name = Read-Host 'Your' name; $secret = Read-Host -AsSecureString -Prompt Password; "
        '"Hello $name"; $secret.Length; ($secret | ConvertFrom-SecureString -AsPlainText).ToUpper()'
    )
    result = run_psbridge("-Command", script, stdin="Ada\nhunter2\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["Your name: Ada", "Password: ", "Hello Ada", "7", "HUNTER2"]
    assert "hunter2" not in result.stdout


def test_end_of_input_without_prompt_is_null_with_prompt_nothing() -> None:
    # ConsoleHostUserInterface.ReadLine returns null at the end of redirected input; Prompt()
    # counts that as cancelled: it ends the line and returns no answer.
    console = Console("")
    assert console.run("$a = Read-Host; $null -eq $a; @(Read-Host).Count") == [True, 1]
    assert console.run("@(Read-Host -Prompt q).Count") == [0]
    assert console.output.getvalue() == "q: \n"
    result = run_psbridge("-Command", "$a = Read-Host -Prompt 'name'; \"[$a]\"", stdin="")
    assert (result.returncode, result.stdout) == (0, "name: \n[]\n")


def test_read_host_prompt_words_join_with_spaces_and_last_line_without_newline() -> None:
    console = Console("partial")
    assert console.run("Read-Host Enter your '' name") == ["partial"]
    assert console.output.getvalue() == "Enter your name: partial"


def test_backspace_in_redirected_input_removes_a_character() -> None:
    # ReadLineFromFile: '\b' removes the character before it
    assert Console("abx\bc\n").run("Read-Host") == ["abc"]


def test_python_api_host_without_ui_gives_powershells_error_instead_of_waiting() -> None:
    # InternalHostUserInterface without an external UI: HostException, HostFunctionNotImplemented
    with pytest.raises(psbridge.PSError) as caught:
        psbridge.run("Read-Host")
    record = caught.value.error_record
    assert record.fully_qualified_error_id == "HostFunctionNotImplemented,Microsoft.PowerShell.Commands.ReadHostCommand"
    assert record.category == "NotImplemented"
    assert str(caught.value).startswith("A command that prompts the user failed because the host program")
    with pytest.raises(psbridge.PSError) as prompted:
        psbridge.invoke("Read-Host", Prompt="Name", AsSecureString=True)
    assert str(prompted.value).endswith("The host was attempting to request confirmation with the following message: ")
    ps = psbridge.PowerShell()
    ps.add_script("try { Read-Host } catch { $_.FullyQualifiedErrorId }")
    assert ps.invoke() == ["HostFunctionNotImplemented,Microsoft.PowerShell.Commands.ReadHostCommand"]


def test_on_a_terminal_secret_input_shows_stars_and_backspace_takes_one_back() -> None:
    # ConsoleHostUserInterface.ReadLineSafe on Unix: no echo, '*' per character, backspace erases one
    import os
    import select
    import subprocess
    import sys
    import time

    from tests.conftest import REPO
    from tests.helpers import psbridge_environment

    master, slave = os.openpty()
    script = (
        "$s = Read-Host -AsSecureString -Prompt pw; 'got ' + ($s | ConvertFrom-SecureString -AsPlainText); "
        "$n = Read-Host name; 'name ' + $n"
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "psbridge", "-Command", script],
        stdin=slave, stdout=slave, stderr=slave, cwd=REPO, env=psbridge_environment(), close_fds=True,
    )  # fmt: skip
    os.close(slave)
    seen = b""

    def read_until(token: bytes) -> None:
        nonlocal seen
        deadline = time.monotonic() + 30
        while token not in seen and time.monotonic() < deadline:
            if select.select([master], [], [], 0.2)[0]:
                try:
                    seen += os.read(master, 1024)
                except OSError:
                    return

    try:
        read_until(b"pw: ")
        os.write(master, b"ab\x7fcd\r")
        read_until(b"name: ")
        os.write(master, b"Zed\r")
        read_until(b"name Zed")
        assert process.wait(30) == 0
    finally:
        process.kill()
        os.close(master)
    assert seen == b"pw: **\x08 \x08**\r\ngot acd\r\nname: Zed\r\nname Zed\r\n"


def test_an_empty_prompt_is_an_argument_error() -> None:
    # ReadHostCommand builds a FieldDescription named by the prompt; an empty name is refused
    console = Console("never read\n")
    out = console.run("try { Read-Host -Prompt '' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }")
    assert out == ["Argument,Microsoft.PowerShell.Commands.ReadHostCommand", "name cannot be null or empty."]
    assert console.run("Read-Host") == ["never read"]
