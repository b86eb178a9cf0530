"""The client's retry loop, driven through httpx.MockTransport with a recording fake sleep.

Transport-level mocks are used here only: what is under test is the loop
(decision, delay, warnings, identical retried request), not HTTP.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from psbridge.api import (
    ApiClient,
    APIRequestError,
    ApiSettings,
    QuotaLimitExceededError,
    RateLimitError,
    ServerError,
)
from psbridge.objects import SecureString

KEY = "sk-abcdefghijklmnopqrstuvwxyz012345"


class Harness:
    def __init__(self, replies: list[httpx.Response], max_retry_count: int = 3) -> None:
        self.replies = list(replies)
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []
        self.warnings: list[str] = []
        self.settings = ApiSettings(
            api_key=SecureString(KEY), api_base="http://127.0.0.1:9/v1", max_retry_count=max_retry_count
        )

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        request.read()
        return self.replies.pop(0) if self.replies else httpx.Response(200, json={"ok": True})

    def client(self, sleep: Callable[[float], object] | None = None) -> ApiClient:
        return ApiClient(
            self.settings,
            warning=self.warnings.append,
            sleep=sleep or self.sleeps.append,
            transport=httpx.MockTransport(self.handler),
        )


def _error(status: int, message: str = "boom", code: str | None = None, **headers: str) -> httpx.Response:
    body = {"error": {"message": message, "type": "x", "param": None, "code": code}}
    return httpx.Response(status, json=body, headers=headers)


def test_5xx_retried_until_success_with_identical_requests() -> None:
    h = Harness([_error(500, **{"retry-after-ms": "10"}), _error(503, **{"retry-after-ms": "20"})])
    with h.client() as client:
        response = client.request("POST", ["threads"], body={"a": 1}, query=[("q", "1")])
    assert response.json() == {"ok": True}
    assert h.sleeps == [0.01, 0.02]
    assert len(h.requests) == 3
    assert {r.content for r in h.requests} == {b'{"a":1}'}
    assert {str(r.url) for r in h.requests} == {"http://127.0.0.1:9/v1/threads?q=1"}
    assert h.warnings == [
        "OpenAI API returned an 500 (Internal Server Error) Error: boom",
        "Retry the request after waiting 10 ms (retry count: 0)",
        "OpenAI API returned an 503 (Service Unavailable) Error: boom",
        "Retry the request after waiting 20 ms (retry count: 1)",
    ]


def test_5xx_gives_up_after_max_retry_count() -> None:
    h = Harness([_error(502, **{"retry-after-ms": "1"}) for _ in range(10)], max_retry_count=2)
    with h.client() as client, pytest.raises(ServerError) as info:
        client.request("GET", ["threads", "t"])
    assert len(h.requests) == 3
    assert len(h.sleeps) == 2
    assert info.value.status_code == 502
    assert info.value.error_id == "PSOpenAI.APIRequest.APIRequestException"


def test_default_max_retry_count_zero_never_retries() -> None:
    h = Harness([_error(500)], max_retry_count=0)
    with h.client() as client, pytest.raises(ServerError):
        client.request("GET", ["x"])
    assert len(h.requests) == 1 and h.sleeps == [] and h.warnings == []


def test_backoff_delays_when_server_gives_none() -> None:
    h = Harness([_error(500), _error(500), _error(500)], max_retry_count=3)
    with h.client() as client:
        client.request("GET", ["x"])
    assert len(h.sleeps) == 3
    for n, seconds in enumerate(h.sleeps):
        assert 0.8 * 2**n <= seconds < 1.2 * 2**n


def test_429_retried_with_retry_after_ms() -> None:
    h = Harness([_error(429, "Rate limit reached", "rate_limit_exceeded", **{"retry-after-ms": "5"})])
    with h.client() as client:
        client.request("GET", ["x"])
    assert h.sleeps == [0.005]
    assert h.warnings[0] == "OpenAI API returned an 429 (Too Many Requests) Error: Rate limit reached"


def test_429_quota_not_retried() -> None:
    h = Harness([_error(429, "You exceeded your current quota", "insufficient_quota")])
    with h.client() as client, pytest.raises(QuotaLimitExceededError) as info:
        client.request("GET", ["x"])
    assert isinstance(info.value, RateLimitError)
    assert len(h.requests) == 1 and h.sleeps == []


def test_x_should_retry_overrides_status() -> None:
    h = Harness([_error(400, **{"x-should-retry": "true", "retry-after-ms": "1"})])
    with h.client() as client:
        client.request("GET", ["x"])
    assert len(h.requests) == 2

    h = Harness([_error(500, **{"x-should-retry": "false"})])
    with h.client() as client, pytest.raises(ServerError):
        client.request("GET", ["x"])
    assert len(h.requests) == 1


def test_sleep_exception_propagates_and_stops_the_loop() -> None:
    class Interrupted(Exception):
        pass

    def sleep(_seconds: float) -> None:
        raise Interrupted

    h = Harness([_error(500, **{"retry-after-ms": "1"})])
    with h.client(sleep) as client, pytest.raises(Interrupted):
        client.request("GET", ["x"])
    assert len(h.requests) == 1


def test_non_retryable_status_raises_immediately() -> None:
    h = Harness([_error(418, "teapot")])
    with h.client() as client, pytest.raises(APIRequestError) as info:
        client.request("GET", ["x"])
    assert type(info.value) is APIRequestError
    assert str(info.value) == "OpenAI API returned an 418 (I'm a teapot) Error: teapot"
    assert h.sleeps == []


def test_warnings_never_contain_the_key() -> None:
    h = Harness([_error(500, f"bad key {KEY}", **{"retry-after-ms": "1"})])
    with h.client() as client:
        client.request("GET", ["x"])
    assert h.warnings and all(KEY not in w for w in h.warnings)
    assert "<OpenAI API Key>" in h.warnings[0]
