"""Every response body validates against the published OpenAPI schemas.

The ``Api`` helper validates each 200 body against its operation's schema; these
tests make sure every operation and every object state is actually produced.
"""

from __future__ import annotations

from typing import Any

import pytest

from psbridge.emulator import Emulator, Lifecycle
from psbridge.emulator.lifecycle import STATUSES
from tests.emulator.emulator_helpers import (
    Api,
    assert_valid,
    load_extract,
    make_client,
    object_validator,
    response_validator,
)


class RecordingApi(Api):
    """Remembers which operations were exercised."""

    def __init__(self, client: Any) -> None:
        super().__init__(client)
        self.seen: set[str] = set()

    def call(self, operation: str, **kwargs: Any) -> Any:
        self.seen.add(operation)
        return super().call(operation, **kwargs)


def test_all_23_operations_respond_with_valid_bodies(emu: Emulator) -> None:
    with make_client(emu) as http:
        api = RecordingApi(http)
        function = {"type": "function", "function": {"name": "lookup", "parameters": {"type": "object"}}}
        asst = api.assistant(
            name="A", instructions="Be brief.", tools=[{"type": "code_interpreter"}, function]
        )
        api.call("GET /assistants")
        api.call("GET /assistants/{assistant_id}", assistant_id=asst["id"])
        api.call("POST /assistants/{assistant_id}", json_body={"name": "B"}, assistant_id=asst["id"])

        thread = api.thread("hello")
        tid = thread["id"]
        api.call("GET /threads/{thread_id}", thread_id=tid)
        api.call("POST /threads/{thread_id}", json_body={"metadata": {"k": "v"}}, thread_id=tid)
        msg = api.call(
            "POST /threads/{thread_id}/messages", json_body={"role": "user", "content": "more: lookup"}, thread_id=tid
        )
        api.call("GET /threads/{thread_id}/messages", thread_id=tid)
        api.call("GET /threads/{thread_id}/messages/{message_id}", thread_id=tid, message_id=msg["id"])
        api.call(
            "POST /threads/{thread_id}/messages/{message_id}",
            json_body={"metadata": {"a": "b"}},
            thread_id=tid,
            message_id=msg["id"],
        )

        run = api.call(
            "POST /threads/{thread_id}/runs",
            json_body={"assistant_id": asst["id"]},
            params={"include[]": "step_details.tool_calls[*].file_search.results[*].content"},
            thread_id=tid,
        )
        rid = run["id"]
        while api.get_run(tid, rid)["status"] != "requires_action":
            pass
        api.call("GET /threads/{thread_id}/runs", thread_id=tid)
        api.call(
            "POST /threads/{thread_id}/runs/{run_id}",
            json_body={"metadata": {"x": "y"}},
            thread_id=tid,
            run_id=rid,
        )
        calls = api.get_run(tid, rid)["required_action"]["submit_tool_outputs"]["tool_calls"]
        api.call(
            "POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs",
            json_body={"tool_outputs": [{"tool_call_id": c["id"], "output": "42"} for c in calls]},
            thread_id=tid,
            run_id=rid,
        )
        while api.get_run(tid, rid)["status"] != "completed":
            pass
        steps = api.call("GET /threads/{thread_id}/runs/{run_id}/steps", thread_id=tid, run_id=rid)
        api.call(
            "GET /threads/{thread_id}/runs/{run_id}/steps/{step_id}",
            thread_id=tid,
            run_id=rid,
            step_id=steps["data"][0]["id"],
        )

        other = api.call("POST /threads/runs", json_body={"assistant_id": asst["id"], "tool_choice": "none"})
        api.call(
            "POST /threads/{thread_id}/runs/{run_id}/cancel", thread_id=other["thread_id"], run_id=other["id"]
        )

        api.call("DELETE /threads/{thread_id}/messages/{message_id}", thread_id=tid, message_id=msg["id"])
        api.call("DELETE /threads/{thread_id}", thread_id=tid)
        api.call("DELETE /assistants/{assistant_id}", assistant_id=asst["id"])

    assert api.seen == set(load_extract()["operations"])
    assert len(api.seen) == 23


def test_emulator_knows_exactly_the_run_statuses_the_spec_lists() -> None:
    """The per-status test below walks the emulator's list; this ties that list to the spec."""
    assert list(STATUSES) == load_extract()["objects"]["RunObject"]["properties"]["status"]["enum"]


