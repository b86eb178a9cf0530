"""Error statuses, retries, timeouts and broken connections against a real loopback server."""

from __future__ import annotations

import socket
import time
from typing import Any

import pytest

from psbridge.api import (
    ApiClient,
    APIConnectionError,
    APIRequestError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    ContentFilteredError,
    NotFoundError,
    PermissionDeniedError,
    QuotaLimitExceededError,
    RateLimitError,
    ServerError,
    UnprocessableEntityError,
    resolve_settings,
)
from psbridge.errors import ErrorCategory, PSError
from tests.api.api_loopback import Reply, ScriptedServer


def _error_body(message: str | None = "Something failed.", code: Any = None, **extra: Any) -> dict[str, Any]:
    error: dict[str, Any] = {"type": "invalid_request_error", "param": None, "code": code, **extra}
    if message is not None:
        error["message"] = message
    return {"error": error}


@pytest.mark.parametrize(
    ("status", "code", "cls", "ps_name", "reason"),
    [
        (400, None, BadRequestError, "BadRequestException", "Bad Request"),
        (400, "content_filter", ContentFilteredError, "ContentFilteredException", "Bad Request"),
        (401, "invalid_api_key", AuthenticationError, "UnauthorizedException", "Unauthorized"),
        (403, None, PermissionDeniedError, "PermissionDeniedException", "Forbidden"),
        (404, None, NotFoundError, "NotFoundException", "Not Found"),
        (409, None, ConflictError, "ConflictException", "Conflict"),
        (422, None, UnprocessableEntityError, "UnprocessableEntityException", "Unprocessable Entity"),
        (429, "rate_limit_exceeded", RateLimitError, "RateLimitExceededException", "Too Many Requests"),
        (
            429,
            "insufficient_quota",
            QuotaLimitExceededError,
            "QuotaLimitExceededException",
            "Too Many Requests",
        ),
        (500, None, ServerError, "APIRequestException", "Internal Server Error"),
        (503, None, ServerError, "APIRequestException", "Service Unavailable"),
        (408, None, APIRequestError, "APIRequestException", "Request Timeout"),
    ],
)
def test_status_to_error_type_and_message(
    server: ScriptedServer,
    status: int,
    code: str | None,
    cls: type[APIRequestError],
    ps_name: str,
    reason: str,
) -> None:
    server.script(
        Reply(
            status=status,
            body=_error_body("No thread found with id 'thread_x'.", code, param="thread_id"),
            headers={"x-request-id": "req_42"},
        )
    )
    with ApiClient(server.settings()) as client, pytest.raises(APIRequestError) as info:
        client.request("GET", ["threads", "thread_x"])
    error = info.value
    assert type(error) is cls
    assert isinstance(error, PSError)
    assert (
        str(error) == f"OpenAI API returned an {status} ({reason}) Error: No thread found with id 'thread_x'."
    )
    assert error.status_code == status
    assert error.code == code
    assert error.error_type == "invalid_request_error"
    assert error.param == "thread_id"
    assert error.api_message == "No thread found with id 'thread_x'."
    assert error.response_body["error"]["code"] == code
    assert error.request_id == "req_42"
    assert error.error_id == f"PSOpenAI.APIRequest.{ps_name}"
    assert error.category == ErrorCategory.InvalidOperation
    assert error.error_record.message == str(error)


def test_server_reason_phrase_is_used(server: ScriptedServer) -> None:
    server.script(Reply(status=404, reason="Nope", body=_error_body("gone")))
    expected = r"^OpenAI API returned an 404 \(Nope\) Error: gone$"
    with ApiClient(server.settings()) as client, pytest.raises(NotFoundError, match=expected):
        client.request("GET", ["x"])


@pytest.mark.parametrize("body", ["<html>oops</html>", "", {"error": "flat string"}, _error_body(None)])
def test_detail_falls_back_to_the_http_client_message(server: ScriptedServer, body: Any) -> None:
    server.script(Reply(status=404, body=body))
    with ApiClient(server.settings()) as client, pytest.raises(NotFoundError) as info:
        client.request("GET", ["x"])
    assert str(info.value) == (
        "OpenAI API returned an 404 (Not Found) Error: "
        "Response status code does not indicate success: 404 (Not Found)."
    )
    assert info.value.api_message is None


