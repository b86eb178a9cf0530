"""HTTP plumbing: sockets in, :class:`Incoming` out, :class:`Reply` back - within limits.

HTTP/1.1 with keep-alive matters: clients reuse one connection for a whole
job and tests count connections, so every reply carries a Content-Length or is
chunked, and the connection stays open unless the client closes it or a fault
drops it.

What a hostile or careless client can cost is bounded (see :class:`Limits`):

- threads: a fixed pool of workers serves requests.  An idle keep-alive
  connection holds no thread: it waits in one selector on the accepting
  thread and goes to a worker only when its next request starts arriving;
- time: once a request starts, reading it all (head and body) has a deadline,
  so a client trickling a byte at a time cannot hold a worker; idle
  connections are closed after ``idle_timeout``; writes time out too;
- memory: bodies above ``max_body_bytes`` are refused (413) before they are
  read, chunked ones as soon as they pass it; the request line and headers
  keep http.server's limits (64 KiB a line, 100 headers);
- connections: at ``max_connections`` the oldest idle one is closed to make
  room, or accepting pauses until one ends.

Every error the server itself answers (400, 408, 413, 414, 431, 501, 505) is
an OpenAI-shaped JSON body, like the API's own.
"""

from __future__ import annotations

import contextlib
import io
import json
import queue
import select
import selectors
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import Any

from .errors import error_body
from .exchange import Incoming, Reply

Dispatch = Callable[[Incoming], Reply]

_MAX_CHUNK_LINE = 1024
_LINGER = 0.002  # seconds a worker waits for a keep-alive connection's next request