@pytest.mark.parametrize("status", STATUSES)
def test_run_in_every_status_validates(manual_api: Api, manual_emu: Emulator, status: str) -> None:
    asst = manual_api.assistant(tools=[{"type": "function", "function": {"name": "f"}}])
    thread = manual_api.thread("hi")
    run = manual_api.run(thread["id"], asst["id"])
    if status != "queued":
        manual_emu.advance(run["id"], to=status)
    got = manual_api.get_run(thread["id"], run["id"])
    assert got["status"] == status
    listed = manual_api.call("GET /threads/{thread_id}/runs", thread_id=thread["id"])
    assert listed["data"][0]["status"] == status
    assert_valid(object_validator("RunObject"), got)
    terminal = status in ("cancelled", "failed", "completed", "incomplete", "expired")
    assert (got["expires_at"] is None) == terminal
    assert (got["required_action"] is not None) == (status == "requires_action")
    steps = manual_api.call(
        "GET /threads/{thread_id}/runs/{run_id}/steps", thread_id=thread["id"], run_id=run["id"]
    )
    for step in steps["data"]:
        manual_api.call(
            "GET /threads/{thread_id}/runs/{run_id}/steps/{step_id}",
            thread_id=thread["id"],
            run_id=run["id"],
            step_id=step["id"],
        )
        if terminal:
            assert step["status"] != "in_progress"


def test_run_timestamps_follow_the_lifecycle(manual_api: Api, manual_emu: Emulator) -> None:
    asst = manual_api.assistant()
    thread = manual_api.thread("hi")
    run = manual_api.run(thread["id"], asst["id"])
    assert run["started_at"] is None and run["expires_at"] == run["created_at"] + 600
    manual_emu.advance(run["id"])
    run = manual_api.get_run(thread["id"], run["id"])
    assert run["status"] == "in_progress" and run["started_at"] is not None
    manual_emu.advance(run["id"])
    run = manual_api.get_run(thread["id"], run["id"])
    assert run["status"] == "completed"
    assert run["completed_at"] >= run["started_at"] >= run["created_at"]
    assert run["usage"]["total_tokens"] == run["usage"]["prompt_tokens"] + run["usage"]["completion_tokens"]
    assert run["failed_at"] is None and run["cancelled_at"] is None and run["last_error"] is None


def test_steps_of_both_types_and_all_tool_call_kinds(api: Api) -> None:
    asst = api.assistant(
        tools=[{"type": "code_interpreter"}, {"type": "function", "function": {"name": "get_time"}}]
    )
    thread = api.thread("what time is it? get_time knows")
    run = api.run(thread["id"], asst["id"])
    while (current := api.get_run(thread["id"], run["id"]))["status"] != "requires_action":
        pass
    call = current["required_action"]["submit_tool_outputs"]["tool_calls"][0]
    assert call["function"] == {"name": "get_time", "arguments": "{}"}
    api.call(
        "POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs",
        json_body={"tool_outputs": [{"tool_call_id": call["id"], "output": "noon"}]},
        thread_id=thread["id"],
        run_id=run["id"],
    )
    while api.get_run(thread["id"], run["id"])["status"] != "completed":
        pass
    steps = api.call(
        "GET /threads/{thread_id}/runs/{run_id}/steps",
        params={"order": "asc"},
        thread_id=thread["id"],
        run_id=run["id"],
    )["data"]
    kinds = [(s["type"], s["step_details"].get("tool_calls", [{}])[0].get("type")) for s in steps]
    assert kinds == [
        ("tool_calls", "function"),
        ("tool_calls", "code_interpreter"),
        ("message_creation", None),
    ]
    function_call = steps[0]["step_details"]["tool_calls"][0]
    assert function_call["function"]["output"] == "noon"
    for step in steps:
        assert step["status"] == "completed"
        assert_valid(object_validator("RunStepObject"), step)
    message_id = steps[2]["step_details"]["message_creation"]["message_id"]
    reply = api.call(
        "GET /threads/{thread_id}/messages/{message_id}", thread_id=thread["id"], message_id=message_id
    )
    assert (
        reply["role"] == "assistant" and reply["run_id"] == run["id"] and reply["assistant_id"] == asst["id"]
    )
    assert reply["content"][0]["text"]["value"] == "Echo: what time is it? get_time knows\nTool output (get_time): noon"


