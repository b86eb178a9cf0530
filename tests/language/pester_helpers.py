"""Assertions translated from PowerShell's own Pester tests (test/powershell/Language/ in the
PowerShell/PowerShell repository): each case names the file:line it restates, the script it
runs (our own restatement of the assertion) and the output PowerShell 7 gives."""

from __future__ import annotations

from typing import Any

from psbridge.language.engine.run import run_text
from psbridge.runtime import Runspace

#: (source "Area/File.Tests.ps1:LINE", script, the output objects in order)
Case = tuple[str, str, list[Any]]


def run_case(script: str) -> list[Any]:
    """The script's output in a fresh session."""
    return run_text(Runspace(), script)


def case_ids(cases: list[Case]) -> list[str]:
    return [source for source, _script, _expected in cases]
