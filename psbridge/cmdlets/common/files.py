"""Writing text files as PowerShell's file cmdlets do (Out-File, Set-Content, Export-Csv ...).

A new or truncated file starts with the encoding's preamble (no BOM for PowerShell 7's
default UTF-8); appending to a non-empty file adds none.  -NoClobber refuses an existing
file; a read-only file is refused unless -Force, which writes it and keeps it read-only.
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING, Any

from ...errors import ErrorCategory
from ...objects.encoding import DEFAULT_ENCODING, TextEncoding, detect_bom
from ...runtime.should_process import operation_message
from ...runtime.should_process import should_process as _should_process
from .errors import CmdletError

if TYPE_CHECKING:
    from ...runtime.cmdlet import Cmdlet

__all__ = ["TextFileWriter", "access_denied", "file_not_found", "read_text", "should_process"]


def access_denied(path: str, error_id: str = "FileOpenFailure") -> CmdletError:
    """UnauthorizedAccessException, as PathUtils.ReportFileOpenFailure reports it."""
    return CmdletError(
        f"Access to the path '{path}' is denied.",
        error_id=error_id,
        category=ErrorCategory.OpenError,
        exception_type="System.UnauthorizedAccessException",
        target_object=path,
    )


def should_process(cmdlet: Cmdlet, target: str, action: str) -> bool:
    """Cmdlet.ShouldProcess(target, action): see :mod:`psbridge.runtime.should_process`."""
    return _should_process(cmdlet, operation_message(action, target))[0]


class TextFileWriter:
    """One file opened for writing text with a PowerShell encoding."""

    def __init__(
        self,
        path: str,
        encoding: TextEncoding,
        *,
        append: bool = False,
        force: bool = False,
        no_clobber: bool = False,
        command: str = "",
    ) -> None:
        self.path = path
        self.encoding = encoding
        if os.path.isdir(path):
            raise access_denied(path)
        exists = os.path.exists(path)
        if no_clobber and exists and not append:
            error = CmdletError(
                f"The file '{path}' already exists.",
                error_id="NoClobber",
                category=ErrorCategory.ResourceExists,
                exception_type="System.IO.IOException",
                target_object=path,
            )
            error.error_record.error_details = f"File {path} already exists and NoClobber was specified."
            raise error
        self.restore_mode: int | None = None
        if exists and not os.access(path, os.W_OK):
            if not force:
                raise access_denied(path)
            mode = os.stat(path).st_mode
            os.chmod(path, mode | stat.S_IWUSR)
            self.restore_mode = mode
        parent = os.path.dirname(path)
        if parent and not os.path.isdir(parent):
            raise CmdletError(
                f"Could not find a part of the path '{path}'.",
                error_id="DirectoryNotFoundException",
                category=ErrorCategory.ObjectNotFound,
                exception_type="System.IO.DirectoryNotFoundException",
                target_object=path,
            )
        preamble = not (append and exists and os.path.getsize(path) > 0)
        try:
            self.handle: Any = open(path, "ab" if append else "wb")  # noqa: SIM115 - closed by close()
        except PermissionError:
            raise access_denied(path) from None
        if preamble and encoding.preamble:
            self.handle.write(encoding.preamble)

    def write(self, text: str) -> None:
        self.handle.write(self.encoding.encode(text))

    def close(self) -> None:
        self.handle.close()
        if self.restore_mode is not None:
            os.chmod(self.path, self.restore_mode)


def read_text(path: str, encoding: TextEncoding | None = None) -> str:
    """A text file's content as .NET's StreamReader reads it: a byte-order mark decides the
    encoding (and is dropped), else ``encoding`` (UTF-8 by default)."""
    with open(path, "rb") as handle:
        data = handle.read()
    marked = detect_bom(data)
    if marked is not None:
        return marked.decode(data[len(marked.preamble) :])
    return (encoding or DEFAULT_ENCODING).decode(data)


def file_not_found(path: str, error_id: str = "FileOpenFailure") -> CmdletError:
    """FileNotFoundException as a file cmdlet (Import-Csv ...) reports it."""
    return CmdletError(
        f"Could not find file '{path}'.",
        error_id=error_id,
        category=ErrorCategory.OpenError,
        exception_type="System.IO.FileNotFoundException",
        target_object=path,
    )
