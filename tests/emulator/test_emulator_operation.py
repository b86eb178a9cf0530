"""Running the emulator as a server: safe defaults, keys from the environment, health,
log lines, graceful SIGTERM."""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from psbridge.emulator import Emulator
from psbridge.emulator.__main__ import _emulator, _parser, main
from tests.emulator.emulator_helpers import Api, assert_error, make_client
from tests.emulator.fake_backend import FakeBackend, Turn

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--host", "0.0.0.0"], "--api-key-env"),
        (["--host", "192.168.1.10"], "--api-key-env"),
        (["--api-key-env", "PSBRIDGE_TEST_UNSET_VAR"], "PSBRIDGE_TEST_UNSET_VAR is not set"),
        (["--model", "a=b"], "--model needs --backend"),
        (["--backend", "ftp://x/v1"], "http:// or https://"),
        (["--backend", "http://127.0.0.1:1/v1", "--model", "nonsense"], "NAME=BACKEND_NAME"),
        (["--backend-key-env", "X"], "needs --backend"),
    ],
)
def test_unsafe_or_wrong_settings_are_usage_errors(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PSBRIDGE_TEST_UNSET_VAR", raising=False)
    assert main(["--port", "0", *argv]) == 2
    assert message in capsys.readouterr().err


def test_off_loopback_is_allowed_with_a_key_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PSBRIDGE_TEST_KEY", "sk-server-0123456789")
    monkeypatch.setenv("PSBRIDGE_TEST_BACKEND_KEY", "sk-backend-0123456789")
    args = _parser().parse_args(
        ["--host", "0.0.0.0", "--api-key-env", "PSBRIDGE_TEST_KEY", "--backend", "http://127.0.0.1:9/v1",
         "--backend-key-env", "PSBRIDGE_TEST_BACKEND_KEY", "--model", "gpt-4o=llama3", "--model", "*=qwen"]
    )  # fmt: skip
    emulator = _emulator(args)  # built, not served: nothing listens off loopback in the tests
    assert emulator._app.api_key == "sk-server-0123456789"
    backend = emulator._backend
    assert backend is not None and backend.config.api_key == "sk-backend-0123456789"
    assert (backend.model("gpt-4o"), backend.model("other")) == ("llama3", "qwen")
    assert "sk-backend" not in repr(backend) + repr(backend.config)


def test_the_server_key_is_required_and_checked(start_emulator: Callable[..., Emulator]) -> None:
    emu = start_emulator(api_key="sk-the-right-key-0123")
    with make_client(emu, key="") as anonymous:
        response = anonymous.get("assistants", headers={"Authorization": ""})
    assert assert_error(response, 401, "invalid_api_key")["message"].startswith("You didn't provide an API key")
    with make_client(emu, key="sk-the-wrong-key-9999") as wrong:
        error = assert_error(wrong.get("assistants"), 401, "invalid_api_key")
    assert "sk-the-wrong-key-9999" not in error["message"] and "sk-****9999" in error["message"]
    with make_client(emu, key="sk-the-right-key-0123") as right:
        assert right.get("assistants").status_code == 200


def test_health_needs_no_key_and_says_little(start_emulator: Callable[..., Emulator]) -> None:
    emu = start_emulator(api_key="sk-the-right-key-0123")
    response = httpx.get(emu.base_url.removesuffix("/v1") + "/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "store": "memory", "backend": False}


def test_one_log_line_per_request_and_per_run_state_change(
    api: Api, emu: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="psbridge.emulator")
    thread = api.thread("hi")
    run = api.run(thread["id"], api.assistant()["id"])
    for _ in range(3):
        api.get_run(thread["id"], run["id"])
    lines = [record.getMessage() for record in caplog.records if record.name == "psbridge.emulator"]
    requests = [line for line in lines if line.startswith(("GET ", "POST "))]
    assert len(requests) == 6 and requests[0].startswith("POST /v1/threads 200 ")
    assert requests[-1].startswith(f"GET /v1/threads/{thread['id']}/runs/{run['id']} 200 ")
    assert requests[-1].endswith("ms")
    states = [line for line in lines if line.startswith(f"run {run['id']}")]
    assert states == [f"run {run['id']} {status}" for status in ("queued", "in_progress", "completed")]


def test_sigterm_lets_a_run_in_flight_finish(tmp_path: Path) -> None:
    backend = FakeBackend()
    backend.will(Turn(text="finished in time", delay=0.6))
    store = tmp_path / "graceful.db"
    command = [
        sys.executable,
        "-m",
        "psbridge.emulator",
        "--port",
        "0",
        "--store",
        str(store),
        "--backend",
        backend.url,
    ]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip().rsplit(" ", 1)[1]
        with httpx.Client(base_url=base_url + "/", headers={"Authorization": "Bearer k"}, timeout=10) as client:
            asst = client.post("assistants", json={"model": "gpt-4o"}).json()
            run = client.post(
                "threads/runs",
                json={"assistant_id": asst["id"], "thread": {"messages": [{"role": "user", "content": "x"}]}},
            ).json()
            while not backend.requests:
                time.sleep(0.01)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
        _, stderr = process.communicate()
        assert f"run {run['id']} completed" in stderr and "POST /v1/threads/runs 200" in stderr
    finally:
        if process.poll() is None:
            process.kill()
        backend.close()
    with Emulator(store_path=store).start() as again:
        assert again.store.get("thread.run", run["id"])["status"] == "completed"
