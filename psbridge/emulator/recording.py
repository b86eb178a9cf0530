"""What the emulator saw: requests (when asked to record them) and TCP connections.

Client tests assert on the wire (retry counts, headers, query order, one
keep-alive connection per job), so the log records requests as received,
including those answered by an injected fault.  It is off unless the emulator
is made with ``record_requests=True`` (a server people run must not keep
everything forever), holds at most ``limit`` requests (the oldest go first) and
at most :data:`MAX_RECORDED_BODY` bytes of each body, and never stores a
credential: those headers are kept masked, with a keyed digest so that a test
can still ask :meth:`RecordedRequest.credential_is`.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import secrets
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any

SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "api-key", "x-api-key", "cookie"})
MAX_RECORDED_BODY = 1024 * 1024
DEFAULT_LIMIT = 10_000

_SALT = secrets.token_bytes(32)  # this process only: digests cannot be matched against anything else


def mask_secret(value: str) -> str:
    """Enough of a credential to recognise it, never enough to use it."""
    scheme, space, token = value.partition(" ")
    if not space:
        scheme, token = "", value
    shown = "****" if len(token) < 12 else f"{token[:3]}****{token[-4:]}"
    return f"{scheme} {shown}" if scheme else shown


def _digest(value: str) -> str:
    return hmac.new(_SALT, value.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class RecordedRequest:
    """One request as it arrived.

    ``path`` is percent-decoded, ``raw_path`` is exactly what came on the
    request line (without the query string); ``query`` keeps order and
    duplicates; ``headers`` has lower-case names, credentials masked; ``body``
    is the parsed JSON, or ``None`` when there was no body or it was not JSON
    (``raw_body`` then tells which; it is cut at :data:`MAX_RECORDED_BODY`).
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
    credential_digests: dict[str, str] = field(default_factory=dict, repr=False)

    def credential_is(self, value: str, header: str = "authorization") -> bool:
        """Whether the credential header carried exactly ``value`` (e.g. ``"Bearer sk-..."``)."""
        recorded = self.credential_digests.get(header.lower())
        return recorded is not None and hmac.compare_digest(recorded, _digest(value))


def redacted_headers(headers: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """(headers with credentials masked, their digests)."""
    shown = dict(headers)
    digests: dict[str, str] = {}
    for name in SECRET_HEADERS & headers.keys():
        digests[name] = _digest(headers[name])
        shown[name] = mask_secret(headers[name])
    return shown, digests


class RequestLog:
    def __init__(self, enabled: bool = False, limit: int = DEFAULT_LIMIT) -> None:
        self.enabled = enabled
        self._lock = threading.Lock()
        self._requests: deque[RecordedRequest] = deque(maxlen=limit)
        self._connections = 0
        self._count = 0
        self._ids = itertools.count(1)

    def new_connection(self) -> int:
        """Count an accepted connection and give it an id unique for the emulator's life."""
        with self._lock:
            self._connections += 1
            return next(self._ids)

    def count(self) -> None:
        with self._lock:
            self._count += 1

    def record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    @property
    def requests(self) -> list[RecordedRequest]:
        """A copy, so a test can iterate while server threads keep appending."""
        if not self.enabled:
            raise RuntimeError("this emulator does not record requests: make it with Emulator(record_requests=True)")
        with self._lock:
            return list(self._requests)

    @property
    def request_count(self) -> int:
        with self._lock:
            return self._count

    @property
    def connection_count(self) -> int:
        with self._lock:
            return self._connections

    def reset(self) -> None:
        with self._lock:
            self._requests.clear()
            self._connections = 0
            self._count = 0
