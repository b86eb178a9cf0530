"""The emulator as a server: its own cost, measured against baselines in the same run.

1. Throughput: GET run over one keep-alive connection, requests per second,
   against a bare standard-library HTTP/1.1 server answering the same bytes.
2. Overhead per run step with a model behind it (``--backend``): a loopback
   chat-completions server that answers after a fixed 50 ms; the time a
   streamed run takes beyond that, per backend call (goal: < 20 ms a step).
   One-step runs (a reply) and two-step runs (a function call, outputs, reply).
3. Scaling: creating and completing a run (POST thread, POST run, three GETs in
   polls mode) with 0 and with 100,000 stored runs, in memory and in SQLite;
   batches interleaved, median of the per-pair ratios (goal: within 10%).

Prints figures and ratios; asserts nothing (timing goals are not test asserts).
"""

from __future__ import annotations

import http.client
import json
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from psbridge.emulator import Emulator, Lifecycle, objects
from psbridge.emulator.backend import BackendConfig

KEY = "sk-bench-0123456789abcdef"
HEADERS = {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"}
BACKEND_LATENCY = 0.050
STORED_RUNS = 100_000


class Connection:
    """One keep-alive HTTP/1.1 connection, standard library only (the client costs little)."""

    def __init__(self, base_url: str) -> None:
        host_port = base_url.split("//")[1].split("/")[0]
        host, port = host_port.rsplit(":", 1)
        self.prefix = "/" + base_url.split("//")[1].split("/", 1)[1] if "/" in base_url.split("//")[1] else ""
        self.http = http.client.HTTPConnection(host, int(port), timeout=30)

    def call(self, method: str, path: str, body: Any = None) -> Any:
        payload = None if body is None else json.dumps(body).encode()
        self.http.request(method, self.prefix + path, body=payload, headers=HEADERS)
        response = self.http.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{method} {path}: {response.status} {data[:200]!r}")
        return json.loads(data) if response.getheader("content-type", "").startswith("application/json") else data

    def close(self) -> None:
        self.http.close()


def timed(function: Callable[[], object], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        function()
    return (time.perf_counter() - start) / calls


# -- 1. throughput ---------------------------------------------------------------------


def bare_server(payload: bytes) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


def throughput() -> None:
    with Emulator(api_key=KEY).start() as emu:
        ours = Connection(emu.base_url)
        asst = ours.call("POST", "/assistants", {"model": "gpt-4o"})
        run = ours.call("POST", "/threads/runs", {"assistant_id": asst["id"]})
        for _ in range(3):
            ours.call("GET", f"/threads/{run['thread_id']}/runs/{run['id']}")
        path = f"/threads/{run['thread_id']}/runs/{run['id']}"
        payload = json.dumps(ours.call("GET", path)).encode()
        bare = bare_server(payload)
        theirs = Connection(f"http://127.0.0.1:{bare.server_address[1]}")
        pairs = []
        for _ in range(7):
            pairs.append((timed(lambda: ours.call("GET", path), 300), timed(lambda: theirs.call("GET", "/x"), 300)))
        bare.shutdown()
        ours.close()
        theirs.close()
    emulator_rps = 1 / statistics.median(p[0] for p in pairs)
    bare_rps = 1 / statistics.median(p[1] for p in pairs)
    ratio = statistics.median(p[1] / p[0] for p in pairs)
    print(f"GET run: emulator {emulator_rps:7.0f} req/s, bare http.server {bare_rps:7.0f} req/s, ratio {ratio:.2f}")


# -- 2. overhead per run step -----------------------------------------------------------


def slow_backend(latency: float) -> ThreadingHTTPServer:
    """Answers every chat completion after ``latency``: a call when tools are offered and no
    tool result came back yet, a short reply otherwise; streamed when asked."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["content-length"])))
            time.sleep(latency)
            calls = body.get("tools") and body["messages"][-1]["role"] != "tool"
            call = {"index": 0, "id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}}
            delta: dict[str, Any] = {"tool_calls": [call]} if calls else {"content": "a short answer"}
            chunks = [
                {"choices": [{"index": 0, "delta": delta, "finish_reason": None}]},
                {"choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls" if calls else "stop"}]},
            ]
            data = b"".join(f"data: {json.dumps(c)}\n\n".encode() for c in chunks) + b"data: [DONE]\n\n"
            self.send_response(200)
            self.send_header("content-type", "text/event-stream")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


def overhead() -> None:
    backend = slow_backend(BACKEND_LATENCY)
    config = BackendConfig(f"http://127.0.0.1:{backend.server_address[1]}/v1")
    with Emulator(api_key=KEY, backend=config).start() as emu:
        client = Connection(emu.base_url)
        plain = client.call("POST", "/assistants", {"model": "gpt-4o"})
        tool = {"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}
        with_tool = client.call("POST", "/assistants", {"model": "gpt-4o", "tools": [tool]})

        def one_step() -> None:
            thread = client.call("POST", "/threads", {"messages": [{"role": "user", "content": "hi"}]})
            client.call("POST", f"/threads/{thread['id']}/runs", {"assistant_id": plain["id"], "stream": True})

        def two_steps() -> None:
            thread = client.call("POST", "/threads", {"messages": [{"role": "user", "content": "hi"}]})
            events = client.call(
                "POST", f"/threads/{thread['id']}/runs", {"assistant_id": with_tool["id"], "stream": True}
            )
            run_id = json.loads(events.split(b"event: thread.run.requires_action\ndata: ")[1].split(b"\n")[0])["id"]
            outputs = {"tool_outputs": [{"tool_call_id": "call_1", "output": "x"}], "stream": True}
            client.call("POST", f"/threads/{thread['id']}/runs/{run_id}/submit_tool_outputs", outputs)

        for step in (one_step, two_steps):
            step()
        one = statistics.median(timed(one_step, 10) for _ in range(5))
        two = statistics.median(timed(two_steps, 10) for _ in range(5))
        client.close()
    backend.shutdown()
    print(
        f"run overhead beyond the backend's {BACKEND_LATENCY * 1000:.0f} ms: "
        f"one step {(one - BACKEND_LATENCY) * 1000:5.1f} ms, "
        f"two steps {(two - 2 * BACKEND_LATENCY) * 1000 / 2:5.1f} ms per step (goal < 20 ms)"
    )


# -- 3. scaling ---------------------------------------------------------------------------


def seed(emu: Emulator, runs: int, status: str = "completed") -> None:
    """``runs`` runs on runs/10 threads, stored directly (as a long-lived server would have them)."""
    store = emu.store
    settings = {
        "assistant_id": "asst_seed", "model": "gpt-4o", "instructions": "", "tools": [],
        "truncation_strategy": {"type": "auto", "last_messages": None}, "tool_choice": "auto",
        "parallel_tool_calls": True, "response_format": "auto",
    }  # fmt: skip
    with store.transaction():
        for index in range(runs // 10):
            thread = store.insert(objects.thread(f"thread_seed{index}", 1_700_000_000, {}, None))
            for number in range(10):
                run = objects.run(f"run_seed{index}_{number}", thread["id"], 1_700_000_000, settings)
                if status == "completed":
                    run.update(status=status, started_at=1_700_000_000, completed_at=1_700_000_001, expires_at=None)
                else:
                    run.update(status=status, started_at=1_700_000_000)
                store.insert(run)


def create_and_complete(client: Connection, assistant_id: str) -> None:
    thread = client.call("POST", "/threads", {"messages": [{"role": "user", "content": "hello"}]})
    run = client.call("POST", f"/threads/{thread['id']}/runs", {"assistant_id": assistant_id})
    for _ in range(3):
        status = client.call("GET", f"/threads/{thread['id']}/runs/{run['id']}")["status"]
    assert status == "completed"


def scaling(kind: str, directory: Path) -> None:
    emulators = []
    for label in ("empty", "full"):
        path = directory / f"{kind}-{label}.db" if kind == "sqlite" else None
        emu = Emulator(api_key=KEY, store_path=path)
        if label == "full":
            started = time.perf_counter()
            seed(emu, STORED_RUNS)
            print(f"  ({kind}: stored {STORED_RUNS:,} runs in {time.perf_counter() - started:.1f} s)")
        emu.start()
        client = Connection(emu.base_url)
        assistant = client.call("POST", "/assistants", {"model": "gpt-4o"})
        emulators.append((emu, client, assistant["id"]))
    (_, empty, empty_asst), (_, full, full_asst) = emulators
    for _ in range(20):
        create_and_complete(empty, empty_asst)
        create_and_complete(full, full_asst)
    pairs = [
        (
            timed(lambda: create_and_complete(empty, empty_asst), 40),
            timed(lambda: create_and_complete(full, full_asst), 40),
        )
        for _ in range(9)
    ]
    for emu, client, _ in emulators:
        client.close()
        emu.stop()
    zero = statistics.median(p[0] for p in pairs) * 1000
    many = statistics.median(p[1] for p in pairs) * 1000
    ratio = statistics.median(p[1] / p[0] for p in pairs)
    print(
        f"create + complete a run, {kind:6}: {zero:6.2f} ms with 0 runs stored, "
        f"{many:6.2f} ms with {STORED_RUNS:,}: ratio {ratio:.3f} (goal within 10%)"
    )


def time_mode() -> None:
    """``time`` mode used to walk every stored run on every request; now only runs that are due."""
    emulators = []
    for runs in (0, STORED_RUNS):
        emu = Emulator(api_key=KEY, lifecycle=Lifecycle(mode="time", step_seconds=3600))
        seed(emu, runs, status="in_progress")  # unfinished: each one is scheduled
        emu.start()
        client = Connection(emu.base_url)
        asst = client.call("POST", "/assistants", {"model": "gpt-4o"})
        run = client.call("POST", "/threads/runs", {"assistant_id": asst["id"]})
        emulators.append((emu, client, f"/threads/{run['thread_id']}/runs/{run['id']}"))
    (_, empty, empty_path), (_, full, full_path) = emulators
    pairs = [
        (timed(lambda: empty.call("GET", empty_path), 200), timed(lambda: full.call("GET", full_path), 200))
        for _ in range(7)
    ]
    for emu, client, _ in emulators:
        client.close()
        emu.stop()
    ratio = statistics.median(p[1] / p[0] for p in pairs)
    print(
        f"GET run in time mode: {statistics.median(p[0] for p in pairs) * 1000:.3f} ms with 0 unfinished runs, "
        f"{statistics.median(p[1] for p in pairs) * 1000:.3f} ms with {STORED_RUNS:,}: ratio {ratio:.3f}"
    )


def main() -> int:
    throughput()
    overhead()
    with tempfile.TemporaryDirectory() as directory:
        for kind in ("memory", "sqlite"):
            scaling(kind, Path(directory))
    time_mode()
    return 0


if __name__ == "__main__":
    sys.exit(main())
