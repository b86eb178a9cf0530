"""Path text as PowerShell's FileSystem provider parses and builds it on Unix.

Join-Path and Split-Path work on the text of a path, not on the file system: ``\\`` is a
separator too (it becomes ``/``), a leading ``Name:`` is a drive qualifier (``env:PATH``,
``C:\\Temp``), and a provider qualifier (``FileSystem::``) is kept as written.
"""

from __future__ import annotations

import re

__all__ = ["is_absolute", "leaf", "make_path", "parent", "split_qualifier"]

SEPARATOR = "/"
_QUALIFIED = re.compile(r"^([^:/\\]*::|[^:/\\]+:)(.*)$", re.DOTALL)


def normalize(path: str) -> str:
    return path.replace("\\", SEPARATOR)


def split_qualifier(path: str) -> tuple[str, str]:
    """(``env:``, ``PATH``) for ``env:PATH``; ("", path) when there is no qualifier."""
    match = _QUALIFIED.match(path)
    if match is None:
        return "", path
    return match.group(1), match.group(2)


def make_path(parent: str, child: str) -> str:
    """NavigationCmdletProvider.MakePath: one separator between the two parts."""
    parent, child = normalize(parent or ""), normalize(child or "")
    if not parent:
        return child
    if not child:
        return parent if parent.endswith(SEPARATOR) else parent + SEPARATOR
    if parent.endswith(SEPARATOR):
        parent = parent.rstrip(SEPARATOR) or SEPARATOR
        if parent == SEPARATOR:
            return SEPARATOR + child.lstrip(SEPARATOR)
    return parent + SEPARATOR + child.lstrip(SEPARATOR)


def parent(path: str) -> str:
    """Split-Path's default: everything before the last separator; a drive's root keeps its
    separator (``C:/``); a path with none has no parent."""
    qualifier, rest = split_qualifier(path)
    rest = normalize(rest)
    stripped = rest.rstrip(SEPARATOR)
    if not stripped:
        return ""
    index = stripped.rfind(SEPARATOR)
    if index == -1:
        return ""
    head = stripped[:index]
    if not head.strip(SEPARATOR):
        head = head if len(head) > 1 else (SEPARATOR if not qualifier else "")
        if qualifier and not head:
            return qualifier + SEPARATOR
        return qualifier + (head or SEPARATOR)
    return qualifier + head


def leaf(path: str) -> str:
    """The last element of the path (after any qualifier), without trailing separators."""
    _qualifier, rest = split_qualifier(path)
    stripped = normalize(rest).rstrip(SEPARATOR)
    return stripped.rsplit(SEPARATOR, 1)[-1]


def is_absolute(path: str) -> bool:
    """Drive-qualified or rooted (``~/`` is relative, as Split-Path -IsAbsolute says)."""
    qualifier, rest = split_qualifier(path)
    return bool(qualifier) or normalize(rest).startswith(SEPARATOR)
