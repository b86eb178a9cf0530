"""Run lifecycles: the three schedules, outcomes, cancel, tool outputs, advance()."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from psbridge.emulator import Emulator, Lifecycle
from tests.emulator.emulator_helpers import Api, make_client


def statuses(api: Api, thread_id: str, run_id: str, polls: int) -> list[str]:
    return [api.get_run(thread_id, run_id)["status"] for _ in range(polls)]


def setup_run(api: Api, text: str = "hi", **assistant: Any) -> tuple[str, str]:
    asst = api.assistant(**assistant)
    thread = api.thread(text)
    return thread["id"], api.run(thread["id"], asst["id"])["id"]


# -- schedules ----------------------------------------------------------------


def test_polls_mode_moves_one_step_per_get(api: Api) -> None:
    tid, rid = setup_run(api)
    assert statuses(api, tid, rid, 4) == ["queued", "in_progress", "completed", "completed"]


def test_polls_per_step(start_emulator: Callable[..., Emulator]) -> None:
    emu = start_emulator(lifecycle=Lifecycle(mode="polls", polls_per_step=2))
    with make_client(emu) as http:
        api = Api(http)
        tid, rid = setup_run(api)
        expected = ["queued", "queued", "in_progress", "in_progress", "completed", "completed"]
        assert statuses(api, tid, rid, 6) == expected


def test_listing_runs_does_not_count_as_a_poll(api: Api) -> None:
    tid, rid = setup_run(api)
    for _ in range(3):
        api.call("GET /threads/{thread_id}/runs", thread_id=tid)
    assert api.get_run(tid, rid)["status"] == "queued"


def test_manual_mode_moves_only_on_advance(manual_api: Api, manual_emu: Emulator) -> None:
    tid, rid = setup_run(manual_api)
    assert statuses(manual_api, tid, rid, 3) == ["queued"] * 3
    assert manual_emu.advance(rid)["status"] == "in_progress"
    assert statuses(manual_api, tid, rid, 2) == ["in_progress"] * 2
    assert manual_emu.advance(rid)["status"] == "completed"
    assert manual_emu.advance(rid)["status"] == "completed"  # resting: nothing happens


def test_time_mode_moves_by_wall_clock(start_emulator: Callable[..., Emulator]) -> None:
    emu = start_emulator(lifecycle=Lifecycle(mode="time", step_seconds=0.2))
    with make_client(emu) as http:
        api = Api(http)
        tid, rid = setup_run(api)
        created = time.monotonic()
        first = api.get_run(tid, rid)["status"]
        if time.monotonic() - created < 0.15:  # generous margin: only assert when clearly before step 1
            assert first == "queued"
        time.sleep(0.25)
        second = api.get_run(tid, rid)["status"]
        if time.monotonic() - created < 0.35:
            assert second == "in_progress"
        time.sleep(0.2)
        assert api.get_run(tid, rid)["status"] == "completed"
        messages = api.call("GET /threads/{thread_id}/messages", thread_id=tid)
        assert messages["data"][0]["role"] == "assistant"


def test_time_mode_catches_up_several_steps_at_once(start_emulator: Callable[..., Emulator]) -> None:
    emu = start_emulator(lifecycle=Lifecycle(mode="time", step_seconds=0.02))
    with make_client(emu) as http:
        api = Api(http)
        tid, rid = setup_run(api)
        time.sleep(0.1)
        run = api.get_run(tid, rid)
        assert run["status"] == "completed" and run["started_at"] is not None


def test_lifecycle_rejects_bad_settings() -> None:
    with pytest.raises(ValueError):
        Lifecycle(mode="fast")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Lifecycle(polls_per_step=0)
    with pytest.raises(ValueError):
        Lifecycle(step_seconds=0)


# -- outcomes -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("please [fail]", "failed"),
        ("[expire] now", "expired"),
        ("be [incomplete]", "incomplete"),
        ("[requires_action]", "requires_action"),
        ("all good", "completed"),
    ],
)
def test_markers_in_the_last_user_message_choose_the_outcome(api: Api, text: str, status: str) -> None:
    tid, rid = setup_run(api, text)
    assert statuses(api, tid, rid, 3) == ["queued", "in_progress", status]


def test_marker_in_instructions(api: Api) -> None:
    asst = api.assistant(instructions="Always [fail].")
    thread = api.thread("hello")
    run = api.run(thread["id"], asst["id"])
    assert statuses(api, thread["id"], run["id"], 3)[-1] == "failed"
    thread2 = api.thread("hello")
    run2 = api.run(thread2["id"], asst["id"], instructions="Override without a marker.")
    assert statuses(api, thread2["id"], run2["id"], 3)[-1] == "completed"
    thread3 = api.thread("hello")
    run3 = api.run(thread3["id"], api.assistant()["id"], additional_instructions="[expire]")
    assert statuses(api, thread3["id"], run3["id"], 3)[-1] == "expired"


def test_failed_run_details(api: Api) -> None:
    tid, rid = setup_run(api, "[fail]")
    run = [api.get_run(tid, rid) for _ in range(3)][-1]
    assert run["last_error"]["code"] == "server_error" and run["last_error"]["message"]
    assert run["failed_at"] is not None and run["completed_at"] is None and run["usage"] is None
    assert api.call("GET /threads/{thread_id}/messages", params={"run_id": rid}, thread_id=tid)["data"] == []


def test_expired_run_details(api: Api) -> None:
    tid, rid = setup_run(api, "[expire]")
    run = [api.get_run(tid, rid) for _ in range(3)][-1]
    assert run["status"] == "expired" and run["expires_at"] is None and run["last_error"] is None


def test_a_function_named_in_the_message_leads_to_requires_action(api: Api) -> None:
    tid, rid = setup_run(api, "Ask weather, please.", tools=[{"type": "function", "function": {"name": "weather"}}])
    run = [api.get_run(tid, rid) for _ in range(3)][-1]
    assert run["status"] == "requires_action"
    (call,) = run["required_action"]["submit_tool_outputs"]["tool_calls"]
    assert call["type"] == "function" and call["function"] == {"name": "weather", "arguments": "{}"}
    assert call["id"].startswith("call_")
    # A resting run stays put however often it is polled.
    assert statuses(api, tid, rid, 3) == ["requires_action"] * 3


def test_function_tools_not_named_in_the_message_are_not_called(api: Api) -> None:
    tid, rid = setup_run(api, "Whatever the weather", tools=[{"type": "function", "function": {"name": "forecast"}}])
    assert statuses(api, tid, rid, 3) == ["queued", "in_progress", "completed"]


def test_tool_choice_required_calls_every_function_when_none_is_named(api: Api) -> None:
    tools = [{"type": "function", "function": {"name": n}} for n in ("a", "b")]
    asst = api.assistant(tools=tools)
    thread = api.thread("hello")
    run = api.run(thread["id"], asst["id"], tool_choice="required")
    last = [api.get_run(thread["id"], run["id"]) for _ in range(3)][-1]
    assert [c["function"]["name"] for c in last["required_action"]["submit_tool_outputs"]["tool_calls"]] == ["a", "b"]


def test_tool_choice_none_suppresses_function_calls(api: Api) -> None:
    asst = api.assistant(tools=[{"type": "function", "function": {"name": "f"}}])
    thread = api.thread("call f")
    run = api.run(thread["id"], asst["id"], tool_choice="none")
    assert statuses(api, thread["id"], run["id"], 3)[-1] == "completed"


def test_tool_choice_names_one_function(api: Api, emu: Emulator) -> None:
    tools = [{"type": "function", "function": {"name": n}} for n in ("a", "b")]
    asst = api.assistant(tools=tools)
    thread = api.thread("x")
    run = api.run(thread["id"], asst["id"], tool_choice={"type": "function", "function": {"name": "b"}})
    emu.advance(run["id"], to="requires_action")
    calls = api.get_run(thread["id"], run["id"])["required_action"]["submit_tool_outputs"]["tool_calls"]
    assert [c["function"]["name"] for c in calls] == ["b"]


def test_requires_action_marker_without_functions_uses_a_placeholder_call(api: Api) -> None:
    tid, rid = setup_run(api, "[requires_action]")
    run = [api.get_run(tid, rid) for _ in range(3)][-1]
    (call,) = run["required_action"]["submit_tool_outputs"]["tool_calls"]
    assert call["function"]["name"] == "emulator_function"


def test_set_next_run_outcome_is_fifo_and_beats_markers(emu: Emulator, api: Api) -> None:
    emu.set_next_run_outcome("failed")
    emu.set_next_run_outcome("incomplete")
    asst = api.assistant()
    results = []
    for _ in range(3):
        thread = api.thread("[expire]")
        run = api.run(thread["id"], asst["id"])
        results.append(statuses(api, thread["id"], run["id"], 3)[-1])
    assert results == ["failed", "incomplete", "expired"]


def test_set_next_run_outcome_cancelled(emu: Emulator, api: Api) -> None:
    emu.set_next_run_outcome("cancelled")
    tid, rid = setup_run(api)
    assert statuses(api, tid, rid, 4) == ["queued", "in_progress", "cancelling", "cancelled"]


def test_set_next_run_outcome_rejects_unknown(emu: Emulator) -> None:
    with pytest.raises(ValueError):
        emu.set_next_run_outcome("exploded")


# -- cancel and tool outputs ----------------------------------------------------


@pytest.mark.parametrize("start", ["queued", "in_progress", "requires_action"])
def test_cancel_goes_through_cancelling(manual_api: Api, manual_emu: Emulator, start: str) -> None:
    tid, rid = setup_run(manual_api, tools=[{"type": "function", "function": {"name": "f"}}])
    if start != "queued":
        manual_emu.advance(rid, to=start)
    cancelled = manual_api.call("POST /threads/{thread_id}/runs/{run_id}/cancel", thread_id=tid, run_id=rid)
    assert cancelled["status"] == "cancelling" and cancelled["required_action"] is None
    assert manual_emu.advance(rid)["status"] == "cancelled"
    run = manual_api.get_run(tid, rid)
    assert run["cancelled_at"] is not None and run["expires_at"] is None
    steps = manual_api.call("GET /threads/{thread_id}/runs/{run_id}/steps", thread_id=tid, run_id=rid)["data"]
    assert all(step["status"] == "cancelled" and step["cancelled_at"] for step in steps)
    assert len(steps) == (1 if start == "requires_action" else 0)


def test_cancel_in_polls_mode_finishes_on_next_poll(api: Api) -> None:
    tid, rid = setup_run(api)
    api.get_run(tid, rid)
    api.call("POST /threads/{thread_id}/runs/{run_id}/cancel", thread_id=tid, run_id=rid)
    assert statuses(api, tid, rid, 2) == ["cancelling", "cancelled"]


def test_submit_tool_outputs_then_complete(api: Api) -> None:
    tid, rid = setup_run(api, "add it", tools=[{"type": "function", "function": {"name": "add"}}])
    run = [api.get_run(tid, rid) for _ in range(3)][-1]
    call = run["required_action"]["submit_tool_outputs"]["tool_calls"][0]
    submitted = api.call(
        "POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs",
        json_body={"tool_outputs": [{"tool_call_id": call["id"], "output": "3"}]},
        thread_id=tid,
        run_id=rid,
    )
    assert submitted["status"] == "in_progress" and submitted["required_action"] is None
    assert statuses(api, tid, rid, 2) == ["in_progress", "completed"]
    reply = api.call("GET /threads/{thread_id}/messages", params={"run_id": rid}, thread_id=tid)["data"][0]
    assert reply["content"][0]["text"]["value"] == "Echo: add it\nTool output (add): 3"


# -- advance() ----------------------------------------------------------------


def test_advance_to_passes_through_the_intermediate_states(manual_api: Api, manual_emu: Emulator) -> None:
    _, rid = setup_run(manual_api)
    run = manual_emu.advance(rid, to="completed")
    assert run["status"] == "completed" and run["started_at"] is not None
    assert len(manual_emu.store.run_steps(rid)) == 1


def test_advance_refuses_backwards_and_unknown(manual_api: Api, manual_emu: Emulator) -> None:
    _, rid = setup_run(manual_api)
    manual_emu.advance(rid, to="in_progress")
    with pytest.raises(ValueError):
        manual_emu.advance(rid, to="queued")
    with pytest.raises(ValueError):
        manual_emu.advance(rid, to="done")
    manual_emu.advance(rid, to="failed")
    with pytest.raises(ValueError):
        manual_emu.advance(rid, to="completed")
    with pytest.raises(KeyError):
        manual_emu.advance("run_missing")


def test_advance_leaves_requires_action_only_with_to(manual_api: Api, manual_emu: Emulator) -> None:
    _, rid = setup_run(manual_api, "[requires_action]")
    manual_emu.advance(rid, to="requires_action")
    assert manual_emu.advance(rid)["status"] == "requires_action"
    assert manual_emu.advance(rid, to="expired")["status"] == "expired"
    steps = manual_emu.store.run_steps(rid)
    assert [s["status"] for s in steps] == ["expired"]
