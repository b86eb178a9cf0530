"""Small .NET classes scripts construct: StringBuilder, Stopwatch, Random.

``[System.Text.StringBuilder]::new()``, ``[Diagnostics.Stopwatch]::StartNew()`` and
``[Random]::new()`` appear in scripts that never load .NET, so psbridge implements
them in Python with their .NET member names (the member lookup finds PascalCase
methods on classes that carry ``__ps_type_name__``).  :class:`ClassType` makes such
a class a type literal: ``-is``, casts of instances, and ``::new(...)``.
"""

from __future__ import annotations

import random
import time
from typing import Any

from .datetimes import TICKS_PER_SECOND
from .errors import invalid_cast
from .member_args import as_int, as_text, invocation_failed
from .pstype import Converter, PSType
from .scalars import to_string

__all__ = ["ClassType", "Random", "Stopwatch", "StringBuilder", "static_class"]


def static_class(full_name: str) -> PSType:
    """A type scripts use only for its static members (``[math]``, ``[IO.File]``): nothing is an instance."""
    from .collections import InterfaceType

    return InterfaceType(full_name, lambda _value: False)


class ClassType(PSType):
    """A type literal for a psbridge class: instances pass, anything else is a cast error."""

    def __init__(self, cls: type) -> None:
        super().__init__(str(cls.__ps_type_name__))  # type: ignore[attr-defined]
        self.cls = cls

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, self.cls)

    def figure(self, value: Any) -> Converter:
        if isinstance(value, self.cls):
            return lambda v: v
        convert = getattr(self.cls, "from_value", None)
        if convert is not None:
            return convert
        return lambda v: (_ for _ in ()).throw(invalid_cast(v, self.full_name))

    def construct(self, *args: Any) -> Any:
        """``[T]::new(args)``."""
        return self.cls(*args)


class StringBuilder:
    """System.Text.StringBuilder: Append returns the builder, so ``[void]$sb.Append(...)`` chains."""

    __ps_type_name__ = "System.Text.StringBuilder"

    def __init__(self, value: Any = None, *_capacity: Any) -> None:
        self._parts: list[str] = [] if value is None or isinstance(value, int) else [as_text(value)]

    def _text(self) -> str:
        if len(self._parts) > 1:
            self._parts = ["".join(self._parts)]
        return self._parts[0] if self._parts else ""

    @property
    def Length(self) -> int:
        return len(self._text())

    @property
    def Capacity(self) -> int:
        return max(16, len(self._text()))

    @property
    def MaxCapacity(self) -> int:
        return 2_147_483_647  # Int32.MaxValue: a builder made without a maximum

    def Append(self, value: Any = None, *more: Any) -> StringBuilder:
        if more:  # Append(char, repeatCount) / Append(string, start, count)
            if len(more) == 1:
                self._parts.append(as_text(value) * as_int(more[0]))
            else:
                start, count = as_int(more[0]), as_int(more[1])
                self._parts.append(as_text(value)[start : start + count])
            return self
        self._parts.append(to_string(value) if value is not None else "")
        return self

    def AppendLine(self, value: Any = None) -> StringBuilder:
        self._parts.append((to_string(value) if value is not None else "") + "\n")
        return self

    def AppendFormat(self, template: Any, *args: Any) -> StringBuilder:
        from .string_methods import STRING_METHODS

        self._parts.append(STRING_METHODS["format"]("", template, *args))
        return self

    def AppendJoin(self, separator: Any, *values: Any) -> StringBuilder:
        from .member_args import flatten

        items = flatten(values[0]) if len(values) == 1 else list(values)
        self._parts.append(as_text(separator).join(to_string(item) for item in items))
        return self

    def Insert(self, index: Any, value: Any) -> StringBuilder:
        text = self._text()
        at = as_int(index)
        if not 0 <= at <= len(text):
            raise invocation_failed("Insert", 2, "Index was out of range. Must be non-negative and less than or equal to the size of the collection. (Parameter 'index')")  # noqa: E501
        self._parts = [text[:at] + to_string(value) + text[at:]]
        return self

    def Remove(self, index: Any, count: Any) -> StringBuilder:
        text = self._text()
        at, length = as_int(index), as_int(count)
        if at < 0 or length < 0 or at + length > len(text):
            raise invocation_failed("Remove", 2, "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'startIndex')")  # noqa: E501
        self._parts = [text[:at] + text[at + length :]]
        return self

    def Replace(self, old: Any, new: Any, *_range: Any) -> StringBuilder:
        self._parts = [self._text().replace(as_text(old), as_text(new))]
        return self

    def Clear(self) -> StringBuilder:
        self._parts = []
        return self

    def ToString(self, *bounds: Any) -> str:
        text = self._text()
        if len(bounds) == 2:
            start, length = as_int(bounds[0]), as_int(bounds[1])
            return text[start : start + length]
        return text

    def __str__(self) -> str:
        return self._text()

    def __repr__(self) -> str:
        return f"StringBuilder({self._text()!r})"


