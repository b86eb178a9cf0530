"""The client against a hostile server: nothing hangs past the deadline, nothing grows without bound.

Each test scripts the loopback server to misbehave one way (a trickle of header
bytes, a retry-after longer than the deadline, an endless or huge body, a gzip
bomb, JSON nested past any use) and checks the client ends on time, within its
memory limit, with one of psbridge's errors.
"""

from __future__ import annotations

import gzip
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from psbridge.api import (
    ApiArgumentError,
    ApiClient,
    APIConnectionError,
    ApiSettings,
    APITimeoutError,
    InvalidResponseError,
    RateLimitError,
    RequestBodyError,
    ResponseTooLargeError,
)
from psbridge.api.connections import ConnectionPool
from psbridge.api.reading import DEFAULT_MAX_RESPONSE_BYTES
from psbridge.api.transport import Cancellation
from psbridge.errors import PSError
from tests.api.api_loopback import Reply, ScriptedServer

MIB = 1024 * 1024


def _endless(piece: bytes = b"x" * 65536) -> Iterator[bytes]:
    while True:
        yield piece


# -- deadlines ---------------------------------------------------------------------------


def test_a_trickle_of_header_bytes_ends_at_timeout_sec(server: ScriptedServer) -> None:
    server.script(Reply(trickle=0.2))
    started = time.monotonic()
    with ApiClient(server.settings(timeout_sec=1)) as client, pytest.raises(APITimeoutError) as caught:
        client.request("GET", ["runs", "r"])
    elapsed = time.monotonic() - started
    assert 0.9 < elapsed < 1.6, elapsed
    assert "HttpClient.Timeout of 1 seconds" in str(caught.value)


def test_an_overall_deadline_cuts_a_trickle_too(server: ScriptedServer) -> None:
    server.script(Reply(trickle=0.2))
    started = time.monotonic()
    with ApiClient(server.settings()) as client, pytest.raises(APITimeoutError):
        client.request("GET", ["runs", "r"], deadline=time.monotonic() + 0.8)
    assert time.monotonic() - started < 1.4


def test_a_retry_wait_past_the_deadline_is_not_made(server: ScriptedServer) -> None:
    """429 with retry-after-ms: 60000 and retries allowed: the answer is the 429, at once."""
    server.script(Reply(status=429, body={"error": {"message": "slow down"}}, headers={"retry-after-ms": "60000"}))
    slept: list[float] = []
    started = time.monotonic()
    with (
        ApiClient(server.settings(max_retry_count=3), sleep=slept.append) as client,
        pytest.raises(RateLimitError),
    ):
        client.request("GET", ["x"], deadline=time.monotonic() + 3)
    assert slept == [] and time.monotonic() - started < 1
    assert len(server.requests) == 1


def test_retries_within_the_deadline_still_happen(server: ScriptedServer) -> None:
    server.script(Reply(status=503, headers={"retry-after-ms": "50"}), Reply(body={"ok": 1}))
    with ApiClient(server.settings(max_retry_count=3), sleep=time.sleep) as client:
        assert client.request("GET", ["x"], deadline=time.monotonic() + 5).json() == {"ok": 1}


def test_a_slow_body_ends_at_the_deadline(server: ScriptedServer) -> None:
    server.script(Reply(chunks=_endless(b"{"), chunk_delay=0.1))
    started = time.monotonic()
    with ApiClient(server.settings(timeout_sec=1)) as client, pytest.raises(APITimeoutError):
        client.request("GET", ["x"])
    assert time.monotonic() - started < 1.6


def test_cancelling_aborts_a_stalled_request_from_another_thread(server: ScriptedServer) -> None:
    server.script(Reply(delay=30))
    cancellation = Cancellation()
    outcome: list[BaseException] = []

    def call() -> None:
        with ApiClient(server.settings(), cancellation=cancellation) as client:
            try:
                client.request("GET", ["x"])
            except BaseException as error:
                outcome.append(error)

    worker = threading.Thread(target=call)
    worker.start()
    time.sleep(0.3)
    started = time.monotonic()
    cancellation.cancel()
    worker.join(2)
    assert not worker.is_alive() and time.monotonic() - started < 1
    assert isinstance(outcome[0], APIConnectionError) and "pipeline is stopping" in str(outcome[0])


# -- memory ------------------------------------------------------------------------------


