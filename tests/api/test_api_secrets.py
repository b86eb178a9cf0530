"""The API key must never appear in any text the client produces (errors, reprs, streams, logs)."""

from __future__ import annotations

import logging
import pickle
import traceback
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

import pytest

from psbridge.api import (
    ApiClient,
    APIConnectionError,
    APIRequestError,
    APITimeoutError,
    AuthenticationError,
    MissingApiKeyError,
    resolve_settings,
)
from tests.api.api_loopback import TEST_KEY, Reply, ScriptedServer

ORG = "org-SecretOrganization42"


def _forms(key: str) -> list[str]:
    return [key, key.lower(), quote(key, safe="")]


def assert_clean(texts: Iterable[str]) -> None:
    for text in texts:
        for form in _forms(TEST_KEY):
            assert form not in text, f"key leaked into: {text[:200]!r}"


def _error_texts(error: BaseException) -> list[str]:
    texts = [str(error), repr(error), *map(str, error.args), "".join(traceback.format_exception(error))]
    record = getattr(error, "error_record", None)
    if record is not None:
        texts += [record.format(), repr(record), str(record.error_details)]
    for name in ("api_message", "response_body", "response_headers", "code", "param", "error_type"):
        texts.append(repr(getattr(error, name, None)))
    return texts


class Sinks:
    def __init__(self) -> None:
        self.verbose: list[str] = []
        self.debug: list[str] = []
        self.warning: list[str] = []

    def client(self, server: ScriptedServer, **settings: Any) -> ApiClient:
        return ApiClient(
            server.settings(organization=ORG, **settings),
            verbose=self.verbose.append,
            debug=self.debug.append,
            warning=self.warning.append,
            sleep=lambda _: None,
        )

    def all(self) -> list[str]:
        return self.verbose + self.debug + self.warning


def test_server_echoing_the_key_everywhere(server: ScriptedServer) -> None:
    echo = {
        "error": {
            "message": f"Incorrect API key provided: {TEST_KEY}.",
            "type": TEST_KEY,
            "param": TEST_KEY,
            "code": TEST_KEY,
            TEST_KEY: [TEST_KEY],
        }
    }
    server.script(
        Reply(status=500, body=echo, headers={"x-echo": TEST_KEY, "retry-after-ms": "1"}),
        Reply(status=401, body=echo, headers={"x-echo": f"Bearer {TEST_KEY}"}),
    )
    sinks = Sinks()
    with sinks.client(server, max_retry_count=1) as client, pytest.raises(AuthenticationError) as info:
        client.request("POST", ["threads", TEST_KEY], body={"echo": TEST_KEY}, query=[("k", TEST_KEY)])
    error = info.value
    assert "<OpenAI API Key>" in str(error)
    assert_clean(_error_texts(error))
    assert_clean(sinks.all())
    # Something was actually said on every stream, and the organization was hidden too.
    assert sinks.verbose and sinks.debug and len(sinks.warning) == 2
    assert all(ORG not in line for line in sinks.all())
    assert any("Authorization: Bearer ********" in line for line in sinks.debug)
    assert any("<OpenAI Organization ID>" in line for line in sinks.debug)
    # The server did receive the key where it belongs.
    assert server.requests[0].headers["authorization"] == f"Bearer {TEST_KEY}"


def test_successful_request_outputs(server: ScriptedServer) -> None:
    server.script(Reply(body={"echo": TEST_KEY}, headers={"x-request-id": "req_1"}))
    sinks = Sinks()
    with sinks.client(server) as client:
        response = client.request("POST", ["threads"], body={"content": f"my key is {TEST_KEY}"})
        texts = [repr(response), repr(client), repr(client.settings), str(client.settings)]
    assert_clean(texts + sinks.all())
    assert any(line.startswith("Post body: ") for line in sinks.debug)
    assert any(line.startswith("API response body: ") for line in sinks.debug)
    assert "OpenAI API response: StatusCode=200, processing_ms=, request_id=req_1" in sinks.verbose


def test_connection_and_timeout_errors(server: ScriptedServer) -> None:
    server.script(Reply(drop=True), Reply(delay=2))
    sinks = Sinks()
    with sinks.client(server, timeout_sec=0.2) as client:
        with pytest.raises(APIConnectionError) as dropped:
            client.request("GET", ["threads", TEST_KEY])
        with pytest.raises(APITimeoutError) as timed_out:
            client.request("GET", ["threads", TEST_KEY])
    assert_clean(_error_texts(dropped.value) + _error_texts(timed_out.value) + sinks.all())


def test_default_logger_output_is_redacted(server: ScriptedServer, caplog: pytest.LogCaptureFixture) -> None:
    server.script(Reply(status=503, body={"error": {"message": TEST_KEY}}, headers={"retry-after-ms": "1"}))
    caplog.set_level(logging.DEBUG, logger="psbridge.api")
    with ApiClient(server.settings(max_retry_count=1), sleep=lambda _: None) as client:
        client.request("GET", ["threads", TEST_KEY])
    assert caplog.records
    assert any(r.levelno == logging.WARNING for r in caplog.records)
    assert_clean(r.getMessage() for r in caplog.records)