class Stopwatch:
    """System.Diagnostics.Stopwatch over ``time.perf_counter``."""

    __ps_type_name__ = "System.Diagnostics.Stopwatch"
    Frequency = TICKS_PER_SECOND
    IsHighResolution = True

    def __init__(self) -> None:
        self._elapsed = 0.0
        self._started: float | None = None

    @classmethod
    def StartNew(cls) -> Stopwatch:
        watch = cls()
        watch.Start()
        return watch

    @staticmethod
    def GetTimestamp() -> int:
        return int(time.perf_counter() * TICKS_PER_SECOND)

    def _seconds(self) -> float:
        running = time.perf_counter() - self._started if self._started is not None else 0.0
        return self._elapsed + running

    def Start(self) -> None:
        if self._started is None:
            self._started = time.perf_counter()

    def Stop(self) -> None:
        if self._started is not None:
            self._elapsed += time.perf_counter() - self._started
            self._started = None

    def Reset(self) -> None:
        self._elapsed, self._started = 0.0, None

    def Restart(self) -> None:
        self._elapsed, self._started = 0.0, time.perf_counter()

    @property
    def IsRunning(self) -> bool:
        return self._started is not None

    @property
    def Elapsed(self) -> Any:
        import datetime as _dt

        return _dt.timedelta(seconds=self._seconds())

    @property
    def ElapsedMilliseconds(self) -> int:
        from ..objects.numeric import TypeCode, integer_of

        return integer_of(int(self._seconds() * 1000), TypeCode.Int64)

    @property
    def ElapsedTicks(self) -> int:
        return int(self._seconds() * TICKS_PER_SECOND)

    def __str__(self) -> str:
        return self.__ps_type_name__


class Random:
    """System.Random: ``Next()``, ``Next(max)``, ``Next(min, max)``, ``NextDouble()``; seedable."""

    __ps_type_name__ = "System.Random"

    def __init__(self, seed: Any = None) -> None:
        self._random = random.Random(as_int(seed) if seed is not None else None)

    def Next(self, *bounds: Any) -> int:
        low, high = _bounds([as_int(b) for b in bounds], 2**31 - 1)
        if high < low:
            message = "'minValue' cannot be greater than maxValue. (Parameter 'minValue')"
            if len(bounds) == 1:
                message = "'maxValue' must be greater than zero. (Parameter 'maxValue')"
            raise invocation_failed("Next", len(bounds), message)
        return low if high == low else self._random.randrange(low, high)

    def NextDouble(self) -> float:
        return self._random.random()

    def NextInt64(self, *bounds: Any) -> int:
        low, high = _bounds([int(b) for b in bounds], 2**63 - 1)
        return low if high == low else self._random.randrange(low, high)

    def __str__(self) -> str:
        return self.__ps_type_name__


def _bounds(numbers: list[int], largest: int) -> tuple[int, int]:
    """Next() / Next(max) / Next(min, max) as (low, high)."""
    if not numbers:
        return 0, largest
    return (0, numbers[0]) if len(numbers) == 1 else (numbers[0], numbers[1])
