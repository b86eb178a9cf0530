"""Hostile or careless clients (issue 16 item 8): each costs the emulator a bounded amount,
and every refusal is an OpenAI-shaped JSON error on a server that keeps serving."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable

import pytest

from psbridge.emulator import Emulator
from psbridge.emulator.recording import RecordedRequest, RequestLog
from psbridge.emulator.server import Limits
from tests.emulator.emulator_helpers import make_client

AUTH = b"Authorization: Bearer sk-test\r\n"


def address(emu: Emulator) -> tuple[str, int]:
    host, port = emu.base_url.split("//")[1].split("/")[0].rsplit(":", 1)
    return host, int(port)


def exchange(emu: Emulator, raw: bytes, timeout: float = 5.0) -> tuple[int, dict[str, object]]:
    """Send raw bytes, read one response; (status, JSON body)."""
    with socket.create_connection(address(emu), timeout=timeout) as sock:
        sock.sendall(raw)
        data = b""
        while b"\r\n\r\n" not in data:
            piece = sock.recv(65536)
            assert piece, data
            data += piece
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
        length = int(headers["content-length"])
        while len(rest) < length:
            piece = sock.recv(65536)
            assert piece
            rest += piece
    assert headers["content-type"].startswith("application/json")
    body = json.loads(rest[:length])
    assert set(body) == {"error"} and set(body["error"]) == {"message", "type", "param", "code"}, body
    return status, body


def still_serving(emu: Emulator) -> None:
    with make_client(emu) as client:
        assert client.get("assistants").status_code == 200


@pytest.fixture
def small(start_emulator: Callable[..., Emulator]) -> Emulator:
    limits = Limits(max_body_bytes=10_000, request_timeout=0.6, idle_timeout=0.4, workers=4, max_connections=50)
    return start_emulator(limits=limits)


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 100_000,
        b"1" * 5_000,
        b'{"metadata": ' + b"9" * 5_000 + b"}",
        b'{"a": ' * 65 + b"1" + b"}" * 65,
        b'{"model": NaN}',
        b'{"model": Infinity}',
        b"\xff\xfe{}",
    ],
    ids=["brackets", "digits", "digits-in-object", "too-deep", "nan", "infinity", "not-utf8"],
)
def test_bodies_that_break_parsers_are_400s(emu: Emulator, body: bytes) -> None:
    head = b"POST /v1/assistants HTTP/1.1\r\nHost: x\r\n" + AUTH + b"Content-Length: %d\r\n\r\n" % len(body)
    status, error = exchange(emu, head + body)
    assert status == 400 and "could not parse the JSON body" in str(error["error"])  # type: ignore[index]
    still_serving(emu)


def test_a_huge_content_length_is_refused_before_reading(small: Emulator) -> None:
    started = time.monotonic()
    status, error = exchange(small, b"POST /v1/threads HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000000\r\n\r\n")
    assert status == 413 and "10000 bytes" in str(error)
    status, _ = exchange(small, b"POST /v1/threads HTTP/1.1\r\nHost: x\r\nContent-Length: " + b"9" * 5000 + b"\r\n\r\n")
    assert status == 413
    assert time.monotonic() - started < 2
    still_serving(small)


def test_bodies_over_the_cap_plain_chunked_or_expecting_continue(small: Emulator) -> None:
    big = b'{"x": "' + b"a" * 20_000 + b'"}'
    status, _ = exchange(small, b"POST /v1/threads HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % len(big) + big)
    assert status == 413
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(big[i : i + 4000]), big[i : i + 4000]) for i in range(0, len(big), 4000))
    head = b"POST /v1/threads HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    status, _ = exchange(small, head + chunked + b"0\r\n\r\n")
    assert status == 413
    expect = b"POST /v1/threads HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 20000\r\n\r\n"
    status, _ = exchange(small, expect)
    assert status == 413
    status, _ = exchange(small, b"POST /v1/threads HTTP/1.1\r\nHost: x\r\nContent-Length: 12\r\n\r\n{}")
    assert status == 408  # the body never finished arriving within the request deadline
    status, _ = exchange(small, head + b"zz\r\n")
    assert status == 400
    still_serving(small)


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        (b"GET /v1/" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n", 414),
        (b"GET /v1/assistants HTTP/1.1\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(101)) + b"\r\n", 431),
        (b"GET /v1/assistants HTTP/1.1\r\nX-Long: " + b"y" * 70_000 + b"\r\n\r\n", 431),
        (b"BREW /v1/assistants HTTP/1.1\r\nHost: x\r\n\r\n", 501),
        (b"GET /v1/assistants HTTP/2.0\r\nHost: x\r\n\r\n", 505),
        (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 garbage\r\n\r\n", 400),
    ],
    ids=["uri-too-long", "too-many-headers", "header-too-long", "unknown-method", "http2", "tls-hello"],
)
def test_the_servers_own_refusals_are_openai_shaped(emu: Emulator, raw: bytes, status: int) -> None:
    assert exchange(emu, raw)[0] == status
    still_serving(emu)


def test_a_trickling_client_runs_out_of_time(small: Emulator) -> None:
    started = time.monotonic()
    with socket.create_connection(address(small), timeout=5) as sock:
        sock.sendall(b"GET /v1/assistants HTTP/1.1\r\n")
        try:
            for _ in range(20):
                sock.sendall(b"X")
                time.sleep(0.1)
            leftover = sock.recv(100)
        except OSError:
            leftover = b""
    assert leftover == b"" and time.monotonic() - started < 2.5  # closed at the deadline, not served
    still_serving(small)


def test_idle_connections_hold_no_thread_and_are_closed(small: Emulator) -> None:
    before = threading.active_count()
    sockets = [socket.create_connection(address(small), timeout=5) for _ in range(40)]
    try:
        time.sleep(0.1)
        assert threading.active_count() <= before + 1  # no thread per connection
        still_serving(small)
        time.sleep(0.6)
        for sock in sockets:
            assert sock.recv(10) == b""  # the idle timeout closed it
    finally:
        for sock in sockets:
            sock.close()


def test_at_the_connection_limit_the_oldest_idle_one_makes_room(start_emulator: Callable[..., Emulator]) -> None:
    emu = start_emulator(limits=Limits(max_connections=5, workers=2))
    sockets = [socket.create_connection(address(emu), timeout=5) for _ in range(5)]
    try:
        time.sleep(0.1)
        still_serving(emu)  # a sixth connection gets in
        assert sockets[0].recv(10) == b""
    finally:
        for sock in sockets:
            sock.close()


def test_more_clients_than_workers_all_get_served(start_emulator: Callable[..., Emulator]) -> None:
    emu = start_emulator(limits=Limits(workers=2))
    results: list[int] = []

    def client() -> None:
        with make_client(emu) as http:
            for _ in range(5):
                results.append(http.get("assistants").status_code)

    threads = [threading.Thread(target=client) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert results == [200] * 40


def test_pipelined_requests_are_all_answered(emu: Emulator) -> None:
    one = b"GET /v1/assistants HTTP/1.1\r\nHost: x\r\n" + AUTH + b"\r\n"
    with socket.create_connection(address(emu), timeout=5) as sock:
        sock.sendall(one * 3)
        data = b""
        while data.count(b"HTTP/1.1 200") < 3:
            piece = sock.recv(65536)
            assert piece
            data += piece


def test_the_request_log_is_off_by_default_and_bounded(start_emulator: Callable[..., Emulator]) -> None:
    emu = start_emulator(record_requests=False)
    still_serving(emu)
    with pytest.raises(RuntimeError, match="record_requests=True"):
        _ = emu.requests
    assert emu.request_count == 1
    log = RequestLog(enabled=True, limit=3)
    for index in range(5):
        log.record(RecordedRequest("GET", f"/{index}", f"/{index}", [], {}, None, 1, 0.0))
    assert [r.path for r in log.requests] == ["/2", "/3", "/4"]


def test_the_request_log_keeps_no_credentials(emu: Emulator) -> None:
    key = "sk-very-secret-0123456789abcdef"
    with make_client(emu, key=key) as client:
        client.get("assistants", headers={"api-key": key, "cookie": "session=" + key})
    (recorded,) = emu.requests
    assert key not in repr(recorded) and key not in json.dumps(recorded.headers)
    assert recorded.credential_is(f"Bearer {key}") and recorded.credential_is(key, "api-key")
