"""Interleaved timing shared by the benchmarks: ours against a baseline, under the same load."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["batch", "bytecode_cache", "compare", "no_bytecode_cache"]


@contextmanager
def bytecode_cache(environment: dict[str, str]) -> Iterator[dict[str, str]]:
    """``environment`` for fresh interpreters that keep compiled bytecode, as an installed package has.

    pip compiles a package's modules when it installs them; a fresh process then loads bytecode.
    An environment with PYTHONDONTWRITEBYTECODE (this machine's sessions set it) would compile
    every module of an editable checkout from source in every process -- two thirds of the
    start-up time of a process that imports psbridge.  The cache goes to a temporary folder
    (PYTHONPYCACHEPREFIX), not into the checkout; the caller warms it with one run of each
    command before timing, and the baseline runs in the same environment.
    """
    with tempfile.TemporaryDirectory(prefix="psbridge-bytecode-") as folder:
        cached = {key: value for key, value in environment.items() if key != "PYTHONDONTWRITEBYTECODE"}
        cached["PYTHONPYCACHEPREFIX"] = folder
        yield cached


def no_bytecode_cache(environment: dict[str, str]) -> dict[str, str]:
    """``environment`` for fresh interpreters that never write bytecode: an editable checkout's modules
    compile from source in every process (the standard library and site-packages keep theirs)."""
    plain = {key: value for key, value in environment.items() if key != "PYTHONPYCACHEPREFIX"}
    plain["PYTHONDONTWRITEBYTECODE"] = "1"
    return plain


def batch(function: Callable[[], object], calls: int) -> float:
    """Seconds per call over ``calls`` calls."""
    start = time.perf_counter()
    for _ in range(calls):
        function()
    return (time.perf_counter() - start) / calls


def compare(
    ours: Callable[[], object],
    baseline: Callable[[], object],
    calls: int = 10_000,
    repeats: int = 9,
    warmup: int = 1000,
) -> tuple[float, float, float]:
    """(ours, baseline, ratio) per call: batches interleaved so that machine load hits both alike;
    the ratio is the median of the per-pair ratios."""
    for _ in range(warmup):
        ours()
        baseline()
    pairs = [(batch(ours, calls), batch(baseline, calls)) for _ in range(repeats)]
    return (
        statistics.median(p[0] for p in pairs),
        statistics.median(p[1] for p in pairs),
        statistics.median(p[0] / p[1] for p in pairs),
    )
