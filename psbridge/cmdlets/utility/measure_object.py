"""Measure-Object: count, sum, average, minimum, maximum and standard deviation of the input or
of its properties (GenericMeasureInfo), or lines, words and characters of its text
(TextMeasureInfo).

As MeasureObjectCommand: numbers are converted to Double for the sums (a value that does not
convert is a NonNumericInputObject error and leaves Sum and Average empty); -Minimum/-Maximum
compare anything comparable, as Double when both sides convert (then the result is a Double,
else the original object: GenericObjectMeasureInfo); the deviation is the sample standard
deviation, computed incrementally as PowerShell does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ...conversion import as_type, resolve_type
from ...errors import ErrorCategory
from ...objects import PSObject
from ...runtime import register_cmdlet
from ...runtime.cmdlet import NOT_BOUND, Cmdlet
from ..common.errors import CmdletError
from ..common.properties import PropertyExpression, parse_properties
from ..common.semantics import compare, to_string

__all__ = ["MeasureObject"]

_DOUBLE = resolve_type("double")
_THIS_OBJECT = "$_"


def as_double(value: Any) -> float | None:
    """``[double]$value`` or None when it does not convert (LanguagePrimitives.TryConvertTo)."""
    kind = type(value)
    if kind is int or kind is float:
        return float(value)
    converted = as_type(value, _DOUBLE)
    return None if converted is None and value is not None else float(converted or 0.0)


@dataclass
class _Statistics:
    count: int = 0
    sum: float = 0.0
    sum_previous: float = 0.0
    variance: float = 0.0
    minimum: Any = None
    maximum: Any = None
    lines: int = 0
    words: int = 0
    characters: int = 0


def _count_words(text: str) -> int:
    return len(text.split())


def _count_lines(text: str) -> int:
    """CountLine: newlines, plus one when the text does not end with one ('' has none)."""
    if not text:
        return 0
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def _extreme(value: Any, current: Any, minimum: bool) -> Any:
    """MeasureObjectCommand.Compare: the new minimum (or maximum) of ``current`` and ``value``."""
    if current is None:
        return value
    left, right = as_double(value) if value is not None else None, as_double(current)
    a: Any = left if left is not None else value
    b: Any = right if right is not None else current
    if a is not None and type(a) is not type(b):
        a, b = to_string(a), to_string(b)
    order = compare(b, a, case_sensitive=True)
    return value if (order if minimum else -order) > 0 else current


@register_cmdlet
class MeasureObject(Cmdlet):
    name = "Measure-Object"

    def begin(self) -> None:
        params = self.params
        self.statistics: dict[str, tuple[str, _Statistics]] = {}
        self.records = 0
        self.non_numeric = False
        all_stats = bool(params.get("AllStats", False))
        self.want_sum = bool(params.Sum) or all_stats
        self.want_average = bool(params.Average) or all_stats
        self.want_deviation = bool(params.StandardDeviation) or all_stats
        self.want_min = bool(params.Minimum) or all_stats
        self.want_max = bool(params.Maximum) or all_stats
        self.want_lines = bool(params.Line)
        self.want_words = bool(params.Word)
        self.want_characters = bool(params.Character)
        self.text = self.want_lines or self.want_words or self.want_characters
        self.properties: list[PropertyExpression] | None = (
            parse_properties(params.Property, command="Measure-Object", allowed=("Expression",))
            if params.is_bound("Property") and params.Property is not None
            else None
        )

    def _entry(self, name: str) -> _Statistics:
        key = name.casefold()
        if key not in self.statistics:
            self.statistics[key] = (name, _Statistics())
        return self.statistics[key][1]

    def process(self) -> None:
        obj = self.binder.bound.get("InputObject", NOT_BOUND)  # once per object: no Parameters view
        if obj is NOT_BOUND or obj is None:
            return
        self.records += 1
        if self.properties is None:
            self._analyze(_THIS_OBJECT, obj)
            return
        counted: set[str] = set()
        for expression in self.properties:
            results = expression.values(obj)
            if not results:
                if not expression.is_wildcard:
                    self._entry(expression.display_name())
                continue
            for name, value in results:
                if name.casefold() in counted:
                    continue
                counted.add(name.casefold())
                self._analyze(name, value)

    def _analyze(self, name: str, value: Any) -> None:
        stat = self._entry(name)
        stat.count += 1
        if self.text:
            text = "" if value is None else to_string(value)
            if self.want_characters:
                stat.characters += len(text) if not self.params.IgnoreWhiteSpace else sum(not c.isspace() for c in text)
            if self.want_words:
                stat.words += _count_words(text)
            if self.want_lines:
                stat.lines += _count_lines(text)
        if self.want_sum or self.want_average or self.want_deviation:
            number = as_double(value)
            if number is None:
                self.non_numeric = True
                self.write_error(CmdletError(
                    f'Input object "{to_string(value)}" is not numeric.', error_id="NonNumericInputObject",
                    category=ErrorCategory.InvalidType, exception_type="System.InvalidOperationException",
                    target_object=value))  # fmt: skip
                return
            stat.sum_previous = stat.sum
            stat.sum += number
            if self.want_deviation and stat.count > 1:
                previous_average = stat.sum_previous / (stat.count - 1)
                stat.variance *= (stat.count - 2.0) / (stat.count - 1)
                stat.variance += (number - previous_average) ** 2 / stat.count
        if self.want_min:
            stat.minimum = _extreme(value, stat.minimum, True)
        if self.want_max:
            stat.maximum = _extreme(value, stat.maximum, False)

    def end(self) -> None:
        if self.records == 0 and self.properties is None:
            self._entry(_THIS_OBJECT)
        for name, stat in self.statistics.values():
            if stat.count == 0 and self.properties is not None:
                continue
            info = self._text_info(stat) if self.text else self._generic_info(stat)
            info["Property"] = name if self.properties is not None else None
            self.write_output(info)

    def _text_info(self, stat: _Statistics) -> PSObject:
        return PSObject(
            [
                ("Lines", stat.lines if self.want_lines else None),
                ("Words", stat.words if self.want_words else None),
                ("Characters", stat.characters if self.want_characters else None),
            ],
            type_names=["Microsoft.PowerShell.Commands.TextMeasureInfo", "Microsoft.PowerShell.Commands.MeasureInfo"],
        )

    def _generic_info(self, stat: _Statistics) -> PSObject:
        numeric = not self.non_numeric
        as_doubles = all(v is None or as_double(v) is not None for v in (stat.minimum, stat.maximum))
        minimum, maximum = (stat.minimum if self.want_min else None), (stat.maximum if self.want_max else None)
        if as_doubles:
            minimum = as_double(minimum) if minimum is not None else None
            maximum = as_double(maximum) if maximum is not None else None
        kind = "GenericMeasureInfo" if as_doubles else "GenericObjectMeasureInfo"
        return PSObject(
            [
                ("Count", stat.count),
                ("Average", stat.sum / stat.count if numeric and self.want_average and stat.count else None),
                ("Sum", stat.sum if numeric and self.want_sum else None),
                ("Maximum", maximum),
                ("Minimum", minimum),
                ("StandardDeviation", math.sqrt(stat.variance) if numeric and self.want_deviation else None),
            ],
            type_names=[f"Microsoft.PowerShell.Commands.{kind}", "Microsoft.PowerShell.Commands.MeasureInfo"],
        )
