"""Cursor pagination of the list endpoints, checked on 250 messages."""

from __future__ import annotations

from typing import Any

import pytest

from psbridge.emulator import Emulator
from tests.emulator.emulator_helpers import Api, assert_error, make_client

COUNT = 250


@pytest.fixture(scope="module")
def big_thread() -> Any:
    """One emulator with a 250-message thread, shared by the read-only tests below."""
    with Emulator().start() as emu, make_client(emu) as http:
        api = Api(http)
        thread = api.thread()
        ids = [
            api.call(
                "POST /threads/{thread_id}/messages",
                json_body={"role": "user", "content": f"message {i}"},
                thread_id=thread["id"],
            )["id"]
            for i in range(COUNT)
        ]
        yield api, thread["id"], ids


def messages(api: Api, thread_id: str, **params: Any) -> dict[str, Any]:
    return api.call("GET /threads/{thread_id}/messages", params=params, thread_id=thread_id)  # type: ignore[no-any-return]


def test_default_page_is_20_newest_first(big_thread: Any) -> None:
    api, tid, ids = big_thread
    page = messages(api, tid)
    assert [m["id"] for m in page["data"]] == ids[::-1][:20]
    assert page["has_more"] is True
    assert page["first_id"] == ids[-1] and page["last_id"] == ids[-20]


def test_order_is_stable_within_one_second(big_thread: Any) -> None:
    """Hundreds of messages share a created_at; creation order still decides."""
    api, tid, ids = big_thread
    page = messages(api, tid, order="asc", limit=100)
    assert [m["id"] for m in page["data"]] == ids[:100]
    assert [m["content"][0]["text"]["value"] for m in page["data"][:3]] == [
        "message 0",
        "message 1",
        "message 2",
    ]


@pytest.mark.parametrize("order", ["asc", "desc"])
def test_walking_with_after_visits_everything_once(big_thread: Any, order: str) -> None:
    api, tid, ids = big_thread
    seen: list[str] = []
    after: str | None = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 100, "order": order}
        if after:
            params["after"] = after
        page = messages(api, tid, **params)
        pages += 1
        seen.extend(m["id"] for m in page["data"])
        if not page["has_more"]:
            break
        after = page["last_id"]
    assert pages == 3
    assert seen == (ids if order == "asc" else ids[::-1])


def test_before_returns_the_preceding_page(big_thread: Any) -> None:
    api, tid, ids = big_thread
    page = messages(api, tid, order="asc", limit=10, before=ids[50])
    assert [m["id"] for m in page["data"]] == ids[40:50]
    assert page["has_more"] is True
    first = messages(api, tid, order="asc", limit=10, before=ids[5])
    assert [m["id"] for m in first["data"]] == ids[0:5]
    assert first["has_more"] is False
    desc = messages(api, tid, order="desc", limit=3, before=ids[100])
    assert [m["id"] for m in desc["data"]] == [ids[103], ids[102], ids[101]]


def test_after_and_before_together_bound_a_window(big_thread: Any) -> None:
    api, tid, ids = big_thread
    page = messages(api, tid, order="asc", limit=100, after=ids[9], before=ids[15])
    assert [m["id"] for m in page["data"]] == ids[10:15]
    assert page["has_more"] is False


def test_last_page_and_past_the_end(big_thread: Any) -> None:
    api, tid, ids = big_thread
    page = messages(api, tid, order="asc", limit=100, after=ids[199])
    assert len(page["data"]) == 50 and page["has_more"] is False
    empty = messages(api, tid, order="asc", after=ids[-1])
    assert empty == {"object": "list", "data": [], "first_id": "", "last_id": "", "has_more": False}


@pytest.mark.parametrize(
    ("limit", "code"), [("0", "integer_below_min_value"), ("101", "integer_above_max_value")]
)
def test_limit_outside_1_to_100_is_400(big_thread: Any, limit: str, code: str) -> None:
    api, tid, _ = big_thread
    response = api.send("GET /threads/{thread_id}/messages", params={"limit": limit}, thread_id=tid)
    assert assert_error(response, 400, code)["param"] == "limit"