def test_integer_error_code_kept_as_text(server: ScriptedServer) -> None:
    server.script(Reply(status=400, body=_error_body("bad", 1234)))
    with ApiClient(server.settings()) as client, pytest.raises(BadRequestError) as info:
        client.request("GET", ["x"])
    assert info.value.code == "1234"


def test_azure_service_name_in_message(server: ScriptedServer) -> None:
    server.script(Reply(status=404, body=_error_body("missing")))
    settings = server.settings(api_type="Azure", auth_type="azure", api_version="2025-04-01-preview")
    with ApiClient(settings) as client, pytest.raises(NotFoundError) as info:
        client.request("GET", ["x"])
    assert str(info.value) == "Azure OpenAI API returned an 404 (Not Found) Error: missing"


class TestRetriesOverHttp:
    def test_429_retried_after_retry_after_ms(self, server: ScriptedServer) -> None:
        server.script(
            Reply(
                status=429,
                body=_error_body("Rate limit reached", "rate_limit_exceeded"),
                headers={"retry-after-ms": "15", "retry-after": "30"},
            ),
            Reply(body={"id": "ok"}),
        )
        sleeps: list[float] = []
        warnings: list[str] = []
        with ApiClient(
            server.settings(max_retry_count=2), sleep=sleeps.append, warning=warnings.append
        ) as client:
            assert client.request("POST", ["threads"], body={"a": 1}).json() == {"id": "ok"}
        assert sleeps == [0.015]
        assert warnings == [
            "OpenAI API returned an 429 (Too Many Requests) Error: Rate limit reached",
            "Retry the request after waiting 15 ms (retry count: 0)",
        ]
        first, second = server.requests
        assert (first.raw_path, first.body) == (second.raw_path, second.body)
        assert first.headers["authorization"] == second.headers["authorization"]

    def test_real_sleep_is_used_by_default(self, server: ScriptedServer) -> None:
        server.script(Reply(status=503, headers={"retry-after-ms": "30"}), Reply())
        with ApiClient(server.settings(max_retry_count=1), warning=lambda _: None) as client:
            started = time.monotonic()
            client.request("GET", ["x"])
        assert time.monotonic() - started >= 0.03

    def test_x_should_retry_true_on_a_400(self, server: ScriptedServer) -> None:
        server.script(Reply(status=400, headers={"x-should-retry": "TRUE", "retry-after-ms": "1"}), Reply())
        with ApiClient(server.settings(max_retry_count=1), sleep=lambda _: None, warning=lambda _: None) as c:
            c.request("GET", ["x"])
        assert len(server.requests) == 2

    def test_x_should_retry_false_on_a_500(self, server: ScriptedServer) -> None:
        server.script(Reply(status=500, headers={"x-should-retry": "false"}))
        with (
            ApiClient(server.settings(max_retry_count=3), sleep=lambda _: None) as client,
            pytest.raises(ServerError),
        ):
            client.request("GET", ["x"])
        assert len(server.requests) == 1

    def test_quota_429_not_retried(self, server: ScriptedServer) -> None:
        server.script(
            Reply(status=429, body=_error_body("You exceeded your current quota.", "insufficient_quota"))
        )
        sleeps: list[float] = []
        with (
            ApiClient(server.settings(max_retry_count=3), sleep=sleeps.append) as client,
            pytest.raises(QuotaLimitExceededError),
        ):
            client.request("GET", ["x"])
        assert len(server.requests) == 1 and sleeps == []

    def test_5xx_retried_up_to_max_retry_count(self, server: ScriptedServer) -> None:
        server.script(*[Reply(status=500, body=_error_body("oops"), headers={"retry-after-ms": "2"})] * 5)
        sleeps: list[float] = []
        warnings: list[str] = []
        settings = server.settings(max_retry_count=3)
        with (
            ApiClient(settings, sleep=sleeps.append, warning=warnings.append) as client,
            pytest.raises(ServerError) as info,
        ):
            client.request("GET", ["x"])
        assert len(server.requests) == 4
        assert sleeps == [0.002] * 3
        assert warnings[1::2] == [
            f"Retry the request after waiting 2 ms (retry count: {n})" for n in range(3)
        ]
        assert str(info.value) == "OpenAI API returned an 500 (Internal Server Error) Error: oops"
        # The connection survives error responses: all attempts used one.
        assert len({r.connection_id for r in server.requests}) == 1