@dataclass(frozen=True)
class Limits:
    max_body_bytes: int = 64 * 1024 * 1024
    """Largest request body; uploads are the big ones (the hosted API took 512 MB files)."""
    request_timeout: float = 60.0
    """Seconds to receive one whole request once it started, and to send each piece of a reply."""
    idle_timeout: float = 60.0
    """Seconds a keep-alive connection may wait for its next request."""
    workers: int = 32
    """Requests served at once (streamed runs hold theirs until the stream ends)."""
    max_connections: int = 1024

    def __post_init__(self) -> None:
        for name in ("max_body_bytes", "request_timeout", "idle_timeout", "workers", "max_connections"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be > 0")


class _BadBody(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _error_payload(status: int, message: str) -> bytes:
    kind = "server_error" if status >= 500 else "invalid_request_error"
    return json.dumps(error_body(message, kind)).encode()


class _SocketReader(io.RawIOBase):
    """Socket reads that share one deadline per request (a trickling client runs out of time)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.deadline: float | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        if self.deadline is not None:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("request deadline passed")
            self.sock.settimeout(remaining)
        try:
            return self.sock.recv_into(buffer)
        except BlockingIOError:
            return None


class _SocketWriter(io.RawIOBase):
    def __init__(self, sock: socket.socket, timeout: float) -> None:
        self.sock = sock
        self.timeout = timeout

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.sock.settimeout(self.timeout)
        self.sock.sendall(data)
        return len(data)


class Connection:
    """One accepted socket and its request handler, alive across keep-alive requests."""

    def __init__(self, sock: socket.socket, address: Any, server: EmulatorHTTPServer, connection_id: int) -> None:
        self.sock = sock
        self.idle_since = time.monotonic()
        self.handler = _Handler(self, address, server, connection_id)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(OSError):
            self.sock.close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "psbridge-emulator/1.0"
    sys_version = ""
    server: EmulatorHTTPServer  # type: ignore[assignment]

    def __init__(self, connection: Connection, address: Any, server: EmulatorHTTPServer, connection_id: int) -> None:
        # Not BaseRequestHandler.__init__, which would serve the whole connection in one go:
        # the server calls serve_one() each time a request arrives.
        self.server = server
        self.request = self.connection = connection.sock
        self.client_address = address
        self.connection_id = connection_id
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # head and body are two writes
        self.reader = _SocketReader(connection.sock)
        self.rfile = io.BufferedReader(self.reader, 65536)
        self.wfile = _SocketWriter(connection.sock, server.limits.request_timeout)  # type: ignore[assignment]
        self.close_connection = True

    def serve_one(self) -> None:
        self.reader.deadline = time.monotonic() + self.server.limits.request_timeout
        self.close_connection = True
        self.handle_one_request()

    def has_buffered_request(self) -> bool:
        """Whether the next (pipelined) request is already read into our buffer."""
        self.reader.deadline = None
        self.connection.setblocking(False)
        try:
            return bool(self.rfile.peek(1))  # type: ignore[attr-defined]
        except OSError:
            return False
        finally:
            self.connection.setblocking(True)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the application logs one line per request itself."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own refusals (bad request line, 414, 431, 501 ...) as OpenAI-shaped JSON."""
        try:
            phrase = HTTPStatus(code).phrase
        except ValueError:
            phrase = "Error"
        text = message or phrase
        if not text.endswith("."):
            text += "."
        self.close_connection = True
        if self.request_version == "HTTP/0.9":  # garbage parsed as a 0.9 request still gets a status line
            self.request_version = "HTTP/1.0"
        headers = {"content-type": "application/json", "connection": "close"}
        self._send(Reply(status=code, body=_error_payload(code, text), headers=headers))

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if self.request_version == "HTTP/0.9":  # no headers, so no auth and no length: not an API client
            self.send_error(400, "HTTP/0.9 requests are not supported; use HTTP/1.1")
            return False
        return True

    def handle_expect_100(self) -> bool:
        if self._declared_length() > self.server.limits.max_body_bytes:
            self.send_error(413, self._too_large())
            return False
        return super().handle_expect_100()

    def _too_large(self) -> str:
        return f"Request body too large: the limit is {self.server.limits.max_body_bytes} bytes."

    def _serve(self) -> None:
        try:
            body = self._read_body()
        except _BadBody as exc:
            self.send_error(exc.status, exc.message)
            return
        except TimeoutError:
            self.send_error(408, f"Request timed out: the whole request must arrive within "
                            f"{self.server.limits.request_timeout:g} seconds.")
            return
        headers: dict[str, str] = {}
        for name, value in self.headers.items():
            key = name.lower()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        self.reader.deadline = None
        incoming = Incoming(self.command, self.path, headers, body, self.connection_id)
        self._send(self.server.dispatch(incoming))

    do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = do_OPTIONS = do_HEAD = _serve

    def _declared_length(self) -> int:
        length = self.headers.get("content-length")
        if length is None:
            return 0
        length = length.strip()
        if not length.isdigit() or not length.isascii():
            raise _BadBody(400, "Malformed request body: invalid Content-Length.")
        if len(length) > 18:  # more than any body we accept, without converting a huge number
            return self.server.limits.max_body_bytes + 1
        return int(length)

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("transfer-encoding", "").lower():
            return self._read_chunked()
        size = self._declared_length()
        if size > self.server.limits.max_body_bytes:
            raise _BadBody(413, self._too_large())
        body = self.rfile.read(size)
        if len(body) < size:
            raise _BadBody(400, "Malformed request body: it ended before Content-Length bytes.")
        return body

    def _read_chunked(self) -> bytes:
        parts: list[bytes] = []
        total = 0
        limit = self.server.limits.max_body_bytes
        while True:
            line = self.rfile.readline(_MAX_CHUNK_LINE)
            size_text = line.split(b";", 1)[0].strip()
            if not size_text or len(size_text) > 16 or not all(c in b"0123456789abcdefABCDEF" for c in size_text):
                raise _BadBody(400, "Malformed request body: invalid chunk size.")
            size = int(size_text, 16)
            if size == 0:
                while self.rfile.readline(_MAX_CHUNK_LINE) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(parts)
            total += size
            if total > limit:
                raise _BadBody(413, self._too_large())
            part = self.rfile.read(size)
            if len(part) < size:
                raise _BadBody(400, "Malformed request body: a chunk ended early.")
            parts.append(part)
            self.rfile.readline(3)

    def _send(self, reply: Reply) -> None:
        if reply.drop_connection:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        try:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            with_body = self.command != "HEAD"
            if reply.chunks is not None or reply.stream is not None:
                self.send_header("transfer-encoding", "chunked")
                self.end_headers()
                if with_body:
                    self._send_chunked(reply)
            else:
                self.send_header("content-length", str(len(reply.body)))
                self.end_headers()
                if with_body:
                    self.wfile.write(reply.body)
        except OSError:
            self.close_connection = True

    def _send_chunked(self, reply: Reply) -> None:
        def write(chunk: bytes) -> None:
            if chunk:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))

        for chunk in reply.chunks or ():
            write(chunk)
        if reply.stream is not None:
            reply.stream(write)
        self.wfile.write(b"0\r\n\r\n")


