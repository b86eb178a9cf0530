"""``stream: true``: server-sent event sequences and the state they leave behind."""

from __future__ import annotations

import json
from typing import Any

import httpx

from psbridge.emulator import Emulator
from tests.emulator.emulator_helpers import Api, assert_valid, object_validator

OBJECT_SCHEMAS = {
    "thread": "ThreadObject",
    "thread.run": "RunObject",
    "thread.run.step": "RunStepObject",
    "thread.message": "MessageObject",
}


def read_events(response: httpx.Response) -> list[tuple[str, Any]]:
    """Parse an SSE body into (event, data) pairs; ``data`` is JSON except for [DONE]."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/event-stream")
    events = []
    for block in response.text.split("\n\n"):
        if not block.strip():
            continue
        fields = dict(line.split(": ", 1) for line in block.split("\n"))
        data = fields["data"]
        events.append((fields["event"], data if data == "[DONE]" else json.loads(data)))
    return events


def stream_run(api: Api, thread_id: str, assistant_id: str) -> list[tuple[str, Any]]:
    """Create a run with ``stream: true`` on an existing thread and read its events."""
    return read_events(
        api.send(
            "POST /threads/{thread_id}/runs",
            json_body={"assistant_id": assistant_id, "stream": True},
            thread_id=thread_id,
        )
    )


def check_payloads(events: list[tuple[str, Any]]) -> None:
    """Every object in the stream validates against its schema."""
    for name, data in events:
        if name == "done":
            assert data == "[DONE]"
        elif name == "thread.message.delta":
            assert data["object"] == "thread.message.delta"
            (part,) = data["delta"]["content"]
            assert part["index"] == 0 and part["type"] == "text" and part["text"]["annotations"] == []
        else:
            assert_valid(object_validator(OBJECT_SCHEMAS[data["object"]]), data)


def names(events: list[tuple[str, Any]]) -> list[str]:
    collapsed: list[str] = []
    for name, _ in events:
        if name == "thread.message.delta" and collapsed and collapsed[-1] == "thread.message.delta*":
            continue
        collapsed.append("thread.message.delta*" if name == "thread.message.delta" else name)
    return collapsed


REPLY_EVENTS = [
    "thread.run.step.created",
    "thread.run.step.in_progress",
    "thread.message.created",
    "thread.message.in_progress",
    "thread.message.delta*",
    "thread.message.completed",
    "thread.run.step.completed",
]


def test_streamed_run_event_sequence(api: Api, emu: Emulator) -> None:
    asst = api.assistant()
    thread = api.thread("stream me please")
    events = stream_run(api, thread["id"], asst["id"])
    check_payloads(events)
    assert names(events) == [
        "thread.run.created",
        "thread.run.queued",
        "thread.run.in_progress",
        *REPLY_EVENTS,
        "thread.run.completed",
        "done",
    ]
    data = dict(events)
    assert data["thread.run.created"]["status"] == "queued"
    assert data["thread.run.in_progress"]["status"] == "in_progress"
    assert data["thread.message.created"]["status"] == "in_progress"
    assert data["thread.message.created"]["content"] == []
    deltas = [d for n, d in events if n == "thread.message.delta"]
    assert len(deltas) >= 3
    text = "".join(d["delta"]["content"][0]["text"]["value"] for d in deltas)
    assert text == "Echo: stream me please"
    assert data["thread.message.completed"]["content"][0]["text"]["value"] == text
    assert {d["id"] for d in deltas} == {data["thread.message.created"]["id"]}
    run_id = data["thread.run.completed"]["id"]
    assert data["thread.run.completed"]["usage"] is not None
    # The stored run ends in the streamed final state.
    assert emu.store.runs[run_id]["status"] == "completed"
    assert api.get_run(thread["id"], run_id) == data["thread.run.completed"]


def test_streamed_thread_and_run_starts_with_the_thread(api: Api) -> None:
    asst = api.assistant(tools=[{"type": "code_interpreter"}])
    body = {
        "assistant_id": asst["id"],
        "stream": True,
        "thread": {"messages": [{"role": "user", "content": "hi"}]},
    }
    events = read_events(api.send("POST /threads/runs", json_body=body))
    check_payloads(events)
    assert names(events)[:4] == [
        "thread.created",
        "thread.run.created",
        "thread.run.queued",
        "thread.run.in_progress",
    ]
    # code_interpreter: a tool_calls step comes before the message step.
    steps = [d for n, d in events if n == "thread.run.step.completed"]
    assert [s["type"] for s in steps] == ["tool_calls", "message_creation"]
    assert names(events)[-2:] == ["thread.run.completed", "done"]
    thread_id = dict(events)["thread.created"]["id"]
    assert all(d["thread_id"] == thread_id for n, d in events if n.startswith("thread.run"))


def test_streamed_requires_action_then_streamed_submit(api: Api, emu: Emulator) -> None:
    asst = api.assistant(tools=[{"type": "function", "function": {"name": "now"}}])
    thread = api.thread("what time is it now")
    first = stream_run(api, thread["id"], asst["id"])
    check_payloads(first)
    assert names(first) == [
        "thread.run.created",
        "thread.run.queued",
        "thread.run.in_progress",
        "thread.run.step.created",
        "thread.run.step.in_progress",
        "thread.run.requires_action",
        "done",
    ]
    run = dict(first)["thread.run.requires_action"]
    assert emu.store.runs[run["id"]]["status"] == "requires_action"
    call = run["required_action"]["submit_tool_outputs"]["tool_calls"][0]
    second = read_events(
        api.send(
            "POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs",
            json_body={"tool_outputs": [{"tool_call_id": call["id"], "output": "noon"}], "stream": True},
            thread_id=thread["id"],
            run_id=run["id"],
        )
    )
    check_payloads(second)
    assert names(second) == [
        "thread.run.step.completed",
        "thread.run.in_progress",
        *REPLY_EVENTS,
        "thread.run.completed",
        "done",
    ]
    tool_step = second[0][1]
    assert tool_step["step_details"]["tool_calls"][0]["function"]["output"] == "noon"
    assert emu.store.runs[run["id"]]["status"] == "completed"


def test_streamed_failure(api: Api) -> None:
    asst = api.assistant()
    thread = api.thread("[fail]")
    events = stream_run(api, thread["id"], asst["id"])
    check_payloads(events)
    assert names(events) == [
        "thread.run.created",
        "thread.run.queued",
        "thread.run.in_progress",
        "thread.run.failed",
        "done",
    ]


def test_streamed_incomplete(api: Api) -> None:
    asst = api.assistant()
    thread = api.thread("one two three four [incomplete]")
    events = stream_run(api, thread["id"], asst["id"])
    check_payloads(events)
    assert "thread.message.incomplete" in names(events)
    assert names(events)[-2:] == ["thread.run.incomplete", "done"]


def test_stream_false_is_a_plain_response(api: Api) -> None:
    asst = api.assistant()
    thread = api.thread("x")
    run = api.run(thread["id"], asst["id"], stream=False)
    assert run["status"] == "queued"


def test_streams_run_to_the_end_even_in_manual_mode(manual_api: Api, manual_emu: Emulator) -> None:
    asst = manual_api.assistant()
    thread = manual_api.thread("x")
    events = stream_run(manual_api, thread["id"], asst["id"])
    assert names(events)[-2:] == ["thread.run.completed", "done"]


def test_keep_alive_survives_a_stream(api: Api, emu: Emulator) -> None:
    asst = api.assistant()
    emu.reset_log()
    for text in ("a", "b"):
        thread = api.thread(text)
        stream_run(api, thread["id"], asst["id"])
    assert emu.connection_count == 0  # no new connection since reset_log
    assert len({r.connection_id for r in emu.requests}) == 1
