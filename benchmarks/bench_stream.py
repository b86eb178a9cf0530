"""Streaming: how soon a token reaches the pipeline, and what a long stream costs.

A small loopback SSE server (standard library, in this process) plays a chat
completion stream, so the time a chunk leaves the server is known exactly.

* **First token.**  The server sends the role chunk, then each content chunk
  after a 100 ms pause; the pipeline's output sink records when each token
  arrives.  Goal: every token within 50 ms of being sent (the figure is the
  worst of all tokens).
* **10,000 events.**  ``Request-ChatCompletion -Stream`` over a 10,000-chunk
  stream against a bare ``httpx`` iteration over the lines of the same stream
  (same server, same run, best of several interleaved rounds).  Goal: at most 3x.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import httpx

from psbridge.binding import arguments_from_call
from psbridge.runtime import Runspace

KEY = "sk-bench-0123456789abcdef"
EVENTS = 10_000
LATENCY_TOKENS = 8
PAUSE = 0.1
ROUNDS = 5


def chunk(content: str | None, finish: str | None = None) -> bytes:
    delta: dict[str, Any] = {} if content is None else {"content": content}
    payload = {
        "id": "chatcmpl-bench",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
    }
    return b"data: " + json.dumps(payload).encode() + b"\n\n"


ROLE = (
    b"data: "
    + json.dumps(
        {
            "id": "chatcmpl-bench",
            "object": "chat.completion.chunk",
            "created": 1,
            "model": "m",
            "choices": [
                {"index": 0, "delta": {"role": "assistant", "content": ""}, "logprobs": None, "finish_reason": None}
            ],
        }
    ).encode()
    + b"\n\n"
)
BULK = ROLE + b"".join(chunk(f" w{i}") for i in range(EVENTS)) + chunk(None, "stop") + b"data: [DONE]\n\n"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    sent_at: ClassVar[dict[str, float]] = {}

    def log_message(self, *args: Any) -> None:
        pass

    def _write(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length", "0"))
        body = json.loads(self.rfile.read(length))
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("transfer-encoding", "chunked")
        self.end_headers()
        if body["messages"][-1]["content"] == "latency":
            self._write(ROLE)
            for index in range(LATENCY_TOKENS):
                time.sleep(PAUSE)
                token = f"token{index}"
                Handler.sent_at[token] = time.perf_counter()
                self._write(chunk(token))
            self._write(chunk(None, "stop") + b"data: [DONE]\n\n")
        else:
            for start in range(0, len(BULK), 65536):
                self._write(BULK[start : start + 65536])
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


def run_stream(base: str, message: str, sink: Any) -> None:
    runspace = Runspace({"OPENAI_API_KEY": KEY, "OPENAI_API_BASE": base})
    try:
        arguments = arguments_from_call((), {"Message": message, "Stream": True, "Model": "m"})
        runspace.invoke_pipeline([("Request-ChatCompletion", arguments)], output=sink)
    finally:
        runspace.close()


def first_token_latency(base: str) -> list[float]:
    arrived: dict[str, float] = {}
    run_stream(base, "latency", lambda token: arrived.setdefault(token, time.perf_counter()))
    return [arrived[token] - Handler.sent_at[token] for token in Handler.sent_at]


def bare_httpx(base: str) -> float:
    started = time.perf_counter()
    lines = 0
    body = {"model": "m", "messages": [{"role": "user", "content": "bulk"}], "stream": True}
    with httpx.Client() as client, client.stream("POST", base + "/chat/completions", json=body) as response:
        for line in response.iter_lines():
            if line.startswith("data: "):
                lines += 1
    assert lines == EVENTS + 3, lines
    return time.perf_counter() - started


def through_psbridge(base: str) -> float:
    tokens: list[Any] = []
    started = time.perf_counter()
    run_stream(base, "bulk", tokens.append)
    elapsed = time.perf_counter() - started
    assert len(tokens) == EVENTS + 1, len(tokens)  # the role chunk's "" and every word
    return elapsed


def main() -> int:
    os.environ.pop("OPENAI_API_KEY", None)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        latencies = first_token_latency(base)
        through_psbridge(base)  # warm-up: imports, spec, connection
        bare, ours = [], []
        for _ in range(ROUNDS):
            bare.append(bare_httpx(base))
            ours.append(through_psbridge(base))
    finally:
        server.shutdown()
        server.server_close()
    worst = max(latencies) * 1000
    ratio = min(ours) / min(bare)
    median = sorted(latencies)[len(latencies) // 2] * 1000
    print(
        f"token latency (server send -> pipeline): worst {worst:.1f} ms, median {median:.1f} ms "
        f"over {len(latencies)} tokens (goal: <= 50 ms)"
    )
    print(
        f"{EVENTS:,}-event stream: psbridge {min(ours) * 1000:.0f} ms, bare httpx {min(bare) * 1000:.0f} ms: "
        f"{ratio:.2f}x (goal: <= 3x)"
    )
    return 0 if worst <= 50 and ratio <= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
