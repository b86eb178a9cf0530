"""PowerShell's formatting and output: how objects become text.

Out-Default (the command line), Out-String, Out-File and Out-Host print objects through
views: format data of known types, else a table (four properties or fewer) or a list
generated from the object's properties.  Format-Table, -List and -Wide choose the view
themselves and emit a :class:`FormatDocument` that any Out-* prints as laid out.
Below cmdlets and cli, above objects: it imports nothing else of psbridge.
"""

from .layout import list_entry_lines, table_lines, wide_lines
from .render import DEFAULT_WIDTH, FormatDocument, dictionary_entries, out_string, render_lines, shows_as_text
from .values import display_value, format_datetime, format_long_datetime, format_timespan
from .views import (
    Column,
    CustomView,
    ListView,
    TableView,
    View,
    WideView,
    default_view,
    format_data_view,
    get_value,
    named_views,
    object_properties,
)

__all__ = [
    "DEFAULT_WIDTH",
    "Column",
    "CustomView",
    "FormatDocument",
    "ListView",
    "TableView",
    "View",
    "WideView",
    "default_view",
    "dictionary_entries",
    "display_value",
    "format_data_view",
    "format_datetime",
    "format_long_datetime",
    "format_timespan",
    "get_value",
    "list_entry_lines",
    "named_views",
    "object_properties",
    "out_string",
    "render_lines",
    "shows_as_text",
    "table_lines",
    "wide_lines",
]
