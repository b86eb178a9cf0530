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
import tempfile
from typing import TYPE_CHECKING, Any

from ...errors import ErrorCategory
from .errors import CmdletError, terminating
from .semantics import wildcard_regex

if TYPE_CHECKING:
    from ...runtime import Runspace
    from ...runtime.cmdlet import Cmdlet, Parameters

__all__ = [
    "PROVIDER_PREFIX",
    "credentials_refused",
    "drive_not_found",
    "drive_of",
    "has_path_wildcard",
    "item_not_found",
    "parent_path",
    "path_arguments",
    "provider_path",
    "ps_path",
    "resolve_existing",
    "resolve_literal",
    "resolve_pattern",
    "resolve_write_target",
    "unescape_wildcards",
    "windows_only_refused",
]

PROVIDER_PREFIX = "Microsoft.PowerShell.Core\\FileSystem::"
_QUALIFIER = re.compile(r"^(?:Microsoft\.PowerShell\.Core\\)?FileSystem::", re.IGNORECASE)


def provider_path(path: str) -> str:
    """The path without a FileSystem provider qualifier."""
    return _QUALIFIER.sub("", path)


def has_path_wildcard(path: str) -> bool:
    return any(char in path for char in "*?[")


#: ``Name:`` at the start of a path names a PowerShell drive (PowerShell reads it so on Linux too).
_DRIVE = re.compile(r"^([^:/\\]+):(?!:)")


def drive_of(path: str) -> str | None:
    """The drive name a path starts with (``Temp`` of ``Temp:/x``), if any."""
    if _QUALIFIER.match(path):
        return None
    match = _DRIVE.match(path)
    return match.group(1) if match else None


def drive_not_found(name: str) -> CmdletError:
    """DriveNotFoundException: the FileSystem provider's drives here are ``/`` and ``Temp:``."""
    return CmdletError(
        f"Cannot find drive. A drive with the name '{name}' does not exist.",
        error_id="DriveNotFound",
        category=ErrorCategory.ObjectNotFound,
        exception_type="System.Management.Automation.DriveNotFoundException",
        target_object=name,
    )


def resolve_literal(runspace: Runspace, path: str) -> str:
    """An absolute path for a literal path, relative to the session's location (``Temp:`` is the
    temporary directory; another drive name is DriveNotFound)."""
    bare = provider_path(path)
    drive = drive_of(bare)
    if drive is not None:
        if drive.casefold() != "temp":
            raise drive_not_found(drive)
        bare = os.path.join(tempfile.gettempdir(), bare[len(drive) + 1 :].lstrip("/\\"))
    return runspace.location.resolve(bare.replace("\\", os.sep) if os.sep == "/" else bare)


def resolve_pattern(runspace: Runspace, pattern: str, *, force: bool = False) -> list[str]:
    """Existing paths matching a -Path argument (a path without wildcards: itself, if it exists).
    Wildcards match hidden (dot) names only with ``force``, as the FileSystem provider's globbing."""
    path = provider_path(pattern)
    if not has_path_wildcard(path):
        absolute = resolve_literal(runspace, path)
        return [absolute] if os.path.lexists(absolute) else []
    absolute = resolve_literal(runspace, path)
    anchor, parts = _split(absolute)
    base = _literal_base(runspace, path)
    if base is not None:  # the location a relative pattern starts from is a path, not a pattern
        anchor = os.path.commonpath([absolute, base])
        parts = [part for part in os.path.relpath(absolute, anchor).split(os.sep) if part and part != "."]
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
            matches = sorted(
                (name for name in names if regex.match(name) and (force or not name.startswith("."))),
                key=lambda n: (n.casefold(), n),
            )
            for name in matches:
                joined = os.path.join(base, name)
                if last or os.path.isdir(joined):
                    following.append(joined)
        candidates = following
        if not candidates:
            break
    return candidates


def _literal_base(runspace: Runspace, path: str) -> str | None:
    """The directory a relative path (or a ``Temp:`` one) is taken from; None for an absolute path."""
    drive = drive_of(path)
    if drive is not None:
        return tempfile.gettempdir() if drive.casefold() == "temp" else None
    if os.path.isabs(path) or path.startswith(("/", "\\", "~")):
        return None
    return runspace.location.path


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


def unescape_wildcards(path: str) -> str:
    """WildcardPattern.Unescape: a -Path that is not globbed loses its backtick escapes (``a`[b]`` is ``a[b]``)."""
    return re.sub(r"`(.)", r"\1", path)


def credentials_refused(cmdlet: Cmdlet) -> bool:
    """-Credential given to a FileSystem cmdlet: PowerShell's NotSupported error (CmdletProviderContext
    refuses credentials for the FileSystem provider except on New-PSDrive); the cmdlet does nothing."""
    if cmdlet.params.get("Credential", None) is None:
        return False
    cmdlet.write_error(
        CmdletError(
            "The FileSystem provider supports credentials only on the New-PSDrive cmdlet. Perform the operation "
            "again without specifying credentials.",
            error_id="NotSupported",
            category=ErrorCategory.NotImplemented,
            exception_type="System.Management.Automation.PSNotSupportedException",
        )
    )
    return True


def resolve_existing(runspace: Runspace, path: str, literal: bool, *, force: bool = False) -> list[str]:
    """The existing items a -Path (wildcards expand; none matching is no error) or -LiteralPath
    argument names; a path without wildcards that does not exist raises ItemNotFoundException
    with its full path, as LocationGlobber does."""
    if literal or not has_path_wildcard(provider_path(path)):
        absolute = resolve_literal(runspace, path if literal else unescape_wildcards(path))
        if not os.path.lexists(absolute):
            raise item_not_found(absolute)
        return [absolute]
    return resolve_pattern(runspace, path, force=force)


def path_arguments(params: Parameters) -> tuple[list[str], bool]:
    """The -Path or -LiteralPath values bound (whichever the caller used) and whether they are literal."""
    literal = params.is_bound("LiteralPath")
    values = params.get("LiteralPath", None) if literal else params.get("Path", None)
    if values is None:
        return [], literal
    if isinstance(values, str):
        return [values], literal
    return [str(value) for value in values], literal


def windows_only_refused(cmdlet: Cmdlet, given: dict[str, Any]) -> None:
    """Dynamic parameters of providers pwsh has only on Windows (the FileSystem's -Stream, the
    Certificate and WSMan providers' ones): the docs declare them, so they bind, but on Linux pwsh
    knows no such parameter -- its NamedParameterNotFound error ends the command before it acts.
    ``given`` maps each such parameter's name to the value the cmdlet read for it."""
    for name, value in given.items():
        if value is None or value is False:
            continue
        error = CmdletError(
            f"A parameter cannot be found that matches parameter name '{name}'.",
            error_id="NamedParameterNotFound",
            category=ErrorCategory.InvalidArgument,
            exception_type="System.Management.Automation.ParameterBindingException",
            target_object=name,
        )
        raise terminating(error, str(cmdlet.command.qualifier))
