"""``--store PATH``: what the emulator acknowledged survives ``kill -9`` and restarts."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from psbridge.emulator import Emulator
from psbridge.emulator.backend import BackendConfig
from psbridge.emulator.sqlite_store import StoreLockedError
from tests.emulator.emulator_helpers import Api, make_client
from tests.emulator.fake_backend import FakeBackend, Turn

REPO = Path(__file__).resolve().parents[2]
HEADERS = {"Authorization": "Bearer sk-test", "OpenAI-Beta": "assistants=v2"}


class Server:
    """``python -m psbridge.emulator`` in a subprocess, on a free port."""

    def __init__(self, store: Path, *extra: str) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "psbridge.emulator",
                "--port",
                "0",
                "--store",
                str(store),
                "--log-level",
                "warning",
                *extra,
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        assert line.startswith("Emulator listening on "), line + self.process.stderr.read()  # type: ignore[union-attr]
        self.base_url = line.rsplit(" ", 1)[1]
        self.client = httpx.Client(base_url=self.base_url + "/", headers=HEADERS, timeout=10)

    def kill(self) -> None:
        self.client.close()
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def terminate(self) -> int:
        self.client.close()
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=20)


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    started: list[Server] = []
    yield started
    for server in started:
        if server.process.poll() is None:
            server.kill()


def test_objects_blobs_and_order_come_back(tmp_path: Path) -> None:
    path = tmp_path / "emulator.db"
    with Emulator(store_path=path).start() as emu, make_client(emu) as client:
        api = Api(client)
        asst = api.assistant(name="keeper", metadata={"k": "v"})
        thread = api.thread("one", "two")
        run = api.run(thread["id"], asst["id"])
        while api.get_run(thread["id"], run["id"])["status"] != "completed":
            pass
        api.call("POST /threads/{thread_id}", json_body={"metadata": {"changed": "yes"}}, thread_id=thread["id"])
        gone = api.thread("deleted soon")
        api.call("DELETE /threads/{thread_id}", thread_id=gone["id"])
        emu.store.put_blob("file-abc", b"\x00\x01 contents")
        before = {
            name: emu.store.all(name)
            for name in ("assistant", "thread", "thread.message", "thread.run", "thread.run.step")
        }
    assert (tmp_path / "emulator.db.files" / "file-abc").read_bytes() == b"\x00\x01 contents"
    with Emulator(store_path=path).start() as again, make_client(again) as client:
        after = {name: again.store.all(name) for name in before}
        assert after == before  # every object, in its order
        assert again.store.get_blob("file-abc") == b"\x00\x01 contents"
        api = Api(client)
        listed = api.call("GET /threads/{thread_id}/messages", params={"order": "asc"}, thread_id=thread["id"])
        assert [m["content"][0]["text"]["value"] for m in listed["data"]] == ["one", "two", "Echo: two"]
        assert api.call("GET /threads/{thread_id}", thread_id=thread["id"])["metadata"] == {"changed": "yes"}
        assert client.get(f"threads/{gone['id']}").status_code == 404
        assert api.get_run(thread["id"], run["id"])["status"] == "completed"


def test_a_store_serves_one_emulator_at_a_time(tmp_path: Path) -> None:
    with Emulator(store_path=tmp_path / "one.db").start(), pytest.raises(StoreLockedError):
        Emulator(store_path=tmp_path / "one.db")


def test_nothing_acknowledged_is_lost_to_kill_9(tmp_path: Path, servers: list[Server]) -> None:
    """Writers keep going until the process is killed mid-flight; every write that got its
    answer must be there after the restart, exactly as answered."""
    store = tmp_path / "crash.db"
    server = Server(store)
    servers.append(server)
    acknowledged: dict[str, dict[str, Any]] = {}
    unanswered: dict[str, dict[str, str]] = {}
    lock = threading.Lock()
    stop = threading.Event()

    def writer(index: int) -> None:
        with httpx.Client(base_url=server.base_url + "/", headers=HEADERS, timeout=5) as client:
            count = 0
            while not stop.is_set():
                count += 1
                try:
                    made = client.post("threads", json={"metadata": {"w": str(index), "n": str(count)}})
                    if made.status_code != 200:
                        continue
                    thread = made.json()
                    with lock:
                        acknowledged[thread["id"]] = thread
                    newer = {"w": str(index), "v": "2"}
                    with lock:
                        unanswered[thread["id"]] = newer  # sent: may or may not have happened
                    changed = client.post(f"threads/{thread['id']}", json={"metadata": newer})
                    if changed.status_code == 200:
                        with lock:
                            acknowledged[thread["id"]] = changed.json()
                except httpx.TransportError:
                    return  # the server died under us: what was not answered does not count

    writers = [threading.Thread(target=writer, args=(i,)) for i in range(4)]
    for thread in writers:
        thread.start()
    time.sleep(1.0)
    server.kill()
    stop.set()
    for thread in writers:
        thread.join(timeout=10)
    assert len(acknowledged) > 20, "the writers did too little for the test to mean anything"
    restarted = Server(store)
    servers.append(restarted)
    for thread_id, expected in acknowledged.items():
        response = restarted.client.get(f"threads/{thread_id}")
        assert response.status_code == 200, (thread_id, response.text)
        found = response.json()
        if found != expected:  # only a change that was sent but never answered may show through
            assert found == {**expected, "metadata": unanswered.get(thread_id)}, (found, expected)
    restarted.terminate()


def test_sigterm_shuts_down_cleanly_and_keeps_everything(tmp_path: Path, servers: list[Server]) -> None:
    server = Server(tmp_path / "term.db")
    servers.append(server)
    made = server.client.post("assistants", json={"model": "gpt-4o"}).json()
    assert httpx.get(server.base_url.removesuffix("/v1") + "/health").json()["store"] == "sqlite"
    assert server.terminate() == 0
    again = Server(tmp_path / "term.db")
    servers.append(again)
    assert again.client.get(f"assistants/{made['id']}").json() == made
    again.terminate()


def test_runs_in_flight_resume_after_a_crash(tmp_path: Path, servers: list[Server]) -> None:
    """A run the model was answering when the server died is asked again after the restart;
    a queued one starts; both complete."""
    backend = FakeBackend()
    try:
        backend.will(Turn(text="never delivered", delay=30), Turn(text="never delivered", delay=30))
        store = tmp_path / "runs.db"
        server = Server(store, "--backend", backend.url, "--run-workers", "1")
        servers.append(server)
        client = server.client
        asst = client.post("assistants", json={"model": "gpt-4o"}).json()
        first = client.post(
            "threads/runs",
            json={"assistant_id": asst["id"], "thread": {"messages": [{"role": "user", "content": "a"}]}},
        ).json()
        second = client.post(
            "threads/runs",
            json={"assistant_id": asst["id"], "thread": {"messages": [{"role": "user", "content": "b"}]}},
        ).json()
        deadline = time.monotonic() + 10
        while client.get(f"threads/{first['thread_id']}/runs/{first['id']}").json()["status"] != "in_progress":
            assert time.monotonic() < deadline
            time.sleep(0.02)
        assert client.get(f"threads/{second['thread_id']}/runs/{second['id']}").json()["status"] == "queued"
        server.kill()
        backend.turns.clear()
        restarted = Server(store, "--backend", backend.url)
        servers.append(restarted)
        for run in (first, second):
            deadline = time.monotonic() + 10
            while (now := restarted.client.get(f"threads/{run['thread_id']}/runs/{run['id']}").json())[
                "status"
            ] != "completed":
                assert time.monotonic() < deadline, now
                time.sleep(0.02)
            data = restarted.client.get(f"threads/{run['thread_id']}/messages").json()["data"]
            assert data[0]["role"] == "assistant" and data[0]["content"][0]["text"]["value"].startswith("Model: ")
        restarted.terminate()
    finally:
        backend.close()


def test_a_reply_cut_by_a_crash_fails_the_run_and_expired_runs_expire(tmp_path: Path) -> None:
    path = tmp_path / "cut.db"
    with Emulator(store_path=path).start() as emu, make_client(emu) as client:
        api = Api(client)
        asst = api.assistant()
        threads = [api.thread("x")["id"], api.thread("y")["id"]]
        cut, old = (api.run(thread_id, asst["id"]) for thread_id in threads)
        with emu.store.transaction():
            # What a crash leaves: a run writing its reply, and a run long past its expiry.
            run = emu.store.get("thread.run", cut["id"])
            emu._engine.move(run, "in_progress", lambda *_: None)
            emu._engine.start_message(run, lambda *_: None)
            stale = emu.store.get("thread.run", old["id"])
            stale["status"], stale["expires_at"] = "requires_action", 1
    backend = FakeBackend()
    try:
        with (
            Emulator(store_path=path, backend=BackendConfig(backend.url)).start() as again,
            make_client(again) as client,
        ):
            api = Api(client)
            failed = api.get_run(threads[0], cut["id"])
            assert (
                failed["status"] == "failed" and "stopped while this run was writing" in failed["last_error"]["message"]
            )
            (partial,) = [
                m
                for m in api.call("GET /threads/{thread_id}/messages", thread_id=threads[0])["data"]
                if m["role"] == "assistant"
            ]
            assert partial["status"] == "incomplete" and partial["incomplete_details"] == {"reason": "run_failed"}
            expired = api.get_run(threads[1], old["id"])
            assert expired["status"] == "expired" and expired["expires_at"] is None
        assert backend.requests == []
    finally:
        backend.close()


def test_the_database_holds_json_text(tmp_path: Path) -> None:
    """The file is plain SQLite that other tools can read: one row per object, JSON bodies."""
    import sqlite3

    path = tmp_path / "plain.db"
    with Emulator(store_path=path).start() as emu, make_client(emu) as client:
        # A lone surrogate (legal as a JSON escape) must not break the write.
        response = client.post("assistants", content=b'{"model": "gpt-4o", "name": "\\ud800 lone"}')
        assert response.status_code == 200, response.text
        made = response.json()
        assert made["name"] == "\ud800 lone"
    with sqlite3.connect(path) as db:
        ((body,),) = db.execute("SELECT body FROM objects WHERE kind = 'assistant'").fetchall()
    assert json.loads(body) == made
    assert os.path.exists(str(path) + ".files")