def test_limit_bounds_are_allowed(big_thread: Any) -> None:
    api, tid, _ = big_thread
    assert len(messages(api, tid, limit=1)["data"]) == 1
    assert len(messages(api, tid, limit=100)["data"]) == 100


@pytest.mark.parametrize(
    ("params", "param"),
    [({"limit": "ten"}, "limit"), ({"order": "newest"}, "order"), ({"after": "msg_nope"}, "after")],
)
def test_bad_list_parameters_are_400(big_thread: Any, params: dict[str, str], param: str) -> None:
    api, tid, _ = big_thread
    response = api.send("GET /threads/{thread_id}/messages", params=params, thread_id=tid)
    assert assert_error(response, 400)["param"] == param


def test_unknown_before_cursor_is_400(big_thread: Any) -> None:
    api, tid, _ = big_thread
    response = api.send("GET /threads/{thread_id}/messages", params={"before": "msg_gone"}, thread_id=tid)
    error = assert_error(response, 400, "invalid_value")
    assert error["message"] == "Invalid 'before': no message with id 'msg_gone' in this list."


def test_empty_cursor_means_no_cursor(big_thread: Any) -> None:
    api, tid, ids = big_thread
    page = messages(api, tid, order="asc", limit=2, after="")
    assert [m["id"] for m in page["data"]] == ids[:2]


def test_run_id_filter(api: Api, emu: Emulator) -> None:
    asst = api.assistant()
    thread = api.thread("first question")
    runs = []
    for text in ("one", "two"):
        run = api.run(thread["id"], asst["id"], additional_messages=[{"role": "user", "content": text}])
        emu.advance(run["id"], to="completed")
        runs.append(run["id"])
    everything = messages(api, thread["id"], order="asc")
    assert [m["role"] for m in everything["data"]] == ["user", "user", "assistant", "user", "assistant"]
    for run_id, text in zip(runs, ("Echo: one", "Echo: two"), strict=True):
        page = messages(api, thread["id"], run_id=run_id)
        assert [m["content"][0]["text"]["value"] for m in page["data"]] == [text]
        assert page["data"][0]["run_id"] == run_id
    assert messages(api, thread["id"], run_id="run_unknown")["data"] == []
    # A cursor may point at a message the filter hides.
    first_user = everything["data"][0]["id"]
    page = messages(api, thread["id"], order="asc", run_id=runs[1], after=first_user)
    assert [m["run_id"] for m in page["data"]] == [runs[1]]


def test_assistants_runs_and_steps_paginate_too(manual_api: Api, manual_emu: Emulator) -> None:
    assistants = [manual_api.assistant(name=str(i))["id"] for i in range(5)]
    page = manual_api.call("GET /assistants", params={"limit": 2, "order": "asc", "after": assistants[1]})
    assert [a["id"] for a in page["data"]] == assistants[2:4] and page["has_more"] is True
    thread = manual_api.thread("x")
    run_ids = []
    for _ in range(3):
        run = manual_api.run(thread["id"], assistants[0])
        manual_emu.advance(run["id"], to="completed")
        run_ids.append(run["id"])
    runs = manual_api.call("GET /threads/{thread_id}/runs", params={"limit": 2}, thread_id=thread["id"])
    assert [r["id"] for r in runs["data"]] == run_ids[::-1][:2] and runs["has_more"] is True
    manual_api.call(
        "POST /assistants/{assistant_id}",
        json_body={"tools": [{"type": "code_interpreter"}]},
        assistant_id=assistants[1],
    )
    run = manual_api.run(thread["id"], assistants[1])
    manual_emu.advance(run["id"], to="completed")
    steps = manual_api.call(
        "GET /threads/{thread_id}/runs/{run_id}/steps",
        params={
            "limit": 1,
            "order": "asc",
            "include[]": "step_details.tool_calls[*].file_search.results[*].content",
        },
        thread_id=thread["id"],
        run_id=run["id"],
    )
    assert steps["data"][0]["type"] == "tool_calls" and steps["has_more"] is True
    rest = manual_api.call(
        "GET /threads/{thread_id}/runs/{run_id}/steps",
        params={"order": "asc", "after": steps["last_id"]},
        thread_id=thread["id"],
        run_id=run["id"],
    )
    assert [s["type"] for s in rest["data"]] == ["message_creation"] and rest["has_more"] is False
