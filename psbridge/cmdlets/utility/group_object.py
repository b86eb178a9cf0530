"""Group-Object: input objects grouped by equal property values (GroupInfo: Count, Name, Group,
Values), or a hashtable of the groups (-AsHashTable, keyed by the value, or its text with
-AsString).

As GroupObjectCommand does: when every key has values of one type the objects are sorted
(stably) first, so the groups come out in key order; with mixed types the groups keep the
order of first appearance.  Values compare with the language's comparison, case-insensitively
unless -CaseSensitive.
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCategory
from ...objects import Hashtable, PSObject, is_ps_collection
from ...runtime import register_cmdlet
from ..common.errors import CmdletError
from ..common.ordering import MISSING, compare_keys, key_values, sort_entries
from ..common.output import CollectingCmdlet
from ..common.properties import parse_properties
from ..common.semantics import to_string

__all__ = ["GroupObject", "group_name"]

GROUP_INFO = "Microsoft.PowerShell.Commands.GroupInfo"
GROUP_INFO_NO_ELEMENT = "Microsoft.PowerShell.Commands.GroupInfoNoElement"


def group_name(values: list[Any]) -> str:
    """GroupInfo.BuildName: the key values as text joined by ', ' (a collection as ``{a, b}``)."""
    parts: list[str] = []
    for value in values:
        if value is None or value is MISSING:
            continue
        if is_ps_collection(value):
            parts.append("{" + ", ".join(to_string(item) for item in value) + "}")
        else:
            parts.append(to_string(value))
    return ", ".join(parts)


class _CaseSensitiveHashtable(Hashtable):
    """``New-Object Hashtable([StringComparer]::CurrentCulture)``: keys differing in case differ."""

    @staticmethod
    def _fold(key: Any) -> Any:
        return key


def _argument_error(message: str, target: Any) -> CmdletError:
    return CmdletError(message, error_id="ArgumentException", category=ErrorCategory.InvalidArgument,
                       exception_type="System.ArgumentException", target_object=target)  # fmt: skip


@register_cmdlet
class GroupObject(CollectingCmdlet):
    name = "Group-Object"

    def begin(self) -> None:
        super().begin()
        params = self.params
        if params.AsString and not params.AsHashTable:
            self.throw_terminating_error(_argument_error(
                "The command cannot be run because the AsString parameter requires that you specify the "
                "AsHashtable parameter.", True))  # fmt: skip
        properties = params.Property if params.is_bound("Property") and params.Property else []
        self.expressions = parse_properties(properties, command="Group-Object", allowed=("Expression",))
        if params.AsHashTable and not params.AsString and len(self.expressions) > 1:
            self.throw_terminating_error(_argument_error(
                "The command cannot be run because using the AsHashTable parameter with more than one property "
                "requires adding the AsString parameter.", properties))  # fmt: skip

    def process(self) -> None:
        if self.params.is_bound("InputObject") and self.params.InputObject is not None:
            self.collected.append(self.params.InputObject)

    def end(self) -> None:
        params = self.params
        case_sensitive = bool(params.CaseSensitive)
        entries = [(key_values(obj, self.expressions), obj) for obj in self.collected]
        if not entries:
            return
        groups: list[tuple[list[Any], list[Any]]] = []
        ascending = [True] * max(len(keys) for keys, _ in entries)
        if self._same_types(entries):
            for keys, obj in sort_entries(entries, ascending, case_sensitive):
                if groups and compare_keys(groups[-1][0], keys, ascending, case_sensitive) == 0:
                    groups[-1][1].append(obj)
                else:
                    groups.append((keys, [obj]))
        else:
            for keys, obj in entries:
                found = next((g for g in groups if compare_keys(g[0], keys, ascending, case_sensitive) == 0), None)
                if found is None:
                    groups.append((keys, [obj]))
                else:
                    found[1].append(obj)
        if params.AsHashTable:
            self.write_output(self._hashtable(groups, case_sensitive))
            return
        for keys, members in groups:
            self.write_output(self._group_info(keys, members))

    @staticmethod
    def _same_types(entries: list[tuple[list[Any], Any]]) -> bool:
        """Whether every key position holds values of one type ($null aside): the ordered path."""
        width = len(entries[0][0])
        seen: list[type | None] = [None] * width
        for keys, _ in entries:
            if len(keys) != width:
                return False
            for index, value in enumerate(keys):
                if value is None or value is MISSING:
                    continue
                if seen[index] is None:
                    seen[index] = type(value)
                elif seen[index] is not type(value):
                    return False
        return True

    def _group_info(self, keys: list[Any], members: list[Any]) -> PSObject:
        values = [None if value is MISSING else value for value in keys]
        if self.params.NoElement:
            return PSObject([("Count", len(members)), ("Name", group_name(keys)), ("Values", values)],
                            type_names=[GROUP_INFO_NO_ELEMENT, GROUP_INFO])  # fmt: skip
        return PSObject(
            [("Values", values), ("Count", len(members)), ("Group", list(members)), ("Name", group_name(keys))],
            type_names=[GROUP_INFO],
        )

    def _hashtable(self, groups: list[tuple[list[Any], list[Any]]], case_sensitive: bool) -> Hashtable:
        table = _CaseSensitiveHashtable() if case_sensitive else Hashtable()
        for keys, members in groups:
            key = group_name(keys) if self.params.AsString else (None if keys[0] is MISSING else keys[0])
            table[key] = list(members)
        return table
