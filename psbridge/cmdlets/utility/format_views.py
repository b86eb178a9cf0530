"""Format-Table, Format-List and Format-Wide: choose the view, emit it for an Out-* to print.

Without -Property an object's format data view is used when it has one of the requested
kind; otherwise the view is generated from the first object's properties (all of them:
``"text" | Format-Table`` shows Length).  -Property takes names, wildcards, script blocks
and calculated properties (Format-Table's also ``Width``, ``Alignment``, ``FormatString``).
"""

from __future__ import annotations

from typing import Any

from ...formatting import (
    Column,
    FormatDocument,
    ListView,
    TableView,
    WideView,
    dictionary_entries,
    display_value,
    format_data_view,
)
from ...objects import Hashtable
from ...runtime import register_cmdlet
from ..common.output import CollectingCmdlet
from ..common.properties import PropertyExpression, parse_properties
from ..common.semantics import format_value, property_names, to_string

__all__ = ["FormatList", "FormatTable", "FormatWide"]

_TABLE_KEYS = ("Name", "Label", "Expression", "FormatString", "Width", "Alignment")
_LIST_KEYS = ("Name", "Label", "Expression", "FormatString")
_WIDE_KEYS = ("Expression", "FormatString")


def _getter(expression: PropertyExpression, name: str | None = None) -> Any:
    fmt = expression.options.get("FormatString")

    def value(obj: Any) -> Any:
        if name is not None:
            found, result = PropertyExpression(name).value(obj)
        else:
            found, result = expression.value(obj)
        if not found:
            return None
        return format_value(result, to_string(fmt)) if fmt is not None else result

    return value


def _columns(expressions: list[PropertyExpression], first: Any) -> list[tuple[str, Any, PropertyExpression]]:
    """(label, getter, expression) per shown property; wildcards expand against the first object."""
    columns = []
    for expression in expressions:
        if expression.is_wildcard:
            for name in expression.names(first):
                columns.append((name, _getter(expression, name), expression))
        else:
            columns.append((expression.display_name(), _getter(expression), expression))
    return columns


def _group_by(cmdlet: CollectingCmdlet) -> Any:
    if not cmdlet.params.is_bound("GroupBy"):
        return None
    (expression,) = parse_properties(cmdlet.params.GroupBy, command=cmdlet.command.qualifier)
    label = expression.display_name()

    def header(obj: Any) -> str:
        found, value = expression.value(obj)
        return f"   {label}: {display_value(value) if found else ''}"

    return header


def _formattable(collected: list[Any]) -> list[Any]:
    """The objects a view shows: a hashtable as its entries (the formatter enumerates it), no $null."""
    objects: list[Any] = []
    for obj in collected:
        if isinstance(obj, Hashtable):
            objects.extend(dictionary_entries(obj))
        elif obj is not None:
            objects.append(obj)
    return objects


def _all_properties(first: Any) -> list[PropertyExpression]:
    return [PropertyExpression(name) for name in property_names(first)]


@register_cmdlet
class FormatTable(CollectingCmdlet):
    name = "Format-Table"

    def end(self) -> None:
        objects = _formattable(self.collected)
        if not objects:
            return
        view: TableView
        if self.params.is_bound("Property"):
            expressions = parse_properties(self.params.Property, command=self.command.qualifier, allowed=_TABLE_KEYS)
            view = self._table(expressions, objects[0])
        else:
            known = format_data_view(objects[0])
            view = known if isinstance(known, TableView) else self._table(_all_properties(objects[0]), objects[0])
        self.write_output(
            FormatDocument(
                view,
                objects,
                autosize=bool(self.params.AutoSize),
                hide_table_headers=bool(self.params.HideTableHeaders),
                group_by=_group_by(self),
            )
        )

    def _table(self, expressions: list[PropertyExpression], first: Any) -> TableView:
        columns = []
        for label, getter, expression in _columns(expressions, first):
            width = expression.options.get("Width")
            alignment = expression.options.get("Alignment")
            align = to_string(alignment).casefold() if alignment is not None else None
            columns.append(
                Column(label, getter, int(width) if width is not None else None, align if align != "center" else None)
            )
        return TableView(columns)


@register_cmdlet
class FormatList(CollectingCmdlet):
    name = "Format-List"

    def end(self) -> None:
        objects = _formattable(self.collected)
        if not objects:
            return
        view: ListView
        if self.params.is_bound("Property"):
            expressions = parse_properties(self.params.Property, command=self.command.qualifier, allowed=_LIST_KEYS)
            if any(e.is_wildcard and e.expression == "*" for e in expressions) and len(expressions) == 1:
                view = ListView()  # every property of each object
            else:
                view = ListView([(label, getter) for label, getter, _ in _columns(expressions, objects[0])])
        else:
            known = format_data_view(objects[0])
            view = known if isinstance(known, ListView) else ListView()
        self.write_output(FormatDocument(view, objects, group_by=_group_by(self)))


@register_cmdlet
class FormatWide(CollectingCmdlet):
    name = "Format-Wide"

    def end(self) -> None:
        objects = _formattable(self.collected)
        if not objects:
            return
        if self.params.is_bound("Property"):
            (expression,) = parse_properties(
                self.params.Property, command=self.command.qualifier, allowed=_WIDE_KEYS, expression_required=True
            )
            getter = _getter(expression)
        else:
            getter = _wide_default(objects[0])
        columns = int(self.params.Column) if self.params.is_bound("Column") else None
        self.write_output(
            FormatDocument(
                WideView(getter),
                objects,
                columns=columns,
                autosize=bool(self.params.AutoSize),
                group_by=_group_by(self),
            )
        )


def _wide_default(first: Any) -> Any:
    """The type's wide property: Name for file-system items, the text for scalars, else the first property."""
    if isinstance(first, str | int | float | bool):
        return lambda obj: obj
    names = property_names(first)
    for preferred in ("Name",):
        if any(n.casefold() == preferred.casefold() for n in names):
            return _getter(PropertyExpression(preferred))
    if names:
        return _getter(PropertyExpression(names[0]))
    return lambda obj: obj
