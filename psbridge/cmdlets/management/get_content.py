"""Get-Content: a file's lines (or chunks between -Delimiter, or its bytes) as PowerShell 7 reads them.

The encoding is the file's byte-order mark when it has one (StreamReader's detection, which wins
over -Encoding), else -Encoding, else UTF-8.  Lines end at CRLF, LF or CR and carry no
terminator; a chunk ends at the delimiter, which is dropped.  -ReadCount 1 writes one line per
object; 0 or less all of them as one array; N arrays of N (GetContentCommand.ProcessRecord).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

from ...errors import ErrorCategory
from ...objects.encoding import DEFAULT_ENCODING, TextEncoding, detect_bom
from ...objects.numeric import Byte
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.paths import (
    credentials_refused,
    has_path_wildcard,
    path_arguments,
    provider_path,
    resolve_existing,
    windows_only_refused,
)
from .item_filters import NameFilters, environment_path, name_filters

__all__ = ["GetContent", "decode_file", "read_text"]

_LINE_BREAK = re.compile(r"\r\n|\n|\r")
#: How often -Wait looks at the file again (PowerShell's watcher also checks the length twice a second).
_WAIT_POLL = 0.25


def decode_file(data: bytes, encoding: TextEncoding | None) -> tuple[str, TextEncoding]:
    """The text of a file's bytes: a byte-order mark decides the encoding and is not part of the text."""
    bom = detect_bom(data)
    if bom is not None:
        return bom.decode(data[len(bom.preamble) :]), bom
    chosen = encoding or DEFAULT_ENCODING
    return chosen.decode(data), chosen


def read_text(path: str, encoding: TextEncoding | None = None) -> str:
    with open(path, "rb") as handle:
        return decode_file(handle.read(), encoding)[0]


def _lines(text: str) -> list[str]:
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _chunks(text: str, delimiter: str) -> list[str]:
    """Text between delimiters; the last chunk is what follows the last delimiter, if anything."""
    if delimiter == "":
        return []  # a known PowerShell issue the docs describe: an empty delimiter returns nothing
    chunks = text.split(delimiter)
    if chunks and chunks[-1] == "":
        chunks.pop()
    return chunks


def _invalid(message: str, error_id: str) -> CmdletError:
    return CmdletError(
        message,
        error_id=error_id,
        category=ErrorCategory.InvalidOperation,
        exception_type="System.InvalidOperationException",
    )


@register_cmdlet
class GetContent(Cmdlet):
    name = "Get-Content"

    def process(self) -> None:
        params = self.params
        total = int(params.get("TotalCount", -1))
        tail = int(params.get("Tail", -1))
        if params.is_bound("TotalCount") and params.is_bound("Tail"):
            self.write_error(
                _invalid(
                    "The parameters TotalCount and Tail cannot be used together. Please specify only one parameter.",
                    "TailAndHeadCannotCoexist",
                )
            )
            return
        if params.Raw:
            for other in ("TotalCount", "Tail", "Delimiter"):
                if params.is_bound(other):
                    raise _invalid(
                        f"The 'Raw' and '{other}' parameters cannot be specified in the same command.",
                        "InvalidOperation",
                    )
        windows_only_refused(self, {"Stream": params.get("Stream", None)})
        if params.Raw and params.Wait:
            raise _invalid("The Raw and Wait parameters cannot be specified in the same command.", "InvalidOperation")
        if total == 0 or (tail == 0 and not params.Wait) or credentials_refused(self):
            return
        paths, literal = path_arguments(params)
        filters = name_filters(params)
        for path in paths:
            if environment_path(self, path, literal, self._write_values):  # Env:NAME is the variable's value
                continue
            for resolved in self._resolve(path, literal, filters):
                self._read(resolved, total, tail)

    def _write_values(self, items: list[Any]) -> None:
        for item in items:
            self.write_output(item["Value"])

    def _resolve(self, path: str, literal: bool, filters: NameFilters) -> list[str]:
        try:
            found = resolve_existing(self.runspace, path, literal, force=bool(self.params.Force))
        except CmdletError as error:
            self.write_error(error)
            return []
        found = [item for item in found if filters.accepts(item)]
        if not found and not literal and (has_path_wildcard(provider_path(path)) or filters.restricts):
            self.write_error(
                CmdletError(
                    f"An object at the specified path {path} does not exist, or has been filtered by the -Include or "
                    "-Exclude parameter.",
                    error_id="ItemNotFound",
                    category=ErrorCategory.ObjectNotFound,
                    exception_type="System.Exception",
                    target_object=path,
                )
            )
        return found

    def _read(self, path: str, total: int, tail: int) -> None:
        params = self.params
        if os.path.isdir(path):
            self.write_error(
                _invalid(
                    f"Unable to get content because it is a directory: '{path}'. Please use 'Get-ChildItem' instead.",
                    "GetContainerContentException",
                )
            )
            return
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except PermissionError:
            self.write_error(
                CmdletError(
                    f"Access to the path '{path}' is denied.",
                    error_id="GetContentReaderUnauthorizedAccessError",
                    category=ErrorCategory.PermissionDenied,
                    exception_type="System.UnauthorizedAccessException",
                    target_object=path,
                )
            )
            return
        if params.AsByteStream:
            if params.is_bound("Encoding"):
                self.write_warning("Encoding not used when '-AsByteStream' specified.")
            if params.Raw:
                if data:
                    from ...conversion import TypedArray
                    from ...conversion.typenames import BYTE

                    # one System.Byte[], as FileSystemContentReader's raw read returns it
                    self.write_output(TypedArray([Byte(b) for b in data], BYTE))
                return
            self._write_items([Byte(b) for b in data], total, tail)
            return
        text, _encoding = decode_file(data, params.get("Encoding", None))
        if params.Raw:
            if text:
                self.write_output(text)
            return
        items = _chunks(text, params.Delimiter) if params.is_bound("Delimiter") else _lines(text)
        self._write_items(items, total, tail)
        if params.Wait:
            self._follow(path, len(data), _encoding)

    def _follow(self, path: str, offset: int, encoding: TextEncoding) -> None:
        """-Wait: the lines appended to the file from now on, until the pipeline is stopped
        (FileSystemContentReaderWriter polls the file's length; a shorter file starts over)."""
        pending = ""
        while not self.stopping.wait(_WAIT_POLL):
            try:
                size = os.path.getsize(path)
            except OSError:
                continue
            if size < offset:
                offset, pending = 0, ""
            if size == offset:
                continue
            with open(path, "rb") as handle:
                handle.seek(offset)
                chunk = handle.read(size - offset)
            offset = size
            pending += encoding.decode(chunk)
            *complete, pending = _LINE_BREAK.split(pending)
            for line in complete:
                self.write_output(line)

    def _write_items(self, items: list[Any], total: int, tail: int) -> None:
        read_count = int(self.params.get("ReadCount", 1))
        if tail == 0:
            return  # -Tail 0 -Wait: only what is added from now on
        if tail > 0:
            items = items[-tail:]
            if read_count != 1 and (read_count <= 0 or read_count >= len(items)):
                read_count = 0
        elif total > 0:
            items = items[:total]
        for batch in _batches(items, read_count):
            self.write_output(batch)


def _batches(items: list[Any], read_count: int) -> Iterator[Any]:
    """One item per object for ReadCount 1; otherwise arrays of ReadCount (all, for 0 or less)."""
    if not items:
        return
    if read_count == 1:
        yield from items
    elif read_count <= 0:
        yield list(items)
    else:
        for start in range(0, len(items), read_count):
            yield items[start : start + read_count]
