"""Local files for the cmdlets that upload or download them: paths, and -OutFile written safely.

Paths are resolved as PSOpenAI resolves them (``GetUnresolvedProviderPathFromPSPath``): a
relative path is relative to the session's location (``Set-Location``, ``$PWD``), never the
process's working directory; ``~`` is the home folder, ``\\`` separates folders as ``/`` does,
``Temp:`` is the temporary folder and another drive (``C:\\data``) is DriveNotFound, as pwsh
has it on Linux.

A download (-OutFile) is written to a temporary file beside the target and
moved onto the target name only once every byte has arrived and is on disk, so
a failed or interrupted download never leaves a partial file under the name
asked for, and an existing file is replaced whole or not at all.  Content already in
memory (an image decoded from base64) is written the same way.  Like
PSOpenAI (New-ParentFolder) the target's missing folders are created; like
Invoke-WebRequest -OutFile (and PSOpenAI's WriteAllBytes) an existing file is
replaced.  A target that is a folder is refused.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from ...errors import PSError
from ..common.paths import resolve_literal
from ._errors import FileAccessError, ItemNotFoundError

if TYPE_CHECKING:
    from ...runtime import Runspace
    from ._base import ApiCmdlet

__all__ = ["DOWNLOAD_LIMIT", "download_to_file", "file_to_upload", "file_writer", "resolve_path", "write_file"]

#: The most a download to disk may hold (far above the API's 512 MB file limit).
DOWNLOAD_LIMIT = 16 * 1024**3

_umask_lock = threading.Lock()
_umask: int | None = None


def _current_umask() -> int:
    global _umask
    with _umask_lock:
        if _umask is None:
            _umask = os.umask(0o022)
            os.umask(_umask)
        return _umask


def resolve_path(runspace: Runspace, text: str) -> Path:
    """The file-system path ``text`` names, seen from the session's location."""
    return Path(resolve_literal(runspace, text))


def file_to_upload(runspace: Runspace, text: str) -> Path:
    """The existing file ``text`` names (PSOpenAI's Resolve-FileInfo), else ItemNotFoundError."""
    path = resolve_path(runspace, text)
    if not path.is_file():
        raise ItemNotFoundError(f"Cannot find path '{path}' because it does not exist.", target_object=text)
    return path


@contextmanager
def file_writer(runspace: Runspace, out_file: str) -> Iterator[BinaryIO]:
    """A file to write ``out_file``'s new content into; it takes the name only if the block succeeds.

    (See the module docstring: a temporary file beside the target, synced, then moved over it.)
    """
    target = resolve_path(runspace, out_file)
    if target.is_dir():
        raise FileAccessError(
            f"Access to the path '{target}' is denied.",
            error_id="System.UnauthorizedAccessException",
            target_object=out_file,
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    except OSError as error:
        detail = error.strerror or str(error)
        raise FileAccessError(f"Could not write '{target}': {detail}.", target_object=out_file) from None
    try:
        with os.fdopen(handle, "wb") as sink:
            yield sink
            sink.flush()
            os.fsync(sink.fileno())
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_current_umask()
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as failure:
        with suppress(OSError):
            os.unlink(temporary)
        if isinstance(failure, OSError) and not isinstance(failure, PSError):
            detail = failure.strerror or str(failure)
            raise FileAccessError(f"Could not write '{target}': {detail}.", target_object=out_file) from None
        raise


def write_file(runspace: Runspace, out_file: str, data: bytes) -> Path:
    """``data`` as ``out_file``'s whole content, written safely; the path written."""
    with file_writer(runspace, out_file) as sink:
        sink.write(data)
    return resolve_path(runspace, out_file)


def download_to_file(
    cmdlet: ApiCmdlet, segments: list[str], out_file: str, *, method: str = "GET", **request: Any
) -> Path:
    """``method`` ``segments`` (GET unless told) with the answer written into ``out_file``
    as it arrives (see the module docstring); the path written.

    PSOpenAI makes the request first and resolves -OutFile when it writes, so a path that
    cannot be resolved (``C:\\data\\x.png`` here) is the error only when the request succeeded:
    the request's own error (a 404 for a wrong id) comes first, as there."""
    try:
        resolve_path(cmdlet.runspace, out_file)
    except PSError:
        with open(os.devnull, "wb") as discard:
            cmdlet.request(method, segments, raw=True, sink=discard, max_bytes=DOWNLOAD_LIMIT, **request)
        raise
    with file_writer(cmdlet.runspace, out_file) as sink:
        cmdlet.request(method, segments, raw=True, sink=sink, max_bytes=DOWNLOAD_LIMIT, **request)
    return resolve_path(cmdlet.runspace, out_file)
