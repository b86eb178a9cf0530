"""``psbridge demo`` is the README's main-job command: it must work offline, end to end."""

from __future__ import annotations

from tests.helpers import run_psbridge


def test_demo_runs_the_seed_flows_against_the_embedded_emulator():
    result = run_psbridge("demo")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "listening on http://127.0.0.1:" in out
    assert "assistant text Echo: How many people live in the world?" in out
    assert "status                : cancelled" in out  # waited through cancelling, not stopped at it
    assert result.stderr == ""
    assert "nothing left the machine" in out
