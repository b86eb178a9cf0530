"""Get-FileHash: a file's (or a stream's) hash as a FileHashInfo (Algorithm, Hash, Path).

GetFileHashCommand hashes each file -Path names (wildcards expand; a path without wildcards
that does not exist is FileNotFound) or -LiteralPath names (taken as written), reading it in
chunks -- a file of any size is never held in memory -- and writes the hash as upper-case hex
(Convert.ToHexString).  -Algorithm is SHA1, SHA256 (the default), SHA384, SHA512 or MD5 in any
case, written upper-case.  -InputStream (a Python binary stream, or a .NET Stream) is hashed
once, at the end, with an empty Path.  A directory is UnauthorizedAccessError (File.OpenRead
refuses it), an unreadable file too; other read failures are FileReadError.
"""

from __future__ import annotations

import errno
import hashlib
import os
from typing import Any

from ...binding.compiled import KeptWhole
from ...binding.errors import binding_error
from ...errors import ErrorCategory
from ...objects import PSObject, to_ps_string
from ...objects.text import dotnet_type_name
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError, terminating
from ..common.paths import has_path_wildcard, path_arguments, provider_path, resolve_existing, resolve_literal

__all__ = ["GetFileHash", "file_hash_info"]

#: Bytes read at a time (the size .NET's HashData(Stream) rents).
CHUNK_SIZE = 1 << 16

_ALGORITHMS = {"SHA1": "sha1", "SHA256": "sha256", "SHA384": "sha384", "SHA512": "sha512", "MD5": "md5"}


def file_hash_info(algorithm: str, digest: str, path: str) -> PSObject:
    return PSObject(
        {"Algorithm": algorithm, "Hash": digest, "Path": path},
        type_names=["Microsoft.PowerShell.Commands.FileHashInfo", "System.Object"],
    )


def _hash_stream(read: Any, algorithm: str) -> str:
    """The hex digest of everything ``read(n)`` returns until it returns nothing."""
    hasher = hashlib.new(_ALGORITHMS[algorithm])
    while True:
        chunk = read(CHUNK_SIZE)
        if not chunk:
            return hasher.hexdigest().upper()
        hasher.update(chunk)


def _dotnet_reader(stream: Any) -> Any:
    """``read(n)`` over a .NET Stream's Read(byte[], int, int)."""
    from System import Array, Byte

    buffer = Array.CreateInstance(Byte, CHUNK_SIZE)

    def read(size: int) -> bytes:
        count = stream.Read(buffer, 0, min(size, CHUNK_SIZE))
        return bytes(buffer)[:count]

    return read


@register_cmdlet
class GetFileHash(Cmdlet):
    name = "Get-FileHash"

    @property
    def algorithm(self) -> str:
        return to_ps_string(self.params.Algorithm).upper()

    def process(self) -> None:
        if self.params.parameter_set_name == "StreamParameterSet":
            return
        for path in self._paths():
            digest = self._hash_file(path)
            if digest is not None:
                self.write_output(file_hash_info(self.algorithm, digest, path))

    def end(self) -> None:
        if self.params.parameter_set_name != "StreamParameterSet":
            return
        stream = self.params.InputStream
        if isinstance(stream, KeptWhole):
            stream = stream.value
        if hasattr(stream, "read"):
            read = stream.read
        elif hasattr(stream, "Read") and hasattr(stream, "CanRead"):
            read = _dotnet_reader(stream)
        else:
            raise terminating(
                binding_error(
                    "CannotConvertArgumentNoMessage",
                    str(self.command.qualifier),
                    parameter="InputStream",
                    detail=f'Cannot convert the "{to_ps_string(stream)}" value of type "{dotnet_type_name(stream)}" '
                    'to type "System.IO.Stream".',
                ),
                str(self.command.qualifier),
            )
        self.write_output(file_hash_info(self.algorithm, _hash_stream(read, self.algorithm), ""))

    def _paths(self) -> list[str]:
        """-Path resolved (a literal one that is missing: FileNotFound, naming it as given), or
        -LiteralPath made absolute without checking (opening it reports a missing file)."""
        paths, literal = path_arguments(self.params)
        found: list[str] = []
        for path in paths:
            if literal:
                found.append(resolve_literal(self.runspace, path))
                continue
            try:
                found.extend(resolve_existing(self.runspace, path, False))
            except CmdletError as error:
                if error.error_record.fully_qualified_error_id.startswith("PathNotFound"):
                    if not has_path_wildcard(provider_path(path)):
                        self.write_error(
                            CmdletError(
                                str(error),
                                error_id="FileNotFound",
                                category=ErrorCategory.ObjectNotFound,
                                exception_type="System.Management.Automation.ItemNotFoundException",
                                target_object=path,
                            )
                        )
                else:
                    self.write_error(error)
        return found

    def _hash_file(self, path: str) -> str | None:
        try:
            with open(path, "rb") as stream:
                return _hash_stream(stream.read, self.algorithm)
        except FileNotFoundError:
            if not os.path.isdir(os.path.dirname(path)):  # .NET: DirectoryNotFoundException, an IOException
                self.write_error(_read_error(f"Could not find a part of the path '{path}'.", path))
                return None
            self.write_error(
                CmdletError(
                    f"Could not find file '{path}'.",
                    error_id="FileNotFound",
                    category=ErrorCategory.ObjectNotFound,
                    exception_type="System.IO.FileNotFoundException",
                    target_object=path,
                )
            )
        except (IsADirectoryError, PermissionError):
            self.write_error(
                CmdletError(
                    f"Access to the path '{path}' is denied.",
                    error_id="UnauthorizedAccessError",
                    category=ErrorCategory.InvalidData,
                    exception_type="System.UnauthorizedAccessException",
                    target_object=path,
                )
            )
        except OSError as failure:
            if failure.errno == errno.ENOTDIR:  # a file named as a directory: .NET's DirectoryNotFound
                message = f"Could not find a part of the path '{path}'."
            else:
                message = failure.strerror or str(failure)
            self.write_error(_read_error(message, path))
        return None


def _read_error(message: str, path: str) -> CmdletError:
    """An IOException other than FileNotFound: FileReadError."""
    return CmdletError(
        message,
        error_id="FileReadError",
        category=ErrorCategory.ReadError,
        exception_type="System.IO.IOException",
        target_object=path,
    )
