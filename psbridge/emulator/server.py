"""HTTP plumbing on :mod:`http.server`: sockets in, :class:`Incoming` out, :class:`Reply` back.

HTTP/1.1 with keep-alive matters: clients reuse one connection for a whole
job and tests count connections, so every reply carries a Content-Length or is
chunked, and the connection stays open unless the client closes it or a fault
drops it.  The server also tracks open sockets so that ``stop()`` can end idle
keep-alive connections instead of leaving their threads serving a dead
emulator.
"""

from __future__ import annotations

import selectors
import socket
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .exchange import Incoming, Reply

Dispatch = Callable[[Incoming], Reply]


class _BadRequestBody(Exception):
    pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "psbridge-emulator/1.0"
    sys_version = ""
    # Headers and body go out in separate writes; with Nagle's algorithm on, the
    # second waits for the client's delayed ACK (~40 ms a request on Linux).
    disable_nagle_algorithm = True
    server: EmulatorHTTPServer

    def __init__(
        self, request: Any, client_address: Any, server: EmulatorHTTPServer, connection_id: int
    ) -> None:
        self.connection_id = connection_id
        super().__init__(request, client_address, server)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests and the demo would drown in access logs."""

    def _serve(self) -> None:
        try:
            body = self._read_body()
        except _BadRequestBody:
            self._send(
                Reply(
                    status=400,
                    body=b'{"error": {"message": "Malformed request body.", '
                    b'"type": "invalid_request_error", "param": null, "code": null}}',
                    headers={"content-type": "application/json"},
                )
            )
            self.close_connection = True
            return
        headers: dict[str, str] = {}
        for name, value in self.headers.items():
            key = name.lower()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        incoming = Incoming(self.command, self.path, headers, body, self.connection_id)
        self._send(self.server.dispatch(incoming))

    do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = do_OPTIONS = do_HEAD = _serve

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("transfer-encoding", "").lower():
            return self._read_chunked()
        length = self.headers.get("content-length")
        if length is None:
            return b""
        try:
            size = int(length)
        except ValueError:
            raise _BadRequestBody from None
        if size < 0:
            raise _BadRequestBody
        return self.rfile.read(size)

    def _read_chunked(self) -> bytes:
        parts: list[bytes] = []
        while True:
            line = self.rfile.readline(65537)
            try:
                size = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise _BadRequestBody from None
            if size == 0:
                while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(parts)
            parts.append(self.rfile.read(size))
            self.rfile.readline(3)

    def _send(self, reply: Reply) -> None:
        if reply.drop_connection:
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        try:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            with_body = self.command != "HEAD"
            if reply.chunks is not None:
                self.send_header("transfer-encoding", "chunked")
                self.end_headers()
                if with_body:
                    for chunk in reply.chunks:
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                        self.wfile.flush()
                    self.wfile.write(b"0\r\n\r\n")
            else:
                self.send_header("content-length", str(len(reply.body)))
                self.end_headers()
                if with_body:
                    self.wfile.write(reply.body)
            self.wfile.flush()
        except OSError:
            self.close_connection = True


class EmulatorHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    timeout = 1.0  # bounds handle_request() should a ready connection vanish before accept

    def __init__(self, address: tuple[str, int], dispatch: Dispatch, on_connect: Callable[[], int]) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.dispatch = dispatch
        self._on_connect = on_connect
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        self._stopping = threading.Event()
        self._wake_reader, self._wake_writer = socket.socketpair()
        super().__init__(address, _Handler)  # type: ignore[arg-type]

    def serve_until_stopped(self) -> None:
        """Accept connections until :meth:`wake` is called.

        Unlike ``serve_forever``, which only notices ``shutdown()`` at its next
        poll, this loop also waits on a wake-up socket, so stopping is
        immediate - tests start and stop hundreds of emulators.
        """
        with selectors.DefaultSelector() as selector:
            selector.register(self.socket, selectors.EVENT_READ)
            selector.register(self._wake_reader, selectors.EVENT_READ)
            while not self._stopping.is_set():
                for key, _ in selector.select():
                    if key.fileobj is self._wake_reader:
                        return
                    self.handle_request()

    def wake(self) -> None:
        """Make :meth:`serve_until_stopped` return (callable from any thread)."""
        self._stopping.set()
        try:
            self._wake_writer.send(b"x")
        except OSError:
            pass

    def server_close(self) -> None:
        super().server_close()
        self._wake_reader.close()
        self._wake_writer.close()

    def server_bind(self) -> None:
        """Skip HTTPServer's reverse DNS lookup of the host (slow or hanging offline)."""
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(self.server_address)
        self.server_address = self.socket.getsockname()
        self.server_name = str(self.server_address[0])
        self.server_port = int(self.server_address[1])

    def process_request(self, request: Any, client_address: Any) -> None:
        # Registered here, on the accepting thread, before the handler thread starts: a
        # connection accepted just before stop() is then always closed by close_connections().
        with self._open_lock:
            self._open.add(request)
        if self._stopping.is_set():
            self.shutdown_request(request)
            with self._open_lock:
                self._open.discard(request)
            return
        super().process_request(request, client_address)

    def finish_request(self, request: Any, client_address: Any) -> None:
        connection_id = self._on_connect()
        try:
            _Handler(request, client_address, self, connection_id)
        finally:
            with self._open_lock:
                self._open.discard(request)

    def close_connections(self) -> None:
        """End every open keep-alive connection (their threads then exit)."""
        with self._open_lock:
            sockets = list(self._open)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
