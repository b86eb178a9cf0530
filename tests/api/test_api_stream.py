"""Server-sent events (stream=True) against the loopback server."""

from __future__ import annotations

import time

import pytest

from psbridge.api import ApiClient, APIConnectionError, APITimeoutError, RateLimitError
from tests.api.api_loopback import Reply, ScriptedServer

SSE = {"Content-Type": "text/event-stream"}


def _events(*lines: str) -> list[bytes]:
    return [line.encode("utf-8") for line in lines]


def test_data_payloads_until_done(server: ScriptedServer) -> None:
    server.script(
        Reply(
            headers=SSE,
            chunks=_events(
                'event: thread.run.created\ndata: {"id":"run_1","status":"queued"}\n\n',
                ": keep-alive comment\n\n",
                'event: thread.message.delta\r\ndata: {"delta":"h\\u00e9"}\r\n\r\n',
                'id: 7\nretry: 100\ndata:{"no_space":true}\n\n',
                "data: [DONE]\n\n",
                'data: {"after":"done"}\n\n',
            ),
        )
    )
    verbose: list[str] = []
    with ApiClient(server.settings(), verbose=verbose.append) as client:
        response = client.request("POST", ["threads", "t", "runs"], body={"stream": True}, stream=True)
        assert response.status_code == 200 and response.is_stream
        payloads = list(response.iter_sse_data())
    assert payloads == ['{"id":"run_1","status":"queued"}', '{"delta":"h\\u00e9"}', '{"no_space":true}']
    assert "event: thread.run.created" in verbose
    assert "event: thread.message.delta" in verbose


def test_stream_end_without_done(server: ScriptedServer) -> None:
    server.script(Reply(headers=SSE, chunks=_events("data: 1\n\n", "data: 2\n\n")))
    with ApiClient(server.settings()) as client:
        assert list(client.request("GET", ["x"], stream=True).iter_sse_data()) == ["1", "2"]


def test_connection_reused_after_a_complete_stream(server: ScriptedServer) -> None:
    server.script(Reply(headers=SSE, chunks=_events("data: 1\n\n")), Reply())
    with ApiClient(server.settings()) as client:
        assert list(client.request("GET", ["x"], stream=True).iter_sse_data()) == ["1"]
        client.request("GET", ["y"])
    assert len({r.connection_id for r in server.requests}) == 1


def test_closing_early_releases_the_stream(server: ScriptedServer) -> None:
    server.script(Reply(headers=SSE, chunks=_events("data: 1\n\n", "data: 2\n\n")), Reply())
    with ApiClient(server.settings()) as client:
        with client.request("GET", ["x"], stream=True) as response:
            first = next(response.iter_sse_data())
        assert first == "1"
        assert client.request("GET", ["y"]).json() == {"ok": True}


def test_error_status_on_a_stream_is_typed_and_retried(server: ScriptedServer) -> None:
    server.script(
        Reply(
            status=429,
            body={"error": {"message": "slow down", "code": "rate_limit_exceeded"}},
            headers={"retry-after-ms": "3"},
        ),
        Reply(headers=SSE, chunks=_events("data: ok\n\n", "data: [DONE]\n\n")),
    )
    sleeps: list[float] = []
    with ApiClient(server.settings(max_retry_count=1), sleep=sleeps.append, warning=lambda _: None) as client:
        assert list(client.request("POST", ["x"], body={}, stream=True).iter_sse_data()) == ["ok"]
    assert sleeps == [0.003]

    server.script(Reply(status=429, body={"error": {"message": "slow down"}}))
    with ApiClient(server.settings()) as client, pytest.raises(RateLimitError):
        client.request("POST", ["x"], body={}, stream=True)


def test_overall_deadline_on_a_slow_stream(server: ScriptedServer) -> None:
    server.script(Reply(headers=SSE, chunks=_events(*["data: tick\n\n"] * 10), chunk_delay=0.15))
    with ApiClient(server.settings(timeout_sec=0.5)) as client:
        started = time.monotonic()
        response = client.request("GET", ["x"], stream=True)
        received: list[str] = []
        with pytest.raises(APITimeoutError, match=r"^The operation was canceled due to timeout\.$"):
            for payload in response.iter_sse_data():
                received.append(payload)
    assert 1 <= len(received) < 10
    assert time.monotonic() - started < 1.2


def test_dropped_stream(server: ScriptedServer) -> None:
    server.script(Reply(headers=SSE, chunks=_events("data: 1\n\n"), truncate=True))
    with ApiClient(server.settings()) as client:
        response = client.request("GET", ["x"], stream=True)
        received: list[str] = []
        with pytest.raises(APIConnectionError) as info:
            for payload in response.iter_sse_data():
                received.append(payload)
    assert received == ["1"]
    assert info.value.__context__ is None


def test_text_of_a_stream_and_misuse(server: ScriptedServer) -> None:
    server.script(Reply(headers=SSE, chunks=_events("data: a\n\n")), Reply())
    with ApiClient(server.settings()) as client:
        assert client.request("GET", ["x"], stream=True).text == "data: a\n"
        with pytest.raises(RuntimeError):
            next(client.request("GET", ["x"]).iter_sse_data())
