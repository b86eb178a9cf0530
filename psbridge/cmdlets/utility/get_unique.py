"""Get-Unique: drops each object equal to the one before it (so a sorted list comes out unique).

As GetUniqueCommand: objects compare as ObjectCommandComparer does (the language's comparison,
case-sensitive unless -CaseInsensitive, their text when they cannot be compared); -AsString
compares their text; -OnType their first type name.  An array given to -InputObject is one
object, written whole.
"""

from __future__ import annotations

from typing import Any

from ...objects import type_names_of
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.semantics import compare, to_string

__all__ = ["GetUnique"]

_NOTHING: Any = object()


@register_cmdlet
class GetUnique(Cmdlet):
    name = "Get-Unique"

    def begin(self) -> None:
        self.last: Any = _NOTHING

    def process(self) -> None:
        params = self.params
        if not params.is_bound("InputObject"):
            return
        value = params.InputObject
        if self.last is not _NOTHING and not self._differs(value, self.last):
            return
        self.last = value
        self.write_output(value)

    def _differs(self, value: Any, last: Any) -> bool:
        params = self.params
        case_sensitive = not params.CaseInsensitive
        if params.OnType:
            return type_names_of(value)[0] != type_names_of(last)[0]
        if params.AsString:
            left, right = to_string(value), to_string(last)
            return left != right if case_sensitive else left.casefold() != right.casefold()
        if value is None and last is None:
            return False
        return compare(value, last, case_sensitive=case_sensitive) != 0
