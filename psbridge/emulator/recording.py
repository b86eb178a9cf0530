"""What the emulator saw: every request and every TCP connection.

Client tests assert on the wire (retry counts, headers, query order, one
keep-alive connection per job), so the log records requests as received,
including those answered by an injected fault.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RecordedRequest:
    """One request as it arrived.

    ``path`` is percent-decoded, ``raw_path`` is exactly what came on the
    request line (without the query string); ``query`` keeps order and
    duplicates; ``headers`` has lower-case names; ``body`` is the parsed JSON,
    or ``None`` when there was no body or it was not JSON (``raw_body`` then
    tells which).
    """

    method: str
    path: str
    raw_path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: Any
    connection_id: int
    time: float
    raw_body: bytes = field(default=b"", repr=False)

    def __repr__(self) -> str:
        # The headers carry the caller's key (the emulator accepts any key by default, so a real
        # one may arrive): a repr that ends up in a test failure or a log must not show it.
        return (
            f"RecordedRequest(method={self.method!r}, path={self.path!r}, query={self.query!r}, "
            f"body={self.body!r}, connection_id={self.connection_id})"
        )


class RequestLog:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._connections = 0
        self._ids = itertools.count(1)

    def new_connection(self) -> int:
        """Count an accepted connection and give it an id unique for the emulator's life."""
        with self._lock:
            self._connections += 1
            return next(self._ids)

    def record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    @property
    def requests(self) -> list[RecordedRequest]:
        """A copy, so a test can iterate while server threads keep appending."""
        with self._lock:
            return list(self._requests)

    @property
    def connection_count(self) -> int:
        with self._lock:
            return self._connections

    def reset(self) -> None:
        with self._lock:
            self._requests.clear()
            self._connections = 0