def test_messages_with_text_and_image_parts(api: Api) -> None:
    thread = api.thread()
    content = [
        {"type": "text", "text": "look"},
        {"type": "image_url", "image_url": {"url": "https://example.com/a.png", "detail": "low"}},
        {"type": "image_file", "image_file": {"file_id": "file-1"}},
    ]
    attachments = [{"file_id": "file-2", "tools": [{"type": "code_interpreter"}, {"type": "file_search"}]}]
    msg = api.call(
        "POST /threads/{thread_id}/messages",
        json_body={
            "role": "assistant",
            "content": content,
            "attachments": attachments,
            "metadata": {"m": "1"},
        },
        thread_id=thread["id"],
    )
    assert msg["content"] == [
        {"type": "text", "text": {"value": "look", "annotations": []}},
        {"type": "image_url", "image_url": {"url": "https://example.com/a.png", "detail": "low"}},
        {"type": "image_file", "image_file": {"file_id": "file-1", "detail": "auto"}},
    ]
    assert msg["attachments"] == attachments and msg["role"] == "assistant" and msg["metadata"] == {"m": "1"}
    assert msg["status"] == "completed" and msg["assistant_id"] is None and msg["run_id"] is None
    listed = api.call("GET /threads/{thread_id}/messages", thread_id=thread["id"])
    assert listed["data"] == [msg]


def test_incomplete_run_leaves_an_incomplete_message(manual_api: Api, manual_emu: Emulator) -> None:
    asst = manual_api.assistant()
    thread = manual_api.thread("one two three four five")
    run = manual_api.run(thread["id"], asst["id"])
    manual_emu.advance(run["id"], to="incomplete")
    got = manual_api.get_run(thread["id"], run["id"])
    assert got["incomplete_details"] == {"reason": "max_completion_tokens"}
    messages = manual_api.call(
        "GET /threads/{thread_id}/messages", params={"run_id": run["id"]}, thread_id=thread["id"]
    )
    (message,) = messages["data"]
    assert message["status"] == "incomplete"
    assert message["incomplete_details"] == {"reason": "max_tokens"}
    assert message["incomplete_at"] is not None and message["completed_at"] is None


@pytest.mark.parametrize(
    ("operation", "ids"),
    [
        ("GET /assistants", {}),
        ("GET /threads/{thread_id}/messages", {"thread_id": "empty"}),
        ("GET /threads/{thread_id}/runs", {"thread_id": "empty"}),
        ("GET /threads/{thread_id}/runs/{run_id}/steps", {"thread_id": "busy", "run_id": "run"}),
    ],
)
def test_empty_lists_validate(manual_api: Api, operation: str, ids: dict[str, str]) -> None:
    empty = manual_api.thread()
    busy = manual_api.thread()
    asst = manual_api.assistant()
    run = manual_api.run(busy["id"], asst["id"])  # queued in manual mode: no steps yet
    manual_api.call("DELETE /assistants/{assistant_id}", assistant_id=asst["id"])
    known = {"empty": empty["id"], "busy": busy["id"], "run": run["id"]}
    page = manual_api.call(operation, **{key: known[value] for key, value in ids.items()})
    assert page == {"object": "list", "data": [], "first_id": "", "last_id": "", "has_more": False}


def test_assistant_round_trip_keeps_every_field(api: Api) -> None:
    fields = {
        "model": "gpt-4.1",
        "name": "N",
        "description": "D",
        "instructions": "I",
        "tools": [
            {"type": "file_search", "file_search": {"max_num_results": 5}},
            {
                "type": "function",
                "function": {"name": "f", "description": "d", "parameters": {}, "strict": True},
            },
        ],
        "tool_resources": {
            "code_interpreter": {"file_ids": ["file-a"]},
            "file_search": {"vector_stores": [{"file_ids": ["file-b"]}]},
        },
        "metadata": {"k": "v"},
        "temperature": 0.5,
        "top_p": 0.9,
        "response_format": {"type": "json_object"},
        "reasoning_effort": "low",
    }
    asst = api.call("POST /assistants", json_body=fields)
    for key in ("model", "name", "description", "instructions", "tools", "metadata", "temperature", "top_p"):
        assert asst[key] == fields[key]
    assert asst["response_format"] == {"type": "json_object"}
    assert asst["tool_resources"]["code_interpreter"] == {"file_ids": ["file-a"]}
    (store_id,) = asst["tool_resources"]["file_search"]["vector_store_ids"]
    assert store_id.startswith("vs_")
    modified = api.call(
        "POST /assistants/{assistant_id}",
        json_body={"name": None, "tools": [], "metadata": {"n": "2"}},
        assistant_id=asst["id"],
    )
    assert modified["name"] is None and modified["tools"] == [] and modified["metadata"] == {"n": "2"}
    assert modified["description"] == "D" and modified["model"] == "gpt-4.1"
    assert api.call("GET /assistants/{assistant_id}", assistant_id=asst["id"]) == modified


