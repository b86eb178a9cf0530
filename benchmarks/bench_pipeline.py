"""A script-block pipeline of 100,000 objects against the same work as a Python generator pipeline.

``1..100000 | Where-Object { $_ % 2 } | ForEach-Object { $_ * 2 } | Measure-Object -Sum``
(issue 12): every number passes through two script blocks and three cmdlets.  The script is
parsed and compiled once, outside the timing; what is timed is running it (binding the three
commands included).  The baseline is ``sum(n * 2 for n in (...) if n % 2)`` over the same
range, timed in the same run, interleaved with ours so that machine load hits both alike.
Goal: at most 40x.
"""

from __future__ import annotations

import sys

from _timing import compare

from psbridge.language import parse
from psbridge.language.engine.run import run_tree
from psbridge.runtime import Runspace

GOAL = 40.0
COUNT = 100_000

SCRIPT = f"1..{COUNT} | Where-Object {{ $_ % 2 }} | ForEach-Object {{ $_ * 2 }} | Measure-Object -Sum"


def python_pipeline() -> int:
    odd = (number for number in range(1, COUNT + 1) if number % 2)
    return sum(number * 2 for number in odd)


def main() -> int:
    tree = parse(SCRIPT)
    runspace = Runspace()

    def ours() -> object:
        return run_tree(runspace, tree)

    (measured,) = ours()  # the first run compiles the script blocks
    if measured.Sum != python_pipeline() or measured.Count != COUNT // 2:
        raise SystemExit(f"psbridge measured Sum={measured.Sum} Count={measured.Count}, Python {python_pipeline()}")
    mine, base, ratio = compare(ours, python_pipeline, calls=1, repeats=5, warmup=0)
    verdict = "OK" if ratio <= GOAL else "OVER GOAL"
    print(f"Python generator pipeline         : {base * 1e3:8.1f} ms")
    print(f"Where-Object | ForEach-Object | Measure-Object: {mine * 1e3:8.1f} ms")
    print(f"ratio                             : {ratio:6.1f}x (goal <= {GOAL:g}x) {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