def test_the_default_limit_is_64_mib_and_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    from psbridge.api import resolve_settings

    assert DEFAULT_MAX_RESPONSE_BYTES == 64 * MIB
    assert resolve_settings({"ApiKey": "sk-x"}, environ={}).max_response_bytes == 64 * MIB
    environ = {"PSBRIDGE_MAX_RESPONSE_BYTES": "1000"}
    assert resolve_settings({"ApiKey": "sk-x"}, environ=environ).max_response_bytes == 1000
    with pytest.raises(ApiArgumentError, match="PSBRIDGE_MAX_RESPONSE_BYTES"):
        resolve_settings({"ApiKey": "sk-x"}, environ={"PSBRIDGE_MAX_RESPONSE_BYTES": "lots"})


def _peak_while(action: object) -> tuple[BaseException, int]:
    tracemalloc.start()
    try:
        try:
            action()  # type: ignore[operator]
        except PSError as error:
            caught: BaseException = error
        else:
            raise AssertionError("no error")
        return caught, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_an_endless_chunked_body_stops_at_the_limit(server: ScriptedServer) -> None:
    server.script(Reply(chunks=_endless()))
    with ApiClient(server.settings(max_response_bytes=2 * MIB)) as client:
        error, peak = _peak_while(lambda: client.request("GET", ["x"]))
    assert isinstance(error, ResponseTooLargeError)
    expected = "Cannot write more bytes to the buffer than the configured maximum buffer size: 2097152."
    assert str(error).startswith(expected)
    assert "PSBRIDGE_MAX_RESPONSE_BYTES" in str(error)
    assert error.fully_qualified_error_id == "PSOpenAI.APIRequest.HttpRequestException"
    assert peak < 6 * MIB, peak


def test_a_200_mb_body_is_refused_without_reading_it_all(server: ScriptedServer) -> None:
    size = 200 * MIB
    piece = b" " * MIB
    server.script(Reply(headers={"Content-Length": str(size)}, stream_body=(piece for _ in range(200))))
    started = time.monotonic()
    with ApiClient(server.settings(max_response_bytes=4 * MIB)) as client:
        error, peak = _peak_while(lambda: client.request("GET", ["x"]))
    assert isinstance(error, ResponseTooLargeError)
    assert peak < 12 * MIB and time.monotonic() - started < 5


def test_a_gzip_bomb_is_stopped_while_inflating(server: ScriptedServer) -> None:
    bomb = gzip.compress(b"\0" * (256 * MIB), compresslevel=9)  # ~250 KB on the wire
    assert len(bomb) < MIB
    server.script(Reply(body=bomb, headers={"Content-Encoding": "gzip", "Content-Type": "application/json"}))
    with ApiClient(server.settings(max_response_bytes=4 * MIB)) as client:
        error, peak = _peak_while(lambda: client.request("GET", ["x"]))
    assert isinstance(error, ResponseTooLargeError)
    assert peak < 12 * MIB, peak


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "deflate-raw", "gzip, gzip"])
def test_compressed_answers_within_the_limit_are_read(server: ScriptedServer, encoding: str) -> None:
    body = b'{"id": "thread_1", "object": "thread"}'
    if encoding == "deflate-raw":
        raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        data, encoding = raw.compress(body) + raw.flush(), "deflate"
    elif encoding == "deflate":
        data = zlib.compress(body)
    elif encoding == "gzip":
        data = gzip.compress(body)
    else:
        data = gzip.compress(gzip.compress(body))
    server.script(Reply(body=data, headers={"Content-Encoding": encoding, "Content-Type": "application/json"}))
    with ApiClient(server.settings()) as client:
        assert client.request("GET", ["x"]).json()["id"] == "thread_1"
    assert server.requests[0].headers["accept-encoding"] == "gzip, deflate"


def test_an_encoding_that_was_not_asked_for_is_a_connection_error(server: ScriptedServer) -> None:
    server.script(Reply(body=b"\x1b\x00", headers={"Content-Encoding": "br"}))
    with ApiClient(server.settings()) as client, pytest.raises(APIConnectionError, match="'br'"):
        client.request("GET", ["x"])


def test_an_event_line_longer_than_the_limit_is_refused(server: ScriptedServer) -> None:
    server.script(Reply(headers={"Content-Type": "text/event-stream"}, chunks=_endless(b"data: " + b"y" * 65536)))
    with ApiClient(server.settings(max_response_bytes=MIB)) as client:
        response = client.request("GET", ["x"], stream=True)
        with pytest.raises(ResponseTooLargeError):
            list(response.iter_sse_data())


