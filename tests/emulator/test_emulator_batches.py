"""Batches in the emulator: answers checked against the published description, the status schedule,
validation of the input file, and requests answered by the emulator's own routes."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from psbridge.emulator import Emulator, Lifecycle
from tests.emulator.emulator_helpers import assert_error, make_client
from tests.openapi_schemas import checked


@pytest.fixture
def http(emu: Emulator) -> Any:
    with make_client(emu) as client:
        yield client


def upload_jsonl(http: httpx.Client, lines: list[Any], purpose: str = "batch") -> str:
    data = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines).encode()
    response = http.post("files", data={"purpose": purpose}, files={"file": ("in.jsonl", data)})
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


def chat_line(custom_id: str, text: str) -> dict[str, Any]:
    body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": text}]}
    return {"custom_id": custom_id, "method": "POST", "url": "/v1/chat/completions", "body": body}


def start(http: httpx.Client, file_id: str, endpoint: str = "/v1/chat/completions") -> Any:
    body = {"input_file_id": file_id, "endpoint": endpoint, "completion_window": "24h"}
    return checked(http, "POST", "/batches", json_body=body)


def get(http: httpx.Client, batch_id: str) -> Any:
    return checked(http, "GET", "/batches/{batch_id}", batch_id=batch_id)


def test_a_batch_runs_its_requests_through_the_emulators_own_routes(http: httpx.Client) -> None:
    batch = start(http, upload_jsonl(http, [chat_line("a", "one"), chat_line("b", "two"),
                                           {**chat_line("c", "bad"), "body": {"model": "m"}}]))  # fmt: skip
    statuses = [get(http, batch["id"])["status"] for _ in range(6)]
    assert statuses == ["validating", "in_progress", "in_progress", "finalizing", "finalizing", "completed"]
    done = get(http, batch["id"])
    assert done["request_counts"] == {"total": 3, "completed": 2, "failed": 1} and done["model"] == "gpt-4o-mini"
    assert done["completed_at"] >= done["finalizing_at"] >= done["in_progress_at"] >= done["created_at"]
    output = [json.loads(line) for line in http.get(f"files/{done['output_file_id']}/content").text.splitlines()]
    assert [(line["custom_id"], line["response"]["status_code"]) for line in output] == [("a", 200), ("b", 200)]
    assert output[0]["response"]["body"]["choices"][0]["message"]["content"] == "Echo: one"
    (error,) = [json.loads(line) for line in http.get(f"files/{done['error_file_id']}/content").text.splitlines()]
    assert error["custom_id"] == "c" and error["response"]["status_code"] == 400
    assert http.get(f"files/{done['output_file_id']}").json()["purpose"] == "batch_output"
    listed = checked(http, "GET", "/batches")
    assert [b["id"] for b in listed["data"]] == [batch["id"]]


def test_bad_input_lines_fail_the_batch_with_their_line_numbers(http: httpx.Client) -> None:
    lines = [chat_line("a", "x"), "not json", chat_line("a", "again"),
             {**chat_line("d", "y"), "url": "/v1/embeddings"}, {**chat_line("e", "z"), "method": "GET"}]  # fmt: skip
    batch = start(http, upload_jsonl(http, lines))
    get(http, batch["id"])
    failed = get(http, batch["id"])
    assert failed["status"] == "failed" and failed["failed_at"]
    assert [(e["line"], e["code"]) for e in failed["errors"]["data"]] == [
        (2, "invalid_json_line"),
        (3, "duplicate_custom_id"),
        (4, "invalid_url"),
        (5, "invalid_method"),
    ]
    assert "output_file_id" not in failed


def test_the_input_must_be_a_batch_file_and_the_request_valid(http: httpx.Client) -> None:
    other = upload_jsonl(http, [chat_line("a", "x")], purpose="assistants")
    assert_error(http.post("batches", json={"input_file_id": other, "endpoint": "/v1/chat/completions",
                                            "completion_window": "24h"}), 400, "invalid_value")  # fmt: skip
    assert_error(http.post("batches", json={"input_file_id": "file-x", "endpoint": "/v1/chat/completions",
                                            "completion_window": "24h"}), 404)  # fmt: skip
    assert_error(http.post("batches", json={"input_file_id": other, "endpoint": "/v1/threads",
                                            "completion_window": "24h"}), 400, "invalid_value")  # fmt: skip


def test_a_cancelled_batch_writes_nothing(http: httpx.Client) -> None:
    batch = start(http, upload_jsonl(http, [chat_line("a", "x")]))
    cancelling = checked(http, "POST", "/batches/{batch_id}/cancel", batch_id=batch["id"])
    assert cancelling["status"] == "cancelling"
    get(http, batch["id"])
    cancelled = get(http, batch["id"])
    assert cancelled["status"] == "cancelled" and "output_file_id" not in cancelled
    assert_error(http.post(f"batches/{batch['id']}/cancel"), 400)


def test_manual_batches_move_only_when_finished(start_emulator: Callable[..., Emulator]) -> None:
    emu = start_emulator(lifecycle=Lifecycle(mode="manual"))
    with make_client(emu) as http:
        batch = start(http, upload_jsonl(http, [chat_line("a", "x")], "batch"))
        assert [get(http, batch["id"])["status"] for _ in range(3)] == ["validating"] * 3
        assert emu.finish_batch(batch["id"])["status"] == "completed"
        assert get(http, batch["id"])["request_counts"]["completed"] == 1
