"""Requests, wall time and TCP connections of waiting on runs, against the emulator.

Figures from one run:

* waiting on 1 run and on 8 piped runs (runs complete by wall time: queued ->
  in_progress -> completed, 0.3 s a step), the ratio of the two wall times (goal:
  8 runs cost about one run's time), and the TCP connections one invocation
  opens (goal: one for a whole Receive-ThreadRun -Wait);
* 64 piped runs that never finish, ``Wait-ThreadRun -TimeoutSec 2`` (goal: every
  deadline starts when its run arrives and none waits for another: under 2.5 s);
* 1,000 piped runs that complete together, 2 s after the wait starts (polled every
  0.5 s), against one such run (goal: within 1.5x of the single run's time).  The
  emulator runs in this process, so every poll's server work competes for the same
  interpreter: 1,000 polls take about a second of it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx

import psbridge
from psbridge.emulator import Emulator, Lifecycle
from psbridge.objects import PSObject

KEY = "sk-bench-0123456789abcdef"
NEVER_FINISHING = 64
TOGETHER = 1000
COMPLETES_AFTER = 2.0
POLL_INTERVAL = 0.5


def make_runs(emulator: Emulator, count: int) -> list[PSObject]:
    with httpx.Client(base_url=emulator.base_url + "/", headers={"Authorization": f"Bearer {KEY}"}) as client:
        assistant = client.post("assistants", json={"model": "m"}).json()
        runs = []
        for _ in range(count):
            thread = client.post("threads", json={"messages": [{"role": "user", "content": "hi"}]}).json()
            run = client.post(f"threads/{thread['id']}/runs", json={"assistant_id": assistant["id"]}).json()
            runs.append(PSObject(run, type_names=["PSOpenAI.Thread.Run"]))
    return runs


def measure(emulator: Emulator, command: str, runs: list[PSObject], **params: Any) -> tuple[float, int, int]:
    emulator.reset_log()
    started = time.perf_counter()
    output = psbridge.invoke(command, input=runs, **params)
    elapsed = time.perf_counter() - started
    assert len(output) == len(runs)
    return elapsed, emulator.request_count, emulator.connection_count


def never_finishing() -> tuple[float, int]:
    with Emulator(api_key=KEY, lifecycle=Lifecycle(mode="manual")).start() as emulator:
        os.environ["OPENAI_API_BASE"] = emulator.base_url
        runs = make_runs(emulator, NEVER_FINISHING)
        started = time.perf_counter()
        output = psbridge.invoke("Wait-ThreadRun", input=runs, TimeoutSec=2, ErrorAction="SilentlyContinue")
        elapsed = time.perf_counter() - started
    return elapsed, len(output)


def completing_together(count: int) -> float:
    """Wall time of waiting on ``count`` runs that all complete COMPLETES_AFTER s after the wait starts."""
    with Emulator(api_key=KEY, lifecycle=Lifecycle(mode="manual")).start() as emulator:
        os.environ["OPENAI_API_BASE"] = emulator.base_url
        runs = make_runs(emulator, count)

        def complete_all() -> None:
            for run in runs:
                emulator.advance(run.id, "completed")

        timer = threading.Timer(COMPLETES_AFTER, complete_all)
        started = time.perf_counter()
        timer.start()
        output = psbridge.invoke("Wait-ThreadRun", input=runs, PollIntervalSec=POLL_INTERVAL)
        elapsed = time.perf_counter() - started
        timer.join()
        assert len(output) == count and all(run.status == "completed" for run in output)
    return elapsed


def completing_together_out_of_process(count: int) -> float:
    """As completing_together, against a bare run server in its own process (_runs_server.py)."""
    begins = time.time() + 1.0  # leave the server a second to start
    server = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("_runs_server.py")), str(begins + COMPLETES_AFTER)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        base = f"http://127.0.0.1:{int(server.stdout.readline())}/v1"
        runs = [
            PSObject({"id": f"run_{n}", "thread_id": f"thread_{n}"}, type_names=["PSOpenAI.Thread.Run"])
            for n in range(count)
        ]
        time.sleep(max(0.0, begins - time.time()))
        started = time.perf_counter()
        output = psbridge.invoke("Wait-ThreadRun", input=runs, PollIntervalSec=POLL_INTERVAL, ApiBase=base)
        elapsed = time.perf_counter() - started
        assert len(output) == count and all(run.status == "completed" for run in output)
        return elapsed
    finally:
        server.kill()
        server.wait()


def main() -> int:
    os.environ["OPENAI_API_KEY"] = KEY
    with Emulator(api_key=KEY, lifecycle=Lifecycle(mode="time", step_seconds=0.3)).start() as emulator:
        os.environ["OPENAI_API_BASE"] = emulator.base_url
        one = measure(emulator, "Wait-ThreadRun", make_runs(emulator, 1), PollIntervalSec=0.1)
        eight = measure(emulator, "Wait-ThreadRun", make_runs(emulator, 8), PollIntervalSec=0.1)
        receive = measure(emulator, "Receive-ThreadRun", make_runs(emulator, 1), Wait=True)
    print(f"Wait-ThreadRun, 1 run : {one[0]:6.2f} s, {one[1]:3d} requests, {one[2]} TCP connection(s)")
    print(f"Wait-ThreadRun, 8 runs: {eight[0]:6.2f} s, {eight[1]:3d} requests, {eight[2]} TCP connection(s)")
    print(f"8 runs / 1 run wall   : {eight[0] / one[0]:6.2f}x (goal: about 1x, far below 8x)")
    print(f"Receive-ThreadRun -Wait, 1 run: {receive[0]:6.2f} s, {receive[1]} requests, {receive[2]} TCP connection(s)")
    elapsed, delivered = never_finishing()
    verdict = "OK" if elapsed < 2.5 else "OVER GOAL"
    print(
        f"{NEVER_FINISHING} never-finishing runs, -TimeoutSec 2: {elapsed:6.2f} s "
        f"({delivered} returned; goal < 2.5 s) {verdict}"
    )
    single = completing_together(1)
    many = completing_together(TOGETHER)
    ratio = many / single
    print(f"1 run completing after {COMPLETES_AFTER} s      : {single:6.2f} s")
    print(f"{TOGETHER} runs completing together  : {many:6.2f} s")
    print(f"ratio                             : {ratio:6.2f}x (goal <= 1.5x) {'OK' if ratio <= 1.5 else 'OVER GOAL'}")
    single = completing_together_out_of_process(1)
    many = completing_together_out_of_process(TOGETHER)
    ratio = many / single
    print(f"the same against a server in its own process: 1 run {single:5.2f} s, {TOGETHER} runs {many:5.2f} s")
    print(f"ratio                             : {ratio:6.2f}x (goal <= 1.5x) {'OK' if ratio <= 1.5 else 'OVER GOAL'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
