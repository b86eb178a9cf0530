"""``multipart/form-data`` request bodies (file uploads), parsed with the standard library.

The body arrives whole (the server refuses one over its size cap before reading
it), so parsing is a scan for the boundary: each part's content is one slice of
the body, never copied again on its way into the store.  What a form may hold
is checked by the handler; here only the shape: a boundary, parts with a
``Content-Disposition: form-data; name=...`` header, an end delimiter.

A part's file name is ``filename*`` (RFC 5987, as PSOpenAI sends it) when
present, else ``filename``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote

from .errors import ApiError

__all__ = ["Form", "Part", "parse_form"]


@dataclass(frozen=True)
class Part:
    name: str
    data: bytes
    filename: str | None = None
    content_type: str | None = None

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", errors="replace")


@dataclass
class Form:
    """The parts in order; ``fields`` are the text parts, ``files`` those with a file name."""

    parts: list[Part] = field(default_factory=list)

    @property
    def fields(self) -> dict[str, str]:
        return {part.name: part.text for part in self.parts if part.filename is None}

    @property
    def files(self) -> dict[str, Part]:
        return {part.name: part for part in self.parts if part.filename is not None}


def _malformed(detail: str) -> ApiError:
    return ApiError(400, f"Could not parse multipart form: {detail}", code="invalid_multipart")


def _parameters(header_value: str) -> tuple[str, dict[str, str]]:
    """``form-data; name="a"; filename="b"`` -> ("form-data", {name: a, filename: b})."""
    head, _, rest = header_value.partition(";")
    parameters: dict[str, str] = {}
    while rest:
        rest = rest.lstrip(" \t;")
        key, equals, rest = rest.partition("=")
        if not equals:
            break
        key = key.strip().lower()
        if rest.startswith('"'):
            end = rest.find('"', 1)
            if end < 0:
                raise _malformed("unterminated quoted value")
            value, rest = rest[1:end], rest[end + 1 :]
        else:
            value, _, rest = rest.partition(";")
            rest = ";" + rest if rest else ""
            value = value.strip()
        parameters[key] = value
    return head.strip().lower(), parameters


def boundary_of(content_type: str) -> str:
    kind, parameters = _parameters(content_type)
    boundary = parameters.get("boundary", "")
    if kind != "multipart/form-data" or not boundary or len(boundary) > 200:
        raise ApiError(
            400,
            "Invalid Content-Type header: expected multipart/form-data with a boundary.",
            code="invalid_content_type",
        )
    return boundary


def _filename(parameters: dict[str, str]) -> str | None:
    extended = parameters.get("filename*")
    if extended is not None:
        charset, _, rest = extended.partition("'")
        _language, _, encoded = rest.partition("'")
        try:
            return unquote(encoded, encoding=charset or "utf-8", errors="strict")
        except (LookupError, UnicodeDecodeError):
            raise _malformed("undecodable filename*") from None
    name = parameters.get("filename")
    return None if name is None else name.replace("%22", '"').replace("%0D", "\r").replace("%0A", "\n")


def parse_form(body: bytes, content_type: str) -> Form:
    delimiter = b"--" + boundary_of(content_type).encode("latin-1")
    start = body.find(delimiter)
    if start < 0:
        raise _malformed("no boundary found")
    form = Form()
    position = start + len(delimiter)
    while True:
        if body.startswith(b"--", position):
            return form  # the end delimiter
        if not body.startswith(b"\r\n", position):
            raise _malformed("a boundary line must end with CRLF")
        head_end = body.find(b"\r\n\r\n", position + 2)
        if head_end < 0:
            raise _malformed("a part has no end of headers")
        headers: dict[str, str] = {}
        for line in body[position + 2 : head_end].decode("utf-8", errors="replace").split("\r\n"):
            name, colon, value = line.partition(":")
            if colon:
                headers[name.strip().lower()] = value.strip()
        disposition, parameters = _parameters(headers.get("content-disposition", ""))
        if disposition != "form-data" or "name" not in parameters:
            raise _malformed("a part lacks Content-Disposition: form-data with a name")
        next_delimiter = body.find(b"\r\n" + delimiter, head_end + 4)
        if next_delimiter < 0:
            raise _malformed("the form does not end with its closing boundary")
        form.parts.append(
            Part(
                name=parameters["name"],
                data=body[head_end + 4 : next_delimiter],
                filename=_filename(parameters),
                content_type=headers.get("content-type"),
            )
        )
        position = next_delimiter + 2 + len(delimiter)
