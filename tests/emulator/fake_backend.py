"""A chat-completions server on loopback for the emulator's ``--backend`` tests.

Scripted: each call takes the next :class:`Turn` queued with :meth:`FakeBackend.will`
(or, when none is queued, answers ``Model: <last user text>``).  A turn is a
reply text, function calls, an HTTP error, a delay, or a body that is not JSON;
streamed requests get the reply as ``chat.completion.chunk`` events, one per
word, tool-call arguments in two pieces.  The ``backend`` fixture (a plugin
of the root conftest) gives each test one.  A streamed turn can ``hold`` its
last chunk until the test sets an event (to see the first chunks reach the
client while the model is still "thinking"), or break off with an error event
after ``fail_after`` chunks.  Every request body is kept.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

JSON = dict[str, Any]


@dataclass
class Turn:
    text: str | None = None
    calls: list[tuple[str, str]] = field(default_factory=list)  # (name, arguments JSON)
    status: int = 200
    error: str = "backend error"
    delay: float = 0.0
    chunk_delay: float = 0.0
    finish_reason: str | None = None
    usage: JSON | None = None
    raw: bytes | None = None
    hold: threading.Event | None = None  # streamed: the last chunk waits for it
    fail_after: int | None = None  # streamed: an error event after this many chunks


def _words(text: str) -> list[str]:
    pieces: list[str] = []
    for index, word in enumerate(text.split(" ")):
        pieces.append(word if index == 0 else " " + word)
    return [p for p in pieces if p]


class FakeBackend:
    def __init__(self) -> None:
        self.turns: deque[Turn] = deque()
        self.requests: list[JSON] = []
        self.headers: list[dict[str, str]] = []
        self.lock = threading.Lock()
        self.hold_expired = False  # a held chunk waited 10 s and went out anyway
        backend = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("content-length", "0"))))
                with backend.lock:
                    backend.requests.append(body)
                    backend.headers.append({k.lower(): v for k, v in self.headers.items()})
                    turn = backend.turns.popleft() if backend.turns else backend.default(body)
                try:
                    backend.answer(self, self.path, body, turn)
                except OSError:
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def will(self, *turns: Turn) -> None:
        with self.lock:
            self.turns.extend(turns)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @staticmethod
    def default(body: JSON) -> Turn:
        users = [m for m in body.get("messages", []) if m.get("role") == "user"]
        content = users[-1]["content"] if users else ""
        return Turn(text=f"Model: {content}")

    # -- answering -----------------------------------------------------------

    def answer(self, handler: BaseHTTPRequestHandler, path: str, body: JSON, turn: Turn) -> None:
        if turn.delay:
            time.sleep(turn.delay)
        if path != "/v1/chat/completions":
            return self._send(handler, 404, json.dumps({"error": {"message": f"no route {path}"}}).encode())
        if turn.raw is not None:
            return self._send(handler, turn.status, turn.raw)
        if turn.status != 200:
            error = {"error": {"message": turn.error, "type": "error", "code": None}}
            return self._send(handler, turn.status, json.dumps(error).encode())
        if body.get("stream"):
            return self._stream(handler, body, turn)
        message: JSON = {"role": "assistant", "content": turn.text}
        if turn.calls:
            message["tool_calls"] = [
                {"id": f"call_fake{i}", "type": "function", "function": {"name": name, "arguments": args}}
                for i, (name, args) in enumerate(turn.calls)
            ]
        completion = {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model"),
            "choices": [{"index": 0, "message": message, "finish_reason": self._finish(turn)}],
            "usage": turn.usage or {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18},
        }
        self._send(handler, 200, json.dumps(completion).encode())

    @staticmethod
    def _finish(turn: Turn) -> str:
        return turn.finish_reason or ("tool_calls" if turn.calls else "stop")

    def _chunks(self, body: JSON, turn: Turn) -> Iterator[JSON]:
        def chunk(delta: JSON, finish: str | None = None) -> JSON:
            return {
                "id": "chatcmpl-fake",
                "object": "chat.completion.chunk",
                "model": body.get("model"),
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }

        yield chunk({"role": "assistant"})
        for piece in _words(turn.text or ""):
            yield chunk({"content": piece})
        for index, (name, args) in enumerate(turn.calls):
            half = len(args) // 2
            first = {"index": index, "id": f"call_fake{index}", "type": "function"}
            yield chunk({"tool_calls": [{**first, "function": {"name": name, "arguments": args[:half]}}]})
            yield chunk({"tool_calls": [{"index": index, "function": {"arguments": args[half:]}}]})
        yield chunk({}, self._finish(turn))
        if (body.get("stream_options") or {}).get("include_usage"):
            usage = turn.usage or {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18}
            yield {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "choices": [], "usage": usage}

    def _stream(self, handler: BaseHTTPRequestHandler, body: JSON, turn: Turn) -> None:
        handler.send_response(200)
        handler.send_header("content-type", "text/event-stream")
        handler.send_header("connection", "close")
        handler.end_headers()
        chunks = list(self._chunks(body, turn))
        for count, item in enumerate(chunks):
            if turn.fail_after is not None and count == turn.fail_after:
                error = {"error": {"message": turn.error, "type": "server_error", "code": None}}
                handler.wfile.write(f"data: {json.dumps(error)}\n\n".encode())
                handler.close_connection = True
                return
            if turn.hold is not None and count == len(chunks) - 1 and not turn.hold.wait(10):
                self.hold_expired = True
            handler.wfile.write(f"data: {json.dumps(item)}\n\n".encode())
            handler.wfile.flush()
            if turn.chunk_delay:
                time.sleep(turn.chunk_delay)
        handler.wfile.write(b"data: [DONE]\n\n")
        handler.wfile.flush()
        handler.close_connection = True

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, payload: bytes) -> None:
        handler.send_response(status)
        handler.send_header("content-type", "application/json")
        handler.send_header("content-length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)


@pytest.fixture
def backend() -> Iterator[FakeBackend]:
    fake = FakeBackend()
    yield fake
    fake.close()