def test_settings_and_missing_key_texts() -> None:
    settings = resolve_settings({"ApiKey": TEST_KEY, "Organization": ORG}, environ={})
    assert_clean(
        [
            repr(settings),
            str(settings),
            *settings.verbose_messages,
            repr(vars(settings.api_key) if hasattr(settings.api_key, "__dict__") else settings.api_key),
        ]
    )
    with pytest.raises(TypeError):
        pickle.dumps(settings)
    with pytest.raises(MissingApiKeyError) as info:
        resolve_settings({}, environ={})
    assert_clean(_error_texts(info.value))


def test_errors_do_not_keep_the_request(server: ScriptedServer) -> None:
    """An error must not hold httpx objects, whose request carries the Authorization header."""
    server.script(Reply(status=404, body={"error": {"message": "nope"}}))
    with ApiClient(server.settings()) as client, pytest.raises(APIRequestError) as info:
        client.request("GET", ["x"])
    error = info.value
    assert error.__cause__ is None and error.__context__ is None
    assert_clean(repr(value) for value in vars(error).values())


def _key_bytes_in(blob: bytes) -> bool:
    return any(form.encode() in blob for form in _forms(TEST_KEY)) or TEST_KEY.encode("utf-16-le") in blob


def test_a_reason_phrase_echoing_the_key_is_redacted_everywhere_on_the_error(server: ScriptedServer) -> None:
    """vars(e), pickling and every attribute: the raw reason phrase used to be kept as it came."""
    server.script(
        Reply(
            status=403,
            reason=f"Forbidden {TEST_KEY}",
            body={"error": {"message": "no"}},
            headers={TEST_KEY: "x", "x-request-id": TEST_KEY},
        )
    )
    with ApiClient(server.settings()) as client, pytest.raises(APIRequestError) as info:
        client.request("GET", ["x"])
    error = info.value
    assert error.reason_phrase == "Forbidden <OpenAI API Key>"
    assert_clean(repr(value) for value in vars(error).values())
    assert not _key_bytes_in(pickle.dumps(error))
    clone = pickle.loads(pickle.dumps(error))
    assert_clean([repr(vars(clone)), str(clone)])


def test_a_unicode_escaped_key_in_a_body_is_redacted_in_debug_output(server: ScriptedServer) -> None:
    escaped = "".join(f"\\u{ord(c):04x}" for c in TEST_KEY)
    partly = TEST_KEY[:5] + "".join(f"\\u{ord(c):04x}" for c in TEST_KEY[5:9]) + TEST_KEY[9:]
    server.script(
        Reply(body=f'{{"a": "{escaped}", "b": "x{partly}y"}}'.encode(), headers={"Content-Type": "application/json"})
    )
    sinks = Sinks()
    with sinks.client(server) as client:
        client.request("GET", ["x"])
    bodies = [line for line in sinks.debug if line.startswith("API response body: ")]
    assert bodies and "<OpenAI API Key>" in bodies[0]
    for line in sinks.debug:
        assert escaped not in line and partly not in line
        assert "\\u0073\\u006b" not in line


def test_httpx_and_httpcore_debug_logs_never_see_the_key(
    server: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    """httpcore logs response headers at DEBUG and httpx logs every URL, redirects included."""
    server.script(
        Reply(status=302, headers={"Location": f"{server.url}/v1/next?key={TEST_KEY}", "X-Echo": TEST_KEY}),
        Reply(body={"k": TEST_KEY}),
    )
    caplog.set_level(logging.DEBUG)
    with ApiClient(server.settings()) as client:
        client.request("GET", ["x"])
    names = {record.name for record in caplog.records}
    assert {"httpx", "httpcore.http11"} <= names
    assert_clean(record.getMessage() for record in caplog.records)
    assert any("<OpenAI API Key>" in record.getMessage() for record in caplog.records if record.name == "httpx")


def test_a_response_keeps_no_credentials_of_its_requests() -> None:
    """What a response (and each redirect before it) sent loses its credential headers, and only them."""
    import httpx

    from psbridge.api.client import _scrub_credentials

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(307, headers={"location": "/new"})
        return httpx.Response(200, json={})

    credentials = {"Authorization": f"Bearer {TEST_KEY}", "api-key": TEST_KEY, "OpenAI-Organization": ORG}
    with httpx.Client(transport=httpx.MockTransport(answer), follow_redirects=True) as http:
        response = http.get("http://127.0.0.1:9/old", headers={**credentials, "X-Kept": "yes"})
    assert len(response.history) == 1
    _scrub_credentials(response)
    for sent in (*response.history, response):
        assert sent.request.headers.get("x-kept") == "yes"
        assert not {name.lower() for name in credentials} & set(sent.request.headers.keys())
        assert_clean([repr(sent.request.headers.raw)])