def test_run_inherits_and_overrides_assistant_settings(api: Api) -> None:
    asst = api.assistant(instructions="Base.", temperature=0.3, tools=[{"type": "code_interpreter"}])
    thread = api.thread("x")
    run = api.run(
        thread["id"],
        asst["id"],
        additional_instructions="Extra.",
        top_p=0.2,
        max_completion_tokens=300,
        truncation_strategy={"type": "last_messages", "last_messages": 3},
        tool_choice={"type": "code_interpreter"},
        parallel_tool_calls=False,
        metadata={"r": "1"},
    )
    assert run["instructions"] == "Base.\nExtra."
    assert run["temperature"] == 0.3 and run["top_p"] == 0.2
    assert run["tools"] == [{"type": "code_interpreter"}] and run["model"] == "gpt-4o"
    assert run["truncation_strategy"] == {"type": "last_messages", "last_messages": 3}
    assert run["tool_choice"] == {"type": "code_interpreter"} and run["parallel_tool_calls"] is False
    assert run["max_completion_tokens"] == 300 and run["max_prompt_tokens"] is None
    assert run["metadata"] == {"r": "1"} and run["response_format"] == "auto"


def test_thread_with_messages_and_resources(api: Api) -> None:
    thread = api.call(
        "POST /threads",
        json_body={
            "messages": [
                {"role": "user", "content": "first"},
                {
                    "role": "assistant",
                    "content": [{"type": "text", "text": "second"}],
                    "metadata": {"a": "1"},
                },
            ],
            "tool_resources": {"file_search": {"vector_store_ids": ["vs_1"]}},
            "metadata": {"t": "1"},
        },
    )
    assert thread["tool_resources"] == {"file_search": {"vector_store_ids": ["vs_1"]}}
    assert thread["metadata"] == {"t": "1"}
    messages = api.call("GET /threads/{thread_id}/messages", params={"order": "asc"}, thread_id=thread["id"])
    assert [m["content"][0]["text"]["value"] for m in messages["data"]] == ["first", "second"]
    assert [m["role"] for m in messages["data"]] == ["user", "assistant"]


def test_create_thread_accepts_no_body(client: Any) -> None:
    response = client.post("threads")
    assert response.status_code == 200
    assert_valid(response_validator("POST /threads"), response.json())


def test_delete_responses(api: Api) -> None:
    asst = api.assistant()
    thread = api.thread("m")
    msg_id = api.call("GET /threads/{thread_id}/messages", thread_id=thread["id"])["data"][0]["id"]
    assert api.call(
        "DELETE /threads/{thread_id}/messages/{message_id}", thread_id=thread["id"], message_id=msg_id
    ) == {"id": msg_id, "object": "thread.message.deleted", "deleted": True}
    assert api.call("DELETE /threads/{thread_id}", thread_id=thread["id"]) == {
        "id": thread["id"],
        "object": "thread.deleted",
        "deleted": True,
    }
    assert api.call("DELETE /assistants/{assistant_id}", assistant_id=asst["id"]) == {
        "id": asst["id"],
        "object": "assistant.deleted",
        "deleted": True,
    }


def test_deleting_a_thread_deletes_its_messages_and_runs(api: Api, emu: Emulator) -> None:
    asst = api.assistant()
    thread = api.thread("hi")
    run = api.run(thread["id"], asst["id"])
    api.call("DELETE /threads/{thread_id}", thread_id=thread["id"])
    assert not emu.store.messages and not emu.store.runs and not emu.store.steps
    response = api.send("GET /threads/{thread_id}/runs/{run_id}", thread_id=thread["id"], run_id=run["id"])
    assert response.status_code == 404


def test_ids_have_the_api_prefixes(api: Api, emu: Emulator) -> None:
    asst = api.assistant()
    thread = api.thread("hi")
    run = api.run(thread["id"], asst["id"])
    emu.advance(run["id"], to="completed")
    assert (
        asst["id"].startswith("asst_") and thread["id"].startswith("thread_") and run["id"].startswith("run_")
    )
    assert all(m.startswith("msg_") for m in emu.store.messages)
    assert all(s.startswith("step_") for s in emu.store.steps)
    assert all(isinstance(o["created_at"], int) for o in [asst, thread, run])


def test_seeded_objects_are_served(emu: Emulator, api: Api) -> None:
    """Tests may put objects straight into the store."""
    seeded = {
        "id": "thread_seeded",
        "object": "thread",
        "created_at": 1_700_000_000,
        "tool_resources": None,
        "metadata": None,
    }
    emu.store.insert(seeded)
    assert api.call("GET /threads/{thread_id}", thread_id="thread_seeded") == seeded


def test_lifecycle_default_is_polls() -> None:
    assert Lifecycle() == Lifecycle(mode="polls", polls_per_step=1)
