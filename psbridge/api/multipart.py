"""``multipart/form-data`` request bodies that stream files instead of holding them.

PSOpenAI builds the whole form in memory (``New-MultipartFormContent`` reads
the file into a byte list and copies it again into an array), so a 500 MB
upload costs a gigabyte.  Here a form is a description -- text fields and file
parts, each file a path or bytes already in memory -- that produces its bytes
in 64 KB pieces every time it is sent (a retry reads the file again from the
start), with its exact length known up front so the request carries a
``Content-Length`` instead of being chunked.

File parts are named like PSOpenAI names them: ``filename="..."`` with the
plain name (quotes, CR and LF percent-escaped, as browsers do), plus
``filename*=utf-8''...`` (RFC 5987) when the name is not ASCII.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..records import record

__all__ = ["CHUNK_SIZE", "MIME_TYPES", "FilePart", "MultipartForm", "mime_type_of", "with_additional_fields"]

#: How much of a file is read (and sent) at a time.
CHUNK_SIZE = 64 * 1024

#: PSOpenAI's table (Get-MimeTypeFromFile): the Content-Type it gives a file by its extension.
MIME_TYPES = {
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".c": "text/x-c",
    ".cpp": "text/x-c++",
    ".cs": "text/x-csharp",
    ".css": "text/css",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".go": "text/x-golang",
    ".html": "text/html",
    ".java": "text/x-java",
    ".js": "text/javascript",
    ".json": "application/json",
    ".md": "text/markdown",
    ".pdf": "application/pdf",
    ".php": "text/x-php",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".py": "text/x-python",
    ".rb": "text/x-ruby",
    ".sh": "application/x-sh",
    ".tex": "text/x-tex",
    ".ts": "application/typescript",
    ".txt": "text/plain",
    ".xml": "application/xml",
    ".aac": "audio/aac",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".flac": "audio/flac",
    ".wav": "audio/wav",
    ".oga": "audio/ogg",
    ".ogg": "audio/ogg",
    ".opus": "audio/opus",
    ".weba": "audio/webm",
    ".mp4": "application/mp4",
}


def mime_type_of(name: str, default: str = "application/octet-stream") -> str:
    """The Content-Type of a file part, from its extension as PSOpenAI's table gives it (else ``default``)."""
    return MIME_TYPES.get(os.path.splitext(name)[1].lower(), default)


@record(frozen=True)
class FilePart:
    """One file of a form: read from ``path`` when sent, or ``data`` held by the caller."""

    field: str
    filename: str
    path: Path | None = None
    data: bytes | None = None
    content_type: str | None = None

    @property
    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        assert self.path is not None
        return self.path.stat().st_size

    def chunks(self) -> Iterator[bytes]:
        if self.data is not None:
            view = memoryview(self.data)
            for start in range(0, len(view), CHUNK_SIZE):
                yield bytes(view[start : start + CHUNK_SIZE])
            return
        assert self.path is not None
        with self.path.open("rb") as handle:
            while piece := handle.read(CHUNK_SIZE):
                yield piece


def _escape(value: str) -> str:
    return value.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


class MultipartForm:
    """Text fields then files, as one ``multipart/form-data`` body."""

    def __init__(self, fields: Sequence[tuple[str, str]], files: Sequence[FilePart] = ()) -> None:
        self.fields = list(fields)
        self.files = list(files)
        self.boundary = "----psbridge" + secrets.token_hex(16)
        self._sizes = [part.size for part in self.files]  # a file that changes size later is refused

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    def _field_head(self, name: str) -> bytes:
        return f'--{self.boundary}\r\nContent-Disposition: form-data; name="{_escape(name)}"\r\n\r\n'.encode()

    def _file_head(self, part: FilePart) -> bytes:
        disposition = f'form-data; name="{_escape(part.field)}"; filename="{_escape(part.filename)}"'
        if not part.filename.isascii():
            disposition += f"; filename*=utf-8''{quote(part.filename, safe='')}"
        content_type = part.content_type or mime_type_of(part.filename)
        head = f"--{self.boundary}\r\nContent-Disposition: {disposition}\r\nContent-Type: {content_type}\r\n\r\n"
        return head.encode("utf-8")

    @property
    def length(self) -> int:
        """The exact number of bytes :meth:`chunks` produces."""
        total = sum(len(self._field_head(n)) + len(v.encode()) + 2 for n, v in self.fields)
        total += sum(len(self._file_head(p)) + size + 2 for p, size in zip(self.files, self._sizes, strict=True))
        return total + len(f"--{self.boundary}--\r\n")

    def chunks(self) -> Iterator[bytes]:
        """The body, from the start (call again for a retry)."""
        for name, value in self.fields:
            yield self._field_head(name) + value.encode() + b"\r\n"
        for part, size in zip(self.files, self._sizes, strict=True):
            yield self._file_head(part)
            sent = 0
            for piece in part.chunks():
                sent += len(piece)
                if sent > size:
                    raise OSError(f"The file '{part.filename}' grew while it was being uploaded.")
                yield piece
            if sent != size:
                raise OSError(f"The file '{part.filename}' shrank while it was being uploaded.")
            yield b"\r\n"
        yield f"--{self.boundary}--\r\n".encode()

    def describe(self) -> str:
        """What debug output shows instead of the body: the fields and each file's name and size."""
        shown = [f"{name}={value}" for name, value in self.fields]
        shown += [f"{p.field}=<{p.filename}, {size} bytes>" for p, size in zip(self.files, self._sizes, strict=True)]
        return "multipart/form-data {" + ", ".join(shown) + "}"


def with_additional_fields(form: MultipartForm, additional: Mapping[str, Any]) -> MultipartForm:
    """-AdditionalBody on a form: each top-level entry becomes a text field (replacing one of
    the same name), objects and arrays as JSON -- PSOpenAI merges it into the form the same way."""
    if not additional:
        return form
    extra = {str(k): v if isinstance(v, str) else json.dumps(v, separators=(",", ":")) for k, v in additional.items()}
    fields = [(name, value) for name, value in form.fields if name not in extra] + list(extra.items())
    return MultipartForm(fields, form.files)
