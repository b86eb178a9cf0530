"""Paths as PowerShell's FileSystem provider resolves them, against the session's location.

``-Path`` arguments are wildcard patterns (``*``, ``?``, ``[a-z]`` in any segment, matched
case-insensitively and returned in name order); ``-LiteralPath`` arguments are taken as
written.  Both are relative to the runspace's location (``Set-Location``), never to the
process's working directory, and may carry a provider qualifier
(``Microsoft.PowerShell.Core\\FileSystem::/tmp``) or start with ``~``.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from ...errors import ErrorCategory
from .errors import CmdletError
from .semantics import wildcard_regex

if TYPE_CHECKING:
    from ...runtime import Runspace

__all__ = [
    "PROVIDER_PREFIX",
    "has_path_wildcard",
    "item_not_found",
    "parent_path",
    "provider_path",
    "ps_path",
    "resolve_literal",
    "resolve_pattern",
    "resolve_write_target",
]

PROVIDER_PREFIX = "Microsoft.PowerShell.Core\\FileSystem::"
_QUALIFIER = re.compile(r"^(?:Microsoft\.PowerShell\.Core\\)?FileSystem::", re.IGNORECASE)


def provider_path(path: str) -> str:
    """The path without a FileSystem provider qualifier."""
    return _QUALIFIER.sub("", path)


def has_path_wildcard(path: str) -> bool:
    return any(char in path for char in "*?[")


def resolve_literal(runspace: Runspace, path: str) -> str:
    """An absolute path for a literal path, relative to the session's location."""
    return runspace.location.resolve(provider_path(path))


def resolve_pattern(runspace: Runspace, pattern: str) -> list[str]:
    """Existing paths matching a -Path argument (a path without wildcards: itself, if it exists)."""
    path = provider_path(pattern)
    if not has_path_wildcard(path):
        absolute = runspace.location.resolve(path)
        return [absolute] if os.path.lexists(absolute) else []
    absolute = runspace.location.resolve(path)
    anchor, parts = _split(absolute)
    candidates = [anchor]
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        following: list[str] = []
        for base in candidates:
            if not has_path_wildcard(part):
                joined = os.path.join(base, part)
                if os.path.lexists(joined):
                    following.append(joined)
                continue
            if not os.path.isdir(base):
                continue
            regex = wildcard_regex(part)
            try:
                names = os.listdir(base)
            except OSError:
                continue
            matches = sorted((name for name in names if regex.match(name)), key=lambda n: (n.casefold(), n))
            for name in matches:
                joined = os.path.join(base, name)
                if last or os.path.isdir(joined):
                    following.append(joined)
        candidates = following
        if not candidates:
            break
    return candidates


def _split(absolute: str) -> tuple[str, list[str]]:
    drive, rest = os.path.splitdrive(absolute)
    root = drive + os.sep
    return root, [part for part in rest.split(os.sep) if part]


def parent_path(path: str) -> str:
    parent = os.path.dirname(path.rstrip(os.sep)) or os.sep
    return parent


def ps_path(path: str) -> str:
    """``PSPath``: the provider-qualified path."""
    return PROVIDER_PREFIX + path


def item_not_found(path: str, error_id: str = "PathNotFound") -> CmdletError:
    """ItemNotFoundException: ``Cannot find path '...' because it does not exist.``"""
    return CmdletError(
        f"Cannot find path '{path}' because it does not exist.",
        error_id=error_id,
        category=ErrorCategory.ObjectNotFound,
        exception_type="System.Management.Automation.ItemNotFoundException",
        target_object=path,
    )


def resolve_write_target(runspace: Runspace, path: str, literal: bool) -> str:
    """The one file a writing cmdlet (Out-File, Export-Csv) writes: a literal path as written, a
    wildcard path only when it names exactly one existing file (PathUtils.MasterStreamOpen)."""
    if literal or not has_path_wildcard(provider_path(path)):
        return resolve_literal(runspace, path)
    matches = resolve_pattern(runspace, path)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise CmdletError(
            f"Cannot perform operation because the wildcard path {path} did not resolve to a file.",
            error_id="FileOpenFailure",
            category=ErrorCategory.OpenError,
            exception_type="System.IO.FileNotFoundException",
            target_object=path,
        )
    raise CmdletError(
        "Cannot perform operation because the path resolved to more than one file. This command cannot "
        "operate on multiple files.",
        error_id="ReadWriteMultipleFilesNotSupported",
        category=ErrorCategory.InvalidArgument,
        exception_type="System.Management.Automation.PSArgumentException",
        target_object=path,
    )
