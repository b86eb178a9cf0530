"""``--backend`` for chat completions and responses: every tool call of the model, both ways,
and streams relayed as the model writes them (a loopback fake backend; every answer checked
against OpenAI's published description)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from psbridge.emulator import Emulator
from psbridge.emulator.backend import BackendConfig
from tests.emulator.emulator_helpers import API_KEY, assert_error, make_client
from tests.emulator.fake_backend import FakeBackend, Turn
from tests.openapi_schemas import assert_valid, checked, request_body, response_body, sse_payloads

WEATHER = {
    "type": "function",
    "function": {"name": "get_weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}},
}
TIME = {
    "type": "function",
    "function": {"name": "get_time", "parameters": {"type": "object", "properties": {"zone": {"type": "string"}}}},
}
PARALLEL = [("get_weather", '{"city": "Oslo"}'), ("get_time", '{"zone": "CET"}')]


@pytest.fixture
def start(start_emulator: Callable[..., Emulator], backend: FakeBackend) -> Iterator[Callable[..., httpx.Client]]:
    clients: list[httpx.Client] = []

    def make(timeout: float = 5.0) -> httpx.Client:
        emu = start_emulator(backend=BackendConfig(backend.url, timeout=timeout, models={"gpt-4o": "llama3"}))
        clients.append(make_client(emu))
        return clients[-1]

    yield make
    for client in clients:
        client.close()


def user(text: str) -> dict[str, Any]:
    return {"role": "user", "content": text}


# -- every tool call, both ways -----------------------------------------------------------


def test_chat_parallel_tool_calls_come_back_and_their_results_go_back(
    start: Callable[..., httpx.Client], backend: FakeBackend
) -> None:
    client = start()
    backend.will(Turn(text="Let me look.", calls=PARALLEL), Turn(text="Sunny, 10:00."))
    asked = [user("weather and time in Oslo?")]
    body = {"model": "gpt-4o", "messages": asked, "tools": [WEATHER, TIME]}
    completion = checked(client, "POST", "/chat/completions", json_body=body)
    message = completion["choices"][0]["message"]
    assert completion["choices"][0]["finish_reason"] == "tool_calls" and message["content"] == "Let me look."
    assert [(c["id"], c["function"]["name"], c["function"]["arguments"]) for c in message["tool_calls"]] == [
        ("call_fake0", "get_weather", '{"city": "Oslo"}'),
        ("call_fake1", "get_time", '{"zone": "CET"}'),
    ]
    follow_up = [
        *asked,
        {"role": "assistant", "content": None, "tool_calls": message["tool_calls"]},
        {"role": "tool", "tool_call_id": "call_fake0", "content": "sunny"},
        {"role": "tool", "tool_call_id": "call_fake1", "content": "10:00"},
    ]
    answer = checked(client, "POST", "/chat/completions", json_body={**body, "messages": follow_up})
    assert answer["choices"][0]["message"]["content"] == "Sunny, 10:00."
    assert backend.requests[-1]["messages"] == [
        user("weather and time in Oslo?"),
        {"role": "assistant", "content": None, "tool_calls": message["tool_calls"]},
        {"role": "tool", "tool_call_id": "call_fake0", "content": "sunny"},
        {"role": "tool", "tool_call_id": "call_fake1", "content": "10:00"},
    ]


def test_a_result_without_its_call_is_paired_with_a_made_up_one(
    start: Callable[..., httpx.Client], backend: FakeBackend
) -> None:
    client = start()
    messages = [user("x"), {"role": "function", "name": "lookup", "content": "42"}]
    checked(client, "POST", "/chat/completions", json_body={"model": "gpt-4o", "messages": messages})
    made_up, result = backend.requests[-1]["messages"][1:]
    (call,) = made_up["tool_calls"]
    assert call["function"] == {"name": "lookup", "arguments": "{}"}
    assert result == {"role": "tool", "tool_call_id": call["id"], "content": "42"}


def test_responses_parallel_function_calls_both_ways(start: Callable[..., httpx.Client], backend: FakeBackend) -> None:
    client = start()
    backend.will(Turn(calls=PARALLEL), Turn(text="Sunny, 10:00."), Turn(text="Again."))
    tools = [{"type": "function", "strict": False, **tool["function"]} for tool in (WEATHER, TIME)]
    first = checked(client, "POST", "/responses", json_body={"model": "gpt-4o", "input": "Oslo?", "tools": tools})
    calls = first["output"]
    assert [(c["type"], c["call_id"], c["name"], c["arguments"]) for c in calls] == [
        ("function_call", "call_fake0", "get_weather", '{"city": "Oslo"}'),
        ("function_call", "call_fake1", "get_time", '{"zone": "CET"}'),
    ]
    outputs = [
        {"type": "function_call_output", "call_id": "call_fake0", "output": "sunny"},
        {"type": "function_call_output", "call_id": "call_fake1", "output": "10:00"},
    ]
    body = {"model": "gpt-4o", "previous_response_id": first["id"], "input": outputs, "tools": tools}
    second = checked(client, "POST", "/responses", json_body=body)
    assert second["output"][0]["content"][0]["text"] == "Sunny, 10:00."
    expected = [
        user("Oslo?"),
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {"id": "call_fake0", "type": "function", "function": {"name": n, "arguments": a}}
                if n == "get_weather"
                else {"id": "call_fake1", "type": "function", "function": {"name": n, "arguments": a}}
                for n, a in PARALLEL
            ],
        },
        {"role": "tool", "tool_call_id": "call_fake0", "content": "sunny"},
        {"role": "tool", "tool_call_id": "call_fake1", "content": "10:00"},
    ]
    assert backend.requests[1]["messages"] == expected
    # The same exchange written out as input items (no stored response) reaches the model the same way.
    items = [
        {"type": "message", "role": "user", "content": "Oslo?"},
        *({k: c[k] for k in ("type", "call_id", "name", "arguments")} for c in calls),
        *outputs,
    ]
    checked(client, "POST", "/responses", json_body={"model": "gpt-4o", "input": items, "store": False})
    assert backend.requests[2]["messages"] == expected


# -- streams relayed as they come ------------------------------------------------------------


def read_until(
    client: httpx.Client, path: str, body: dict[str, Any], arrived: Callable[[str], bool], meanwhile: Callable[[], None]
) -> list[str]:
    """The ``data:`` lines of a stream; ``meanwhile`` runs once a line ``arrived`` says yes is in."""
    seen: list[str] = []
    with client.stream("POST", path, json=body) as response:
        assert response.status_code == 200
        lines = (line for line in response.iter_lines() if line.startswith("data: "))
        while not seen or not arrived(seen[-1]):
            seen.append(next(lines))
        meanwhile()
        seen += list(lines)
    return seen


def has_content(line: str) -> bool:
    choices = json.loads(line[6:])["choices"]
    return bool(choices and choices[0]["delta"].get("content"))


def test_a_chat_stream_arrives_while_the_model_is_still_writing(
    start: Callable[..., httpx.Client], backend: FakeBackend
) -> None:
    client = start()
    release = threading.Event()
    backend.will(Turn(text="one two three", hold=release))
    body = {"model": "gpt-4o", "messages": [user("count")], "stream": True, "stream_options": {"include_usage": True}}
    assert_valid(request_body("POST", "/chat/completions"), body)

    def meanwhile() -> None:
        # A content chunk is here and the backend has not sent its last one; the store is free meanwhile.
        assert not release.is_set()
        assert client.get("assistants").status_code == 200
        release.set()

    seen = read_until(client, "chat/completions", body, has_content, meanwhile)
    assert not backend.hold_expired and seen[-1] == "data: [DONE]"
    payloads = sse_payloads("\n".join(seen))
    validator = response_body("POST", "/chat/completions", "text/event-stream")
    for payload in payloads:
        assert_valid(validator, payload)
    assert len({p["id"] for p in payloads}) == 1 and payloads[0]["id"] != "chatcmpl-fake"
    assert {p["model"] for p in payloads} == {"gpt-4o"}  # the name the client asked for
    text = "".join(p["choices"][0]["delta"].get("content") or "" for p in payloads if p["choices"])
    assert text == "one two three"
    assert payloads[-1]["choices"] == [] and payloads[-1]["usage"]["total_tokens"] == 18
    assert backend.requests[0]["stream"] is True and backend.requests[0]["model"] == "llama3"


def test_streamed_parallel_tool_calls_and_the_stored_completion(
    start: Callable[..., httpx.Client], backend: FakeBackend
) -> None:
    client = start()
    backend.will(Turn(calls=PARALLEL))
    body = {"model": "gpt-4o", "messages": [user("both")], "tools": [WEATHER, TIME], "stream": True, "store": True}
    payloads = checked(client, "POST", "/chat/completions", json_body=body)
    calls: dict[int, dict[str, str]] = {}
    for payload in payloads:
        for delta in payload["choices"][0]["delta"].get("tool_calls") or []:
            call = calls.setdefault(delta["index"], {"id": "", "arguments": ""})
            call["id"] = call["id"] or delta.get("id", "")
            call["arguments"] += delta["function"].get("arguments", "")
    assert calls == {
        0: {"id": "call_fake0", "arguments": PARALLEL[0][1]},
        1: {"id": "call_fake1", "arguments": PARALLEL[1][1]},
    }
    assert "usage" not in payloads[-1]  # not asked for
    stored = checked(client, "GET", "/chat/completions/{completion_id}", completion_id=payloads[0]["id"])
    assert [c["function"]["arguments"] for c in stored["choices"][0]["message"]["tool_calls"]] == [
        a for _, a in PARALLEL
    ]
    assert stored["choices"][0]["finish_reason"] == "tool_calls"


def test_a_chat_stream_that_fails_ends_as_openais_does(
    start: Callable[..., httpx.Client], backend: FakeBackend
) -> None:
    client = start(timeout=0.6)
    backend.will(
        Turn(text="a b c d", fail_after=3, error="model crashed"),
        Turn(text="a b c d e f", chunk_delay=0.25),
        Turn(status=429, error="slow down"),
    )
    body = {"model": "gpt-4o", "messages": [user("go")], "stream": True}
    for fragment in ("model crashed", "within 0.6 seconds"):
        started = time.monotonic()
        response = client.post("chat/completions", json=body)
        assert time.monotonic() - started < 5
        assert response.status_code == 200 and "[DONE]" not in response.text
        *chunks, last = sse_payloads(response.text)
        assert last["error"]["code"] == "server_error" and fragment in last["error"]["message"]
        assert chunks and all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert_error(client.post("chat/completions", json=body), 429, "rate_limit_exceeded")  # before the first chunk


def test_a_response_stream_arrives_while_the_model_is_still_writing(
    start: Callable[..., httpx.Client], backend: FakeBackend
) -> None:
    client = start()
    release = threading.Event()
    backend.will(Turn(text="one two three", hold=release))

    def meanwhile() -> None:
        assert not release.is_set()
        assert client.get("assistants").status_code == 200
        response_id = json.loads(seen_lines[0][6:])["response"]["id"]
        assert client.get(f"responses/{response_id}").json()["status"] == "in_progress"  # stored while relayed
        release.set()

    body = {"model": "gpt-4o", "input": "count", "stream": True}
    seen_lines: list[str] = []

    def arrived(line: str) -> bool:
        seen_lines.append(line)
        return '"response.output_text.delta"' in line

    seen = read_until(client, "responses", body, arrived, meanwhile)
    assert not backend.hold_expired
    events = sse_payloads("\n".join(seen))
    validator = response_body("POST", "/responses", "text/event-stream")
    for event in events:
        assert_valid(validator, event)
    assert [e["sequence_number"] for e in events] == list(range(len(events)))
    kinds = [e["type"] for e in events]
    assert kinds[:4] == [
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.content_part.added",
    ]
    assert kinds[-4:] == [
        "response.output_text.done",
        "response.content_part.done",
        "response.output_item.done",
        "response.completed",
    ]
    deltas = [e["delta"] for e in events if e["type"] == "response.output_text.delta"]
    assert deltas == ["one", " two", " three"]
    final = events[-1]["response"]
    assert final["output"][0]["content"][0]["text"] == "one two three" and final["usage"]["total_tokens"] == 18
    stored = checked(client, "GET", "/responses/{response_id}", response_id=final["id"])
    assert stored["status"] == "completed" and stored["output"] == final["output"]


def test_a_response_stream_with_parallel_calls_then_their_outputs(
    start: Callable[..., httpx.Client], backend: FakeBackend
) -> None:
    client = start()
    backend.will(Turn(calls=PARALLEL), Turn(text="Done."))
    tools = [{"type": "function", "strict": False, **tool["function"]} for tool in (WEATHER, TIME)]
    events = checked(
        client, "POST", "/responses", json_body={"model": "gpt-4o", "input": "x", "tools": tools, "stream": True}
    )
    kinds = [e["type"] for e in events]
    assert kinds.count("response.output_item.added") == 2 and kinds.count("response.function_call_arguments.done") == 2
    # the first call is closed before the second opens, as the API orders them
    assert (
        kinds.index("response.output_item.done")
        < [i for i, k in enumerate(kinds) if k == "response.output_item.added"][1]
    )
    final = events[-1]["response"]
    assert [(i["call_id"], i["name"], i["arguments"]) for i in final["output"]] == [
        ("call_fake0", *PARALLEL[0]),
        ("call_fake1", *PARALLEL[1]),
    ]
    pieces = [e["delta"] for e in events if e["type"] == "response.function_call_arguments.delta"]
    assert "".join(pieces) == PARALLEL[0][1] + PARALLEL[1][1]
    outputs = [{"type": "function_call_output", "call_id": i["call_id"], "output": "ok"} for i in final["output"]]
    body = {"model": "gpt-4o", "previous_response_id": final["id"], "input": outputs, "stream": True}
    events = checked(client, "POST", "/responses", json_body=body)
    assert events[-1]["response"]["output"][0]["content"][0]["text"] == "Done."
    sent = backend.requests[1]["messages"]
    assert [m.get("tool_call_id") for m in sent[-2:]] == ["call_fake0", "call_fake1"]
    assert [c["id"] for c in sent[-3]["tool_calls"]] == ["call_fake0", "call_fake1"]


def test_a_response_stream_that_fails_ends_with_response_failed(
    start: Callable[..., httpx.Client], backend: FakeBackend
) -> None:
    client = start()
    backend.will(Turn(text="a b c d", fail_after=3, error="model crashed"), Turn(status=500, error="down"))
    events = checked(client, "POST", "/responses", json_body={"model": "gpt-4o", "input": "go", "stream": True})
    failed = events[-1]
    assert failed["type"] == "response.failed"
    assert (
        failed["response"]["error"]["code"] == "server_error"
        and "model crashed" in failed["response"]["error"]["message"]
    )
    assert failed["response"]["output"][0]["status"] == "incomplete"
    stored = checked(client, "GET", "/responses/{response_id}", response_id=failed["response"]["id"])
    assert stored["status"] == "failed"
    assert_error(client.post("responses", json={"model": "gpt-4o", "input": "go", "stream": True}), 500, "server_error")


def test_a_response_a_restart_cut_off_fails(tmp_path: Path, backend: FakeBackend) -> None:
    """What a crash mid-relay leaves on disk (a response stored in progress) fails when next looked at."""
    path = tmp_path / "store.db"
    config = BackendConfig(backend.url, models={"*": "llama3"})
    with Emulator(api_key=API_KEY, store_path=path, backend=config).start() as first, make_client(first) as client:
        done = checked(client, "POST", "/responses", json_body={"model": "gpt-4o", "input": "hi", "store": True})
        with first.store.transaction():
            first.store.get("response", done["id"]).update(status="in_progress", output=[], completed_at=None)
    with Emulator(api_key=API_KEY, store_path=path, backend=config).start() as second, make_client(second) as client:
        failed = checked(client, "GET", "/responses/{response_id}", response_id=done["id"])
    assert failed["status"] == "failed" and failed["error"]["code"] == "server_error"
    assert "stopped while this response was being written" in failed["error"]["message"]
