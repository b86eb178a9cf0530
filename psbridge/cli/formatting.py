"""Showing output objects the way pwsh's host does (Out-Default), or as JSON (``--json``).

The layout is PowerShell's own formatting, shared with Format-Table, Out-String and the
rest (:mod:`psbridge.formatting`): format data for known types, else a table for objects
with at most four properties and a list for larger ones; strings and numbers print as
they are.  ``--json`` bypasses all of this.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from typing import Any

from ..formatting import render_lines
from ..objects import to_jsonable

__all__ = ["format_output", "to_json_text"]


def format_output(objects: Iterable[Any], width: int | None = None) -> str:
    """The text pwsh prints for the output objects, without its final newline.

    ``width`` defaults to the terminal's (120 when there is none, as pwsh uses when its
    output is redirected).
    """
    width = width or shutil.get_terminal_size((120, 24)).columns
    return "\n".join(render_lines(objects, width))


def to_json_text(objects: Iterable[Any]) -> str:
    return json.dumps([to_jsonable(o) for o in objects], indent=2, ensure_ascii=False)