# -- bodies that are not the API's JSON ---------------------------------------------------


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("[" * 200_000, "is not valid JSON"),
        ("[" * 900 + "]" * 900, "deeper than 128 levels"),
        ('{"a":' * 300 + "1" + "}" * 300, "deeper than 128 levels"),
    ],
)
def test_json_too_deep_for_anything_downstream_is_an_invalid_response(
    server: ScriptedServer, body: str, reason: str
) -> None:
    server.script(Reply(body=body, headers={"Content-Type": "application/json", "x-request-id": "req_9"}))
    with ApiClient(server.settings()) as client:
        response = client.request("GET", ["x"])
    with pytest.raises(InvalidResponseError, match=reason) as caught:
        response.json()
    assert caught.value.request_id == "req_9" and caught.value.url and caught.value.url.endswith("/v1/x")


def test_json_128_deep_is_still_read(server: ScriptedServer) -> None:
    server.script(Reply(body="[" * 128 + "]" * 128, headers={"Content-Type": "application/json"}))
    with ApiClient(server.settings()) as client:
        assert client.request("GET", ["x"]).json() is not None


# -- what cannot be sent -------------------------------------------------------------------


@pytest.mark.parametrize(
    "base", ["http://127.0.0.1:99999/v1", "http://[::1/v1", "http://a:1:2/v1", "http://xn--/v1", "ftp://h/v1"]
)
def test_a_base_no_request_could_use_is_an_argument_error(server: ScriptedServer, base: str) -> None:
    with pytest.raises(ApiArgumentError, match="cannot be used"):
        ApiClient(server.settings(api_base=base))
    assert server.requests == []


def test_a_lone_surrogate_in_an_id_a_key_or_a_body_is_refused_before_sending(server: ScriptedServer) -> None:
    with ApiClient(server.settings()) as client:
        with pytest.raises(ApiArgumentError, match="cannot be sent in a URL"):
            client.request("GET", ["threads", "thread_\ud800"])
        with pytest.raises(RequestBodyError, match="U\\+D800"):
            client.request("POST", ["threads"], body={"metadata": {"k": "v\ud800"}})
    with ApiClient(server.settings(api_key="sk-abc\ud800def")) as client, pytest.raises(ApiArgumentError):
        client.request("GET", ["x"])
    assert server.requests == []


# -- connections ---------------------------------------------------------------------------


def test_clients_of_one_session_share_one_connection(server: ScriptedServer) -> None:
    pool = ConnectionPool()
    try:
        for _ in range(5):
            with ApiClient(server.settings(), connections=pool) as client:
                client.request("GET", ["x"])
        with ApiClient(server.settings(api_key="sk-other-key-0123456789"), connections=pool) as client:
            client.request("GET", ["x"])
        assert len(pool) == 2
    finally:
        pool.close()
    assert [r.connection_id for r in server.requests] == [1, 1, 1, 1, 1, 2]


# -- TLS: the trust store is loaded at the first handshake, and verification stays on -------------


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """An HTTPS server on 127.0.0.1 with a fresh self-signed certificate (made with openssl)."""
    import http.server
    import ssl
    import subprocess

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b'{"ok": true}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{httpd.server_address[1]}/v1", cert
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_an_untrusted_certificate_is_refused(tls_server: tuple[str, Path]) -> None:
    base, _ = tls_server
    settings = ApiSettings(api_key="sk-tls-0123456789abcdef", api_base=base)
    with ApiClient(settings) as client, pytest.raises(APIConnectionError, match="CERTIFICATE_VERIFY_FAILED"):
        client.request("GET", ["x"])


def test_the_trust_store_is_loaded_at_the_first_handshake(
    tls_server: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import ssl

    from psbridge.api import connections
    from psbridge.api.transport import DeferredTrust

    base, cert = tls_server
    loads: list[str] = []

    def trusting_the_test_certificate() -> ssl.SSLContext:
        loads.append("loaded")
        return ssl.create_default_context(cafile=str(cert))

    monkeypatch.setattr(connections, "_deferred_ssl_context", lambda: DeferredTrust(trusting_the_test_certificate))
    settings = ApiSettings(api_key="sk-tls-0123456789abcdef", api_base=base)
    with ApiClient(settings) as client:
        assert loads == []  # building the client loaded nothing
        assert client.request("GET", ["x"]).json() == {"ok": True}
        assert client.request("GET", ["x"]).json() == {"ok": True}
    assert loads == ["loaded"]


@pytest.mark.parametrize("encoding", ["", "identity"])
def test_an_unencoded_body_is_counted_to_the_byte(encoding: str) -> None:
    from psbridge.api.reading import decoded_chunks, read_limited

    chunks = [b"abc", b"", b"defg"]
    assert list(decoded_chunks(chunks, encoding, 7)) == [b"abc", b"defg"]  # empty pieces dropped
    assert read_limited(chunks, encoding, 7) == b"abcdefg"
    with pytest.raises(ResponseTooLargeError):
        read_limited(chunks, encoding, 6)
