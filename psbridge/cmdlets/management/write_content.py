"""Set-Content, Add-Content and Clear-Content.

Set-Content truncates each target file on the first input and writes every -Value (pipeline
input included) as a line; Add-Content appends, and keeps the encoding of a file whose
byte-order mark announces one (FileSystemContentReaderWriter reads it before writing);
-NoNewline writes the values back to back; -AsByteStream writes bytes.  A path without
wildcards that does not exist is created (its directory must exist); a wildcard path writes
the existing files it matches.  Clear-Content empties existing files and creates nothing.
"""

from __future__ import annotations

import os
from typing import Any

from ...errors import ErrorCategory
from ...objects import is_ps_collection, to_ps_string
from ...objects.encoding import DEFAULT_ENCODING, TextEncoding, detect_bom
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.files import TextFileWriter, should_process
from ..common.paths import (
    credentials_refused,
    has_path_wildcard,
    path_arguments,
    provider_path,
    resolve_existing,
    resolve_literal,
    unescape_wildcards,
    windows_only_refused,
)
from .item_filters import name_filters, selected_items

__all__ = ["AddContent", "ClearContent", "SetContent"]


def _is_directory_error(path: str) -> CmdletError:
    return CmdletError(
        f"Unable to write content because it is a directory: '{path}'.",
        error_id="WriteContainerContentException",
        category=ErrorCategory.InvalidOperation,
        exception_type="System.InvalidOperationException",
        target_object=path,
    )


def _bytes_of(value: Any) -> bytes:
    if isinstance(value, bytes | bytearray):
        return bytes(value)
    if is_ps_collection(value):
        return b"".join(_bytes_of(item) for item in value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 255:
        return bytes([value])
    raise CmdletError(
        f'Cannot convert value "{to_ps_string(value)}" to type "System.Byte".',
        error_id="InvalidCastFromStringToByte" if isinstance(value, str) else "InvalidCastToByte",
        category=ErrorCategory.InvalidArgument,
        exception_type="System.Management.Automation.PSInvalidCastException",
        target_object=value,
    )


class _WriteContent(Cmdlet):
    """What Set-Content and Add-Content share: the targets, opened once, written per input."""

    append = False
    action = "Set Content"

    def begin(self) -> None:
        self.writers: dict[str, TextFileWriter | None] = {}
        self.targets: list[str] | None = None
        #: Paths bound from the pipeline are resolved (and their files reopened) per input object.
        self.piping_paths = not (self.params.is_bound("Path") or self.params.is_bound("LiteralPath"))

    def _resolve_targets(self) -> list[str]:
        params = self.params
        if credentials_refused(self):
            return []
        paths, literal = path_arguments(params)
        filters = name_filters(params)
        targets: list[str] = []
        for path in paths:
            try:
                if literal:
                    targets.append(resolve_literal(self.runspace, path))
                elif not has_path_wildcard(provider_path(path)):
                    targets.append(resolve_literal(self.runspace, unescape_wildcards(path)))
                else:
                    found = resolve_existing(self.runspace, path, literal=False, force=bool(params.Force))
                    targets.extend(item for item in found if filters.accepts(item))
            except CmdletError as error:
                self.write_error(error)
        return targets

    def _encoding_for(self, path: str) -> TextEncoding:
        if self.params.AsByteStream:
            return DEFAULT_ENCODING  # bytes as given: no preamble
        chosen: TextEncoding = self.params.get("Encoding", None) or DEFAULT_ENCODING
        if self.append and os.path.isfile(path):
            with open(path, "rb") as handle:
                detected = detect_bom(handle.read(4))
            if detected is not None:
                return detected
        return chosen

    def _writer(self, path: str) -> TextFileWriter | None:
        if path in self.writers:
            return self.writers[path]
        writer = None
        if os.path.isdir(path):
            self.write_error(_is_directory_error(path))
        elif should_process(self, f"Path: {path}", self.action):
            try:
                writer = TextFileWriter(
                    path, self._encoding_for(path), append=self.append, force=bool(self.params.Force)
                )
            except CmdletError as error:
                self.write_error(error)
        self.writers[path] = writer
        return writer

    def _close(self) -> None:
        for writer in self.writers.values():
            if writer is not None:
                writer.close()
        self.writers.clear()

    def process(self) -> None:
        params = self.params
        windows_only_refused(self, {"Stream": params.get("Stream", None)})
        if self.piping_paths:
            self._close()
            self.targets = None
        if self.targets is None:
            self.targets = self._resolve_targets()
            if params.AsByteStream and params.is_bound("Encoding"):
                self.write_warning("Encoding not used when '-AsByteStream' specified.")
        value = params.Value
        # -Value $null writes nothing (WriteContentCommandBase: `_content ??= Array.Empty<object>()`).
        values = [] if value is None else list(value) if is_ps_collection(value) else [value]
        for path in self.targets:
            writer = self._writer(path)
            if writer is None:
                continue
            if params.AsByteStream:
                writer.handle.write(b"".join(_bytes_of(v) for v in values if v is not None))
            else:
                newline = "" if params.NoNewline else "\n"
                writer.write("".join(("" if v is None else to_ps_string(v)) + newline for v in values))
        if params.PassThru and values and any(self.writers.values()):
            # WriteContentObject: what was written, as one object (an array for several values).
            self.write_output(values[0] if len(values) == 1 else values)

    def dispose(self) -> None:
        if hasattr(self, "writers"):
            self._close()


@register_cmdlet
class SetContent(_WriteContent):
    name = "Set-Content"


@register_cmdlet
class AddContent(_WriteContent):
    name = "Add-Content"
    append = True
    action = "Add Content"


@register_cmdlet
class ClearContent(Cmdlet):
    name = "Clear-Content"

    def process(self) -> None:
        windows_only_refused(self, {"Stream": self.params.get("Stream", None)})
        if credentials_refused(self):
            return
        for target, _explicit in selected_items(self):
            if os.path.isdir(target):
                self.write_error(_is_directory_error(target))
                continue
            if not should_process(self, f"Item: {target}", "Clear Content"):
                continue
            try:
                with open(target, "r+b") as handle:
                    handle.truncate(0)
            except PermissionError:
                self.write_error(
                    CmdletError(
                        f"Access to the path '{target}' is denied.",
                        error_id="ClearContentUnauthorizedAccessError",
                        category=ErrorCategory.PermissionDenied,
                        exception_type="System.UnauthorizedAccessException",
                        target_object=target,
                    )
                )
