"""Select-Object: chosen properties of each input (names, wildcards, calculated properties),
one property's value (-ExpandProperty), and a window on the input (-First/-Last/-Skip/
-SkipLast/-Index/-SkipIndex), optionally -Unique.

Windowing follows SelectObjectCommand's queue: -First streams and, once it has what it asked
for, ends itself and stops the commands before it (``1..1e9 | Select-Object -First 3``
finishes at once) unless -Wait; -Last and -SkipLast hold a queue of that many objects.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from ...errors import ErrorCategory, PSError
from ...objects import Hashtable, PSObject, dotnet_type_name, is_ps_collection
from ...runtime import StopUpstreamCommands, register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.properties import PropertyExpression, parse_properties
from ..common.semantics import compare, wildcard_regex

__all__ = ["SelectObject"]

COMMAND = "Microsoft.PowerShell.Commands.SelectObjectCommand"


def _argument_error(
    message: str, error_id: str, target: Any, category: str = ErrorCategory.InvalidArgument
) -> CmdletError:
    return CmdletError(
        message, error_id=error_id, category=category,
        exception_type="System.Management.Automation.PSArgumentException", target_object=target,
    )  # fmt: skip


class _Window:
    """SelectObjectQueue: which objects -First/-Last/-Skip/-SkipLast let through, and when."""

    def __init__(self, first: int, last: int, skip: int, skip_last: int, first_or_last: bool) -> None:
        self.first, self.last, self.skip, self.skip_last = first, last, skip, skip_last
        self.first_or_last = first_or_last
        self.queue: deque[Any] = deque()
        self.streamed = 0

    @property
    def done(self) -> bool:
        return self.first_or_last and self.last == 0 and self.first != 0 and self.streamed >= self.first

    def enqueue(self, obj: Any) -> None:
        if self.last > 0 and (
            (self.first == 0 and len(self.queue) >= self.last + self.skip)
            or (self.first != 0 and len(self.queue) >= self.last)
        ):
            self.queue.popleft()
        self.queue.append(obj)

    def streaming_dequeue(self) -> tuple[bool, Any]:
        queue = self.queue
        if self.skip == 0:
            if self.skip_last > 0:
                if len(queue) > self.skip_last:
                    return True, queue.popleft()
            elif self.streamed < self.first or not self.first_or_last:
                self.streamed += 1
                return True, queue.popleft()
            elif self.last == 0:
                queue.popleft()
        elif self.last == 0:
            queue.popleft()
            self.skip -= 1
        elif self.first != 0:
            self.skip -= 1
            queue.popleft()
        return False, None


@register_cmdlet
class SelectObject(Cmdlet):
    name = "Select-Object"

    def begin(self) -> None:
        params = self.params
        properties = params.Property if params.is_bound("Property") else None
        excluded = params.ExcludeProperty if params.is_bound("ExcludeProperty") else None
        self.exclude = [wildcard_regex(str(p)) for p in excluded] if excluded is not None else None
        if self.exclude is not None and not properties:
            properties = ["*"]  # -ExcludeProperty implies -Property *
        self.properties: list[PropertyExpression] = (
            parse_properties(properties, command="Select-Object") if properties else []
        )
        self.expand = params.ExpandProperty if params.is_bound("ExpandProperty") else None
        self.unique = bool(params.Unique)
        self.uniques: list[tuple[Any, dict[str, Any]]] = []
        self.case_sensitive = not params.CaseInsensitive
        first_or_last = params.is_bound("First") or params.is_bound("Last")
        self.window = _Window(
            int(params.First) if params.is_bound("First") else 0,
            int(params.Last) if params.is_bound("Last") else 0,
            int(params.Skip or 0),
            int(params.SkipLast or 0),
            first_or_last,
        )
        self.indexed = params.is_bound("Index") or params.is_bound("SkipIndex")
        self.include_index = params.is_bound("Index")
        self.index = sorted({int(i) for i in (params.Index if self.include_index else params.SkipIndex or [])})
        self.filter_position = 0
        self.object_position = 0
        self.ended = False

    def process(self) -> None:
        obj = self.params.InputObject if self.params.is_bound("InputObject") else None
        if obj is None:
            return
        if self.indexed:
            self._process_indexed(obj)
            return
        window = self.window
        window.enqueue(obj)
        ready, streaming = window.streaming_dequeue()
        if ready:
            self._select(streaming)
        if window.done and not self.params.Wait:
            self.end()
            raise StopUpstreamCommands(self)

    def _process_indexed(self, obj: Any) -> None:
        index = self.index
        if self.include_index:
            if self.filter_position < len(index) and self.object_position == index[self.filter_position]:
                self._select(obj)
                self.filter_position += 1
            if not self.params.Wait and self.filter_position >= len(index):
                self.end()
                raise StopUpstreamCommands(self)
        elif self.filter_position < len(index) and self.object_position == index[self.filter_position]:
            self.filter_position += 1
        else:
            self._select(obj)
        self.object_position += 1

    def end(self) -> None:
        if self.ended:
            return
        self.ended = True
        if self.params.parameter_set_name == "DefaultParameter":
            window = self.window
            while window.queue and (window.first != 0 or len(window.queue) > window.skip):
                self._select(window.queue.popleft())
        for written, _notes in self.uniques:
            self.write_output(written)

    # -- one object ----------------------------------------------------------------------------
    def _select(self, obj: Any) -> None:
        try:
            self._select_one(obj)
        except PSError as error:
            if getattr(error, "_psbridge_terminating", False):
                raise
            self.write_error(error, target_object=obj)

    def _select_one(self, obj: Any) -> None:
        if not self.properties and self.expand is None:
            self._write(obj, {})
            return
        notes: dict[str, Any] = {}
        for expression in self.properties:
            self._add_matches(expression, obj, notes)
        if self.expand is None:
            result = PSObject(notes, type_names=[f"Selected.{dotnet_type_name(obj)}"])
            self._write(result, notes)
        else:
            self._expand(obj, notes)

    def _excluded(self, name: str) -> bool:
        return self.exclude is not None and any(pattern.match(name) for pattern in self.exclude)

    def _add_matches(self, expression: PropertyExpression, obj: Any, notes: dict[str, Any]) -> None:
        if expression.is_name:
            results = [(n, v) for n, v in expression.values(obj) if not self._excluded(n)]
            if not results and not expression.is_wildcard:
                results = [(str(expression.expression), None)]  # a missing name is a $null property
        else:
            name = expression.display_name()
            if not name:
                self.throw_terminating_error(_argument_error(
                    "A script block that is passed to the Property parameter must have a name. Use a hash table "
                    "that has Name and Expression keys to name the property.",
                    "EmptyScriptBlockAndNoName", None))  # fmt: skip
            try:
                results = expression.values(obj)
            except PSError:
                results = [(name, None)]
        if expression.label is not None and len(results) > 1:
            self.write_error(CmdletError(
                "Cannot rename multiple results.", error_id="RenamingMultipleResults",
                category=ErrorCategory.InvalidOperation, exception_type="System.InvalidOperationException",
                target_object=obj))  # fmt: skip
            return
        for name, value in results:
            label = expression.label or name
            if label.casefold() in (key.casefold() for key in notes):
                self.write_error(self._already_exists(label, obj, "AlreadyExistingUserSpecifiedPropertyNoExpand"))
                continue
            notes[label] = value

    @staticmethod
    def _already_exists(name: str, obj: Any, error_id: str) -> CmdletError:
        return _argument_error(
            f'The property cannot be processed because the property "{name}" already exists.', error_id, obj,
            ErrorCategory.InvalidOperation,
        )

    def _expand(self, obj: Any, notes: dict[str, Any]) -> None:
        expression = parse_properties([self.expand], command="Select-Object")[0]
        results = expression.values(obj)
        if not results:
            raise _argument_error(f'Property "{self.expand}" cannot be found.', "ExpandPropertyNotFound", obj)
        if len(results) > 1:
            raise _argument_error(
                f'Multiple properties cannot be expanded. "{self.expand}" resolves to multiple properties.',
                "MutlipleExpandProperties", obj,
            )
        value = results[0][1]
        if value is None:
            return
        values = list(value) if is_ps_collection(value) else [value]
        for item in values:
            if item is None:
                continue
            self._write(self._with_notes(item, notes, obj), notes)

    def _with_notes(self, item: Any, notes: dict[str, Any], source: Any) -> Any:
        """The expanded value carrying the selected properties (only an object with properties can)."""
        if not notes or not isinstance(item, PSObject | dict) or isinstance(item, Hashtable):
            return item
        if isinstance(item, PSObject):
            copy = PSObject([(n, item[n]) for n in item.property_names], type_names=item.pstypenames)
        else:
            copy = PSObject(item)
        for name, value in notes.items():
            if name in copy:
                self.write_error(self._already_exists(name, source, "AlreadyExistingUserSpecifiedPropertyExpand"))
            else:
                copy[name] = value
        return copy

    def _write(self, obj: Any, notes: dict[str, Any]) -> None:
        if not self.unique:
            self.write_output(obj)
            return
        for written, written_notes in self.uniques:
            if (
                len(written_notes) == len(notes)
                and self._same(obj, written, bool(notes))
                and all(n in written_notes and self._equal(written_notes[n], v) for n, v in notes.items())
            ):
                return
        self.uniques.append((obj, notes))

    def _equal(self, left: Any, right: Any) -> bool:
        return compare(left, right, case_sensitive=self.case_sensitive) == 0

    def _same(self, obj: Any, other: Any, selected: bool) -> bool:
        if selected:  # two new objects: their properties decide
            return True
        return compare(obj, other, case_sensitive=self.case_sensitive) == 0
