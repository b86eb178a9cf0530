"""Soak: 10,000 crossings each way, from several threads, with the resident set size measured.

Several threads, because that is where Mono's default suspend mode deadlocks
(the interop recipe); one thread passes in any mode.  Measured on the dev
machine (Mono 6.8.0.105, 4 threads, after a warm-up):

* Python -> .NET, ``psbridge.bind`` with five fresh .NET objects per call:
  2,400-3,800 binds/s, RSS growth 0.7-1.2 MB over the 10,000 calls;
* C# -> Python, ``Invoke()`` of a script returning a hashtable and a custom
  object: 1,300-2,400 invocations/s, RSS growth 1.3-1.5 MB.

A per-call leak of anything real (a converted Hashtable, an output tree, a
Python wrapper kept alive by .NET, ~1.6 KB or more a call) crosses the 16 MB
bound; allocator and GC noise stays far below it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.dotnet.conftest import run_host

pytestmark = pytest.mark.dotnet

HERE = Path(__file__).resolve().parent
CALLS = 10_000
THREADS = 4
#: Both soaks finish in under 10 s here; a deadlock never does.
DEADLOCK_SECONDS = 90
#: Allowed RSS growth after warm-up, in KB (measured: 0.7-1.2 MB Python -> .NET, 1.3-1.5 MB C# -> Python).
MAX_GROWTH_KB = 16_000


def test_python_to_dotnet_soak(helper_dll: Path) -> None:
    try:
        result = subprocess.run(
            [sys.executable, str(HERE / "soak_python.py"), str(helper_dll), str(CALLS), str(THREADS)],
            capture_output=True,
            text=True,
            timeout=DEADLOCK_SECONDS,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{CALLS} calls from {THREADS} threads did not finish in {DEADLOCK_SECONDS} s: a deadlock")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"python->.NET soak: {summary}")
    assert summary["failures"] == [] and summary["calls"] == CALLS
    growth = summary["rss_kb_after"] - summary["rss_kb_before"]
    assert growth < MAX_GROWTH_KB, summary


def test_dotnet_to_python_soak(host_built: Path) -> None:
    script = "@{a=1; b=@(1,2,3); c=@{d='e'}}; [pscustomobject]@{x='y'; when=$null}"
    repeat = str(CALLS // THREADS)
    result = run_host(
        "-Command",
        script,
        "-Repeat",
        repeat,
        "-Threads",
        str(THREADS),
        timeout=DEADLOCK_SECONDS + 30,
        PSBRIDGE_HOST_TIMEOUT=str(DEADLOCK_SECONDS),
    )
    if result.returncode == 137:  # run.sh's timeout -s KILL
        pytest.fail(f"{CALLS} Invoke()s from {THREADS} threads did not finish in {DEADLOCK_SECONDS} s: a deadlock")
    assert result.returncode == 0, result.stdout + result.stderr
    summary = json.loads(result.stdout)
    print(f"C#->python soak: {summary}")
    assert summary["crash"] is None
    assert summary["invocations"] == CALLS and summary["outputs"] == 2 * CALLS
    assert summary["error_records"] == 0 and summary["exceptions"] == 0
    growth = summary["rss_kb_after"] - summary["rss_kb_before"]
    assert growth < MAX_GROWTH_KB, summary
