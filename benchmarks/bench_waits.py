"""Requests, wall time and TCP connections of waiting on runs, against the emulator.

Runs complete by wall time (queued -> in_progress -> completed, 0.3 s a step).
Figures from one run: waiting on 1 run and on 8 piped runs (which are waited
on concurrently over one client), the ratio of the two wall times (goal: 8
runs cost about one run's time, not 8x), and the TCP connections one
invocation opens (goal: one for a whole Receive-ThreadRun -Wait).
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

import httpx

import psbridge
from psbridge.emulator import Emulator, Lifecycle
from psbridge.objects import PSObject

KEY = "sk-bench-0123456789abcdef"


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
    return elapsed, len(emulator.requests), emulator.connection_count


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
    return 0


if __name__ == "__main__":
    sys.exit(main())
