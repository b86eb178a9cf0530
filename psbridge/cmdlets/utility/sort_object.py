"""Sort-Object: the input sorted by the objects themselves or by property values.

-Property takes names, script blocks and hashtables ``@{Expression=..; Ascending=..}`` /
``Descending`` (a key's own direction beats -Descending; Ascending beats Descending).  The
sort is stable; -Unique drops an object equal (on every key) to the one before it; -Top and
-Bottom keep the first or last n of the full order.
"""

from __future__ import annotations

from ...conversion import is_true
from ...runtime import register_cmdlet
from ..common.ordering import compare_keys, key_values, sort_entries
from ..common.output import CollectingCmdlet
from ..common.properties import parse_properties

__all__ = ["SortObject"]


@register_cmdlet
class SortObject(CollectingCmdlet):
    name = "Sort-Object"

    def process(self) -> None:
        if self.params.is_bound("InputObject") and self.params.InputObject is not None:
            self.collected.append(self.params.InputObject)

    def end(self) -> None:
        params = self.params
        expressions = (
            parse_properties(params.Property, command="Sort-Object", allowed=("Expression", "Ascending", "Descending"))
            if params.is_bound("Property") and params.Property
            else []
        )
        descending = bool(params.Descending)
        case_sensitive = bool(params.CaseSensitive)
        entries = [(key_values(obj, expressions), obj) for obj in self.collected]
        if not entries:
            return
        width = max(len(keys) for keys, _ in entries)
        ascending = [not descending] * width
        for index, expression in enumerate(expressions[:width]):
            if "Ascending" in expression.options:
                ascending[index] = is_true(expression.options["Ascending"])
            elif "Descending" in expression.options:
                ascending[index] = not is_true(expression.options["Descending"])
        ordered = sort_entries(entries, ascending, case_sensitive)
        if params.Unique:
            kept = [ordered[0]]
            for entry in ordered[1:]:
                if compare_keys(kept[-1][0], entry[0], ascending, case_sensitive) != 0:
                    kept.append(entry)
            ordered = kept
        if params.is_bound("Top"):
            ordered = ordered[: int(params.Top)]
        elif params.is_bound("Bottom"):
            count = int(params.Bottom)
            ordered = ordered[-count:] if count else []
        for _keys, obj in ordered:
            self.write_output(obj)
