"""Bounded fuzzing of the emulator's request handling (issue 16): whatever arrives, the answer
is an HTTP response - a success, or an OpenAI-shaped error - never an exception, never a 500.

Two levels: the application (method, target, headers, body -> Reply) with bodies built from
the API's own field names so they get past routing into the handlers; and the socket, with
raw request bytes."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psbridge.emulator import Emulator
from psbridge.emulator.exchange import Incoming, Reply
from psbridge.emulator.routes import ROUTES
from tests.emulator.emulator_helpers import Api, make_client

FIELDS = [
    "model", "messages", "role", "content", "tools", "tool_choice", "metadata", "assistant_id", "instructions",
    "additional_instructions", "additional_messages", "stream", "thread", "tool_outputs", "tool_call_id", "output",
    "input", "n", "temperature", "top_p", "response_format", "type", "function", "name", "arguments", "parameters",
    "tool_resources", "file_search", "vector_store_ids", "truncation_strategy", "last_messages", "max_tokens",
    "max_completion_tokens", "max_prompt_tokens", "attachments", "file_id", "text", "image_url", "url", "detail",
    "stream_options", "include_usage", "store", "prompt", "encoding_format", "dimensions", "parallel_tool_calls",
]  # fmt: skip

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["user", "assistant", "system", "tool", "function", "auto", "none", "required", "text", "gpt-4o"])
    | st.text(max_size=20)
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=25,
)
BODIES = st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=6)


@pytest.fixture(scope="module")
def target() -> Iterator[tuple[Emulator, dict[str, str]]]:
    with Emulator().start() as emu, make_client(emu) as client:
        api = Api(client)
        asst = api.assistant(tools=[{"type": "function", "function": {"name": "f"}}])
        thread = api.thread("hello f")
        run = api.run(thread["id"], asst["id"])
        while api.get_run(thread["id"], run["id"])["status"] not in ("completed", "requires_action"):
            pass
        message = api.call("GET /threads/{thread_id}/messages", thread_id=thread["id"])["data"][0]
        step = api.call("GET /threads/{thread_id}/runs/{run_id}/steps", thread_id=thread["id"], run_id=run["id"])
        ids = {
            "assistant_id": asst["id"],
            "thread_id": thread["id"],
            "run_id": run["id"],
            "message_id": message["id"],
            "step_id": step["data"][0]["id"],
        }
        yield emu, ids


@st.composite
def targets(draw: st.DrawFn, ids: dict[str, str]) -> tuple[str, str]:
    route = draw(st.sampled_from(ROUTES))
    parts = []
    for part in route.pattern:
        if part.startswith("{"):
            known = ids.get(part[1:-1])
            choices = [known] if known else []
            parts.append(
                draw(st.sampled_from(choices) | st.text(min_size=1, max_size=12))
                if choices
                else draw(st.text(min_size=1, max_size=12))
            )
        else:
            parts.append(part)
    from urllib.parse import quote

    path = "/v1/" + "/".join(quote(p, safe="") for p in parts)
    query = draw(st.sampled_from(["", "?limit=2", "?order=asc&after=x", "?limit=abc", "?include[]=x", "?run_id=r"]))
    method = draw(st.sampled_from([route.method, route.method, "GET", "POST", "DELETE", "PATCH"]))
    return method, path + query


def check(reply: Reply) -> None:
    assert 200 <= reply.status <= 599
    assert reply.status != 500, reply.body[:500]
    if reply.drop_connection or reply.chunks is not None or reply.stream is not None:
        return
    payload: Any = json.loads(reply.body)
    if reply.status >= 400:
        assert set(payload) == {"error"}, payload
        assert isinstance(payload["error"]["message"], str) and payload["error"]["message"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_application_answers_any_api_call(target: tuple[Emulator, dict[str, str]], data: st.DataObject) -> None:
    emu, ids = target
    method, path = data.draw(targets(ids))
    body = data.draw(BODIES | st.binary(max_size=40).map(lambda b: {"__raw__": b}))
    raw = body.pop("__raw__") if "__raw__" in body else json.dumps(body).encode()
    headers = {"authorization": "Bearer sk-fuzz", "content-type": "application/json"}
    check(emu._app.handle(Incoming(method, path, headers, raw, 1)))


REQUEST_PIECES = st.lists(
    st.sampled_from(
        [b"GET ", b"POST ", b"DELETE ", b"/v1/threads", b"/v1/assistants", b"/health", b" HTTP/1.1", b" HTTP/1.0",
         b"\r\n", b"Content-Length: 5\r\n", b"Content-Length: -1\r\n", b"Content-Length: 99999999999\r\n",
         b"Transfer-Encoding: chunked\r\n", b"Authorization: Bearer k\r\n", b"Expect: 100-continue\r\n", b"{}",
         b"[[[[", b"5\r\nhello\r\n0\r\n\r\n", b"\x00", b"\xff", b"%", b"?", b"Host: x\r\n", b"Connection: close\r\n"]
    )
    | st.binary(max_size=8),
    max_size=14,
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=REQUEST_PIECES)
def test_the_socket_answers_any_bytes(target: tuple[Emulator, dict[str, str]], pieces: list[bytes]) -> None:
    emu, _ = target
    host, port = emu.base_url.split("//")[1].split("/")[0].rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(b"".join(pieces) + b"\r\n\r\n")
        sock.shutdown(socket.SHUT_WR)  # nothing more is coming: the server answers or closes
        data = b""
        try:
            while piece := sock.recv(65536):
                data += piece
        except ConnectionResetError:
            pass
    while data:  # one or more responses, each with a Content-Length (errors close the connection)
        head, separator, rest = data.partition(b"\r\n\r\n")
        assert separator and head.startswith(b"HTTP/1."), data[:300]
        status = int(head[9:12])
        assert status != 500, data[:500]
        length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
        body, data = rest[:length], rest[length:]
        if status >= 400:
            assert set(json.loads(body)) == {"error"}
