"""``psbridge demo`` is the README's main-job command: it must work offline, end to end."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO


def test_demo_runs_the_seed_flows_against_the_embedded_emulator():
    environment = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    result = subprocess.run(
        [sys.executable, "-m", "psbridge", "demo"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=environment,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "listening on http://127.0.0.1:" in out
    assert "assistant text Echo: How many people live in the world?" in out
    assert "status                : cancelled" in out  # waited through cancelling, not stopped at it
    assert result.stderr == ""
    assert "nothing left the machine" in out
