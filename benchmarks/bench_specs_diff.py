"""``psbridge specs diff`` over PSOpenAI's 98 docs and its 100 source files.

Goal: the whole command, as a user runs it (a fresh interpreter, imports, reading
and parsing both sides, diffing, writing the report), takes under 5 s here.

The baseline, measured in the same run, is reading the inputs alone in a fresh
interpreter: the 98 docs through the markdown reader and the 100 ``.ps1`` files
through the parser.  No diff can be faster than reading what it compares, so
the ratio says what lining up and comparing costs on top of that (goal <= 1.5x);
the absolute time says whether a CI job can afford it.  Runs are interleaved
(benchmarks/_timing.compare) so that a busy machine slows both alike; the ratio
is the median of the per-pair ratios.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from _timing import compare

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PSBRIDGE_SHARED", REPO.parent / "shared"))
DOCS = SHARED / "cmdlet-docs" / "all"
SOURCE = SHARED / "psopenai-source" / "Public"
GOAL_SECONDS = 5.0
GOAL_RATIO = 1.5
RUNS = 5

INPUTS_ONLY = f"""
from pathlib import Path
from psbridge.cli.specs_diff import read_docs
from psbridge.language import parse
problems = []
read_docs([{str(DOCS)!r}], problems)
for path in sorted(Path({str(SOURCE)!r}).rglob("*.ps1")):
    parse(path.read_text(encoding="utf-8-sig"))
"""


def run(command: list[str]) -> None:
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)


def main() -> int:
    diff = [sys.executable, "-m", "psbridge", "specs", "diff", str(DOCS), str(SOURCE), "--format", "json"]
    inputs = [sys.executable, "-c", INPUTS_ONLY]
    whole, baseline, ratio = compare(lambda: run(diff), lambda: run(inputs), calls=1, repeats=RUNS, warmup=1)
    print(f"reading the inputs only : {baseline:6.2f} s (98 docs + 100 .ps1 files, fresh interpreter)")
    seconds_ok = "OK" if whole < GOAL_SECONDS else "OVER GOAL"
    ratio_ok = "OK" if ratio <= GOAL_RATIO else "OVER GOAL"
    print(f"psbridge specs diff     : {whole:6.2f} s (goal < {GOAL_SECONDS:.0f} s) {seconds_ok}")
    print(f"ratio                   : {ratio:6.2f}x (goal <= {GOAL_RATIO}x) {ratio_ok}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
