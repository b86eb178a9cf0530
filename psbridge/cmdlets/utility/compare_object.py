"""Compare-Object: which objects are only in the reference set (``<=``), only in the difference
set (``=>``), or, with -IncludeEqual, in both (``==``).

CompareObjectCommand's algorithm, step for step: reference and difference objects are walked
in parallel; an object that does not match its counterpart waits in a backlog of at most
-SyncWindow entries, where a later object on the other side may still match it; whatever
falls out of a backlog, or is left at the end, is a difference.  Objects (or their -Property
values) compare as Sort-Object compares them, case-insensitively unless -CaseSensitive.
Each result is a new object with InputObject (or the -Property values) and SideIndicator;
-PassThru writes the input object itself with a SideIndicator note added.
"""

from __future__ import annotations

from typing import Any

from ...objects import PSObject, is_ps_collection
from ...objects.members import extend, extension_of, is_extensible
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.ordering import MISSING, compare_keys, key_values
from ..common.properties import PropertyExpression, parse_properties

__all__ = ["CompareObject"]

Entry = tuple[list[Any], Any]  # (key values, input object)


def _objects(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if is_ps_collection(value) else [value]


@register_cmdlet
class CompareObject(Cmdlet):
    name = "Compare-Object"

    def begin(self) -> None:
        params = self.params
        self.include_equal = bool(params.IncludeEqual)
        if params.ExcludeDifferent and not (params.is_bound("IncludeEqual") and not params.IncludeEqual):
            self.include_equal = True
        self.window = int(params.SyncWindow) if params.is_bound("SyncWindow") else 2**31 - 1
        self.expressions: list[PropertyExpression] = (
            parse_properties(params.Property, command="Compare-Object")
            if params.is_bound("Property") and params.Property
            else []
        )
        self.ascending = [True] * max(1, len(self.expressions))
        self.case_sensitive = bool(params.CaseSensitive)
        self.reference: list[Entry] | None = None
        self.reference_index = 0
        self.reference_backlog: list[Entry] = []
        self.difference_backlog: list[Entry] = []

    def _entries(self, objects: list[Any]) -> list[Entry]:
        return [(key_values(obj, self.expressions), obj) for obj in objects]

    def _equal(self, a: Entry, b: Entry) -> bool:
        return compare_keys(a[0], b[0], self.ascending, self.case_sensitive) == 0

    def process(self) -> None:
        reference = _objects(self.params.ReferenceObject)
        difference = _objects(self.params.DifferenceObject) if self.params.is_bound("DifferenceObject") else []
        if not reference:
            for entry in self._entries(difference):
                self._emit_difference(entry)
            return
        if self.reference is None:
            self.reference = self._entries(reference)
        if not difference:
            self._step(None)
            return
        for entry in self._entries(difference):
            self._step(entry)

    def end(self) -> None:
        if self.reference is not None:
            while self.reference_index < len(self.reference):
                self._step(None)
        for entry in self.difference_backlog:
            self._emit_difference(entry)
        for entry in self.reference_backlog:
            self._emit_reference(entry)
        self.difference_backlog.clear()
        self.reference_backlog.clear()

    def _step(self, difference: Entry | None) -> None:
        """CompareObjectCommand.Process: one difference entry against the next reference entry."""
        assert self.reference is not None
        reference: Entry | None = None
        if self.reference_index < len(self.reference):
            reference = self.reference[self.reference_index]
            self.reference_index += 1
        if reference is not None and difference is not None and self._equal(reference, difference):
            self._emit_match(reference)
            return
        matched = self._match_and_remove(difference, self.reference_backlog)
        if matched is not None:
            self._emit_match(matched)
            difference = None
        if reference is not None and self._match_and_remove(reference, self.difference_backlog) is not None:
            self._emit_match(reference)
            reference = None
        if difference is not None:
            self._into_backlog(difference, self.difference_backlog, self._emit_difference)
        if reference is not None:
            self._into_backlog(reference, self.reference_backlog, self._emit_reference)

    def _into_backlog(self, entry: Entry, backlog: list[Entry], emit: Any) -> None:
        if self.window <= 0:
            emit(entry)
            return
        while len(backlog) >= self.window:
            emit(backlog.pop(0))
        backlog.append(entry)

    def _match_and_remove(self, entry: Entry | None, backlog: list[Entry]) -> Entry | None:
        if entry is None:
            return None
        for index, other in enumerate(backlog):
            if self._equal(entry, other):
                return backlog.pop(index)
        return None

    # -- output ---------------------------------------------------------------------------------------
    def _emit_match(self, entry: Entry) -> None:
        if self.include_equal:
            self._write_result(entry, "==")

    def _emit_difference(self, entry: Entry) -> None:
        if not self.params.ExcludeDifferent:
            self._write_result(entry, "=>")

    def _emit_reference(self, entry: Entry) -> None:
        if not self.params.ExcludeDifferent:
            self._write_result(entry, "<=")

    def _write_result(self, entry: Entry, side: str) -> None:
        keys, obj = entry
        if self.params.PassThru:
            self.write_output(_with_side_indicator(obj, side))
            return
        result = PSObject()
        if not self.expressions:
            result["InputObject"] = obj
        else:
            for expression, value in zip(self.expressions, keys, strict=False):
                name = expression.display_name()
                if name not in result:
                    result[name] = None if value is MISSING else value
        result["SideIndicator"] = side
        self.write_output(result)


def _with_side_indicator(obj: Any, side: str) -> Any:
    """PSObject.AsPSObject(obj) with a SideIndicator note (replacing one it had)."""
    if isinstance(obj, PSObject):
        obj.add_member(side, "SideIndicator", replace=True)
        return obj
    if extension_of(obj) is None and not is_extensible(obj):
        return obj  # psbridge can attach no member to it: the object itself
    extended, table = extend(obj)
    table.add_member(side, "SideIndicator", replace=True)
    return extended
