"""Responses and conversations on the emulator, both sides checked against OpenAI's description."""

from __future__ import annotations

import json
from typing import Any

import httpx

from tests.emulator.emulator_helpers import assert_error
from tests.openapi_schemas import assert_valid, checked, component, sse_payloads

WEATHER = {
    "type": "function",
    "name": "get_weather",
    "strict": False,
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
}


def respond(client: httpx.Client, **body: Any) -> Any:
    body.setdefault("model", "gpt-4o-mini")
    return checked(client, "POST", "/responses", json_body=body)


def output_text(response: dict[str, Any]) -> str:
    return "".join(
        part["text"]
        for item in response["output"]
        if item["type"] == "message"
        for part in item["content"]
        if part["type"] == "output_text"
    )


def test_a_response_echoes_the_input(client: httpx.Client) -> None:
    response = respond(client, input="Explain quantum physics in simple terms.", instructions="Be brief.")
    assert response["status"] == "completed" and response["object"] == "response"
    assert output_text(response) == "Echo: Explain quantum physics in simple terms."
    assert response["instructions"] == "Be brief." and response["store"] is True
    items = checked(client, "GET", "/responses/{response_id}/input_items", response_id=response["id"])
    assert [(i["type"], i["role"]) for i in items["data"]] == [("message", "user")]
    again = checked(client, "GET", "/responses/{response_id}", response_id=response["id"])
    assert again["output"] == response["output"]


def test_previous_response_id_continues(client: httpx.Client) -> None:
    first = respond(client, input=[{"role": "user", "content": "Hello."}])
    second = respond(client, input="Can you assist me?", previous_response_id=first["id"])
    assert second["previous_response_id"] == first["id"]
    assert output_text(second) == "Echo: Can you assist me?"
    assert second["usage"]["input_tokens"] > first["usage"]["input_tokens"]


def test_not_stored_responses_cannot_be_read_or_continued(client: httpx.Client) -> None:
    response = respond(client, input="secret", store=False)
    assert response["store"] is False
    assert_error(client.get(f"responses/{response['id']}"), 404)
    assert_error(
        client.post("responses", json={"model": "m", "input": "x", "previous_response_id": response["id"]}), 404
    )


def test_function_calls_and_their_outputs(client: httpx.Client) -> None:
    first = respond(client, input='weather in Paris? {"city": "Paris"}', tools=[WEATHER])
    (call,) = first["output"]
    assert call["type"] == "function_call" and json.loads(call["arguments"]) == {"city": "Paris"}
    second = respond(
        client,
        previous_response_id=first["id"],
        tools=[WEATHER],
        input=[{"type": "function_call_output", "call_id": call["call_id"], "output": "Sunny"}],
    )
    assert output_text(second).endswith("Tool output (get_weather): Sunny")


def test_structured_output_and_token_limit(client: httpx.Client) -> None:
    schema = {
        "type": "object",
        "properties": {"answer": {"type": "string"}},
        "required": ["answer"],
        "additionalProperties": False,
    }
    fmt = {"format": {"type": "json_schema", "name": "r", "schema": schema, "strict": True}}
    response = respond(client, input="9.11 or 9.9?", text=fmt)
    assert json.loads(output_text(response)) == {"answer": "Echo: 9.11 or 9.9?"}
    words = " ".join(f"w{n}" for n in range(30))
    cut = respond(client, input=words, max_output_tokens=16)
    assert cut["status"] == "incomplete" and cut["incomplete_details"] == {"reason": "max_output_tokens"}
    assert output_text(cut) == "Echo: " + " ".join(f"w{n}" for n in range(15))


def test_a_stream_has_the_api_events_in_order(client: httpx.Client) -> None:
    events = respond(client, input="Hello there", stream=True)
    kinds = [e["type"] for e in events]
    assert kinds[:4] == [
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.content_part.added",
    ]
    assert kinds[-1] == "response.completed"
    assert [e["sequence_number"] for e in events] == list(range(len(events)))
    deltas = [e["delta"] for e in events if e["type"] == "response.output_text.delta"]
    assert "".join(deltas) == "Echo: Hello there" and len(deltas) == 3


