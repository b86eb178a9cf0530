"""What the client puts on the wire, checked against a real loopback server."""

from __future__ import annotations

import platform
import threading
from typing import Any

import pytest

from psbridge.api import ApiArgumentError, ApiClient, RequestBodyError, resolve_settings
from psbridge.objects import Hashtable, PSObject, SecureString
from tests.api.api_loopback import TEST_KEY, Reply, ScriptedServer


def _get(server: ScriptedServer, segments: list[str], **settings: Any) -> str:
    with ApiClient(server.settings(**settings)) as client:
        client.request("GET", segments)
    return server.requests[-1].raw_path


class TestUrls:
    @pytest.mark.parametrize(
        ("segment", "encoded"),
        [
            ("thread_abc123", "thread_abc123"),
            ("../x", "%2E%2E%2Fx"),
            ("a/b", "a%2Fb"),
            ("a b", "a%20b"),
            ("100%", "100%25"),
            ("..", "%2E%2E"),
            (".", "%2E"),
            ("a?b#c", "a%3Fb%23c"),
            ("ünï", "%C3%BCn%C3%AF"),
        ],
    )
    def test_every_segment_is_percent_encoded(
        self, server: ScriptedServer, segment: str, encoded: str
    ) -> None:
        raw = _get(server, ["threads", segment, "runs"])
        assert raw == f"/v1/threads/{encoded}/runs"

    def test_empty_segment_is_refused_before_sending(self, server: ScriptedServer) -> None:
        with ApiClient(server.settings()) as client, pytest.raises(ApiArgumentError, match="empty"):
            client.request("GET", ["threads", ""])
        assert server.requests == []

    @pytest.mark.parametrize(
        ("base_path", "expected"),
        [("/v1", "/v1/threads/t1"), ("/v1/", "/v1/threads/t1"), ("", "/threads/t1"), ("/", "/threads/t1")],
    )
    def test_base_with_and_without_trailing_slash(
        self, server: ScriptedServer, base_path: str, expected: str
    ) -> None:
        assert _get(server, ["threads", "t1"], api_base=server.url + base_path) == expected

    def test_query_in_base_kept_then_query_then_additional_query(self, server: ScriptedServer) -> None:
        settings = server.settings(
            api_base=server.url + "/v1?tenant=a%20b",
            additional_query=(("order", "desc"), ("include[]", "x y")),
        )
        with ApiClient(settings) as client:
            client.request("GET", ["threads", "t", "runs"], query=[("limit", "20"), ("order", "asc")])
        recorded = server.requests[-1]
        assert recorded.path == "/v1/threads/t/runs"
        assert recorded.raw_query == "tenant=a%20b&limit=20&order=asc&order=desc&include%5B%5D=x+y"
        assert recorded.query == [
            ("tenant", "a b"),
            ("limit", "20"),
            ("order", "asc"),
            ("order", "desc"),  # duplicates kept, nothing replaced
            ("include[]", "x y"),
        ]

    def test_azure_url_and_api_key_header(self, server: ScriptedServer) -> None:
        settings = resolve_settings(
            {"ApiType": "Azure", "ApiBase": server.url, "ApiKey": TEST_KEY, "Organization": "org-x123456"},
            environ={},
        )
        with ApiClient(settings) as client:
            client.request("GET", ["threads", "t 1"], query=[("limit", "1")])
        recorded = server.requests[-1]
        assert recorded.raw_path == "/openai/threads/t%201?api-version=2025-04-01-preview&limit=1"
        assert recorded.headers["api-key"] == TEST_KEY
        assert "authorization" not in recorded.headers
        assert "openai-organization" not in recorded.headers  # only for AuthType openai

    def test_azure_ad_uses_bearer(self, server: ScriptedServer) -> None:
        settings = resolve_settings(
            {
                "ApiType": "Azure",
                "ApiBase": server.url + "/",
                "ApiKey": TEST_KEY,
                "AuthType": "azure_ad",
                "ApiVersion": "2024-05-01",
            },
            environ={},
        )
        with ApiClient(settings) as client:
            client.request("GET", ["assistants"])
        recorded = server.requests[-1]
        assert recorded.raw_path == "/openai/assistants?api-version=2024-05-01"
        assert recorded.headers["authorization"] == f"Bearer {TEST_KEY}"
        assert "api-key" not in recorded.headers


