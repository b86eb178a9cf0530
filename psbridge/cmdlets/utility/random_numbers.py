"""The number source behind Get-Random: GetRandomCommandBase's PolymorphicRandomNumberGenerator,
restated.  Without a seed the bytes are cryptographic (``os.urandom``); with -SetSeed they come from
Python's Mersenne Twister seeded with it, so the same seed gives the same sequence *within psbridge*
(not the numbers .NET's ``System.Random`` would give for that seed).  Integers and doubles are made
from the bytes as PowerShell makes them, so ranges and edge cases behave alike.
"""

from __future__ import annotations

import os
import random

__all__ = ["RandomNumberGenerator"]

_INT_MAX = 2**31 - 1


class RandomNumberGenerator:
    def __init__(self, seed: int | None = None) -> None:
        self._seeded = None if seed is None else random.Random(seed)

    def next_bytes(self, count: int) -> bytes:
        return os.urandom(count) if self._seeded is None else self._seeded.randbytes(count)

    def _sample(self) -> int:
        """A signed 32-bit integer from four bytes (little-endian, as BitConverter reads them)."""
        return int.from_bytes(self.next_bytes(4), "little", signed=True)

    def next(self) -> int:
        """0 <= n < Int32.MaxValue."""
        number = self._sample()
        while number == _INT_MAX:
            number = self._sample()
        return number + _INT_MAX if number < 0 else number

    def next_double(self) -> float:
        """0 <= d < 1."""
        return self.next() * (1.0 / _INT_MAX)

    def next_between(self, minimum: int, maximum: int) -> int:
        """minimum <= n < maximum (n == minimum when they are equal)."""
        span = maximum - minimum
        if span <= _INT_MAX:
            return int(self.next_double() * span) + minimum
        sample = self._sample()
        while sample == _INT_MAX:
            sample = self._sample()
        large = (sample + _INT_MAX) * (1.0 / (2 * _INT_MAX))
        return int(large * span) + minimum

    def next_int64(self, minimum: int, maximum: int) -> int:
        """minimum <= n < maximum for Int64 bounds: masked 64-bit draws below the span."""
        span = maximum - minimum
        if span <= _INT_MAX:
            return minimum + self.next_between(0, span)
        mask = (1 << span.bit_length()) - 1
        while True:
            drawn = int.from_bytes(self.next_bytes(8), "little") & mask
            if drawn < span:
                number = int(float(minimum) + float(drawn))  # PowerShell adds them as doubles
                if number < maximum:  # (which can round up to the bound: then draw again)
                    return number

    def next_double_between(self, minimum: float, maximum: float) -> float:
        """minimum <= d < maximum, also when maximum - minimum overflows to infinity."""
        span = maximum - minimum
        while True:
            r = self.next_double()
            if span == float("inf"):
                number = minimum + r * maximum - r * minimum
            else:
                number = minimum + r * span
                span *= r
            if number < maximum:
                return number
