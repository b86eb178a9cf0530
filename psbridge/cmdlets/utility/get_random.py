"""Get-Random: a random Int32, Int64 or Double between -Minimum and -Maximum (the operands' types
decide which, strings read as number literals), or -Count items picked from -InputObject (or all of
them, -Shuffle).  -SetSeed reseeds the session's generator: the numbers after it repeat for the same
seed within psbridge (:mod:`.random_numbers` says why they are not .NET's)."""

from __future__ import annotations

from typing import Any

from ...conversion import NumberFormatError, parse_number, to_string, type_of
from ...conversion.typenames import DOUBLE, INT32, INT64
from ...errors import ErrorCategory
from ...objects import PSObject, is_ps_collection
from ...objects.numeric import Int64
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import cmdlet_error
from .random_numbers import RandomNumberGenerator

__all__ = ["GetRandom"]

_GENERATOR = "psbridge.utility.random"  # the session's generator, as PowerShell keeps one per runspace
_INT32_MAX = 2**31 - 1
_INT64_MAX = 2**63 - 1
_DOUBLE_MAX = 1.7976931348623157e308


def _operand(value: Any) -> Any:
    """The base object, a string read by the number scanner (``'1kb'`` is 1024, ``'20.'`` 20.0)."""
    if isinstance(value, PSObject) and hasattr(value, "base_object"):
        value = value.base_object
    if isinstance(value, str):
        try:
            return parse_number(value)
        except NumberFormatError:
            return INT32.convert(value)  # ScanNumber falls back to the conversion (its error)
    return value


def _kind(value: Any) -> Any:
    return None if value is None else type_of(value)


class _SessionGenerator:
    """The session's generator (PowerShell keeps one per runspace; -SetSeed replaces it)."""

    def __init__(self) -> None:
        self.generator = RandomNumberGenerator()

    def close(self) -> None:
        """Nothing to release."""


@register_cmdlet
class GetRandom(Cmdlet):
    name = "Get-Random"

    def begin(self) -> None:
        session = self.runspace.resources.get(_GENERATOR, _SessionGenerator)
        seed = self.params.get("SetSeed", None)
        if seed is not None:
            session.generator = RandomNumberGenerator(int(seed))  # the session's generator from now on
        self.generator = session.generator
        self.count = int(self.params.get("Count", 1))
        self.chosen: list[Any] = []
        self.seen = 0
        maximum = self.params.get("Maximum", None)
        self.list_mode = self.params.parameter_set_name != "RandomNumberParameterSet" or (
            self.expecting_input and maximum is None and self.params.get("Minimum", None) is None
        )
        self.items_from_maximum: list[Any] | None = None
        if not self.list_mode and is_ps_collection(maximum):
            self.list_mode, self.items_from_maximum = True, list(maximum)  # `Get-Random 1,2,3` picks from them
        self.numbers: list[Any] = []
        if not self.list_mode:
            self._numbers()  # drawn now, as in BeginProcessing; written once the commands after it have begun

    def _write_numbers(self) -> None:
        for number in self.numbers:
            self.write_output(number)
        self.numbers = []

    def process(self) -> None:
        if not self.list_mode:
            self._write_numbers()
            return
        items = self.items_from_maximum if self.items_from_maximum is not None else self.params.get("InputObject", None)
        for item in [None] if items is None else items:
            if self.params.Shuffle or self.seen < self.count:
                self.chosen.append(item)
            elif self.generator.next_between(0, self.seen + 1) < self.count:
                self.chosen[self.generator.next_between(0, len(self.chosen))] = item  # reservoir sampling
            self.seen += 1
        self.items_from_maximum = [] if self.items_from_maximum is not None else None

    def end(self) -> None:
        if not self.list_mode:
            self._write_numbers()
            return
        chosen = self.chosen
        for index in range(len(chosen)):
            other = self.generator.next_between(index, len(chosen))
            self.write_output(chosen[other])
            chosen[other] = chosen[index]

    # -- numbers -------------------------------------------------------------------------------
    def _numbers(self) -> None:
        raw_maximum, raw_minimum = self.params.get("Maximum", None), self.params.get("Minimum", None)
        maximum, minimum = _operand(raw_maximum), _operand(raw_minimum)
        kinds = {_kind(maximum), _kind(minimum)}
        if kinds <= {None, INT32}:
            low, high = (0 if minimum is None else int(minimum)), (_INT32_MAX if maximum is None else int(maximum))
            self._check(low, high)
            for _ in range(self.count):
                self.numbers.append(self.generator.next_between(low, high))
        elif kinds <= {None, INT32, INT64}:
            low, high = (0 if minimum is None else int(minimum)), (_INT64_MAX if maximum is None else int(maximum))
            self._check(low, high)
            for _ in range(self.count):
                self.numbers.append(Int64(self.generator.next_int64(low, high)))
        else:
            low_d = minimum if _kind(minimum) is DOUBLE else self._double(raw_minimum, 0.0)
            high_d = maximum if _kind(maximum) is DOUBLE else self._double(raw_maximum, _DOUBLE_MAX)
            self._check(low_d, high_d)
            for _ in range(self.count):
                self.numbers.append(self.generator.next_double_between(low_d, high_d))

    @staticmethod
    def _double(value: Any, default: float) -> float:
        return default if value is None else float(DOUBLE.convert(value))

    def _check(self, minimum: Any, maximum: Any) -> None:
        if minimum >= maximum:
            self.throw_terminating_error(
                cmdlet_error(
                    f"The Minimum value ({to_string(minimum)}) cannot be greater than or equal to the Maximum value "
                    f"({to_string(maximum)}).",
                    "MinGreaterThanOrEqualMax",
                    ErrorCategory.InvalidArgument,
                    "System.ArgumentException",
                )
            )