class TestHeaders:
    def test_defaults_for_a_get(self, server: ScriptedServer) -> None:
        _get(server, ["threads", "t"])
        headers = server.requests[-1].headers
        assert headers["authorization"] == f"Bearer {TEST_KEY}"
        assert headers["openai-beta"] == "assistants=v2"
        assert headers["user-agent"] == (
            f"psbridge/0.1.0 (Python {platform.python_version()}; {platform.system()})"
        )
        assert "content-type" not in headers
        assert "openai-organization" not in headers
        assert "openai-debug" not in headers

    def test_content_type_only_with_a_body(self, server: ScriptedServer) -> None:
        with ApiClient(server.settings()) as client:
            client.request("POST", ["threads"], body={})
            client.request("POST", ["threads", "t", "runs", "r", "cancel"])
        with_body, without_body = server.requests
        assert with_body.headers["content-type"] == "application/json"
        assert with_body.body == b"{}"
        assert "content-type" not in without_body.headers
        assert without_body.body == b""

    def test_organization_trimmed_when_set(self, server: ScriptedServer) -> None:
        _get(server, ["x"], organization=" org-abc123 ")
        assert server.requests[-1].headers["openai-organization"] == "org-abc123"

    def test_debug_header_when_debug_output_is_on(self, server: ScriptedServer) -> None:
        lines: list[str] = []
        with ApiClient(server.settings(), debug=lines.append) as client:
            client.request("GET", ["x"])
        assert server.requests[-1].headers["openai-debug"] == "true"
        assert any(line.startswith("Request parameters:") for line in lines)

    def test_debug_output_shows_the_headers_in_order_with_overrides_in_place(self, server: ScriptedServer) -> None:
        """The fixed headers are the HTTP client's defaults on the wire; debug output still lists
        every header where it stands, and a header given again replaces it there."""
        lines: list[str] = []
        settings = server.settings(
            organization="org-1", additional_headers=(("user-agent", "custom/1"), ("X-Extra", "e"))
        )
        with ApiClient(settings, debug=lines.append) as client:
            client.request("POST", ["x"], body={}, headers={"X-Cmdlet": "c"})
        [line] = [line for line in lines if line.startswith("Request parameters:")]
        assert line.endswith(
            "Headers = {Authorization: Bearer ********, OpenAI-Organization: <OpenAI Organization ID>, "
            "OpenAI-Beta: assistants=v2, user-agent: custom/1, Accept-Encoding: gzip, deflate, "
            "Content-Type: application/json, OpenAI-Debug: true, X-Cmdlet: c, X-Extra: e}"
        )
        sent = server.requests[-1].headers
        assert (sent["user-agent"], sent["x-extra"], sent["x-cmdlet"]) == ("custom/1", "e", "c")
        assert sent["accept-encoding"] == "gzip, deflate" and sent["openai-organization"] == "org-1"

    def test_a_header_value_outside_ascii_is_sent_as_utf8(self, server: ScriptedServer) -> None:
        with ApiClient(server.settings(additional_headers=(("X-Note", "café"),))) as client:
            client.request("GET", ["x"], headers={"X-Other": "naïve"})
        sent = server.requests[-1].headers  # the test server reads header bytes as Latin-1
        assert sent["x-note"] == "café".encode().decode("latin-1")
        assert sent["x-other"] == "naïve".encode().decode("latin-1")

    def test_additional_headers_override_case_insensitively(self, server: ScriptedServer) -> None:
        settings = server.settings(
            additional_headers=(
                ("openai-beta", "assistants=v1"),
                ("user-agent", "custom/1"),
                ("X-Extra", "e"),
            )
        )
        with ApiClient(settings) as client:
            client.request("GET", ["x"], headers={"X-Extra": "from-cmdlet", "X-Cmdlet": "c"})
        recorded = server.requests[-1]
        assert recorded.headers["openai-beta"] == "assistants=v1"
        assert recorded.headers["user-agent"] == "custom/1"
        assert recorded.headers["x-extra"] == "e"
        assert recorded.headers["x-cmdlet"] == "c"
        assert [n.lower() for n in recorded.header_names].count("openai-beta") == 1

    def test_securestring_additional_header_is_sent_revealed(self, server: ScriptedServer) -> None:
        settings = resolve_settings(
            {
                "ApiKey": TEST_KEY,
                "ApiBase": server.url,
                "AdditionalHeaders": {"X-Token": SecureString("t0k")},
            },
            environ={},
        )
        with ApiClient(settings) as client:
            client.request("GET", ["x"])
        assert server.requests[-1].headers["x-token"] == "t0k"


