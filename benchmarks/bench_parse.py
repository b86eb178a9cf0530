"""Parser throughput on PSOpenAI's 225 PowerShell files against CPython's ``ast.parse`` of as much Python.

The PowerShell corpus is ``../shared/psopenai-source`` (1.4 MB, read as
PowerShell reads it); the baseline parses Python source of the same length
(the standard library's modules, concatenated) with ``ast.parse``, in the
same run, in interleaved rounds so that machine load hits both alike.
Goals: the whole corpus in under 2 s, and at most 25x ``ast.parse``.
"""

from __future__ import annotations

import ast
import statistics
import sys
import sysconfig
import time
from pathlib import Path

from psbridge.language import parse_input
from psbridge.language.script_file import read_script_file

RATIO_GOAL = 25.0
SECONDS_GOAL = 2.0
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "psopenai-source"


def powershell_corpus() -> list[str]:
    files = sorted(path for path in CORPUS.rglob("*") if path.suffix.lower() in (".ps1", ".psm1"))
    return [read_script_file(path) for path in files]


def python_source(characters: int) -> list[str]:
    """Whole standard-library modules, in name order, until as many characters as the corpus has."""
    sources: list[str] = []
    total = 0
    for path in sorted(Path(sysconfig.get_paths()["stdlib"]).glob("*.py")):
        try:
            text = path.read_text(encoding="utf-8")
            ast.parse(text)
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        sources.append(text)
        total += len(text)
        if total >= characters:
            break
    return sources


def timed(function: object, texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        function(text)  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> int:
    scripts = powershell_corpus()
    size = sum(map(len, scripts))
    modules = python_source(size)
    python_size = sum(map(len, modules))
    failures = sum(1 for text in scripts if parse_input(text)[1])
    rounds = [(timed(parse_input, scripts), timed(ast.parse, modules)) for _ in range(5)]
    ours = statistics.median(r[0] for r in rounds)
    base = statistics.median(r[1] for r in rounds) * size / python_size  # per the same number of characters
    ratio = statistics.median(r[0] / (r[1] * size / python_size) for r in rounds)
    print(f"corpus: {len(scripts)} files, {size / 1e6:.2f} MB, {failures} with parse errors")
    print(f"ast.parse (same size)    : {base:6.3f} s")
    print(f"psbridge parse           : {ours:6.3f} s ({size / ours / 1e6:.2f} MB/s) "
          f"(goal < {SECONDS_GOAL:.0f} s) {'OK' if ours < SECONDS_GOAL else 'OVER GOAL'}")  # fmt: skip
    verdict = "OK" if ratio <= RATIO_GOAL else "OVER GOAL"
    print(f"ratio                    : {ratio:6.2f}x (goal <= {RATIO_GOAL:.0f}x) {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
