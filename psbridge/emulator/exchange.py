"""Plain data passed between the socket layer, the pipeline and the handlers.

Keeping these free of any HTTP-server types lets the API logic be exercised
without sockets and keeps :mod:`.server` ignorant of the API.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Incoming:
    """A request as read off the socket."""

    method: str
    target: str  # request-target from the request line: raw path plus optional query
    headers: dict[str, str]  # lower-case names
    body: bytes
    connection_id: int


@dataclass
class Reply:
    """What to send back.

    ``chunks`` set means a streamed (chunked) response whose pieces are already
    encoded; ``stream`` is one produced while it is sent: the server calls it
    with a ``write(piece)`` function once the head is out (after ``chunks``),
    outside any store lock.  ``drop_connection`` means close the socket without
    answering.
    """

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    chunks: Sequence[bytes] | None = None
    stream: Callable[[Callable[[bytes], None]], None] | None = None
    drop_connection: bool = False


@dataclass(frozen=True)
class ApiRequest:
    """A routed API call: decoded path parameters, query pairs and JSON body."""

    method: str
    params: dict[str, str]
    query: list[tuple[str, str]]
    body: dict[str, Any]
    headers: dict[str, str]
    #: The body as received: what a multipart (file upload) handler parses.
    raw_body: bytes = field(default=b"", repr=False)

    def query_values(self, name: str) -> list[str]:
        return [value for key, value in self.query if key == name]

    def query_value(self, name: str) -> str | None:
        """The first value given for ``name`` (later duplicates are ignored, as most servers do)."""
        values = self.query_values(name)
        return values[0] if values else None


def json_reply(payload: Any, status: int = 200, headers: dict[str, str] | None = None) -> Reply:
    """Serialise now: handlers run under the store lock, so the bytes are a consistent snapshot."""
    merged = {"content-type": "application/json"}
    merged.update(headers or {})
    return Reply(status=status, body=json.dumps(payload).encode("utf-8"), headers=merged)
