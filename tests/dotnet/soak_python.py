"""The Python -> .NET soak, run by test_soak.py in a process of its own.

A process of its own because a boundary deadlock (Mono's default suspend mode)
freezes every thread of the process, the pytest main thread and its timeout
included: only a parent can see it and fail cleanly.

    python soak_python.py HELPER_DLL CALLS THREADS   -> one JSON line: calls/s, RSS before and after
"""

from __future__ import annotations

import gc
import json
import sys
import threading
import time
from typing import Any

import psbridge
from psbridge.dotnet import DotNetSecureString, load_dotnet


def rss_kb() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


def main(helper_dll: str, calls: int, thread_count: int) -> dict[str, Any]:
    clr = load_dotnet()
    clr.AddReference(helper_dll)
    import PSBridgeTests
    import System
    from System.Collections import Hashtable
    from System.Collections.Generic import List

    def one_call(i: int) -> None:
        metadata = Hashtable()
        metadata["n"] = System.String(str(i))
        include = List[System.String]()
        include.Add("step_details.tool_calls[*].file_search.results[*].content")
        bound = psbridge.bind(
            "Start-ThreadRun",
            input=PSBridgeTests.RunRef(f"thread_{i}", f"run_{i}"),
            Assistant="asst_1",
            MetaData=metadata,
            Include=include,
            ApiKey=System.Net.NetworkCredential("u", f"sk-{i}").SecurePassword,
            ApiBase=System.Uri("http://127.0.0.1:9/v1"),
        ).bound_parameters
        assert bound["ThreadId"] == f"thread_{i}" and bound["MetaData"]["N"] == str(i)
        assert isinstance(bound["ApiKey"], DotNetSecureString)

    def settle() -> None:
        gc.collect()
        System.GC.Collect()
        System.GC.WaitForPendingFinalizers()
        gc.collect()

    for i in range(500):
        one_call(i)
    settle()
    before = rss_kb()
    done = [0] * thread_count
    failures: list[str] = []

    def worker(index: int) -> None:
        try:
            for i in range(calls // thread_count):
                one_call(index * calls + i)
                done[index] += 1
        except BaseException as error:
            failures.append(repr(error))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(thread_count)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    settle()
    return {
        "calls": sum(done),
        "threads": thread_count,
        "seconds": round(seconds, 3),
        "calls_per_second": round(sum(done) / seconds, 1),
        "rss_kb_before": before,
        "rss_kb_after": rss_kb(),
        "failures": failures[:3],
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))), flush=True)
