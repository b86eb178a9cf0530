"""Format-Table, Format-List and Format-Wide: choose the view, emit it for an Out-* to print.

Without -Property an object's format data view is used when it has one of the requested
kind (or the one -View names); otherwise the view is generated from the first object's
properties (all of them).  -Property takes names, wildcards, script blocks and calculated
properties (Format-Table's also ``Width``, ``Alignment``, ``FormatString``).  Strings and
numbers are written as text unless -Force asks for their properties too; a collection given
to -InputObject is formatted item by item (-Expand EnumOnly), as one object (CoreOnly) or both.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ...errors import ErrorCategory
from ...formatting import (
    Column,
    FormatDocument,
    ListView,
    TableView,
    View,
    WideView,
    dictionary_entries,
    display_value,
    format_data_view,
    named_views,
    shows_as_text,
)
from ...objects import Hashtable, is_ps_collection
from ...runtime import register_cmdlet
from ..common.errors import CmdletError
from ..common.output import CollectingCmdlet
from ..common.properties import PropertyExpression, parse_properties
from ..common.semantics import format_value, property_names, to_string

__all__ = ["FormatList", "FormatTable", "FormatWide"]

_SCALARS = (str, int, float, bool)
ERROR_CELL = "#ERR"


def _expression_error(expression: PropertyExpression, obj: Any) -> CmdletError:
    """-ShowError's record for a calculated property that failed (Format-Table.md example 8,
    Format-List.md example 5): PSPropertyExpressionError, InvalidArgument, the object as target."""
    text = to_string(expression.expression) if not isinstance(expression.expression, str) else expression.expression
    return CmdletError(
        f'Failed to evaluate expression "{text}".',
        error_id="PSPropertyExpressionError",
        category=ErrorCategory.InvalidArgument,
        exception_type="System.Management.Automation.RuntimeException",
        target_object=obj,
    )


class _FormatCommand(CollectingCmdlet):
    """What the three share: input expansion, -View, -GroupBy, expression errors."""

    kind: ClassVar[str] = ""
    keys: ClassVar[tuple[str, ...]] = ()
    view_type: ClassVar[type] = TableView

    def end(self) -> None:
        params = self.params
        if params.is_bound("View") and params.is_bound("Property"):
            raise CmdletError(
                "Cmdlet parameters View and Property are mutually exclusive.",
                error_id="FormatCannotSpecifyViewAndProperty",
                category=ErrorCategory.InvalidArgument,
                exception_type="System.IO.InvalidDataException",
            )
        objects = self._formattable()
        force = bool(params.Force)
        formatted = [obj for obj in objects if force or not shows_as_text(obj)]
        if not formatted:
            for obj in objects:
                self.write_output(obj)  # scalars, objects without properties: written as they are (out of band)
            return
        view = self._view(formatted[0])
        document = self._document(view, objects if force else formatted)
        # -GroupBy, else the view's own grouping (FileSystem's "Directory:", Process's -View Priority)
        document.group_by = self._group_by() or getattr(view, "group_by", None)
        self.write_output(document)

    # -- input ------------------------------------------------------------------------------
    def _formattable(self) -> list[Any]:
        """A hashtable as its entries (the formatter enumerates it), a collection per -Expand, no $null."""
        expand = to_string(self.params.Expand or "EnumOnly").casefold()
        objects: list[Any] = []
        for obj in self.collected:
            if obj is None:
                continue
            if isinstance(obj, Hashtable):
                objects.extend(dictionary_entries(obj))
            elif is_ps_collection(obj):
                if expand in ("coreonly", "both"):
                    objects.append(obj)
                if expand in ("enumonly", "both"):
                    objects.extend(item for item in obj if item is not None)
            else:
                objects.append(obj)
        return objects

    # -- the view ---------------------------------------------------------------------------
    def _view(self, first: Any) -> View:
        params = self.params
        if params.is_bound("View"):
            return self._named_view(first, to_string(params.View))
        if params.is_bound("Property"):
            expressions = parse_properties(params.Property, command=self.command.qualifier, allowed=self.keys)
            return self._from_expressions(expressions, first)
        known = format_data_view(first)
        if known is not None and isinstance(known, self.view_type):
            return known
        return self._generated(first)

    def _named_view(self, first: Any, name: str) -> View:
        views = {n: v for n, v in named_views(first).items() if isinstance(v, self.view_type)}
        for view_name, view in views.items():
            if view_name.casefold() == name.casefold():
                return view
        if views:
            message = (
                f"The view name {name} cannot be found. Specify one of the following {self.kind} views and try "
                f"again: {', '.join(views)}."
            )
        else:
            type_name = getattr(first, "pstypenames", [type(first).__name__])[0]
            message = (
                f"The view name {name} cannot be found. There are no existing {self.kind} views for "
                f"{type_name} objects."
            )
        raise CmdletError(
            message,
            error_id="FormatViewNotFound",
            category=ErrorCategory.ObjectNotFound,
            exception_type="System.Management.Automation.PipelineStoppedException",
            target_object=name,
        )

    def _columns(self, expressions: list[PropertyExpression], first: Any) -> list[tuple[str, Any, PropertyExpression]]:
        """(label, getter, expression) per shown property; wildcards expand against the first object."""
        columns = []
        for expression in expressions:
            if expression.is_wildcard:
                for name in expression.names(first):
                    columns.append((name, self._getter(expression, name), expression))
            else:
                columns.append((expression.display_name(), self._getter(expression), expression))
        return columns

    def _getter(self, expression: PropertyExpression, name: str | None = None) -> Any:
        fmt = expression.options.get("FormatString")
        show_error, display_error = bool(self.params.ShowError), bool(self.params.DisplayError)

        def value(obj: Any) -> Any:
            # a statement that fails inside the block fails the whole expression, as in a try block
            # (PSPropertyExpression catches the exception): the language's propagate count says so
            language = self.runspace.language
            if language is not None:
                language.propagate += 1
            try:
                found, result = (PropertyExpression(name) if name else expression).value(obj)
                failed = False
            except Exception:  # a script block that failed: PowerShell shows or reports it
                failed = True
            finally:
                if language is not None:
                    language.propagate -= 1
            if failed:
                if show_error:
                    self.write_error(_expression_error(expression, obj))
                return ERROR_CELL if display_error else None
            if not found:
                return None
            return format_value(result, to_string(fmt)) if fmt is not None else result

        return value

    def _group_by(self) -> Any:
        if not self.params.is_bound("GroupBy"):
            return None
        (expression,) = parse_properties(self.params.GroupBy, command=self.command.qualifier)
        label = expression.display_name()

        def header(obj: Any) -> str:
            found, value = expression.value(obj)
            return f"   {label}: {display_value(value) if found else ''}"

        return header

    # -- per command ------------------------------------------------------------------------
    def _from_expressions(self, expressions: list[PropertyExpression], first: Any) -> View:
        raise NotImplementedError

    def _generated(self, first: Any) -> View:
        return self._from_expressions([PropertyExpression(name) for name in property_names(first)], first)

    def _document(self, view: View, objects: list[Any]) -> FormatDocument:
        return FormatDocument(view, objects)


@register_cmdlet
class FormatTable(_FormatCommand):
    name = "Format-Table"
    kind = "Table"
    keys = ("Name", "Label", "Expression", "FormatString", "Width", "Alignment")
    view_type = TableView

    def _from_expressions(self, expressions: list[PropertyExpression], first: Any) -> View:
        columns = []
        for label, getter, expression in self._columns(expressions, first):
            width = expression.options.get("Width")
            alignment = expression.options.get("Alignment")
            align = to_string(alignment).casefold() if alignment is not None else None
            columns.append(
                Column(label, getter, int(width) if width is not None else None, align if align != "center" else None)
            )
        return TableView(columns)

    def _document(self, view: View, objects: list[Any]) -> FormatDocument:
        params = self.params
        return FormatDocument(
            view,
            objects,
            autosize=bool(params.AutoSize),
            hide_table_headers=bool(params.HideTableHeaders),
            wrap=bool(params.Wrap),
            repeat_header=bool(params.RepeatHeader),
        )


@register_cmdlet
class FormatList(_FormatCommand):
    name = "Format-List"
    kind = "List"
    keys = ("Name", "Label", "Expression", "FormatString")
    view_type = ListView

    def _from_expressions(self, expressions: list[PropertyExpression], first: Any) -> View:
        if len(expressions) == 1 and expressions[0].expression == "*":
            return ListView()  # every property of each object
        return ListView([(label, getter) for label, getter, _ in self._columns(expressions, first)])

    def _generated(self, first: Any) -> View:
        return ListView()


@register_cmdlet
class FormatWide(_FormatCommand):
    name = "Format-Wide"
    kind = "Wide"
    keys = ("Expression", "FormatString")
    view_type = WideView

    def _from_expressions(self, expressions: list[PropertyExpression], first: Any) -> View:
        (expression,) = expressions[:1] or [PropertyExpression("Name")]
        return WideView(self._getter(expression))

    def _generated(self, first: Any) -> View:
        """The type's wide property: Name when there is one, else the first property, else the object."""
        if isinstance(first, _SCALARS):
            return WideView(lambda obj: obj)
        names = property_names(first)
        chosen = next((n for n in names if n.casefold() == "name"), names[0] if names else None)
        if chosen is None:
            return WideView(lambda obj: obj)
        return WideView(self._getter(PropertyExpression(chosen)))

    def _document(self, view: View, objects: list[Any]) -> FormatDocument:
        columns = int(self.params.Column) if self.params.is_bound("Column") else None
        return FormatDocument(view, objects, columns=columns, autosize=bool(self.params.AutoSize))
