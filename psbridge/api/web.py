"""Any HTTP exchange, for Invoke-WebRequest and Invoke-RestMethod, on the API client's machinery.

The web cmdlets talk to arbitrary URLs, so they do not use :class:`ApiClient` (which knows the
OpenAI API's errors and retries) but share what lies under it: keep-alive ``httpx`` clients made
by :func:`open_http_client` and kept for the session (:class:`WebConnections`, one per origin
and TLS/proxy choice), the overall deadline on every socket operation (:func:`request_scope`),
and the bounded body reader (a response is never read past the size limit, compressed or not).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping

import httpx

from ..records import field, record
from .connections import open_http_client
from .reading import ACCEPT_ENCODING, decoded_chunks
from .settings import _response_limit
from .transport import Cancellation, guard_transport, request_scope

__all__ = ["WebConnections", "WebExchange", "WebResponse", "response_limit"]


def response_limit() -> int:
    """The largest body read, as the API client's: ``$env:PSBRIDGE_MAX_RESPONSE_BYTES`` or 64 MiB."""
    return _response_limit(os.environ)


@record
class WebResponse:
    """A response whose headers are read; ``chunks()`` reads the body (within the limits) once."""

    status_code: int
    reason_phrase: str
    headers: httpx.Headers
    url: str
    http_version: str
    _response: httpx.Response = field(repr=False)
    _deadline: float | None = field(repr=False)
    _limit: int = field(repr=False)
    _cancellation: Cancellation | None = field(default=None, repr=False)

    @property
    def is_success(self) -> bool:
        return 200 <= self.status_code < 300

    def chunks(self) -> Iterator[bytes]:
        raw = self._response.iter_raw()
        encoding = self.headers.get("content-encoding", "")
        with request_scope(self._deadline, self._cancellation):
            yield from decoded_chunks(raw, encoding, self._limit)

    def read(self) -> bytes:
        return b"".join(self.chunks())

    def close(self) -> None:
        self._response.close()


class WebConnections:
    """The session's keep-alive clients for the web cmdlets, one per (origin, certificate check,
    proxy use, unix socket); closed with the session."""

    def __init__(self) -> None:
        self._clients: dict[tuple[object, ...], httpx.Client] = {}
        self._lock = threading.Lock()

    def client(
        self, url: httpx.URL, *, skip_certificate_check: bool = False, no_proxy: bool = False, unix_socket: str = ""
    ) -> httpx.Client:
        key = (url.scheme, url.host, url.port, skip_certificate_check, no_proxy, unix_socket)
        with self._lock:
            found = self._clients.get(key)
            if found is None:
                found = self._clients[key] = self._open(url, skip_certificate_check, no_proxy, unix_socket)
        return found

    @staticmethod
    def _open(url: httpx.URL, skip_certificate_check: bool, no_proxy: bool, unix_socket: str) -> httpx.Client:
        origin = f"{url.scheme}://{url.netloc.decode('ascii')}"
        if not (skip_certificate_check or no_proxy or unix_socket):
            return open_http_client(origin)
        transport = httpx.HTTPTransport(verify=not skip_certificate_check, uds=unix_socket or None)
        guard_transport(transport)
        client = open_http_client(origin, transport=transport)
        if no_proxy:
            client._mounts = {}  # the environment's proxies are not used
        return client

    def close(self) -> None:
        with self._lock:
            clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            client.close()


@record
class WebExchange:
    """One request as the web cmdlets send it."""

    method: str
    url: httpx.URL
    headers: Mapping[str, str]
    content: bytes | None = None
    follow_redirects: bool = True
    #: Seconds one read of the body may take (-OperationTimeoutSeconds); None: only the deadline.
    read_timeout: float | None = None

    def send(
        self,
        client: httpx.Client,
        *,
        deadline: float | None,
        limit: int,
        cancellation: Cancellation | None = None,
    ) -> WebResponse:
        """Send and read the headers; raises httpx's errors (the caller maps them to PowerShell's)."""
        headers = {"Accept-Encoding": ACCEPT_ENCODING, **dict(self.headers)}
        timeout = httpx.Timeout(None, read=self.read_timeout)
        request = client.build_request(self.method, self.url, headers=headers, content=self.content, timeout=timeout)
        with request_scope(deadline, cancellation):
            response = client.send(request, stream=True, follow_redirects=self.follow_redirects)
        return WebResponse(
            status_code=response.status_code,
            reason_phrase=response.reason_phrase,
            headers=response.headers,
            url=str(response.url),
            http_version=response.http_version,
            _response=response,
            _deadline=deadline,
            _limit=limit,
            _cancellation=cancellation,
        )
