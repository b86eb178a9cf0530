"""Interleaved timing shared by the benchmarks: ours against a baseline, under the same load."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

__all__ = ["batch", "compare"]


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