def test_background_responses_advance_when_looked_at_and_can_be_cancelled(client: httpx.Client) -> None:
    queued = respond(client, input="slow job", background=True)
    assert queued["status"] == "queued" and queued["output"] == []
    statuses = [
        checked(client, "GET", "/responses/{response_id}", response_id=queued["id"])["status"] for _ in range(3)
    ]
    assert statuses == ["queued", "in_progress", "completed"]
    other = respond(client, input="cancel me", background=True)
    cancelled = checked(client, "POST", "/responses/{response_id}/cancel", response_id=other["id"])
    assert cancelled["status"] == "cancelled"
    assert checked(client, "GET", "/responses/{response_id}", response_id=other["id"])["status"] == "cancelled"
    assert_error(client.post("responses", json={"model": "m", "input": "x", "background": True, "store": False}), 400)


def test_streaming_a_stored_response_again(client: httpx.Client) -> None:
    response = respond(client, input="replay me")
    # The description declares no event stream for GET; each event must still be a ResponseStreamEvent.
    replay = client.get(f"responses/{response['id']}", params={"stream": "true", "starting_after": "2"})
    events = sse_payloads(replay.text)
    for event in events:
        assert_valid(component("ResponseStreamEvent"), event)
    assert events[0]["sequence_number"] == 3 and events[-1]["type"] == "response.completed"


def test_delete_response(client: httpx.Client) -> None:
    response = respond(client, input="x")
    deleted = client.delete(f"responses/{response['id']}").json()
    assert deleted == {"id": response["id"], "object": "response.deleted", "deleted": True}
    assert_error(client.get(f"responses/{response['id']}"), 404)


def test_compaction_keeps_user_messages_and_a_compaction_item(client: httpx.Client) -> None:
    first = respond(client, input="Summarize our checklist.")
    compacted = checked(
        client,
        "POST",
        "/responses/compact",
        json_body={"model": "gpt-4o-mini", "previous_response_id": first["id"], "input": "and more"},
    )
    kinds = [item["type"] for item in compacted["output"]]
    assert kinds == ["message", "message", "compaction"]
    assert compacted["object"] == "response.compaction"


def test_conversations_hold_items_and_responses_add_to_them(client: httpx.Client) -> None:
    conversation = checked(
        client,
        "POST",
        "/conversations",
        json_body={"metadata": {"topic": "demo"}, "items": [{"type": "message", "role": "user", "content": "Hello!"}]},
    )
    cid = conversation["id"]
    assert cid.startswith("conv_") and conversation["metadata"] == {"topic": "demo"}
    added = checked(
        client,
        "POST",
        "/conversations/{conversation_id}/items",
        json_body={"items": [{"type": "message", "role": "user", "content": "More"}]},
        conversation_id=cid,
    )
    assert len(added["data"]) == 1
    response = respond(client, input="What did I say?", conversation=cid)
    assert response["conversation"] == {"id": cid}
    items = checked(
        client, "GET", "/conversations/{conversation_id}/items", params={"order": "asc"}, conversation_id=cid
    )
    assert [i.get("role") for i in items["data"]] == ["user", "user", "user", "assistant"]
    first = items["data"][0]
    one = checked(
        client, "GET", "/conversations/{conversation_id}/items/{item_id}", conversation_id=cid, item_id=first["id"]
    )
    assert one == first
    after_delete = checked(
        client, "DELETE", "/conversations/{conversation_id}/items/{item_id}", conversation_id=cid, item_id=first["id"]
    )
    assert after_delete["id"] == cid
    updated = checked(
        client, "POST", "/conversations/{conversation_id}", json_body={"metadata": {"a": "b"}}, conversation_id=cid
    )
    assert updated["metadata"] == {"a": "b"}
    deleted = checked(client, "DELETE", "/conversations/{conversation_id}", conversation_id=cid)
    assert deleted == {"id": cid, "object": "conversation.deleted", "deleted": True}
    assert_error(client.get(f"conversations/{cid}"), 404)
    assert_error(client.post("responses", json={"model": "m", "input": "x", "conversation": "conv_nope"}), 404)


def test_conversation_items_are_limited_to_20(client: httpx.Client) -> None:
    too_many = [{"type": "message", "role": "user", "content": "x"}] * 21
    assert assert_error(client.post("conversations", json={"items": too_many}), 400)["param"] == "items"


def test_response_items_validate_as_conversation_items(client: httpx.Client) -> None:
    response = respond(client, input="x", tools=[WEATHER])
    for item in response["output"]:
        assert_valid(component("ConversationItem"), item)
