"""OpenAI-shaped errors: 401, 404, 400 (bodies and states), unknown routes, 405."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from psbridge.emulator import Emulator, Lifecycle
from tests.emulator.emulator_helpers import API_KEY, Api, assert_error, make_client

# -- authentication ---------------------------------------------------------


def test_missing_key_is_401(emu: Emulator) -> None:
    response = httpx.get(emu.base_url + "/assistants")
    error = assert_error(response, 401, "invalid_api_key")
    assert error["type"] == "invalid_request_error"
    assert "didn't provide an API key" in error["message"]


@pytest.mark.parametrize("header", ["Bearer", "Basic abc", "Token abc", "abc"])
def test_malformed_authorization_is_401(emu: Emulator, header: str) -> None:
    response = httpx.get(emu.base_url + "/assistants", headers={"Authorization": header})
    assert_error(response, 401, "invalid_api_key")


def test_any_key_accepted_without_configured_key(emu: Emulator) -> None:
    response = httpx.get(emu.base_url + "/assistants", headers={"Authorization": "Bearer whatever"})
    assert response.status_code == 200


def test_wrong_key_is_401_and_never_echoed(start_emulator: Callable[..., Emulator]) -> None:
    emu = start_emulator(api_key=API_KEY)
    wrong = "sk-wrong-secret-value-987654"
    response = httpx.get(emu.base_url + "/threads/x", headers={"Authorization": f"Bearer {wrong}"})
    error = assert_error(response, 401, "invalid_api_key")
    assert error["message"].startswith("Incorrect API key provided")
    assert wrong not in response.text and "secret" not in response.text
    short = httpx.get(emu.base_url + "/threads/x", headers={"Authorization": "Bearer abc"})
    assert "abc" not in assert_error(short, 401)["message"]
    with make_client(emu, API_KEY) as http:
        assert_error(http.get("threads/x"), 404)  # the right key gets past authentication


def test_auth_is_checked_before_routing(emu: Emulator) -> None:
    response = httpx.get(emu.base_url + "/no/such/route")
    assert_error(response, 401)


# -- not found ----------------------------------------------------------------


def test_unknown_ids_are_404_with_the_api_wording(api: Api) -> None:
    asst = api.assistant()
    thread = api.thread("x")
    run = api.run(thread["id"], asst["id"])
    tid, rid = thread["id"], run["id"]
    cases: list[tuple[str, dict[str, str], str]] = [
        (
            "GET /assistants/{assistant_id}",
            {"assistant_id": "asst_x"},
            "No assistant found with id 'asst_x'.",
        ),
        (
            "DELETE /assistants/{assistant_id}",
            {"assistant_id": "asst_x"},
            "No assistant found with id 'asst_x'.",
        ),
        ("GET /threads/{thread_id}", {"thread_id": "thread_x"}, "No thread found with id 'thread_x'."),
        ("DELETE /threads/{thread_id}", {"thread_id": "thread_x"}, "No thread found with id 'thread_x'."),
        (
            "GET /threads/{thread_id}/messages",
            {"thread_id": "thread_x"},
            "No thread found with id 'thread_x'.",
        ),
        (
            "GET /threads/{thread_id}/messages/{message_id}",
            {"thread_id": tid, "message_id": "msg_x"},
            "No message found with id 'msg_x'.",
        ),
        ("GET /threads/{thread_id}/runs", {"thread_id": "thread_x"}, "No thread found with id 'thread_x'."),
        (
            "GET /threads/{thread_id}/runs/{run_id}",
            {"thread_id": tid, "run_id": "run_x"},
            "No run found with id 'run_x'.",
        ),
        (
            "POST /threads/{thread_id}/runs/{run_id}/cancel",
            {"thread_id": tid, "run_id": "run_x"},
            "No run found with id 'run_x'.",
        ),
        (
            "GET /threads/{thread_id}/runs/{run_id}/steps/{step_id}",
            {"thread_id": tid, "run_id": rid, "step_id": "step_x"},
            "No run step found with id 'step_x'.",
        ),
    ]
    for operation, ids, message in cases:
        error = assert_error(api.send(operation, **ids), 404)
        assert error["message"] == message, operation
        assert error["type"] == "invalid_request_error"


def test_objects_are_scoped_to_their_thread(api: Api) -> None:
    one, two = api.thread("a"), api.thread("b")
    msg_id = api.call("GET /threads/{thread_id}/messages", thread_id=one["id"])["data"][0]["id"]
    response = api.send(
        "GET /threads/{thread_id}/messages/{message_id}", thread_id=two["id"], message_id=msg_id
    )
    assert_error(response, 404)


def test_run_with_unknown_assistant_is_404(api: Api) -> None:
    thread = api.thread()
    response = api.send(
        "POST /threads/{thread_id}/runs", json_body={"assistant_id": "asst_x"}, thread_id=thread["id"]
    )
    assert assert_error(response, 404)["message"] == "No assistant found with id 'asst_x'."
    response = api.send("POST /threads/runs", json_body={"assistant_id": "asst_x"})
    assert_error(response, 404)


def test_unknown_route_is_404_invalid_url(client: httpx.Client) -> None:
    error = assert_error(client.get("nothing/here"), 404)
    assert error["message"] == "Invalid URL (GET /v1/nothing/here)"
    assert_error(client.get("threads/t/unknown"), 404)
    assert_error(client.get(client.base_url.copy_with(path="/v2/threads")), 404)
    assert_error(client.get("threads/"), 404)  # an empty id is not an id


def test_wrong_method_is_405_with_allow(client: httpx.Client) -> None:
    response = client.put("threads")
    error = assert_error(response, 405)
    assert error["message"] == "Invalid method for URL (PUT /v1/threads)"
    assert response.headers["allow"] == "POST"
    assert_error(client.delete("threads/t/runs/r"), 405)
    assert_error(client.get("threads/t/runs/r/cancel"), 405)
    assert client.patch("assistants").headers["allow"] == "GET, POST"


def test_get_threads_runs_is_a_thread_lookup(client: httpx.Client) -> None:
    """``/threads/runs`` only means createThreadAndRun for POST, as on the hosted API."""
    error = assert_error(client.get("threads/runs"), 404)
    assert error["message"] == "No thread found with id 'runs'."


# -- invalid bodies -------------------------------------------------------------

BAD_BODIES: list[tuple[str, Any, str | None, str]] = [
    ("POST /assistants", {}, "model", "missing_required_parameter"),
    ("POST /assistants", {"model": 4}, "model", "invalid_type"),
    ("POST /assistants", {"model": "m", "name": "x" * 257}, "name", "string_above_max_length"),
    ("POST /assistants", {"model": "m", "temperature": 2.5}, "temperature", "decimal_above_max_value"),
    ("POST /assistants", {"model": "m", "top_p": "1"}, "top_p", "invalid_type"),
    ("POST /assistants", {"model": "m", "colour": "red"}, "colour", "unknown_parameter"),
    ("POST /assistants", {"model": "m", "tools": [{"type": "browser"}]}, "tools[0].type", "invalid_value"),
    (
        "POST /assistants",
        {"model": "m", "tools": [{"type": "function"}]},
        "tools[0].function",
        "missing_required_parameter",
    ),
    ("POST /assistants", {"model": "m", "reasoning_effort": "extreme"}, "reasoning_effort", "invalid_value"),
    ("POST /assistants", {"model": "m", "metadata": {"k": 1}}, "metadata.k", "invalid_type"),
    ("POST /assistants", {"model": "m", "metadata": {str(i): "v" for i in range(17)}}, "metadata", None),
    ("POST /assistants", {"model": "m", "response_format": "json"}, "response_format", None),
    (
        "POST /threads",
        {"messages": [{"role": "system", "content": "x"}]},
        "messages[0].role",
        "invalid_value",
    ),
    ("POST /threads", {"messages": [{"role": "user"}]}, "messages[0].content", "missing_required_parameter"),
    ("POST /threads", {"messages": [{"role": "user", "content": []}]}, "messages[0].content", None),
    (
        "POST /threads",
        {"messages": [{"role": "user", "content": "x", "x": 1}]},
        "messages[0].x",
        "unknown_parameter",
    ),
    ("POST /threads", {"tool_resources": {"file_search": {}}}, "tool_resources.file_search", None),
    ("POST /threads/{thread_id}/messages", {"role": "user", "content": 5}, "content", "invalid_type"),
    ("POST /threads/{thread_id}/messages", {"content": "x"}, "role", "missing_required_parameter"),
    ("POST /threads/{thread_id}/messages", {"role": "tool", "content": "x"}, "role", "invalid_value"),
    (
        "POST /threads/{thread_id}/messages",
        {"role": "user", "content": [{"type": "text"}]},
        "content[0].text",
        None,
    ),
    ("POST /threads/{thread_id}/runs", {}, "assistant_id", "missing_required_parameter"),
    (
        "POST /threads/{thread_id}/runs",
        {"assistant_id": "a", "max_prompt_tokens": 10},
        "max_prompt_tokens",
        None,
    ),
    ("POST /threads/{thread_id}/runs", {"assistant_id": "a", "tool_choice": "always"}, "tool_choice", None),
    ("POST /threads/{thread_id}/runs", {"assistant_id": "a", "stream": "yes"}, "stream", "invalid_type"),
    (
        "POST /threads/{thread_id}/runs",
        {"assistant_id": "a", "tools": [{"type": "code_interpreter"}] * 21},
        "tools",
        None,
    ),
    (
        "POST /threads/runs",
        {"assistant_id": "a", "reasoning_effort": "low"},
        "reasoning_effort",
        "unknown_parameter",
    ),
    (
        "POST /threads/runs",
        {"assistant_id": "a", "thread": {"messages": "hi"}},
        "thread.messages",
        "invalid_type",
    ),
    (
        "POST /threads/{thread_id}",
        {"tool_resources": {"code_interpreter": {"file_ids": ["f"] * 21}}},
        None,
        None,
    ),
    ("POST /threads/{thread_id}", {"name": "x"}, "name", "unknown_parameter"),
    ("POST /threads/{thread_id}/runs/{run_id}", {"status": "completed"}, "status", "unknown_parameter"),
    (
        "POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs",
        {},
        "tool_outputs",
        "missing_required_parameter",
    ),
]


@pytest.mark.parametrize(("operation", "body", "param", "code"), BAD_BODIES)
def test_invalid_bodies_are_400(
    manual_api: Api, operation: str, body: Any, param: str | None, code: str | None
) -> None:
    asst = manual_api.assistant()
    thread = manual_api.thread()
    run = manual_api.run(thread["id"], asst["id"])
    response = manual_api.send(operation, json_body=body, thread_id=thread["id"], run_id=run["id"])
    error = assert_error(response, 400, code)
    assert error["type"] == "invalid_request_error"
    if param is not None:
        assert error["param"] == param, error


def test_error_messages_follow_openai_wording(api: Api) -> None:
    error = assert_error(api.send("POST /assistants", json_body={}), 400)
    assert error["message"] == "Missing required parameter: 'model'."
    error = assert_error(api.send("POST /assistants", json_body={"model": "m", "x": 1}), 400)
    assert error["message"] == "Unknown parameter: 'x'."
    thread = api.thread()
    error = assert_error(
        api.send(
            "POST /threads/{thread_id}/messages",
            json_body={"role": "system", "content": "x"},
            thread_id=thread["id"],
        ),
        400,
    )
    assert error["message"] == "Invalid value: 'system'. Supported values are: 'user' and 'assistant'."
    error = assert_error(api.send("POST /assistants", json_body={"model": "m", "temperature": "hot"}), 400)
    assert (
        error["message"]
        == "Invalid type for 'temperature': expected a decimal or null, but got a string instead."
    )


def test_unparseable_and_non_object_bodies_are_400(client: httpx.Client) -> None:
    error = assert_error(
        client.post("assistants", content=b"{not json", headers={"content-type": "application/json"}), 400
    )
    assert "could not parse the JSON body" in error["message"]
    assert_error(client.post("assistants", json=["model"]), 400, "invalid_type")


def test_cancel_accepts_an_empty_json_body(api: Api, client: httpx.Client) -> None:
    """PowerShell 7 sends ``Content-Type: application/json`` with an empty body."""
    asst, thread = api.assistant(), api.thread("x")
    run = api.run(thread["id"], asst["id"])
    response = client.post(f"threads/{thread['id']}/runs/{run['id']}/cancel", content=b"")
    assert response.status_code == 200 and response.json()["status"] == "cancelling"


# -- invalid states -------------------------------------------------------------


def test_cancel_a_completed_run_is_400(manual_api: Api, manual_emu: Emulator) -> None:
    asst, thread = manual_api.assistant(), manual_api.thread("x")
    run = manual_api.run(thread["id"], asst["id"])
    manual_emu.advance(run["id"], to="completed")
    response = manual_api.send(
        "POST /threads/{thread_id}/runs/{run_id}/cancel", thread_id=thread["id"], run_id=run["id"]
    )
    assert assert_error(response, 400)["message"] == "Cannot cancel run with status 'completed'."


def test_cancel_twice_is_400(manual_api: Api) -> None:
    asst, thread = manual_api.assistant(), manual_api.thread("x")
    run = manual_api.run(thread["id"], asst["id"])
    manual_api.call(
        "POST /threads/{thread_id}/runs/{run_id}/cancel", thread_id=thread["id"], run_id=run["id"]
    )
    response = manual_api.send(
        "POST /threads/{thread_id}/runs/{run_id}/cancel", thread_id=thread["id"], run_id=run["id"]
    )
    assert assert_error(response, 400)["message"] == "Cannot cancel run with status 'cancelling'."


def test_submit_tool_outputs_outside_requires_action_is_400(manual_api: Api) -> None:
    asst, thread = manual_api.assistant(), manual_api.thread("x")
    run = manual_api.run(thread["id"], asst["id"])
    response = manual_api.send(
        "POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs",
        json_body={"tool_outputs": []},
        thread_id=thread["id"],
        run_id=run["id"],
    )
    assert assert_error(response, 400)["message"] == 'Runs in status "queued" do not accept tool outputs.'


def test_submit_tool_outputs_must_match_pending_calls(manual_api: Api, manual_emu: Emulator) -> None:
    tools = [{"type": "function", "function": {"name": n}} for n in ("a", "b")]
    asst, thread = manual_api.assistant(tools=tools), manual_api.thread("x")
    run = manual_api.run(thread["id"], asst["id"])
    manual_emu.advance(run["id"], to="requires_action")
    calls = manual_api.get_run(thread["id"], run["id"])["required_action"]["submit_tool_outputs"][
        "tool_calls"
    ]
    assert [c["function"]["name"] for c in calls] == ["a", "b"]
    ids = [c["id"] for c in calls]

    def submit(outputs: list[dict[str, str]]) -> httpx.Response:
        return manual_api.send(
            "POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs",
            json_body={"tool_outputs": outputs},
            thread_id=thread["id"],
            run_id=run["id"],
        )

    error = assert_error(submit([{"tool_call_id": ids[0], "output": "1"}]), 400)
    assert error["message"] == f"Expected tool outputs for call_ids ['{ids[1]}'], got ['{ids[0]}']."
    assert_error(submit([{"tool_call_id": "call_nope", "output": "1"}]), 400, "invalid_value")
    assert_error(submit([{"output": "1"}]), 400, "missing_required_parameter")
    assert_error(submit([{"tool_call_id": ids[0]}, {"tool_call_id": ids[0]}]), 400, "invalid_value")
    assert manual_api.get_run(thread["id"], run["id"])["status"] == "requires_action"
    response = submit([{"tool_call_id": ids[1], "output": "2"}, {"tool_call_id": ids[0], "output": "1"}])
    assert response.status_code == 200 and response.json()["status"] == "in_progress"


def test_one_active_run_per_thread(manual_api: Api, manual_emu: Emulator) -> None:
    asst, thread = manual_api.assistant(), manual_api.thread("x")
    run = manual_api.run(thread["id"], asst["id"])
    second = manual_api.send(
        "POST /threads/{thread_id}/runs", json_body={"assistant_id": asst["id"]}, thread_id=thread["id"]
    )
    assert (
        assert_error(second, 400)["message"]
        == f"Thread {thread['id']} already has an active run {run['id']}."
    )
    message = manual_api.send(
        "POST /threads/{thread_id}/messages",
        json_body={"role": "user", "content": "y"},
        thread_id=thread["id"],
    )
    assert assert_error(message, 400)["message"] == (
        f"Can't add messages to {thread['id']} while a run {run['id']} is active."
    )
    manual_emu.advance(run["id"], to="completed")
    manual_api.call(
        "POST /threads/{thread_id}/messages",
        json_body={"role": "user", "content": "y"},
        thread_id=thread["id"],
    )
    manual_api.run(thread["id"], asst["id"])


def test_include_values_are_validated(api: Api) -> None:
    asst, thread = api.assistant(), api.thread("x")
    response = api.send(
        "POST /threads/{thread_id}/runs",
        json_body={"assistant_id": asst["id"]},
        params={"include[]": "everything"},
        thread_id=thread["id"],
    )
    assert assert_error(response, 400, "invalid_value")["param"] == "include[]"


def test_every_response_has_the_standard_headers(
    client: httpx.Client, start_emulator: Callable[..., Emulator]
) -> None:
    for response in (
        client.get("assistants"),
        client.get("threads/none"),
        client.post("assistants", json={}),
    ):
        assert response.headers["x-request-id"].startswith("req_")
        assert int(response.headers["openai-processing-ms"]) >= 0
        assert response.headers["content-type"] == "application/json"
    ids = {client.get("assistants").headers["x-request-id"] for _ in range(5)}
    assert len(ids) == 5
    emu = start_emulator(lifecycle=Lifecycle(mode="manual"), poll_after_ms=25)
    with make_client(emu) as http:
        api = Api(http)
        asst, thread = api.assistant(), api.thread()
        run = api.run(thread["id"], asst["id"])
        response = api.send(
            "GET /threads/{thread_id}/runs/{run_id}", thread_id=thread["id"], run_id=run["id"]
        )
        assert response.headers["openai-poll-after-ms"] == "25"
        assert "openai-poll-after-ms" not in http.get("assistants").headers
    assert "openai-poll-after-ms" not in client.get("assistants").headers
