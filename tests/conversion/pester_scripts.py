"""Helpers for the tests that restate PowerShell's Pester assertions as scripts run by psbridge.

Each test names ``File.Tests.ps1:line`` under ``test/powershell/Language/`` of the
PowerShell repository; the assertion is rewritten in Python (``Should -Be`` becomes
``==``), the script under test is PowerShell run by the evaluator.
"""

from __future__ import annotations

from typing import Any

from tests.language.evaluator_helpers import Session


def run(script: str) -> list[Any]:
    """The output of ``script`` in a new session; an error it writes fails the test."""
    session = Session()
    output = session.run(script)
    assert not session.errors, [str(error) for error in session.errors]
    return output


def one(script: str) -> Any:
    """The single output object of ``script``."""
    output = run(script)
    assert len(output) == 1, output
    return output[0]


def error_of(script: str) -> tuple[str, str]:
    """``(FullyQualifiedErrorId, Exception.Message)`` of the error ``script`` throws (``Should -Throw``)."""
    caught = run(f"try {{ {script} }} catch {{ $_.FullyQualifiedErrorId; $_.Exception.Message }}")
    assert len(caught) == 2, f"no error from: {script} -> {caught}"
    return str(caught[0]), str(caught[1])
