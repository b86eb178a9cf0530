"""``psbridge.invoke`` of one GET against the same GET on a shared ``httpx.Client``.

Both talk to the emulator on loopback, in this process; batches of the two are
interleaved so that machine load hits both alike, and the ratio is the median
of the per-pair ratios.  Goal: ``invoke("Get-ThreadRun", ...)`` costs at most
1.3x the plain GET (the binder, the session's settings and its keep-alive
client, the output object).  A second figure: the TCP connections a script of
100 cmdlet calls opens (goal: 1, the session's keep-alive client).
"""

from __future__ import annotations

import os
import sys

import httpx
from _timing import compare

import psbridge
from psbridge.emulator import Emulator

KEY = "sk-bench-0123456789abcdef"
GOAL = 1.3


def main() -> int:
    os.environ["OPENAI_API_KEY"] = KEY
    with Emulator(api_key=KEY).start() as emulator:
        os.environ["OPENAI_API_BASE"] = emulator.base_url
        headers = {"Authorization": f"Bearer {KEY}", "OpenAI-Beta": "assistants=v2"}
        with httpx.Client(base_url=emulator.base_url + "/", headers=headers) as client:
            assistant = client.post("assistants", json={"model": "m"}).json()
            thread = client.post("threads", json={}).json()
            run = client.post(f"threads/{thread['id']}/runs", json={"assistant_id": assistant["id"]}).json()
            path = f"threads/{thread['id']}/runs/{run['id']}"

            def baseline() -> object:
                return client.get(path).json()

            def ours() -> object:
                return psbridge.invoke("Get-ThreadRun", ThreadId=thread["id"], RunId=run["id"])

            assert ours()[0].id == run["id"]
            mine, base, ratio = compare(ours, baseline, calls=200, warmup=50)
        emulator.reset_log()
        script = "\n".join(f"$null = Get-Thread -ThreadId {thread['id']}" for _ in range(100))
        psbridge.run(script)
        requests, connections = emulator.request_count, emulator.connection_count
    print(f"GET on a shared httpx.Client : {base * 1e3:7.3f} ms/call")
    print(f"psbridge.invoke Get-ThreadRun: {mine * 1e3:7.3f} ms/call")
    print(f"ratio                        : {ratio:7.2f}x (goal <= {GOAL}x) {'OK' if ratio <= GOAL else 'OVER GOAL'}")
    print(
        f"script of 100 Get-Thread     : {requests} requests over {connections} TCP connection(s) "
        f"(goal: 1) {'OK' if connections == 1 else 'OVER GOAL'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
