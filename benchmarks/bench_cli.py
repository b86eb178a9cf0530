"""The command line from start to exit, against an httpx one-liner making the same request.

``psbridge -Command "Get-Thread -ThreadId <id>"`` (the installed console script:
interpreter start, imports, parse, bind, one keep-alive client, two GETs --
the thread and its messages -- and a formatted list view) against
``python -c "import httpx; ..."`` doing the same two GETs and printing the JSON,
each in a fresh process, runs interleaved, medians compared.  Goal: at most 1.2x.

Measured twice: with a bytecode cache (as a pip-installed psbridge runs: the goal), and as
this machine's sessions run an editable checkout (PYTHONDONTWRITEBYTECODE: psbridge's modules
compile from source in every process; httpx's were compiled when pip installed it).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
from _timing import bytecode_cache, no_bytecode_cache

from psbridge.emulator import Emulator

KEY = "sk-bench-0123456789abcdef"
GOAL = 1.2
RUNS = 15
ONE_LINER = (
    "import httpx, os, sys; b = os.environ['OPENAI_API_BASE']; t = sys.argv[1]; "
    "h = {'Authorization': 'Bearer ' + os.environ['OPENAI_API_KEY'], 'OpenAI-Beta': 'assistants=v2'}; "
    "c = httpx.Client(headers=h); print(c.get(f'{b}/threads/{t}').text); "
    "print(c.get(f'{b}/threads/{t}/messages', params={'limit': 100, 'order': 'asc'}).text)"
)


def wall(command: list[str], environment: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, env=environment, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure(label: str, ours_command: list[str], base_command: list[str], environment: dict[str, str]) -> None:
    wall(ours_command, environment), wall(base_command, environment)  # warm the file and bytecode caches
    pairs = [(wall(ours_command, environment), wall(base_command, environment)) for _ in range(RUNS)]
    ours = statistics.median(p[0] for p in pairs)
    base = statistics.median(p[1] for p in pairs)
    ratio = statistics.median(p[0] / p[1] for p in pairs)
    verdict = "OK" if ratio <= GOAL else "OVER GOAL"
    print(f"{label}: httpx one-liner {base * 1000:6.1f} ms, psbridge -Command Get-Thread {ours * 1000:6.1f} ms, "
          f"ratio {ratio:5.2f}x (goal <= {GOAL}x) {verdict}")  # fmt: skip


def main() -> int:
    script = Path(sys.executable).with_name("psbridge")
    with Emulator(api_key=KEY).start() as emulator:
        with httpx.Client(base_url=emulator.base_url + "/", headers={"Authorization": f"Bearer {KEY}"}) as client:
            thread = client.post("threads", json={"messages": [{"role": "user", "content": "hi"}]}).json()
        environment = {**os.environ, "OPENAI_API_KEY": KEY, "OPENAI_API_BASE": emulator.base_url}
        ours_command = [str(script), "-Command", f"Get-Thread -ThreadId {thread['id']}"]
        base_command = [sys.executable, "-c", ONE_LINER, thread["id"]]
        with bytecode_cache(environment) as cached:
            measure("with a bytecode cache (installed)", ours_command, base_command, cached)
        measure("without (editable, no bytecode)", ours_command, base_command, no_bytecode_cache(environment))
    return 0


if __name__ == "__main__":
    sys.exit(main())
