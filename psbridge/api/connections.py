"""Keep-alive HTTP clients that live as long as the session using them.

A new TCP (and TLS) connection per cmdlet call was half the cost of a small
request.  PowerShell keeps its web session for the life of the runspace; psbridge
keeps one ``httpx.Client`` per (origin, API key, proxy environment) in a
:class:`ConnectionPool` that the session holds (see
``psbridge.runtime.SessionResources``), so a script of a hundred calls uses one
connection, and closes them all when the session ends.

The key is part of the identity only as a digest: the pool never stores it.
"""

from __future__ import annotations

import functools
import hashlib
import ipaddress
import os
import ssl
import sys
import threading
from collections.abc import Callable, Sequence

import httpx

from .. import __version__
from .reading import ACCEPT_ENCODING
from .settings import ApiSettings
from .transport import DeferredTrust, guard_transport

__all__ = ["API_HEADERS", "USER_AGENT", "ConnectionPool", "open_http_client"]


def _system_name() -> str:
    """``platform.system()``: ``os.uname()`` answers it on POSIX without importing ``platform``."""
    uname = getattr(os, "uname", None)
    if uname is not None:
        return str(uname().sysname)
    import platform

    return platform.system()


#: ``platform.python_version()`` is the first word of ``sys.version``.
USER_AGENT = f"psbridge/{__version__} (Python {sys.version.split()[0]}; {_system_name()})"
#: The headers every API request sends besides its own (no credentials): an API client sends
#: them as its defaults, so each request merges only the few it builds itself.  Accept-Encoding
#: names only what reading.py inflates within the size limit.
API_HEADERS = (("OpenAI-Beta", "assistants=v2"), ("User-Agent", USER_AGENT), ("Accept-Encoding", ACCEPT_ENCODING))

# Enough for many waits polling in parallel, with headroom; idle connections
# live 5 minutes, like PowerShell's reused web session.
_LIMITS = httpx.Limits(max_connections=32, max_keepalive_connections=16, keepalive_expiry=300.0)
_CREDENTIAL_HEADERS = ("authorization", "api-key", "openai-organization")
#: Environment variables that change how a client connects (httpx reads them when it is built).
_CONNECTION_ENVIRONMENT = ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "ssl_cert_file", "ssl_cert_dir")


@functools.cache
def _is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """One verified TLS context per process: building it costs ~30 ms."""
    return httpx.create_ssl_context()


@functools.cache
def _deferred_ssl_context() -> DeferredTrust:
    """What clients are built with: the verified context above, loaded at the first TLS handshake."""
    return DeferredTrust(_ssl_context)


def _redirect_guard(origin: tuple[str, str, int | None]) -> Callable[[httpx.Request], None]:
    """Never let credentials follow a redirect to another origin.

    httpx already drops ``Authorization`` across origins; Azure's ``api-key``
    header and the organization id are ours to drop.
    """

    def guard(request: httpx.Request) -> None:
        if (request.url.scheme, request.url.host, request.url.port) != origin:
            for name in _CREDENTIAL_HEADERS:
                request.headers.pop(name, None)

    return guard


def open_http_client(
    api_base: str, transport: httpx.BaseTransport | None = None, *, headers: Sequence[tuple[str, str]] = ()
) -> httpx.Client:
    """A keep-alive client for ``api_base`` whose sockets honour request scopes (deadline, cancel);
    ``headers`` replace or add to httpx's default headers (never a credential: the client keeps them)."""
    base = httpx.URL(api_base)
    loopback = _is_loopback(base.host)
    client = httpx.Client(
        # Proxy settings from the environment apply to remote APIs; a loopback API
        # (the emulator, a local server) is never reached through a proxy.
        trust_env=not loopback,
        http1=True,
        http2=False,
        limits=_LIMITS,
        # A transport of our own guards its streams, which load the trust store on first use;
        # anything else (a test's transport) gets the verified context at once.
        verify=_deferred_ssl_context() if transport is None else _ssl_context(),
        timeout=None,
        follow_redirects=True,
        max_redirects=5,
        transport=transport,
        event_hooks={"request": [_redirect_guard((base.scheme, base.host, base.port))]},
        headers=dict(headers),
    )
    if transport is None:
        for mounted in (client._transport, *client._mounts.values()):
            if mounted is not None:
                guard_transport(mounted)
    return client


@functools.lru_cache(maxsize=64)
def _origin(api_base: str) -> tuple[str, str, int | None]:
    base = httpx.URL(api_base)
    return base.scheme, base.host, base.port


_ENVIRONMENT_NAMES = tuple(name for lower in _CONNECTION_ENVIRONMENT for name in (lower, lower.upper()))


def _environment(origin: tuple[str, str, int | None]) -> tuple[str | None, ...]:
    """The environment a client for ``origin`` depends on: none for loopback (no proxy, see below)."""
    if _is_loopback(origin[1]):
        return ()
    environ = os.environ
    return tuple(environ.get(name) for name in _ENVIRONMENT_NAMES)


def _identity(settings: ApiSettings) -> tuple[object, ...]:
    key = settings.api_key.reveal().encode("utf-8", "surrogatepass")
    origin = _origin(settings.api_base)
    return origin, hashlib.sha256(key).digest(), _environment(origin)


class ConnectionPool:
    """The session's keep-alive API clients (sending :data:`API_HEADERS`), one per (origin, key, proxy
    environment); thread-safe."""

    def __init__(self) -> None:
        self._clients: dict[tuple[object, ...], httpx.Client] = {}
        self._lock = threading.Lock()
        # The session hands the same (cached) settings object to command after command:
        # remember the last one's client, checked against the environment every time.
        self._last: tuple[ApiSettings, tuple[str | None, ...], httpx.Client] | None = None

    def client_for(self, settings: ApiSettings) -> httpx.Client:
        last = self._last
        if last is not None and last[0] is settings and last[1] == _environment(_origin(settings.api_base)):
            return last[2]
        identity = _identity(settings)
        client = self._clients.get(identity)
        if client is None:
            with self._lock:
                client = self._clients.get(identity)
                if client is None:
                    client = self._clients[identity] = open_http_client(settings.api_base, headers=API_HEADERS)
        self._last = (settings, identity[2], client)  # type: ignore[assignment]
        return client

    def close(self) -> None:
        with self._lock:
            clients, self._clients = list(self._clients.values()), {}
            self._last = None
        for client in clients:
            client.close()

    def __len__(self) -> int:
        return len(self._clients)

    def __repr__(self) -> str:
        return f"<ConnectionPool {len(self._clients)} client(s)>"
