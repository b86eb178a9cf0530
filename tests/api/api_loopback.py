"""A tiny scripted HTTP/1.1 server on 127.0.0.1 for the psbridge.api tests.

Each test queues the replies it wants (status, headers, body, delay, dropped
connection, streamed chunks) and then inspects what the client actually sent,
down to the raw request target and the connection it came over.  Nothing here
knows the Assistants API: the emulator in psbridge/emulator is someone else's.
"""

from __future__ import annotations

import itertools
import json
import socket
import sys
import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from psbridge.api import ApiSettings
from psbridge.objects import SecureString

TEST_KEY = "sk-proj-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefXY"


@dataclass
class Reply:
    """What the server answers to one request."""

    status: int = 200
    body: Any = None  # dict/list -> JSON; str/bytes -> as is; None -> {"ok": true}
    headers: dict[str, str] = field(default_factory=dict)
    reason: str | None = None
    delay: float = 0.0  # seconds before the status line
    drop: bool = False  # close the connection without answering
    chunks: Iterable[bytes] | None = None  # chunked body, flushed piece by piece (may be endless)
    chunk_delay: float = 0.0
    truncate: bool = False  # end a chunked body by closing the connection, without the last chunk
    trickle: float = 0.0  # send the status line and headers one byte at a time, this far apart
    stream_body: Iterable[bytes] | None = None  # a (large) body sent as it is made; give Content-Length


@dataclass
class Recorded:
    method: str
    raw_path: str
    path: str
    query: list[tuple[str, str]]
    raw_query: str
    headers: dict[str, str]  # lower-cased names
    header_names: list[str]  # as sent
    body: bytes
    connection_id: int

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client hanging up (timeouts, early close) is part of the tests, not a failure."""
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)


class ScriptedServer:
    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self._replies: deque[Reply] = deque()
        #: The answer once the scripted replies are used up (None: ``{"ok": true}``).
        self.default: Reply | None = None
        self._lock = threading.Lock()
        self._connection_ids = itertools.count(1)
        self.stopping = threading.Event()
        handler = _make_handler(self)
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.005})
        self._thread.daemon = True

    def start(self) -> ScriptedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def script(self, *replies: Reply) -> None:
        with self._lock:
            self._replies.extend(replies)

    def next_reply(self) -> Reply:
        with self._lock:
            if self._replies:
                return self._replies.popleft()
            return self.default if self.default is not None else Reply()

    def record(self, request: Recorded) -> None:
        with self._lock:
            self.requests.append(request)

    def new_connection_id(self) -> int:
        return next(self._connection_ids)

    def settings(self, **overrides: Any) -> ApiSettings:
        values: dict[str, Any] = {"api_key": SecureString(TEST_KEY), "api_base": self.url + "/v1"}
        values.update(overrides)
        return ApiSettings(**values)


def _make_handler(server: ScriptedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # header and body go out in separate writes

        def setup(self) -> None:
            super().setup()
            self.connection_id = server.new_connection_id()

        def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
            pass

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            parts = urlsplit(self.path)
            server.record(
                Recorded(
                    method=self.command,
                    raw_path=self.path,
                    path=parts.path,
                    query=parse_qsl(parts.query, keep_blank_values=True),
                    raw_query=parts.query,
                    headers={k.lower(): v for k, v in self.headers.items()},
                    header_names=list(self.headers.keys()),
                    body=body,
                    connection_id=self.connection_id,
                )
            )
            reply = server.next_reply()
            if reply.delay and server.stopping.wait(reply.delay):
                return
            if reply.drop:
                self.close_connection = True
                try:
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                return
            if reply.trickle:
                self._trickle(reply)
                return
            self.send_response(reply.status, reply.reason)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.stream_body is not None:
                self.end_headers()
                try:
                    for piece in reply.stream_body:
                        if server.stopping.is_set():
                            return
                        self.wfile.write(piece)
                except OSError:  # the client hung up (a size limit, a deadline)
                    self.close_connection = True
                return
            if reply.chunks is not None:
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                try:
                    for chunk in reply.chunks:
                        if reply.chunk_delay and server.stopping.wait(reply.chunk_delay):
                            return
                        if server.stopping.is_set():
                            return
                        self.wfile.write(f"{len(chunk):X}\r\n".encode() + chunk + b"\r\n")
                        self.wfile.flush()
                except OSError:  # the client hung up (a size limit, a deadline)
                    self.close_connection = True
                    return
                if reply.truncate:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()
                return
            payload = reply.body if reply.body is not None else {"ok": True}
            if isinstance(payload, dict | list):
                data = json.dumps(payload).encode("utf-8")
                if not any(k.lower() == "content-type" for k in reply.headers):
                    self.send_header("Content-Type", "application/json")
            elif isinstance(payload, str):
                data = payload.encode("utf-8")
            else:
                data = payload
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()

        def _trickle(self, reply: Reply) -> None:
            """Status line and headers a byte at a time; the body (if the client waits that long) after."""
            payload = json.dumps(reply.body if reply.body is not None else {"ok": True}).encode()
            head = f"HTTP/1.1 {reply.status} {reply.reason or 'OK'}\r\n"
            for name, value in {"Content-Length": str(len(payload)), **reply.headers}.items():
                head += f"{name}: {value}\r\n"
            self.close_connection = True
            try:
                for byte in (head + "\r\n").encode("latin-1"):
                    if server.stopping.wait(reply.trickle):
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                self.wfile.write(payload)
            except OSError:
                return

        do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = _handle

    return Handler
