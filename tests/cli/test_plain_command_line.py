"""A plain ``-Command`` line (a cmdlet name and ``-Name``/word arguments) runs without the parser
and compiler (issue 19: the command line's start-up), and must do exactly what the full path does:
the same output, the same error records with the same ``At line:1 char:1`` positions, the same
exit status."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import psbridge.language.engine.plain as plain
from psbridge.cli import shell
from psbridge.emulator import Emulator
from psbridge.language.plain_command import plain_command
from psbridge.runtime import Runspace
from tests.helpers import psbridge_environment

KEY = "sk-plain-line-0123456789abcdef"


_REAL = plain.run_plain_text


@pytest.fixture
def thread_id(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A thread on a fresh emulator, whose key and base the command lines find in the environment."""
    with Emulator(api_key=KEY) as emulator:
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        monkeypatch.setenv("OPENAI_API_BASE", emulator.base_url)
        code, out, _err, _used = _run("New-Thread | ForEach-Object id", fast=False, monkeypatch=monkeypatch)
        assert code == 0
        yield out.strip()


def _run(text: str, *, fast: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str, bool]:
    """Exit status, stdout, stderr, and whether the plain path ran the line (``fast=False``: the
    plain path declines everything, so the line is parsed and compiled)."""
    used: list[bool] = []

    def recording(runspace: Runspace, line: str, output: Callable[[Any], None]) -> bool:
        if not fast:
            return False
        try:
            ran = _REAL(runspace, line, output)
        except BaseException:
            used.append(True)  # it ran, and the error ended the script (-ErrorAction Stop)
            raise
        used.append(ran)
        return ran

    out, err = io.StringIO(), io.StringIO()
    with monkeypatch.context() as patch:
        patch.setattr(plain, "run_plain_text", recording)
        runspace = Runspace()
        try:
            code = shell.run_text(text, runspace, as_json=False, stdout=out, stderr=err)
        finally:
            runspace.close()
    return code, out.getvalue(), err.getvalue(), any(used)


LINES = [
    "Get-Thread -ThreadId {tid}",
    "Get-Thread {tid}",
    "Get-Thread -ThreadId nope",  # a non-terminating error, at the command's position
    "Get-Thread -ThreadId nope -ErrorAction Stop",  # terminating after the request: the statement's position
    "Get-Thread -ThreadId nope -ErrorAction SilentlyContinue",
    "Get-Thread -Foo x",  # binding errors
    "Get-Thread",
    "Get-Thread -ThreadId",
    "Get-Thread nope extra",
    "Get-Thread -ThreadId {tid} -ErrorAction Stop -Foo",
    "Get-Threadx -ThreadId x",  # no such command: the full path reports it
    "gci -Path no-such-folder-here",  # an alias
    "echo hi 7 2.5 007",
    "Write-Output -InputObject 007",
    "Write-Error boom",
    "Write-Error boom -ErrorAction Stop",
    "Get-Variable -Name PSEdition",  # the language session's automatic variables are there
    "Get-Date -Year 2020 -Month 13",
]


@pytest.mark.parametrize("line", LINES)
def test_a_plain_line_does_what_the_parsed_line_does(
    line: str, thread_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = line.format(tid=thread_id)
    fast = _run(text, fast=True, monkeypatch=monkeypatch)
    full = _run(text, fast=False, monkeypatch=monkeypatch)
    assert fast[:3] == full[:3]
    assert not full[3]
    # Every line here is plain; all but the unknown command run on the plain path.
    assert plain_command(text) is not None
    assert fast[3] == (not text.startswith("Get-Threadx"))


def test_errors_on_the_plain_path_carry_the_statement_position(thread_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err, used = _run("Get-Thread -ThreadId nope -ErrorAction Stop", fast=True, monkeypatch=monkeypatch)
    assert used and code == 1 and out == ""
    assert err.splitlines()[1:4] == [
        "At line:1 char:1",
        "+ Get-Thread -ThreadId nope -ErrorAction Stop",
        "+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
    ]


def test_lines_that_are_not_plain_take_the_parser() -> None:
    for text in ("Get-Thread -ThreadId 'x'", "Get-Thread -ThreadId:x", "$x = 1", "Get-Thread  -ThreadId x", "exit"):
        runspace = Runspace()
        try:
            assert not plain.run_plain_text(runspace, text, lambda _item: None)
        finally:
            runspace.close()


def test_a_plain_command_line_loads_no_parser_or_compiler(thread_id: str) -> None:
    code = (
        "import sys\n"
        "from psbridge.cli import main\n"
        f"status = main(['-Command', 'Get-Thread -ThreadId {thread_id}'])\n"
        "names = ('psbridge.language.parser', 'psbridge.language.compiler', 'psbridge.language.tokenizer',"
        " 'psbridge.language.engine.scriptblock', 'dataclasses')\n"
        "loaded = [name for name in names if name in sys.modules]\n"
        "print(status, loaded, file=sys.stderr)\n"
    )
    environment = {**psbridge_environment(), "OPENAI_API_KEY": KEY, "OPENAI_API_BASE": os.environ["OPENAI_API_BASE"]}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, timeout=60)
    assert thread_id in done.stdout
    last = done.stderr.strip().splitlines()[-1]
    # dataclasses: h11 (behind httpx) imports it; psbridge's own modules no longer do.
    assert last in ("0 []", "0 ['dataclasses']"), done.stderr
