"""Chat completions on the emulator: the echo model's rules, streams, stored completions.

Every request and answer is checked against OpenAI's published description
(tests/openapi_schemas.py).
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from psbridge.emulator import Emulator
from tests.emulator.emulator_helpers import assert_error
from tests.openapi_schemas import assert_valid, checked, component

WEATHER = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Weather of a city on a date",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string"},
                "date": {"type": "string", "format": "date"},
                "days": {"type": "integer", "minimum": 2},
            },
            "required": ["city", "date"],
        },
    },
}


def chat(client: httpx.Client, **body: Any) -> Any:
    body.setdefault("model", "gpt-4o-mini")
    return checked(client, "POST", "/chat/completions", json_body=body)


def user(text: str) -> dict[str, Any]:
    return {"role": "user", "content": text}


def test_the_answer_echoes_the_last_user_message(client: httpx.Client) -> None:
    result = chat(client, messages=[{"role": "system", "content": "Be brief."}, user("first"), user("Hello there")])
    choice = result["choices"][0]
    assert choice["message"]["content"] == "Echo: Hello there"
    assert choice["finish_reason"] == "stop"
    assert result["model"] == "gpt-4o-mini"
    assert result["usage"]["total_tokens"] == result["usage"]["prompt_tokens"] + result["usage"]["completion_tokens"]


def test_text_parts_count_as_the_message_text(client: httpx.Client) -> None:
    parts = [
        {"type": "text", "text": "What is in "},
        {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}},
        {"type": "text", "text": "this?"},
    ]
    result = chat(client, messages=[{"role": "user", "content": parts}])
    assert result["choices"][0]["message"]["content"] == "Echo: What is in this?"


def test_n_gives_that_many_choices(client: httpx.Client) -> None:
    result = chat(client, messages=[user("hi")], n=3)
    assert [c["index"] for c in result["choices"]] == [0, 1, 2]


def test_a_token_limit_cuts_the_answer_with_length(client: httpx.Client) -> None:
    result = chat(client, messages=[user("one two three four five")], max_completion_tokens=3)
    choice = result["choices"][0]
    assert choice["message"]["content"] == "Echo: one two"
    assert choice["finish_reason"] == "length"


def test_refuse_marker_gives_a_refusal(client: httpx.Client) -> None:
    message = chat(client, messages=[user("please [refuse] this")])["choices"][0]["message"]
    assert message["content"] is None and message["refusal"]


def test_function_tools_make_one_call_with_arguments_from_the_schema(client: httpx.Client) -> None:
    result = chat(client, messages=[user("What is the weather?")], tools=[WEATHER])
    choice = result["choices"][0]
    assert choice["finish_reason"] == "tool_calls"
    (call,) = choice["message"]["tool_calls"]
    assert call["function"]["name"] == "get_weather"
    assert json.loads(call["function"]["arguments"]) == {"city": "echo", "date": "2024-01-01"}


def test_arguments_written_in_the_message_are_used(client: httpx.Client) -> None:
    result = chat(client, messages=[user('Weather please {"city": "Paris", "date": "2023-06-01"}')], tools=[WEATHER])
    call = result["choices"][0]["message"]["tool_calls"][0]
    assert json.loads(call["function"]["arguments"]) == {"city": "Paris", "date": "2023-06-01"}


def test_the_named_function_is_called(client: httpx.Client) -> None:
    other = {"type": "function", "function": {"name": "get_time", "parameters": {"type": "object", "properties": {}}}}
    result = chat(client, messages=[user("call get_weather now")], tools=[other, WEATHER])
    assert result["choices"][0]["message"]["tool_calls"][0]["function"]["name"] == "get_weather"
    forced = chat(
        client,
        messages=[user("anything")],
        tools=[other, WEATHER],
        tool_choice={"type": "function", "function": {"name": "get_time"}},
    )
    assert forced["choices"][0]["message"]["tool_calls"][0]["function"]["name"] == "get_time"
    none = chat(client, messages=[user("get_weather")], tools=[WEATHER], tool_choice="none")
    assert none["choices"][0]["message"]["content"] == "Echo: get_weather"


def test_tool_results_end_the_loop_with_an_answer(client: httpx.Client) -> None:
    first = chat(client, messages=[user("weather?")], tools=[WEATHER])
    assistant = first["choices"][0]["message"]
    call_id = assistant["tool_calls"][0]["id"]
    history = [user("weather?"), {"role": "assistant", "content": None, "tool_calls": assistant["tool_calls"]}]
    history.append({"role": "tool", "tool_call_id": call_id, "content": "Sunny"})
    second = chat(client, messages=history, tools=[WEATHER])
    assert second["choices"][0]["message"]["content"] == "Echo: weather?\nTool output (get_weather): Sunny"


def test_json_schema_format_answers_an_instance_of_the_schema(client: httpx.Client) -> None:
    schema = {
        "type": "object",
        "properties": {"steps": {"type": "array", "items": {"type": "string"}}, "answer": {"type": "string"}},
        "required": ["steps", "answer"],
        "additionalProperties": False,
    }
    result = chat(
        client,
        messages=[user("9.11 or 9.9?")],
        response_format={"type": "json_schema", "json_schema": {"name": "reasoning", "strict": True, "schema": schema}},
    )
    answer = json.loads(result["choices"][0]["message"]["content"])
    assert answer == {"steps": ["Echo: 9.11 or 9.9?"], "answer": "Echo: 9.11 or 9.9?"}
    as_object = chat(client, messages=[user("x")], response_format={"type": "json_object"})
    assert json.loads(as_object["choices"][0]["message"]["content"]) == {"echo": "Echo: x"}


def test_json_schema_with_definitions_follows_refs_anyof_and_described_examples(client: httpx.Client) -> None:
    # The shape NJsonSchema gives PSOpenAI for a class: nested classes under definitions, nullable
    # references as anyOf, a date-time whose format became a description with an example.
    node = {"type": "object", "additionalProperties": False, "required": ["Label", "Next"],
            "properties": {"Label": {"type": ["null", "string"]},
                           "Next": {"anyOf": [{"type": "null"}, {"$ref": "#/definitions/Node"}]}}}  # fmt: skip
    schema = {
        "type": "object",
        "additionalProperties": False,
        "required": ["When", "Kind", "Items", "Root"],
        "properties": {
            "When": {"type": "string", "description": 'Date-time text. For example, "2018-11-13T08:20:39"'},
            "Kind": {"$ref": "#/definitions/Kind"},
            "Items": {"type": ["array", "null"], "items": {"$ref": "#/definitions/Node"}},
            "Root": {"anyOf": [{"type": "null"}, {"$ref": "#/definitions/Node"}]},
        },
        "definitions": {"Kind": {"type": "string", "enum": ["Small", "Large"]}, "Node": node},
    }
    result = chat(
        client,
        messages=[user("shape")],
        response_format={"type": "json_schema", "json_schema": {"name": "Shape", "strict": True, "schema": schema}},
    )
    answer = json.loads(result["choices"][0]["message"]["content"])
    assert answer["When"] == "2018-11-13T08:20:39" and answer["Kind"] == "Small"
    assert answer["Items"][0]["Label"] == "Echo: shape"
    depth, current = 0, answer["Root"]
    while current is not None:  # a type that contains itself ends in null
        depth, current = depth + 1, current["Next"]
    assert 1 <= depth <= 16


def test_a_stream_delivers_the_same_text_in_chunks(client: httpx.Client) -> None:
    events = chat(client, messages=[user("Hello streaming world")], stream=True, stream_options={"include_usage": True})
    assert events[0]["choices"][0]["delta"]["role"] == "assistant"
    pieces = [
        e["choices"][0]["delta"].get("content")
        for e in events[1:]
        if e["choices"] and e["choices"][0]["delta"].get("content")
    ]
    assert len(pieces) >= 3 and "".join(pieces) == "Echo: Hello streaming world"
    assert events[-2]["choices"][0]["finish_reason"] == "stop"
    assert events[-1]["choices"] == [] and events[-1]["usage"]["completion_tokens"] == 4
    assert len({e["id"] for e in events}) == 1


def test_a_streamed_tool_call_arrives_in_pieces(client: httpx.Client) -> None:
    events = chat(client, messages=[user("weather?")], tools=[WEATHER], stream=True)
    calls = [e["choices"][0]["delta"]["tool_calls"][0] for e in events if e["choices"][0]["delta"].get("tool_calls")]
    assert calls[0]["function"]["name"] == "get_weather" and calls[0]["id"].startswith("call_")
    assert json.loads("".join(c["function"]["arguments"] for c in calls)) == {"city": "echo", "date": "2024-01-01"}
    assert events[-1]["choices"][0]["finish_reason"] == "tool_calls"


def test_stored_completions_can_be_listed_read_updated_and_deleted(client: httpx.Client) -> None:
    kept = chat(
        client, messages=[{"role": "system", "content": "sys"}, user("keep me")], store=True, metadata={"k": "v"}
    )
    chat(client, messages=[user("not kept")])
    listed = checked(client, "GET", "/chat/completions", params={"limit": 10})
    assert [c["id"] for c in listed["data"]] == [kept["id"]]
    assert checked(client, "GET", "/chat/completions/{completion_id}", completion_id=kept["id"])["metadata"] == {
        "k": "v"
    }
    by_metadata = checked(client, "GET", "/chat/completions", params={"metadata[k]": "other"})
    assert by_metadata["data"] == []
    updated = checked(
        client,
        "POST",
        "/chat/completions/{completion_id}",
        json_body={"metadata": {"a": "b"}},
        completion_id=kept["id"],
    )
    assert updated["metadata"] == {"a": "b"}
    messages = client.get(f"chat/completions/{kept['id']}/messages").json()
    assert [(m["role"], m["content"]) for m in messages["data"]] == [("system", "sys"), ("user", "keep me")]
    # The description only allows role "assistant" in this list; the API (and its own example) list
    # the request's messages: every other property must fit.
    for item in messages["data"]:
        assert_valid(component("ChatCompletionResponseMessage"), {**item, "role": "assistant"})
    deleted = checked(client, "DELETE", "/chat/completions/{completion_id}", completion_id=kept["id"])
    assert deleted == {"object": "chat.completion.deleted", "id": kept["id"], "deleted": True}
    assert_error(client.get(f"chat/completions/{kept['id']}"), 404)


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"messages": [{"role": "user", "content": "x"}]}, "model"),
        ({"model": "m"}, "messages"),
        ({"model": "m", "messages": []}, "messages"),
        ({"model": "m", "messages": [{"role": "robot", "content": "x"}]}, "messages[0].role"),
        ({"model": "m", "messages": [{"role": "tool", "content": "x"}]}, "messages[0].tool_call_id"),
    ],
)
def test_bad_requests_are_400_with_the_parameter(client: httpx.Client, body: dict[str, Any], param: str) -> None:
    assert assert_error(client.post("chat/completions", json=body), 400)["param"] == param


def test_unknown_stored_completion_is_404(emu: Emulator, client: httpx.Client) -> None:
    error = assert_error(client.get("chat/completions/chatcmpl-nope"), 404)
    assert "chatcmpl-nope" in error["message"]
