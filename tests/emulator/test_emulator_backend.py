"""``--backend``: Assistants runs answered by a chat-completions model (a loopback fake here)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from psbridge.emulator import Emulator
from psbridge.emulator.backend import BackendConfig
from tests.emulator.emulator_helpers import Api, make_client
from tests.emulator.fake_backend import FakeBackend, Turn
from tests.emulator.test_emulator_streaming import check_payloads, read_events

BACKEND_KEY = "sk-backend-secret-0123456789"
WEATHER_TOOL = {
    "type": "function",
    "function": {"name": "get_weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}},
}


@pytest.fixture
def start(start_emulator: Callable[..., Emulator], backend: FakeBackend) -> Iterator[Callable[..., Api]]:
    clients: list[httpx.Client] = []

    def make(timeout: float = 5.0, **options: Any) -> Api:
        config = BackendConfig(backend.url, api_key=BACKEND_KEY, timeout=timeout, models={"gpt-4o": "llama3"})
        emu = start_emulator(backend=config, **options)
        clients.append(make_client(emu))
        return Api(clients[-1])

    yield make
    for client in clients:
        client.close()


def wait_for(api: Api, thread_id: str, run_id: str, *statuses: str, limit: float = 10.0) -> dict[str, Any]:
    deadline = time.monotonic() + limit
    while True:
        run = api.get_run(thread_id, run_id)
        if run["status"] in statuses or time.monotonic() > deadline:
            assert run["status"] in statuses, run
            return run
        time.sleep(0.01)


def messages(api: Api, thread_id: str) -> list[dict[str, Any]]:
    page = api.call("GET /threads/{thread_id}/messages", params={"order": "asc"}, thread_id=thread_id)
    return page["data"]  # type: ignore[no-any-return]


def test_a_run_sends_instructions_messages_and_overrides(start: Callable[..., Api], backend: FakeBackend) -> None:
    api = start()
    asst = api.assistant(instructions="Be brief.", temperature=0.5)
    thread = api.thread("first question")
    api.call(
        "POST /threads/{thread_id}/messages", json_body={"role": "user", "content": "second"}, thread_id=thread["id"]
    )
    run = api.run(thread["id"], asst["id"], additional_instructions="Use French.", top_p=0.3, max_completion_tokens=300)
    done = wait_for(api, thread["id"], run["id"], "completed")
    (sent,) = backend.requests
    assert sent["model"] == "llama3"  # mapped
    assert sent["messages"] == [
        {"role": "system", "content": "Be brief.\nUse French."},
        {"role": "user", "content": "first question"},
        {"role": "user", "content": "second"},
    ]
    assert (sent["temperature"], sent["top_p"], sent["max_tokens"]) == (0.5, 0.3, 300)
    assert "tools" not in sent
    assert backend.headers[0]["authorization"] == f"Bearer {BACKEND_KEY}"
    reply = messages(api, thread["id"])[-1]
    assert reply["role"] == "assistant" and reply["run_id"] == run["id"]
    assert reply["content"][0]["text"]["value"] == "Model: second"
    assert done["usage"] == {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18}
    assert done["model"] == "gpt-4o"  # the run reports the name the client used
    steps = api.call("GET /threads/{thread_id}/runs/{run_id}/steps", thread_id=thread["id"], run_id=run["id"])
    assert [s["type"] for s in steps["data"]] == ["message_creation"]


def test_the_thread_history_and_truncation(start: Callable[..., Api], backend: FakeBackend) -> None:
    api = start()
    asst = api.assistant()
    thread = api.thread("one", "two", "three")
    run = api.run(thread["id"], asst["id"], truncation_strategy={"type": "last_messages", "last_messages": 2})
    wait_for(api, thread["id"], run["id"], "completed")
    run2 = api.run(thread["id"], asst["id"], instructions="Override.")
    wait_for(api, thread["id"], run2["id"], "completed")
    first, second = backend.requests
    assert [m["content"] for m in first["messages"]] == ["two", "three"]
    assert second["messages"][0] == {"role": "system", "content": "Override."}
    assert second["messages"][-1] == {"role": "assistant", "content": "Model: three"}


def test_function_calls_become_requires_action_and_outputs_go_back(
    start: Callable[..., Api], backend: FakeBackend
) -> None:
    api = start()
    asst = api.assistant(tools=[WEATHER_TOOL])
    thread = api.thread("weather in Paris?")
    backend.will(Turn(calls=[("get_weather", '{"city": "Paris"}')]), Turn(text="It is sunny in Paris."))
    run = api.run(thread["id"], asst["id"])
    waiting = wait_for(api, thread["id"], run["id"], "requires_action")
    (call,) = waiting["required_action"]["submit_tool_outputs"]["tool_calls"]
    assert call == {
        "id": "call_fake0",
        "type": "function",
        "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
    }
    assert backend.requests[0]["tools"] == [WEATHER_TOOL] and backend.requests[0]["tool_choice"] == "auto"
    api.call(
        "POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs",
        json_body={"tool_outputs": [{"tool_call_id": "call_fake0", "output": "22C sunny"}]},
        thread_id=thread["id"],
        run_id=run["id"],
    )
    done = wait_for(api, thread["id"], run["id"], "completed")
    assert backend.requests[1]["messages"][-2:] == [
        {"role": "assistant", "content": None, "tool_calls": [call]},
        {"role": "tool", "tool_call_id": "call_fake0", "content": "22C sunny"},
    ]
    assert messages(api, thread["id"])[-1]["content"][0]["text"]["value"] == "It is sunny in Paris."
    assert done["usage"]["total_tokens"] == 36  # both turns
    steps = api.call(
        "GET /threads/{thread_id}/runs/{run_id}/steps",
        params={"order": "asc"},
        thread_id=thread["id"],
        run_id=run["id"],
    )
    tool_step, message_step = steps["data"]
    assert tool_step["step_details"]["tool_calls"][0]["function"]["output"] == "22C sunny"
    assert tool_step["status"] == "completed" and message_step["type"] == "message_creation"


def test_streamed_run_relays_the_models_tokens(start: Callable[..., Api], backend: FakeBackend) -> None:
    api = start()
    asst = api.assistant()
    thread = api.thread("hi")
    backend.will(Turn(text="one two three four"))
    response = api.send(
        "POST /threads/{thread_id}/runs", json_body={"assistant_id": asst["id"], "stream": True}, thread_id=thread["id"]
    )
    events = read_events(response)
    check_payloads(events)
    names = [name for name, _ in events]
    deltas = [data["delta"]["content"][0]["text"]["value"] for name, data in events if name == "thread.message.delta"]
    assert deltas == ["one", " two", " three", " four"]
    assert names[:3] == ["thread.run.created", "thread.run.queued", "thread.run.in_progress"]
    assert names[-4:] == ["thread.message.completed", "thread.run.step.completed", "thread.run.completed", "done"]
    assert backend.requests[0]["stream"] is True and backend.requests[0]["stream_options"] == {"include_usage": True}
    completed = dict(events)["thread.run.completed"]
    assert completed["usage"]["total_tokens"] == 18
    assert api.get_run(thread["id"], completed["id"])["status"] == "completed"


def test_streamed_tool_calls_then_streamed_submit(start: Callable[..., Api], backend: FakeBackend) -> None:
    api = start()
    asst = api.assistant(tools=[WEATHER_TOOL])
    thread = api.thread("weather?")
    backend.will(Turn(calls=[("get_weather", '{"city": "Oslo"}')]), Turn(text="Cold."))
    events = read_events(
        api.send(
            "POST /threads/{thread_id}/runs",
            json_body={"assistant_id": asst["id"], "stream": True},
            thread_id=thread["id"],
        )
    )
    check_payloads(events)
    waiting = dict(events)["thread.run.requires_action"]
    (call,) = waiting["required_action"]["submit_tool_outputs"]["tool_calls"]
    assert call["function"] == {"name": "get_weather", "arguments": '{"city": "Oslo"}'}  # reassembled
    events = read_events(
        api.send(
            "POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs",
            json_body={"tool_outputs": [{"tool_call_id": call["id"], "output": "-5C"}], "stream": True},
            thread_id=thread["id"],
            run_id=waiting["id"],
        )
    )
    names = [name for name, _ in events]
    assert names[0] == "thread.run.step.completed" and "thread.run.completed" in names and names[-1] == "done"


@pytest.mark.parametrize(
    ("turn", "code", "fragment"),
    [
        (Turn(status=429, error="Rate limit reached"), "rate_limit_exceeded", "429"),
        (Turn(status=500, error="boom"), "server_error", "500"),
        (Turn(status=400, error="context too long"), "invalid_prompt", "context too long"),
        (Turn(raw=b"<html>not json</html>"), "server_error", "not JSON"),
        (Turn(delay=1.5), "server_error", "within 0.5 seconds"),
        (Turn(status=401, error=f"Incorrect API key provided: {BACKEND_KEY}"), "server_error", "401"),
    ],
)
def test_backend_failures_become_the_runs_last_error(
    start: Callable[..., Api], backend: FakeBackend, turn: Turn, code: str, fragment: str
) -> None:
    api = start(timeout=0.5)
    asst = api.assistant()
    thread = api.thread("hello")
    backend.will(turn)
    started = time.monotonic()
    run = api.run(thread["id"], asst["id"])
    failed = wait_for(api, thread["id"], run["id"], "failed")
    assert time.monotonic() - started < 5  # nothing hangs
    assert failed["last_error"]["code"] == code and fragment in failed["last_error"]["message"]
    assert BACKEND_KEY not in json.dumps(failed)
    assert failed["failed_at"] is not None and failed["usage"] is None
    assert [m["role"] for m in messages(api, thread["id"])] == ["user"]


def test_an_unreachable_backend_fails_the_run(start_emulator: Callable[..., Emulator]) -> None:
    gone = FakeBackend()
    gone.close()
    emu = start_emulator(backend=BackendConfig(gone.url, timeout=2))
    with make_client(emu) as client:
        api = Api(client)
        thread = api.thread("hi")
        run = api.run(thread["id"], api.assistant()["id"])
        failed = wait_for(api, thread["id"], run["id"], "failed")
    assert failed["last_error"]["code"] == "server_error" and "failed" in failed["last_error"]["message"]


def test_streamed_backend_error_ends_the_stream_with_the_failure(
    start: Callable[..., Api], backend: FakeBackend
) -> None:
    api = start()
    asst = api.assistant()
    thread = api.thread("hi")
    backend.will(Turn(status=429, error="slow down"))
    events = read_events(
        api.send(
            "POST /threads/{thread_id}/runs",
            json_body={"assistant_id": asst["id"], "stream": True},
            thread_id=thread["id"],
        )
    )
    failed = dict(events)["thread.run.failed"]
    assert failed["last_error"]["code"] == "rate_limit_exceeded" and events[-1][0] == "done"


def test_code_interpreter_fails_the_run_clearly(start: Callable[..., Api], backend: FakeBackend) -> None:
    api = start()
    asst = api.assistant(tools=[{"type": "code_interpreter"}])
    thread = api.thread("plot it")
    run = api.run(thread["id"], asst["id"])
    failed = wait_for(api, thread["id"], run["id"], "failed")
    assert "code_interpreter" in failed["last_error"]["message"] and failed["last_error"]["code"] == "server_error"
    assert backend.requests == []


def test_cancel_while_the_model_thinks_wins(start: Callable[..., Api], backend: FakeBackend) -> None:
    api = start()
    asst = api.assistant()
    thread = api.thread("take your time")
    backend.will(Turn(text="too late", delay=0.5))
    run = api.run(thread["id"], asst["id"])
    wait_for(api, thread["id"], run["id"], "in_progress")
    cancelling = api.call("POST /threads/{thread_id}/runs/{run_id}/cancel", thread_id=thread["id"], run_id=run["id"])
    assert cancelling["status"] == "cancelling"
    done = wait_for(api, thread["id"], run["id"], "cancelled")
    assert done["cancelled_at"] is not None
    assert [m["role"] for m in messages(api, thread["id"])] == ["user"]


def test_cut_short_by_max_tokens_is_incomplete(start: Callable[..., Api], backend: FakeBackend) -> None:
    api = start()
    asst = api.assistant()
    thread = api.thread("long story")
    backend.will(Turn(text="Once upon", finish_reason="length"))
    run = api.run(thread["id"], asst["id"])
    done = wait_for(api, thread["id"], run["id"], "incomplete")
    assert done["incomplete_details"] == {"reason": "max_completion_tokens"}
    reply = messages(api, thread["id"])[-1]
    assert reply["status"] == "incomplete" and reply["content"][0]["text"]["value"] == "Once upon"


def test_runs_on_many_threads_at_once(start: Callable[..., Api], backend: FakeBackend) -> None:
    api = start(run_workers=3)
    asst = api.assistant()
    runs = []
    for index in range(6):
        thread = api.thread(f"question {index}")
        backend.will(Turn(text=f"answer {index}", delay=0.05))
        runs.append((thread["id"], api.run(thread["id"], asst["id"])["id"]))
    for thread_id, run_id in runs:
        wait_for(api, thread_id, run_id, "completed")
    answers = sorted(messages(api, t)[-1]["content"][0]["text"]["value"] for t, _ in runs)
    assert answers == sorted(f"answer {i}" for i in range(6))


# -- chat completions, responses and completions go to the same backend ------------------


def test_chat_completions_are_answered_by_the_backend(start: Callable[..., Api], backend: FakeBackend) -> None:
    api = start()
    client = api.client
    response = client.post(
        "chat/completions",
        json={
            "model": "gpt-4o",
            "messages": [{"role": "developer", "content": "Be kind."}, {"role": "user", "content": "hi"}],
        },
    )
    assert response.status_code == 200, response.text
    assert response.json()["choices"][0]["message"]["content"] == "Model: hi"
    sent = backend.requests[-1]
    assert sent["model"] == "llama3" and sent["messages"] == [
        {"role": "system", "content": "Be kind."},
        {"role": "user", "content": "hi"},
    ]
    backend.will(Turn(calls=[("get_weather", '{"city": "Rome"}')]))
    called = client.post(
        "chat/completions",
        json={"model": "gpt-4o", "messages": [{"role": "user", "content": "weather"}], "tools": [WEATHER_TOOL]},
    ).json()
    (call,) = called["choices"][0]["message"]["tool_calls"]
    assert call["function"] == {"name": "get_weather", "arguments": '{"city": "Rome"}'}
    assert backend.requests[-1]["tools"][0]["function"]["name"] == "get_weather"
    backend.will(Turn(status=429, error="slow down"))
    limited = client.post("chat/completions", json={"model": "gpt-4o", "messages": [{"role": "user", "content": "x"}]})
    assert limited.status_code == 429 and limited.json()["error"]["code"] == "rate_limit_exceeded"


def test_responses_and_completions_are_answered_by_the_backend(start: Callable[..., Api], backend: FakeBackend) -> None:
    api = start()
    made = api.client.post("responses", json={"model": "gpt-4o", "input": "hello there", "instructions": "Short."})
    assert made.status_code == 200, made.text
    output = made.json()["output"][0]
    assert output["content"][0]["text"] == "Model: hello there"
    assert backend.requests[-1]["messages"][0] == {"role": "system", "content": "Short."}
    legacy = api.client.post("completions", json={"model": "gpt-4o", "prompt": "Say"}).json()
    assert legacy["choices"][0]["text"] == "Model: Say"


def test_a_slow_model_does_not_hold_up_other_requests(start: Callable[..., Api], backend: FakeBackend) -> None:
    api = start()
    backend.will(Turn(text="late", delay=0.8))
    results: dict[str, float] = {}

    def slow() -> None:
        with make_client_for(api) as other:
            other.post("chat/completions", json={"model": "gpt-4o", "messages": [{"role": "user", "content": "x"}]})
            results["slow"] = time.monotonic()

    worker = threading.Thread(target=slow)
    worker.start()
    while not backend.requests:
        time.sleep(0.005)
    assert api.client.get("assistants").status_code == 200
    results["fast"] = time.monotonic()
    worker.join(timeout=10)
    assert results["fast"] < results["slow"]  # answered while the model was still thinking


def make_client_for(api: Api) -> httpx.Client:
    return httpx.Client(base_url=api.client.base_url, headers=dict(api.client.headers), timeout=10)


def test_file_search_puts_the_hits_in_the_prompt_and_cites_them(
    start: Callable[..., Api], backend: FakeBackend
) -> None:
    api = start()
    client = api.client
    data = b"Shipping takes five days to Norway.\nReturns are free within 30 days.\nWe ship from Oslo.\n"
    file = client.post("files", data={"purpose": "assistants"}, files={"file": ("policy.txt", data)}).json()
    store = client.post("vector_stores", json={"file_ids": [file["id"]]}).json()
    asst = api.assistant(
        tools=[{"type": "file_search"}], tool_resources={"file_search": {"vector_store_ids": [store["id"]]}}
    )
    thread = api.thread("How long does shipping to Norway take?")
    backend.will(Turn(text="Five days [1]."))
    run = api.run(thread["id"], asst["id"])
    wait_for(api, thread["id"], run["id"], "completed")
    system = backend.requests[0]["messages"][0]
    assert system["role"] == "system" and "[1] (policy.txt) Shipping takes five days to Norway." in system["content"]
    reply = messages(api, thread["id"])[-1]["content"][0]["text"]
    assert reply["value"] == "Five days [1]."
    (annotation,) = reply["annotations"]
    assert annotation["type"] == "file_citation" and annotation["file_citation"] == {"file_id": file["id"]}
    assert reply["value"][annotation["start_index"] : annotation["end_index"]] == "[1]"
    steps = api.call(
        "GET /threads/{thread_id}/runs/{run_id}/steps",
        params={"order": "asc"},
        thread_id=thread["id"],
        run_id=run["id"],
    )
    search_step = steps["data"][0]
    (call,) = search_step["step_details"]["tool_calls"]
    assert call["type"] == "file_search" and call["file_search"]["results"][0]["file_id"] == file["id"]
