"""``psbridge parse FILE [--json]``: PowerShell's syntax tree of a script, or its parse errors.

For people (an indented outline: node kind, properties, source text) and for
conformance checks (``--json``: the tree with every node's kind, extent and
properties under PowerShell's property names).  Errors go to stderr as pwsh
prints them (``--json``: ``{"errors": [...]}`` on stdout); exit status 1.
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

__all__ = ["main"]

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
_USAGE = "usage: psbridge parse FILE|- [--json]"


def _outline(root: object, stdout: TextIO) -> None:
    """One line per node, indented by depth (a stack, not recursion: trees may be deep)."""
    from ..language import ast

    stack: list[tuple[object, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        assert isinstance(node, ast.Ast)
        props = []
        for name in node._props:
            value = getattr(node, name)
            if value is None or value == [] or value is False:
                continue
            shown = getattr(value, "name", None) if hasattr(value, "value") and hasattr(value, "name") else None
            props.append(f"{name}={shown if isinstance(shown, str) else value!s}")
        text = node.extent.text.replace("\r", "").replace("\n", "\u21b5")
        if len(text) > 60:
            text = text[:57] + "..."
        extent = node.extent
        where = f"{extent.start_line_number}:{extent.start_column_number}"
        suffix = (" " + " ".join(props)) if props else ""
        stdout.write(f"{'  ' * depth}{type(node).__name__} @{where}{suffix}  {text!r}\n")
        stack.extend((child, depth + 1) for child in reversed(list(node.children())))


def main(args: list[str], stdin: TextIO | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:  # fmt: skip
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    as_json = "--json" in args
    paths = [arg for arg in args if arg != "--json"]
    if len(paths) != 1:
        stderr.write(_USAGE + "\n")
        return EXIT_USAGE
    from ..language import parse_input
    from ..language.script_file import read_script_file

    path = paths[0]
    try:
        text = stdin.read() if path == "-" else read_script_file(path)
    except OSError as failure:
        stderr.write(f"psbridge parse: cannot read '{path}': {failure.strerror or failure}\n")
        return EXIT_USAGE
    tree, errors = parse_input(text, None if path == "-" else path)
    if as_json:
        if errors:
            data = {
                "errors": [
                    {
                        "ErrorId": item.error_id,
                        "Message": item.message,
                        "IncompleteInput": item.incomplete_input,
                        "Extent": item.extent.to_dict(),
                    }
                    for item in errors
                ]
            }
        else:
            data = tree.to_dict()
        stdout.write(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        return EXIT_ERRORS if errors else EXIT_OK
    if errors:
        for item in errors:
            stderr.write(f"{item}\n\n")
        stderr.write(f"{len(errors)} parse error{'s' if len(errors) != 1 else ''}.\n")
        return EXIT_ERRORS
    _outline(tree, stdout)
    return EXIT_OK