class EmulatorHTTPServer:
    """Accepts connections and feeds their requests to a bounded pool of workers."""

    def __init__(
        self,
        address: tuple[str, int],
        dispatch: Dispatch,
        on_connect: Callable[[], int],
        limits: Limits | None = None,
    ) -> None:
        self.dispatch = dispatch
        self.limits = limits or Limits()
        self._on_connect = on_connect
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.socket = socket.socket(family, socket.SOCK_STREAM)
        try:
            self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self.socket.bind(address)
            self.socket.listen(128)
        except OSError:
            self.socket.close()
            raise
        self.socket.setblocking(False)
        self.server_address = self.socket.getsockname()
        self._stopping = threading.Event()
        self._wake_reader, self._wake_writer = socket.socketpair()
        self._wake_reader.setblocking(False)
        self._returned: queue.SimpleQueue[Connection] = queue.SimpleQueue()
        self._work: queue.SimpleQueue[Connection | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._open: set[Connection] = set()
        self._busy: set[Connection] = set()
        self._idle: dict[Connection, None] = {}  # oldest first
        self._workers = [
            threading.Thread(target=self._work_loop, name=f"psbridge-emulator-worker-{i}", daemon=True)
            for i in range(self.limits.workers)
        ]
        for worker in self._workers:
            worker.start()

    # -- the accepting thread ------------------------------------------------

    def serve_until_stopped(self) -> None:
        """Accept and watch idle connections until :meth:`wake` is called."""
        with selectors.DefaultSelector() as selector:
            selector.register(self._wake_reader, selectors.EVENT_READ, "wake")
            listening = False
            while not self._stopping.is_set():
                want_listen = len(self._open) < self.limits.max_connections or bool(self._idle)
                if want_listen != listening:
                    if want_listen:
                        selector.register(self.socket, selectors.EVENT_READ, "listen")
                    else:
                        selector.unregister(self.socket)
                    listening = want_listen
                for key, _ in selector.select(self._next_expiry()):
                    if key.data == "wake":
                        with contextlib.suppress(OSError):
                            self._wake_reader.recv(4096)
                    elif key.data == "listen":
                        self._accept(selector)
                    else:
                        selector.unregister(key.fileobj)
                        self._idle.pop(key.data, None)
                        self._dispatch(key.data)
                self._take_back(selector)
                self._expire_idle(selector)

    def _next_expiry(self) -> float:
        if not self._idle:
            return 1.0
        oldest = next(iter(self._idle))
        return max(0.0, min(1.0, oldest.idle_since + self.limits.idle_timeout - time.monotonic()))

    def _accept(self, selector: selectors.BaseSelector) -> None:
        while True:
            try:
                sock, address = self.socket.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return  # e.g. out of file descriptors: try again on the next round
            if len(self._open) >= self.limits.max_connections:
                if not self._idle:
                    sock.close()
                    return
                oldest = next(iter(self._idle))
                selector.unregister(oldest.sock)
                del self._idle[oldest]
                self._discard(oldest)
            sock.setblocking(True)
            connection = Connection(sock, address, self, self._on_connect())
            with self._lock:
                self._open.add(connection)
            # It waits like an idle one: a worker only once its first request starts arriving.
            selector.register(sock, selectors.EVENT_READ, connection)
            self._idle[connection] = None

    def _dispatch(self, connection: Connection) -> None:
        with self._lock:
            self._busy.add(connection)
        self._work.put(connection)

    def _take_back(self, selector: selectors.BaseSelector) -> None:
        while True:
            try:
                connection = self._returned.get_nowait()
            except queue.Empty:
                return
            connection.idle_since = time.monotonic()
            try:
                selector.register(connection.sock, selectors.EVENT_READ, connection)
            except (ValueError, OSError):
                self._discard(connection)
                continue
            self._idle[connection] = None

    def _expire_idle(self, selector: selectors.BaseSelector) -> None:
        limit = time.monotonic() - self.limits.idle_timeout
        while self._idle:
            oldest = next(iter(self._idle))
            if oldest.idle_since > limit:
                return
            del self._idle[oldest]
            with contextlib.suppress(KeyError, ValueError):
                selector.unregister(oldest.sock)
            self._discard(oldest)

    def _discard(self, connection: Connection) -> None:
        connection.close()
        with self._lock:
            self._open.discard(connection)
            self._busy.discard(connection)

    # -- the workers ---------------------------------------------------------

    def _work_loop(self) -> None:
        while True:
            connection = self._work.get()
            if connection is None:
                return
            self._serve(connection)

    def _serve(self, connection: Connection) -> None:
        handler = connection.handler
        keep = False
        try:
            while not self._stopping.is_set():
                handler.serve_one()
                if handler.close_connection:
                    break
                if not handler.has_buffered_request() and not self._next_soon(connection):
                    keep = True
                    break
        except Exception:  # a connection's failure (reset, timeout) ends that connection only
            keep = False
        if keep and not self._stopping.is_set():
            with self._lock:
                self._busy.discard(connection)
            self._returned.put(connection)
            self.wake(stop=False)
        else:
            self._discard(connection)

    def _next_soon(self, connection: Connection) -> bool:
        """Whether the client's next request arrives within a moment: clients that send
        requests back to back are then served without a trip through the selector."""
        try:
            readable, _, _ = select.select([connection.sock], [], [], _LINGER)
        except (OSError, ValueError):
            return False
        return bool(readable)

    # -- stopping ------------------------------------------------------------

    def wake(self, stop: bool = True) -> None:
        """Interrupt the accepting thread; with ``stop``, make :meth:`serve_until_stopped` return."""
        if stop:
            self._stopping.set()
        with contextlib.suppress(OSError):
            self._wake_writer.send(b"x")

    def busy(self) -> int:
        """Connections in the middle of a request."""
        with self._lock:
            return len(self._busy)

    def close_idle(self) -> None:
        with self._lock:
            idle = [c for c in self._open if c not in self._busy]
        for connection in idle:
            self._discard(connection)

    def close_connections(self) -> None:
        """End every open connection (their workers then move on)."""
        with self._lock:
            connections = list(self._open)
        for connection in connections:
            self._discard(connection)

    def server_close(self) -> None:
        for _ in self._workers:
            self._work.put(None)
        self.socket.close()
        self._wake_reader.close()
        self._wake_writer.close()
