"""The evaluator on a loop-heavy and a call-heavy script, against the same work in pure Python.

Both PowerShell scripts are parsed and compiled once, outside the timing (as a script file
is, once per run); what is timed is running them.  The baselines are the equivalent Python
functions, timed in the same run, alternating with ours so that machine load hits both alike.
Goals (issue 11): at most 20x for the loop, at most 40x for 100,000 advanced-function calls.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

from psbridge.language import parse
from psbridge.language.engine.run import run_tree
from psbridge.runtime import Runspace

LOOP_GOAL = 20.0
CALLS_GOAL = 40.0
CALLS = 100_000

LOOP_SCRIPT = "$s = 0; foreach ($i in 1..200000) { if ($i % 3 -eq 0) { $s += $i } }; $s"

CALLS_SCRIPT = f"""
function Add-Pair {{
    [CmdletBinding()]
    param([int]$Left, [int]$Right)
    $Left + $Right
}}
$t = 0
for ($i = 0; $i -lt {CALLS}; $i++) {{ $t = Add-Pair -Left $i -Right 1 }}
$t
"""


def python_loop() -> int:
    s = 0
    for i in range(1, 200_001):
        if i % 3 == 0:
            s += i
    return s


def python_calls() -> int:
    def add_pair(left: int, right: int) -> int:
        return int(left) + int(right)

    t = 0
    for i in range(CALLS):
        t = add_pair(left=i, right=1)
    return t


def script_runner(text: str) -> Callable[[], list[object]]:
    tree = parse(text)
    runspace = Runspace()
    return lambda: run_tree(runspace, tree)


def timed(function: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def measure(name: str, ours: Callable[[], object], baseline: Callable[[], object], goal: float, rounds: int) -> None:
    ours()  # the first run compiles the script blocks
    pairs = []
    for _ in range(rounds):
        ours_seconds, ours_result = timed(ours)
        base_seconds, base_result = timed(baseline)
        if ours_result != [base_result]:
            raise SystemExit(f"{name}: psbridge gave {ours_result}, Python {base_result}")
        pairs.append((ours_seconds, base_seconds))
    ours_median = statistics.median(p[0] for p in pairs)
    base_median = statistics.median(p[1] for p in pairs)
    ratio = statistics.median(p[0] / p[1] for p in pairs)
    verdict = "OK" if ratio <= goal else "OVER GOAL"
    print(f"{name:<28}: psbridge {ours_median:7.3f} s, Python {base_median:7.4f} s, "
          f"ratio {ratio:6.1f}x (goal <= {goal:.0f}x) {verdict}")  # fmt: skip


def main() -> int:
    rounds = 5
    measure("loop (200,000 iterations)", script_runner(LOOP_SCRIPT), python_loop, LOOP_GOAL, rounds)
    measure(f"calls ({CALLS:,} advanced)", script_runner(CALLS_SCRIPT), python_calls, CALLS_GOAL, rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
