"""PowerShell 7's built-in aliases as pwsh defines them on Linux (InitialSessionState.cs BuiltInAliases)."""

from __future__ import annotations

import shutil

import pytest

import psbridge
from psbridge.cmdlets.core.builtin_aliases import ALIASES


def _assert_not_found(script: str, named: str) -> None:
    with pytest.raises(psbridge.PipelineError) as caught:
        psbridge.run(script)
    record = caught.value.errors[0]
    assert record.fully_qualified_error_id == "CommandNotFoundException"
    assert str(record.exception).startswith(f"The term '{named}' is not recognized")


def test_the_pipeline_aliases_run_their_cmdlets() -> None:
    assert psbridge.run("1..6 | ? { $_ % 2 } | % { $_ * 10 } | select -First 2") == [10, 30]
    assert psbridge.run("echo a b") == ["a", "b"]
    assert psbridge.run("ipmo PSOpenAI -PassThru | foreach { $_.Name }") == ["PSOpenAI"]


@pytest.mark.parametrize("name", ["ls", "cat", "sort", "rm", "cp", "mv", "sleep", "tee", "kill", "ps", "diff"])
def test_names_of_unix_programs_are_no_aliases_on_linux(name: str) -> None:
    # pwsh leaves these out on Unix (#if !UNIX) so the system's own programs run: the name finds
    # the program on PATH (an Application), or nothing on a machine without it.
    assert name not in ALIASES
    program = shutil.which(name)
    if program is None:
        _assert_not_found(name, name)
    else:
        assert psbridge.run(f"$c = Get-Command {name}; $c.CommandType; $c.Source") == ["Application", program]


def test_an_alias_to_a_command_psbridge_lacks_names_that_command() -> None:
    assert ALIASES["gbp"] == "Get-PSBreakpoint"
    _assert_not_found("gbp", "Get-PSBreakpoint")
    assert psbridge.run("(gps -Id $PID).Id") == psbridge.run("$PID")  # gps runs Get-Process, which psbridge has


def test_aliases_are_case_insensitive() -> None:
    assert psbridge.run("ECHO x | SELECT -first 1") == ["x"]