class TestBodies:
    def test_body_merged_with_additional_body(self, server: ScriptedServer) -> None:
        settings = server.settings(additional_body=PSObject({"temperature": 0.5, "model": "o3"}))
        with ApiClient(settings) as client:
            client.request(
                "POST",
                ["assistants"],
                body={
                    "model": "gpt-4",
                    "tools": [PSObject({"type": "code_interpreter"})],
                    "meta": Hashtable(a=1),
                },
            )
        assert server.requests[-1].body == (
            b'{"model":"o3","tools":[{"type":"code_interpreter"}],"meta":{"a":1},"temperature":0.5}'
        )

    def test_additional_body_ignored_without_a_body(self, server: ScriptedServer) -> None:
        settings = server.settings(additional_body="{not even json")
        with ApiClient(settings) as client:
            client.request("GET", ["x"])
            client.request("DELETE", ["x"])
        assert [r.body for r in server.requests] == [b"", b""]

    def test_invalid_additional_body_fails_before_sending(self, server: ScriptedServer) -> None:
        with ApiClient(server.settings(additional_body="{oops")) as client, pytest.raises(RequestBodyError):
            client.request("POST", ["threads"], body={})
        assert server.requests == []

    def test_utf8_body(self, server: ScriptedServer) -> None:
        with ApiClient(server.settings()) as client:
            client.request("POST", ["threads"], body={"content": "こんにちは"})
        assert server.requests[-1].json() == {"content": "こんにちは"}
        assert "こんにちは".encode() in server.requests[-1].body


class TestResolutionOnTheWire:
    """The settings chosen by resolve_settings are the ones the server sees."""

    def test_key_org_and_base_from_globals(self, server: ScriptedServer) -> None:
        settings = resolve_settings(
            {},
            session_variables={
                "OPENAI_API_KEY": "sk-globalkey0123456789abcdef",
                "OPENAI_API_BASE": server.url + "/g",
                "OPENAI_ORGANIZATION": "org-global123",
            },
            environ={"OPENAI_API_KEY": "sk-envkey0123456789abcdef", "OPENAI_API_BASE": "http://127.0.0.1:9"},
        )
        with ApiClient(settings) as client:
            client.request("GET", ["threads"])
        recorded = server.requests[-1]
        assert recorded.raw_path == "/g/threads"
        assert recorded.headers["authorization"] == "Bearer sk-globalkey0123456789abcdef"
        assert recorded.headers["openai-organization"] == "org-global123"

    def test_global_securestring_key_ignored_in_favour_of_environment(self, server: ScriptedServer) -> None:
        settings = resolve_settings(
            {"ApiBase": server.url},
            session_variables={"OPENAI_API_KEY": SecureString("sk-ignored0123456789abcdef")},
            environ={"OPENAI_API_KEY": "sk-envkey0123456789abcdef", "OPENAI_ORGANIZATION": "org-env12345"},
        )
        with ApiClient(settings) as client:
            client.request("GET", ["threads"])
        recorded = server.requests[-1]
        assert recorded.headers["authorization"] == "Bearer sk-envkey0123456789abcdef"
        assert recorded.headers["openai-organization"] == "org-env12345"


