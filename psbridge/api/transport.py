"""The sockets under the client: an overall deadline on every read and write, and a way to abort.

httpx's timeouts apply to each socket operation, so a server that trickles one
byte every half second never trips them: a "10 second" request can last
forever.  -TimeoutSec is an *overall* deadline (PowerShell's HttpClient.Timeout
covers the whole exchange), so every connect, read and write made under a
:func:`request_scope` gets at most the time left before the scope's deadline,
and fails with a timeout once it has passed.

The same scope carries a :class:`Cancellation`: when a pipeline stops (Ctrl+C,
an earlier command failing with -ErrorAction Stop) its cmdlets cancel, which
shuts down the sockets their requests are blocked on, so no worker thread
sits in a stalled read after the pipeline is gone.

The scope is a context variable, so it follows the thread (or task) that made
the request; httpx and httpcore need not know about it.
"""

from __future__ import annotations

import contextlib
import contextvars
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

import httpcore
import httpx

__all__ = ["Cancellation", "DeferredTrust", "guard_transport", "request_scope"]


class DeferredTrust(ssl.SSLContext):
    """A TLS context whose trust store is loaded at the first handshake, not when a client is built.

    Loading the CA bundle costs tens of milliseconds, and a client for an
    ``http://`` API (the emulator, a local server) never needs it.  httpx gets
    this context (verification on, no CA yet: used as it is it fails closed);
    a guarded stream hands :meth:`resolved` -- built by ``loader`` once -- to the
    actual handshake instead.
    """

    _loader: Callable[[], ssl.SSLContext]
    _resolved: ssl.SSLContext | None
    _resolve_lock: threading.Lock

    def __new__(cls, loader: Callable[[], ssl.SSLContext]) -> DeferredTrust:
        context = super().__new__(cls, ssl.PROTOCOL_TLS_CLIENT)
        context._loader = loader
        context._resolved = None
        context._resolve_lock = threading.Lock()
        return context

    def resolved(self) -> ssl.SSLContext:
        with self._resolve_lock:
            if self._resolved is None:
                self._resolved = self._loader()
            return self._resolved


class Cancellation:
    """A cancel switch shared by the requests of one cmdlet invocation.

    ``cancel()`` is safe from any thread: it marks the token and shuts down the
    socket of every read or write in progress under it.
    """

    __slots__ = ("_active", "_cancelled")

    def __init__(self) -> None:
        # A flag, not a threading.Event: nothing waits on it (a blocked socket is woken by
        # shutting it down), and assigning a bool is atomic under the GIL.  One is made per
        # cmdlet invocation, so it is kept cheap.
        self._cancelled = False
        # set.add/discard and list(set) are atomic under the GIL: no lock on the hot path.
        self._active: set[_GuardedStream] = set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        self._cancelled = True
        for stream in list(self._active):
            stream.abort()

    def _watch(self, stream: _GuardedStream) -> None:
        self._active.add(stream)

    def _unwatch(self, stream: _GuardedStream) -> None:
        self._active.discard(stream)


class _Scope:
    """What a request scope imposes: a deadline (a ``time.monotonic()`` value) and a cancellation.
    A plain slotted class: two are made per request."""

    __slots__ = ("cancellation", "deadline")

    def __init__(self, deadline: float | None, cancellation: Cancellation | None) -> None:
        self.deadline = deadline
        self.cancellation = cancellation


_scope: contextvars.ContextVar[_Scope | None] = contextvars.ContextVar("psbridge_request_scope", default=None)


class request_scope:
    """Socket operations inside this block end by ``deadline`` (monotonic) and when cancelled."""

    __slots__ = ("_scope", "_token")

    def __init__(self, deadline: float | None, cancellation: Cancellation | None = None) -> None:
        self._scope = _Scope(deadline, cancellation)

    def __enter__(self) -> None:
        self._token = _scope.set(self._scope)

    def __exit__(self, *exc: object) -> None:
        _scope.reset(self._token)


_CANCELLED = "The request was canceled because the pipeline is stopping."


def _limit(timeout: float | None, error: type[Exception]) -> tuple[float | None, _Scope | None]:
    """The per-operation timeout cut to the scope's deadline (raising ``error`` once it has passed)."""
    scope = _scope.get()
    if scope is None:
        return timeout, None
    if scope.cancellation is not None and scope.cancellation.cancelled:
        raise httpcore.ReadError(_CANCELLED)
    if scope.deadline is not None:
        remaining = scope.deadline - time.monotonic()
        if remaining <= 0:
            raise error("TimeoutSec elapsed")
        timeout = remaining if timeout is None else min(timeout, remaining)
    return timeout, scope


class _GuardedStream(httpcore.NetworkStream):
    """A network stream whose every operation honours the current request scope."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def _run(self, scope: _Scope | None, operation: Any, *args: Any) -> Any:
        cancellation = scope.cancellation if scope is not None else None
        if cancellation is None:
            return operation(*args)
        cancellation._watch(self)
        try:
            result = operation(*args)
        finally:
            cancellation._unwatch(self)
        if cancellation.cancelled:
            raise httpcore.ReadError(_CANCELLED)
        return result

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        timeout, scope = _limit(timeout, httpcore.ReadTimeout)
        data: bytes = self._run(scope, self._stream.read, max_bytes, timeout)
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        timeout, scope = _limit(timeout, httpcore.WriteTimeout)
        self._run(scope, self._stream.write, buffer, timeout)

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        timeout, scope = _limit(timeout, httpcore.ConnectTimeout)
        if isinstance(ssl_context, DeferredTrust):
            ssl_context = ssl_context.resolved()
        upgraded = self._run(scope, self._stream.start_tls, ssl_context, server_hostname, timeout)
        return _GuardedStream(upgraded)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)

    def abort(self) -> None:
        """Wake whatever is blocked on this socket (another thread's read or write)."""
        sock = self._stream.get_extra_info("socket")
        if isinstance(sock, socket.socket):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _GuardedBackend(httpcore.NetworkBackend):
    """Opens connections through ``inner`` and guards the streams it returns."""

    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        timeout, _ = _limit(timeout, httpcore.ConnectTimeout)
        stream = self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        return _GuardedStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        timeout, _ = _limit(timeout, httpcore.ConnectTimeout)
        return _GuardedStream(self._inner.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def guard_transport(transport: httpx.BaseTransport | None) -> bool:
    """Make an httpx transport's connections honour request scopes; False when it has no sockets
    of its own to guard (a test's MockTransport)."""
    pool = getattr(transport, "_pool", None)  # httpx.HTTPTransport's httpcore pool
    backend = getattr(pool, "_network_backend", None)
    if backend is None:
        return False
    if not isinstance(backend, _GuardedBackend):
        pool._network_backend = _GuardedBackend(backend)  # type: ignore[union-attr]
    return True
