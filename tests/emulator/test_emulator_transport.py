"""HTTP behaviour: keep-alive, request log, percent-encoded ids, concurrency, start/stop, CLI."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from psbridge.emulator import Emulator, Lifecycle
from tests.emulator.emulator_helpers import API_KEY, Api, assert_error, make_client

REPO = Path(__file__).resolve().parents[2]


def test_keep_alive_uses_one_connection(api: Api, emu: Emulator) -> None:
    emu.reset_log()
    asst = api.assistant()
    thread = api.thread("x")
    run = api.run(thread["id"], asst["id"])
    while api.get_run(thread["id"], run["id"])["status"] != "completed":
        pass
    for _ in range(30):
        api.call("GET /assistants")
    assert emu.connection_count == 1
    assert len({r.connection_id for r in emu.requests}) == 1
    assert len(emu.requests) == 36


def test_separate_clients_use_separate_connections(emu: Emulator) -> None:
    for _ in range(3):
        with make_client(emu) as http:
            http.get("assistants")
    assert emu.connection_count == 3
    ids = [r.connection_id for r in emu.requests]
    assert len(set(ids)) == 3
    emu.reset_log()
    assert emu.connection_count == 0 and emu.requests == []


def test_client_connection_close_is_honoured(emu: Emulator) -> None:
    with make_client(emu) as http:
        for _ in range(3):
            http.get("assistants", headers={"Connection": "close"})
    assert emu.connection_count == 3


def test_request_log_records_the_wire(emu: Emulator, client: httpx.Client) -> None:
    client.get("threads/a%2Fb/messages", params=[("limit", "5"), ("include[]", "x y")])
    client.post("assistants", json={"model": "m"}, headers={"X-Custom": "1"})
    client.post("assistants", content=b"not json")
    get, post, bad = emu.requests
    assert get.method == "GET"
    assert get.raw_path == "/v1/threads/a%2Fb/messages"
    assert get.path == "/v1/threads/a/b/messages"
    assert get.query == [("limit", "5"), ("include[]", "x y")]
    assert get.body is None and get.credential_is(f"Bearer {API_KEY}")
    assert get.headers["openai-beta"] == "assistants=v2"
    assert post.body == {"model": "m"} and post.headers["x-custom"] == "1"
    assert bad.body is None and bad.raw_body == b"not json"
    assert get.time <= post.time <= bad.time


def test_percent_encoded_ids_stay_ids(emu: Emulator, client: httpx.Client) -> None:
    seeded = {"id": "a/b", "object": "thread", "created_at": 1, "tool_resources": None, "metadata": None}
    emu.store.insert(seeded)
    response = client.get("threads/a%2Fb")
    assert response.status_code == 200 and response.json()["id"] == "a/b"
    # An encoded traversal is one id segment: it can reach no other route.
    emu.store.insert(
        {
            "id": "asst_1",
            "object": "assistant",
            "created_at": 1,
            "name": None,
            "description": None,
            "model": "m",
            "instructions": None,
            "tools": [],
            "metadata": None,
        }
    )
    for path in ("threads/..%2Fassistants%2Fasst_1", "threads/..%2F..%2Fassistants", "threads/%2E%2E"):
        error = assert_error(client.get(path), 404)
        assert error["message"].startswith("No thread found with id '"), path
    error = assert_error(client.delete("threads/..%2Fassistants%2Fasst_1"), 404)
    assert "asst_1" in emu.store.assistants
    assert error["message"] == "No thread found with id '../assistants/asst_1'."
    assert client.get("assistants/asst%5F1").json()["id"] == "asst_1"  # any escape decodes


def test_plus_in_a_path_is_literal(emu: Emulator, client: httpx.Client) -> None:
    emu.store.insert(
        {"id": "a+b", "object": "thread", "created_at": 1, "tool_resources": None, "metadata": None}
    )
    assert client.get("threads/a+b").json()["id"] == "a+b"
    assert_error(client.get("threads/a%20b"), 404)


def test_concurrent_requests_from_8_threads(start_emulator: Callable[..., Emulator]) -> None:
    emu = start_emulator(lifecycle=Lifecycle(mode="polls"))
    with make_client(emu) as setup:
        asst = Api(setup).assistant()
    errors: list[BaseException] = []
    results: list[str] = []
    barrier = threading.Barrier(8)

    def worker(index: int) -> None:
        try:
            with make_client(emu) as http:
                api = Api(http)
                barrier.wait(timeout=5)
                thread = api.thread(f"worker {index}")
                run = api.run(thread["id"], asst["id"])
                for _ in range(20):
                    status = api.get_run(thread["id"], run["id"])["status"]
                    if status == "completed":
                        break
                reply = api.call("GET /threads/{thread_id}/messages", thread_id=thread["id"])["data"][0]
                results.append(reply["content"][0]["text"]["value"])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors, errors
    assert sorted(results) == sorted(f"Echo: worker {i}" for i in range(8))
    assert len(emu.store.runs) == 8 and all(r["status"] == "completed" for r in emu.store.runs.values())
    assert emu.connection_count == 9


def test_chunked_request_body(emu: Emulator, client: httpx.Client) -> None:
    def body() -> object:
        yield b'{"model": '
        yield b'"gpt-4o"}'

    response = client.post("assistants", content=body(), headers={"content-type": "application/json"})
    assert response.status_code == 200 and response.json()["model"] == "gpt-4o"


def test_head_gets_headers_only(client: httpx.Client) -> None:
    response = client.head("assistants")
    assert response.status_code == 405 and response.content == b""
    assert client.get("assistants").status_code == 200  # the connection is still in sync


def test_garbage_request_does_not_kill_the_server(emu: Emulator) -> None:
    host, port = emu.base_url.split("//")[1].split("/")[0].split(":")
    with socket.create_connection((host, int(port)), timeout=5) as raw:
        raw.sendall(b"POST /v1/threads HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n")
        assert raw.recv(100).startswith(b"HTTP/1.1 400")
    with make_client(emu) as http:
        assert http.get("assistants").status_code == 200


def test_start_stop_and_context_manager() -> None:
    emu = Emulator()
    with pytest.raises(RuntimeError):
        _ = emu.base_url
    with emu.start() as started:
        assert started is emu and emu.running
        assert emu.base_url.startswith("http://127.0.0.1:") and emu.base_url.endswith("/v1")
        with pytest.raises(RuntimeError):
            emu.start()
        client = make_client(emu)
        assert client.get("assistants").status_code == 200
    assert not emu.running
    with pytest.raises(httpx.TransportError):
        client.get("assistants")  # the idle keep-alive connection was closed too
    client.close()
    emu.stop()  # idempotent
    with Emulator() as auto:  # entering also starts
        assert auto.running


def test_fresh_emulators_do_not_share_state(start_emulator: Callable[..., Emulator]) -> None:
    one, two = start_emulator(), start_emulator()
    with make_client(one) as http:
        Api(http).assistant()
    assert len(one.store.assistants) == 1 and len(two.store.assistants) == 0
    assert one.base_url != two.base_url


def test_command_line_serves_until_interrupted() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "psbridge.emulator", "--port", "0", "--lifecycle", "manual"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        assert line.startswith("Emulator listening on http://127.0.0.1:") and line.endswith("/v1")
        base_url = line.rsplit(" ", 1)[1]
        response = httpx.get(base_url + "/assistants", headers={"Authorization": "Bearer k"})
        assert response.status_code == 200 and response.json()["object"] == "list"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_main_rejects_bad_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    from psbridge.emulator.__main__ import main

    with pytest.raises(SystemExit) as exit_info:
        main(["--lifecycle", "sometimes"])
    assert exit_info.value.code == 2
    assert main(["--polls-per-step", "0"]) == 2
    assert "polls_per_step" in capsys.readouterr().err


def test_main_reports_a_busy_port(capsys: pytest.CaptureFixture[str], emu: Emulator) -> None:
    from psbridge.emulator.__main__ import main

    port = emu.base_url.rsplit(":", 1)[1].split("/")[0]
    assert main(["--port", port]) == 1
    assert "cannot listen" in capsys.readouterr().err


STDLIB_PROBE = """
import os, sys
before = set(sys.modules)
import psbridge.emulator, psbridge.emulator.__main__
{extra}
stdlib = os.path.dirname(os.path.realpath(os.__file__))
package = os.path.realpath("psbridge")
for name in sorted(set(sys.modules) - before):
    origin = getattr(sys.modules[name], "__file__", None)
    if origin is None:
        continue
    path = os.path.realpath(origin)
    in_stdlib = path.startswith(stdlib + os.sep) and "site-packages" not in path
    ours = path.startswith(os.path.join(package, "emulator") + os.sep)
    ours = ours or path == os.path.join(package, "__init__.py")
    if not (in_stdlib or ours):
        print(name)
"""


def _imported_outside_stdlib(extra: str = "") -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", STDLIB_PROBE.format(extra=extra)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_emulator_needs_only_the_standard_library() -> None:
    """No httpx, no jsonschema, nothing from psbridge outside psbridge.emulator."""
    assert _imported_outside_stdlib() == []
    assert "httpx" in _imported_outside_stdlib("import httpx")  # the probe does see third-party imports


def test_the_request_log_never_shows_the_callers_key() -> None:
    import httpx

    from psbridge.emulator import Emulator

    key = "sk-proj-REALKEY0123456789abcdef"
    with Emulator(record_requests=True).start() as emu, httpx.Client() as client:
        client.get(emu.base_url + "/assistants", headers={"Authorization": f"Bearer {key}"})
        (recorded,) = emu.requests
    assert recorded.credential_is(f"Bearer {key}")  # tests can still check what was sent
    assert not recorded.credential_is(f"Bearer {key}x") and not recorded.credential_is(key)
    assert recorded.headers["authorization"] == "Bearer sk-****cdef"
    assert key not in repr(recorded) and key not in str(recorded) and key not in repr(vars(recorded))