class TestConnections:
    def test_keep_alive_one_connection_for_many_requests(self, server: ScriptedServer) -> None:
        with ApiClient(server.settings()) as client:
            for i in range(10):
                client.request("GET", ["threads", f"t{i}"])
        assert len(server.requests) == 10
        assert {r.connection_id for r in server.requests} == {server.requests[0].connection_id}

    def test_shared_across_threads(self, server: ScriptedServer) -> None:
        errors: list[BaseException] = []
        server.script(*[Reply(delay=0.05) for _ in range(16)])
        with ApiClient(server.settings()) as client:

            def work(n: int) -> None:
                try:
                    for j in range(2):
                        assert client.request("GET", ["threads", f"{n}-{j}"]).json() == {"ok": True}
                except BaseException as exc:  # pragma: no cover - reported below
                    errors.append(exc)

            threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(10)
        assert errors == []
        assert len(server.requests) == 16
        # Connections are reused, and the pool allowed all 8 threads to proceed at once.
        assert 1 < len({r.connection_id for r in server.requests}) <= 8

    def test_response_object(self, server: ScriptedServer) -> None:
        server.script(
            Reply(body={"id": "run_1"}, headers={"x-request-id": "req_9", "openai-processing-ms": "7"})
        )
        with ApiClient(server.settings()) as client:
            response = client.request("GET", ["x"])
        assert response.status_code == 200
        assert response.headers["X-REQUEST-ID"] == "req_9"
        assert response.request_id == "req_9"
        assert response.processing_ms == "7"
        assert response.json() is response.json()
        assert response.json() == {"id": "run_1"}
        assert response.text == '{"id": "run_1"}'

    def test_empty_body_json_is_none(self, server: ScriptedServer) -> None:
        server.script(Reply(body=""))
        with ApiClient(server.settings()) as client:
            assert client.request("DELETE", ["x"]).json() is None


class TestRedirects:
    def test_same_origin_redirect_keeps_credentials(self, server: ScriptedServer) -> None:
        server.script(Reply(status=307, headers={"Location": "/v1/moved"}, body=""), Reply(body={"id": "m"}))
        with ApiClient(server.settings(organization="org-abc123")) as client:
            assert client.request("GET", ["x"]).json() == {"id": "m"}
        moved = server.requests[-1]
        assert moved.raw_path == "/v1/moved"
        assert moved.headers["authorization"] == f"Bearer {TEST_KEY}"

    def test_credentials_never_follow_a_redirect_to_another_origin(self, server: ScriptedServer) -> None:
        other = ScriptedServer().start()
        try:
            for settings in (
                server.settings(organization="org-abc123"),
                server.settings(api_type="Azure", auth_type="azure", api_version="v"),
            ):
                server.script(Reply(status=307, headers={"Location": other.url + "/elsewhere"}, body=""))
                with ApiClient(settings) as client:
                    client.request("GET", ["x"])
                leaked = other.requests[-1].headers
                assert other.requests[-1].path == "/elsewhere"
                assert not {"authorization", "api-key", "openai-organization"} & set(leaked)
        finally:
            other.stop()


def test_query_values_of_any_type(server: ScriptedServer) -> None:
    with ApiClient(server.settings()) as client:
        client.request("GET", ["x"], query=[("limit", 20), ("all", True), ("f", 1.5)])
    assert server.requests[-1].raw_query == "limit=20&all=true&f=1.5"


def test_model_deprecation_warning_before_sending() -> None:
    import datetime as dt

    from psbridge.api.deprecation import deprecation_warning

    assert deprecation_warning("gpt-3.5-turbo", dt.date(2026, 11, 22)) == (
        "The gpt-3.5-turbo model has been discontinued on 2026-10-23. Please consider using a different model."
    )
    assert deprecation_warning("gpt-4", dt.date(2026, 10, 1)) == (
        "The gpt-4 model will be discontinued on 2026-10-23. Please consider using a different model."
    )
    assert deprecation_warning("gpt-4", dt.date(2026, 9, 1)) is None
    assert deprecation_warning("gpt-4o-mini", dt.date(2026, 11, 22)) is None
    assert deprecation_warning(None) is None


def test_a_loopback_api_is_never_reached_through_an_environment_proxy(
    server: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A proxy that refuses everything: if the client used it, the request would fail.
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("ALL_PROXY", "http://127.0.0.1:9")
    with ApiClient(server.settings()) as client:
        assert client.request("GET", ["x"]).status_code == 200
    assert server.requests[-1].path.endswith("/x")
