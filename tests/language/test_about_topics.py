"""Behaviour the about_* topics show (PowerShell 7.6's ``Microsoft.PowerShell.Core/About``), found by
``tools/try_about.py``: each test cites the topic and section whose example it runs."""

from __future__ import annotations

import io
import sys

import pytest

from psbridge.cli import main as cli_main


@pytest.fixture
def console(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """What the console prints for a paste (``psbridge -Command``, in-process): stdout, stderr."""

    def paste(text: str) -> tuple[str, str]:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        cli_main(["-Command", text])
        captured = capsys.readouterr()
        return captured.out, captured.err

    return paste


def test_a_double_prints_fifteen_significant_digits(console) -> None:
    # about_Arithmetic_Operators, "Division and rounding" (`1 / 1.9` shows 0.526315789473684) and
    # about_Trap ("1 / 3 = 0.333333333333333"): PSObject.ToString's G15 (engine/MshObject.cs).
    out, _ = console("1 / 1.9; 0.1 + 0.2; [pscustomobject]@{ Ratio = 1 / 3 } | Format-List")
    assert out.split("\n")[:2] == ["0.526315789473684", "0.3"]
    assert "Ratio : 0.333333333333333" in out
