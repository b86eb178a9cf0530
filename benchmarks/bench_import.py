"""``import psbridge`` against ``import httpx``, measured in the same run.

Each import runs in a fresh interpreter; the interpreter's own start-up
(``python -c pass``) is subtracted so only the import is compared.  Goal:
psbridge's front door costs at most 2x httpx's import.  The CLI, language,
emulator, binder tables and .NET parts load on first use, so they are not
part of it; a second figure shows what binding the first call adds.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

GOAL = 2.0
RUNS = 15


def wall(code: str) -> float:
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> int:
    baseline = wall("pass")
    httpx_cost = wall("import httpx") - baseline
    psbridge_cost = wall("import psbridge") - baseline
    first_bind = wall("import psbridge; psbridge.bind('Wait-ThreadRun', 'r', 't')") - baseline
    ratio = psbridge_cost / httpx_cost
    print(f"python -c pass          : {baseline * 1000:7.1f} ms (subtracted)")
    print(f"import httpx            : {httpx_cost * 1000:7.1f} ms")
    print(f"import psbridge         : {psbridge_cost * 1000:7.1f} ms")
    print(f"ratio                   : {ratio:7.2f}x (goal <= {GOAL:.0f}x) {'OK' if ratio <= GOAL else 'OVER GOAL'}")
    print(f"import + first bind     : {first_bind * 1000:7.1f} ms (binder import, merged spec, tables)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
