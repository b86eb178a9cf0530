"""The command line under Ctrl+C and bad input: one line, exit 130, nothing lost, no traceback.

The API here is the scripted loopback server of the api tests, so a test can
stall exactly the request it wants (a poll, a DELETE) and interrupt the real
``python -m psbridge`` process while that request hangs.
"""

from __future__ import annotations

import codecs
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.api_loopback import Reply, ScriptedServer
from tests.conftest import REPO
from tests.helpers import psbridge_environment, run_psbridge

KEY = "sk-interrupt-test-0123456789abcdef"
RUN = {"id": "run_1", "object": "thread.run", "thread_id": "thread_1", "status": "in_progress", "created_at": 1}
THREAD = {"id": "thread_1", "object": "thread", "created_at": 1700000000, "metadata": {}}
MESSAGES = {
    "object": "list",
    "data": [
        {
            "id": "msg_1",
            "object": "thread.message",
            "thread_id": "thread_1",
            "role": "assistant",
            "content": [{"type": "text", "text": {"value": "the answer", "annotations": []}}],
            "created_at": 1700000001,
        }
    ],
    "has_more": False,
}


def _start(server: ScriptedServer, *args: str) -> subprocess.Popen[bytes]:
    environment = psbridge_environment(OPENAI_API_KEY=KEY, OPENAI_API_BASE=server.url + "/v1", NO_PROXY="*")
    return subprocess.Popen(
        [sys.executable, "-m", "psbridge", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=environment,
    )


def _wait_for_requests(server: ScriptedServer, count: int, limit: float = 20) -> None:
    ends = time.monotonic() + limit
    while len(server.requests) < count:
        assert time.monotonic() < ends, f"only {len(server.requests)} requests arrived"
        time.sleep(0.02)
    time.sleep(0.1)  # the request is now stalled on the server


def _interrupt(process: subprocess.Popen[bytes]) -> tuple[int, str, str, float]:
    started = time.monotonic()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=10)
    return process.returncode, out.decode(), err.decode(), time.monotonic() - started


def test_ctrl_c_while_a_worker_poll_is_stalled_stops_at_once(server: ScriptedServer) -> None:
    """Wait-ThreadRun polls on a worker thread; the poll hangs for 30 s; Ctrl+C ends it all in < 1 s."""
    server.script(Reply(body=RUN), Reply(delay=30, body=RUN))
    process = _start(server, "-Command", "Wait-ThreadRun -ThreadId thread_1 -RunId run_1 -PollIntervalSec 0.1")
    _wait_for_requests(server, 2)
    code, out, err, elapsed = _interrupt(process)
    assert code == 130
    assert elapsed < 1, elapsed
    assert err == "The pipeline has been stopped.\n"
    assert out == ""


def test_ctrl_c_while_the_pipeline_thread_waits_on_a_request(server: ScriptedServer) -> None:
    server.script(Reply(delay=30, body=THREAD))
    process = _start(server, "-Command", "'written first'; Get-Thread -ThreadId thread_1")
    _wait_for_requests(server, 1)
    code, out, err, elapsed = _interrupt(process)
    assert (code, err) == (130, "The pipeline has been stopped.\n")
    assert elapsed < 1 and out == "written first\n"


def test_ctrl_c_during_auto_remove_keeps_the_thread_that_was_read(server: ScriptedServer) -> None:
    """The thread is printed before its DELETE is sent; interrupting the DELETE loses nothing."""
    completed = {**RUN, "status": "completed"}
    server.script(Reply(body=completed), Reply(body=THREAD), Reply(body=MESSAGES), Reply(delay=30, body={}))
    process = _start(
        server, "-Command", "Receive-ThreadRun -ThreadId thread_1 -RunId run_1 -Wait -AutoRemoveThread"
    )
    _wait_for_requests(server, 4)
    assert server.requests[3].method == "DELETE"
    code, out, err, _ = _interrupt(process)
    assert code == 130 and "Traceback" not in err
    assert "thread_1" in out and "msg_1" in out


def test_output_streams_while_the_script_still_runs(server: ScriptedServer) -> None:
    server.script(Reply(delay=3, body=THREAD))
    process = _start(server, "-Command", "'early'; Get-Thread -ThreadId thread_1")
    assert process.stdout is not None
    started = time.monotonic()
    ready, _, _ = select.select([process.stdout], [], [], 2.5)
    assert ready, "nothing was written while the request was pending"
    assert os.read(process.stdout.fileno(), 100) == b"early\n"
    assert time.monotonic() - started < 2.5
    process.communicate(timeout=20)
    assert process.returncode == 0