class TestTimeouts:
    def test_timeout_sec_against_a_slow_server(self, server: ScriptedServer) -> None:
        server.script(Reply(delay=3.0))
        with ApiClient(server.settings(timeout_sec=1, max_retry_count=3), sleep=lambda _: None) as client:
            started = time.monotonic()
            with pytest.raises(APITimeoutError) as info:
                client.request("GET", ["x"])
            elapsed = time.monotonic() - started
        assert 0.9 <= elapsed < 1.5
        error = info.value
        assert isinstance(error, TimeoutError)
        assert isinstance(error, APIConnectionError)
        assert error.status_code is None
        assert (
            str(error)
            == "The request was canceled due to the configured HttpClient.Timeout of 1 seconds elapsing."
        )
        assert error.error_id == "PSOpenAI.APIRequest.TimeoutException"
        assert error.category == ErrorCategory.OperationTimeout
        assert len(server.requests) == 1  # timeouts are not retried
        assert error.__context__ is None and error.__cause__ is None

    def test_per_request_timeout_overrides_settings(self, server: ScriptedServer) -> None:
        server.script(Reply(delay=3.0))
        with (
            ApiClient(server.settings(timeout_sec=0)) as client,
            pytest.raises(APITimeoutError, match=r"0\.3 seconds"),
        ):
            client.request("GET", ["x"], timeout_sec=0.3)

    def test_timeout_is_a_total_limit_for_a_trickling_body(self, server: ScriptedServer) -> None:
        server.script(Reply(chunks=[b"{", b'"a"', b":", b"1", b"}"], chunk_delay=0.3))
        with ApiClient(server.settings(timeout_sec=0.5)) as client:
            started = time.monotonic()
            with pytest.raises(APITimeoutError):
                client.request("GET", ["x"])
        assert time.monotonic() - started < 1.2

    def test_zero_means_no_timeout(self, server: ScriptedServer) -> None:
        server.script(Reply(delay=0.3))
        with ApiClient(server.settings(timeout_sec=0)) as client:
            assert client.request("GET", ["x"]).json() == {"ok": True}


class TestConnectionFailures:
    def test_dropped_connection(self, server: ScriptedServer) -> None:
        server.script(Reply(drop=True))
        with (
            ApiClient(server.settings(max_retry_count=3), sleep=lambda _: None) as client,
            pytest.raises(APIConnectionError) as info,
        ):
            client.request("GET", ["x"])
        error = info.value
        assert not isinstance(error, APITimeoutError)
        assert error.status_code is None
        assert error.error_id == "PSOpenAI.APIRequest.HttpRequestException"
        assert error.category == ErrorCategory.ConnectionError
        assert "http://127.0.0.1" in str(error)
        assert len(server.requests) == 1  # not retried
        assert error.__context__ is None and error.__cause__ is None

    def test_refused_connection(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        settings = resolve_settings(
            {"ApiKey": "sk-refused0123456789abcdef", "ApiBase": f"http://127.0.0.1:{port}/v1"}, environ={}
        )
        with ApiClient(settings) as client, pytest.raises(APIConnectionError):
            client.request("GET", ["x"])

    def test_client_survives_a_dropped_connection(self, server: ScriptedServer) -> None:
        server.script(Reply(drop=True), Reply(body={"id": "again"}))
        with ApiClient(server.settings()) as client:
            with pytest.raises(APIConnectionError):
                client.request("GET", ["x"])
            assert client.request("GET", ["x"]).json() == {"id": "again"}


def test_a_body_that_cannot_be_decoded_is_a_connection_error(server: ScriptedServer) -> None:
    server.script(Reply(status=200, body=b"not gzip at all", headers={"Content-Encoding": "gzip"}))
    with ApiClient(server.settings()) as client, pytest.raises(APIConnectionError):
        client.request("GET", ["x"])


def test_a_success_that_is_not_json_is_a_typed_error(server: ScriptedServer) -> None:
    from psbridge.api import InvalidResponseError

    server.script(Reply(status=200, body="<html>captive portal</html>", headers={"Content-Type": "text/html"}))
    with ApiClient(server.settings()) as client:
        response = client.request("GET", ["x"])
    with pytest.raises(InvalidResponseError) as caught:
        response.json()
    assert "is not valid JSON" in str(caught.value) and "captive" not in str(caught.value)
    assert caught.value.fully_qualified_error_id == "PSOpenAI.APIRequest.InvalidResponse"


def test_the_tls_context_is_built_once_per_process() -> None:
    from psbridge.api.connections import _ssl_context

    assert _ssl_context() is _ssl_context()