def test_an_error_under_stop_keeps_what_came_before_it_printed() -> None:
    """Two piped runs, the second DELETE fails with 500 under -ErrorAction Stop: both threads were
    written before any DELETE, so the first (deleted) thread is printed, not lost."""
    from psbridge.emulator import Emulator, Fault, Lifecycle

    with Emulator(api_key=KEY, lifecycle=Lifecycle(mode="polls"), poll_after_ms=0) as emulator:
        environment = {"OPENAI_API_KEY": KEY, "OPENAI_API_BASE": emulator.base_url}
        with httpx.Client(base_url=emulator.base_url + "/", headers={"Authorization": f"Bearer {KEY}"}) as http:
            assistant = http.post("assistants", json={"model": "m"}).json()
            ids = []
            for _ in range(2):
                thread = http.post("threads", json={"messages": [{"role": "user", "content": "hi"}]}).json()
                http.post(f"threads/{thread['id']}/runs", json={"assistant_id": assistant["id"]})
                ids.append(thread["id"])
        emulator.faults.add(Fault(method="DELETE", path=ids[1], status=500, times=None))
        runs = "; ".join(f"$r{n} = Get-ThreadRun -ThreadId {tid} -Limit 1" for n, tid in enumerate(ids))
        result = run_psbridge(
            "-Command",
            f"{runs}; $r0, $r1 | Receive-ThreadRun -Wait -AutoRemoveThread -ErrorAction Stop",
            **environment,
        )
        assert result.returncode == 1, result.stderr
        assert ids[0] in result.stdout and ids[1] in result.stdout
        assert ids[0] not in emulator.store.threads  # deleted, and its content was delivered
        assert "500" in result.stderr and "Traceback" not in result.stderr


# -- bad input on the command line --------------------------------------------------------


@pytest.mark.parametrize(
    "encoding", ["utf-16-le", "utf-16-be", "utf-8-sig", "utf-32-le", "utf-32-be"]
)
def test_file_in_utf16_or_utf32_with_a_bom_runs(tmp_path: Path, encoding: str) -> None:
    bom = {
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE,
        "utf-32-be": codecs.BOM_UTF32_BE,
        "utf-8-sig": b"",
    }[encoding]
    script = tmp_path / "wide.ps1"
    script.write_bytes(bom + "'héllo wörld'\n$args[0]\n".encode(encoding))
    result = run_psbridge("-File", str(script), "ärg")
    assert (result.returncode, result.stdout, result.stderr) == (0, "héllo wörld\närg\n", "")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("'caf\xe9'\n".encode("latin-1"), "is not UTF-8 text (byte 0xE9 at offset 4)"),
        (bytes(range(256)) * 4, "is not UTF-8 text"),
        (b"\x00\x01\x02 binary\x00", "binary file"),
    ],
)
def test_latin1_or_binary_files_are_a_clear_usage_error(tmp_path: Path, content: bytes, reason: str) -> None:
    script = tmp_path / "bad.ps1"
    script.write_bytes(content)
    result = run_psbridge("-File", str(script))
    assert result.returncode == 2
    assert reason in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def _completed(command: list[Any], **options: Any) -> subprocess.CompletedProcess[Any]:
    options.setdefault("env", psbridge_environment())
    return subprocess.run(command, capture_output=True, cwd=REPO, timeout=60, check=False, **options)


def test_command_dash_with_standard_input_closed_is_a_usage_error() -> None:
    result = _completed([sys.executable, "-m", "psbridge", "-Command", "-"], stdin=subprocess.DEVNULL, text=True)
    assert result.returncode == 0 and result.stdout == ""  # an empty script runs and does nothing
    # The shell closes descriptor 0 before Python starts: sys.stdin is None.
    closed = _completed(["sh", "-c", 'exec "$0" -m psbridge -Command - <&-', sys.executable], text=True)
    assert closed.returncode == 2
    assert "standard input, which is closed" in closed.stderr and "Traceback" not in closed.stderr


def test_standard_input_that_is_not_utf8_is_a_usage_error() -> None:
    result = _completed([sys.executable, "-m", "psbridge", "-Command", "-"], input=b"'caf\xe9'\n")
    assert result.returncode == 2 and b"is not UTF-8 text" in result.stderr and b"Traceback" not in result.stderr


def test_arguments_that_are_not_utf8_are_a_usage_error() -> None:
    result = _completed(
        [sys.executable.encode(), b"-m", b"psbridge", b"-Command", b"'caf\xe9'"],
        env={**psbridge_environment(), "LC_ALL": "C.UTF-8", "PYTHONUTF8": "1"},
    )
    assert result.returncode == 2
    assert b"is not valid UTF-8 text" in result.stderr and b"Traceback" not in result.stderr


def test_a_lone_surrogate_in_output_is_printed_escaped_not_a_crash() -> None:
    result = run_psbridge("-Command", '"a`u{D800}b"')
    assert result.returncode == 0, result.stderr
    assert result.stdout == "a\\ud800b\n"
