"""Files and vector stores in the emulator: every answer checked against OpenAI's published description.

Requests go over loopback HTTP with a plain client; ``checked`` validates each
JSON request body and each answer against ``openai-openapi.json``.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from psbridge.emulator import Emulator, Lifecycle
from psbridge.emulator.vector_store_schemas import VECTOR_STORE_SCHEMAS
from tests.emulator.emulator_helpers import assert_error, json_paths, make_client, mutate
from tests.openapi_schemas import assert_valid, checked, component, request_body, response_body

OPERATIONS = {
    "createVectorStore": ("POST", "/vector_stores"),
    "modifyVectorStore": ("POST", "/vector_stores/{vector_store_id}"),
    "createVectorStoreFile": ("POST", "/vector_stores/{vector_store_id}/files"),
    "createVectorStoreFileBatch": ("POST", "/vector_stores/{vector_store_id}/file_batches"),
}

CONTOSO = "Contoso help desk for employees: Alex Johnson, extension 1001.\nThe cafeteria opens at 8.\n"


def upload(client: httpx.Client, name: str, data: bytes, purpose: str = "assistants", **fields: str) -> Any:
    form = {"purpose": purpose, **fields}
    assert_valid(component("CreateFileRequest"), {"file": "<the file>", "purpose": purpose})
    response = client.post("files", data=form, files={"file": (name, data)})
    assert response.status_code == 200, response.text
    body = response.json()
    assert_valid(response_body("POST", "/files"), body)
    return body


def look(client: httpx.Client, store_id: str) -> Any:
    return checked(client, "GET", "/vector_stores/{vector_store_id}", vector_store_id=store_id)


@pytest.fixture
def http(emu: Emulator) -> Any:
    with make_client(emu) as client:
        yield client


def test_every_file_and_vector_store_operation_answers_as_described(http: httpx.Client) -> None:
    first = upload(http, "contoso.txt", CONTOSO.encode())
    second = upload(http, "notes.md", b"# Notes\nNothing here.\n", "user_data")
    assert (first["filename"], first["bytes"], first["purpose"]) == ("contoso.txt", len(CONTOSO), "assistants")
    listed = checked(http, "GET", "/files", params={"purpose": "assistants"})
    assert [f["id"] for f in listed["data"]] == [first["id"]]
    assert checked(http, "GET", "/files/{file_id}", file_id=first["id"]) == first
    content = http.get(f"files/{first['id']}/content")
    assert content.content == CONTOSO.encode() and content.headers["content-type"] == "text/plain"

    store = checked(
        http,
        "POST",
        "/vector_stores",
        json_body={"name": "Docs", "file_ids": [first["id"]], "expires_after": {"anchor": "last_active_at", "days": 2}},
    )
    assert store["status"] == "in_progress" and store["file_counts"]["in_progress"] == 1
    assert store["expires_at"] == store["last_active_at"] + 2 * 86400
    checked(http, "GET", "/vector_stores")
    checked(http, "POST", "/vector_stores/{vector_store_id}", json_body={"name": "Renamed", "metadata": {"a": "b"}},
            vector_store_id=store["id"])  # fmt: skip
    added = checked(
        http,
        "POST",
        "/vector_stores/{vector_store_id}/files",
        json_body={"file_id": second["id"], "attributes": {"kind": "memo", "pages": 2, "draft": False}},
        vector_store_id=store["id"],
    )
    assert added["status"] == "in_progress" and added["attributes"]["pages"] == 2
    checked(http, "GET", "/vector_stores/{vector_store_id}/files", vector_store_id=store["id"])
    checked(http, "GET", "/vector_stores/{vector_store_id}/files", params={"filter": "completed"},
            vector_store_id=store["id"])  # fmt: skip
    checked(http, "GET", "/vector_stores/{vector_store_id}/files/{file_id}", vector_store_id=store["id"],
            file_id=second["id"])  # fmt: skip
    batch = checked(
        http,
        "POST",
        "/vector_stores/{vector_store_id}/file_batches",
        json_body={"file_ids": [first["id"], second["id"]], "chunking_strategy": {"type": "auto"}},
        vector_store_id=store["id"],
    )
    ids = {"vector_store_id": store["id"], "batch_id": batch["id"]}
    cancelled = checked(http, "POST", "/vector_stores/{vector_store_id}/file_batches/{batch_id}/cancel", **ids)
    assert cancelled["status"] == "cancelled" and cancelled["file_counts"]["cancelled"] == 2
    checked(http, "GET", "/vector_stores/{vector_store_id}/file_batches/{batch_id}", **ids)
    in_batch = checked(http, "GET", "/vector_stores/{vector_store_id}/file_batches/{batch_id}/files", **ids)
    assert {f["id"] for f in in_batch["data"]} == {first["id"], second["id"]}
    checked(http, "DELETE", "/vector_stores/{vector_store_id}/files/{file_id}", vector_store_id=store["id"],
            file_id=second["id"])  # fmt: skip
    checked(http, "DELETE", "/vector_stores/{vector_store_id}", vector_store_id=store["id"])
    checked(http, "DELETE", "/files/{file_id}", file_id=first["id"])
    assert http.get(f"files/{first['id']}").status_code == 404


def test_ingestion_follows_the_polls_schedule(http: httpx.Client) -> None:
    file = upload(http, "a.txt", b"some words")
    store = checked(http, "POST", "/vector_stores", json_body={"file_ids": [file["id"]]})
    assert look(http, store["id"])["status"] == "in_progress"  # the first look: still ingesting
    done = look(http, store["id"])
    assert done["status"] == "completed" and done["file_counts"]["completed"] == 1
    assert done["usage_bytes"] == len(b"some words")


def test_manual_ingestion_waits_until_told(start_emulator: Callable[..., Emulator]) -> None:
    emu = start_emulator(lifecycle=Lifecycle(mode="manual"))
    with make_client(emu) as http:
        file = upload(http, "a.txt", b"x")
        store = checked(http, "POST", "/vector_stores", json_body={"file_ids": [file["id"]]})
        for _ in range(3):
            assert look(http, store["id"])["status"] == "in_progress"
        emu.finish_ingestion(store["id"])
        assert look(http, store["id"])["file_counts"]["completed"] == 1


def test_an_empty_file_fails_and_a_batch_of_failures_fails(http: httpx.Client) -> None:
    empty = upload(http, "empty.txt", b"")
    store = checked(http, "POST", "/vector_stores", json_body={})
    batch = checked(http, "POST", "/vector_stores/{vector_store_id}/file_batches",
                    json_body={"file_ids": [empty["id"]]}, vector_store_id=store["id"])  # fmt: skip
    ids = {"vector_store_id": store["id"], "batch_id": batch["id"]}
    statuses = [checked(http, "GET", "/vector_stores/{vector_store_id}/file_batches/{batch_id}", **ids)["status"]
                for _ in range(2)]  # fmt: skip
    assert statuses == ["in_progress", "failed"]
    entry = checked(http, "GET", "/vector_stores/{vector_store_id}/files/{file_id}", vector_store_id=store["id"],
                    file_id=empty["id"])  # fmt: skip
    assert entry["last_error"] == {"code": "invalid_file", "message": "The file is empty."}
    assert_error(http.post(f"vector_stores/{store['id']}/file_batches/{batch['id']}/cancel"), 400)


def test_unknown_ids_and_bad_forms_are_errors(http: httpx.Client) -> None:
    assert_error(http.post("vector_stores", json={"file_ids": ["file-nope"]}), 404)
    assert_error(http.get("vector_stores/vs_nope"), 404)
    assert_error(http.post("files", data={"purpose": "assistants"}, files={"other": ("a.txt", b"x")}), 400,
                 "unknown_parameter")  # fmt: skip
    assert_error(http.post("files", data={"purpose": "assistants_output"}, files={"file": ("a.txt", b"x")}), 400,
                 "invalid_value")  # fmt: skip
    assert_error(http.post("files", data={"purpose": "batch"}), 400)  # not multipart at all
    only_file = http.post("files", files={"file": ("a.txt", b"x")})
    assert assert_error(only_file, 400, "missing_required_parameter")["param"] == "purpose"
    expiring = http.post(
        "files",
        data={"purpose": "batch", "expires_after[anchor]": "created_at", "expires_after[seconds]": "10"},
        files={"file": ("a.jsonl", b"{}")},
    )
    assert_error(expiring, 400, "integer_below_min_value")
    assert_error(http.get("vector_stores/x/files", params={"filter": "done"}), 404)


def test_deleting_a_file_removes_it_from_every_store(http: httpx.Client) -> None:
    file = upload(http, "a.txt", b"abc")
    stores = [checked(http, "POST", "/vector_stores", json_body={"file_ids": [file["id"]]}) for _ in range(2)]
    http.delete(f"files/{file['id']}")
    for store in stores:
        assert look(http, store["id"])["file_counts"]["total"] == 0


def test_stores_made_for_an_assistant_hold_its_files(http: httpx.Client) -> None:
    file = upload(http, "a.txt", b"abc")
    assistant = http.post(
        "assistants",
        json={"model": "m", "tool_resources": {"file_search": {"vector_stores": [{"file_ids": [file["id"], "x"]}]}}},
    ).json()
    (store_id,) = assistant["tool_resources"]["file_search"]["vector_store_ids"]
    entries = checked(http, "GET", "/vector_stores/{vector_store_id}/files", vector_store_id=store_id)["data"]
    assert {e["id"]: e["status"] for e in entries} == {file["id"]: "in_progress", "x": "failed"}


def test_a_run_with_file_search_cites_the_matching_lines(http: httpx.Client) -> None:
    file = upload(http, "contoso.txt", CONTOSO.encode())
    store = checked(http, "POST", "/vector_stores", json_body={"file_ids": [file["id"]]})
    assistant = http.post(
        "assistants",
        json={"model": "m", "tools": [{"type": "file_search"}],
              "tool_resources": {"file_search": {"vector_store_ids": [store["id"]]}}},
    ).json()  # fmt: skip
    question = "What is the extension of the Contoso help desk?"
    run = http.post("threads/runs", json={"assistant_id": assistant["id"], "thread": {"messages": [
        {"role": "user", "content": question}]}}).json()  # fmt: skip
    thread_id = run["thread_id"]
    while http.get(f"threads/{thread_id}/runs/{run['id']}").json()["status"] != "completed":
        pass
    messages = http.get(f"threads/{thread_id}/messages", params={"order": "asc"}).json()["data"]
    reply = messages[-1]["content"][0]["text"]
    assert reply["value"].startswith(f"Echo: {question}\nFrom the files: {CONTOSO.splitlines()[0]} ")
    (citation,) = reply["annotations"]
    assert reply["value"][citation["start_index"] : citation["end_index"]] == citation["text"] == "【1:0†source】"
    assert citation["file_citation"] == {"file_id": file["id"]}
    steps = http.get(f"threads/{thread_id}/runs/{run['id']}/steps", params={"order": "asc"}).json()["data"]
    assert [s["type"] for s in steps] == ["tool_calls", "message_creation"]
    results = steps[0]["step_details"]["tool_calls"][0]["file_search"]["results"]
    assert results[0]["file_name"] == "contoso.txt" and "content" not in results[0]
    include = "step_details.tool_calls[*].file_search.results[*].content"
    step = http.get(f"threads/{thread_id}/runs/{run['id']}/steps/{steps[0]['id']}", params={"include[]": include})
    assert step.json()["step_details"]["tool_calls"][0]["file_search"]["results"][0]["content"] == [
        {"type": "text", "text": CONTOSO.splitlines()[0]}
    ]
    assert look(http, store["id"])["status"] == "completed"  # the search finished the ingestion


def test_a_code_interpreter_run_asked_for_a_chart_makes_a_png(http: httpx.Client) -> None:
    assistant = http.post("assistants", json={"model": "m", "tools": [{"type": "code_interpreter"}]}).json()
    run = http.post("threads/runs", json={"assistant_id": assistant["id"], "thread": {"messages": [
        {"role": "user", "content": "Make a graph of y=3x+14 as a PNG image."}]}}).json()  # fmt: skip
    while http.get(f"threads/{run['thread_id']}/runs/{run['id']}").json()["status"] != "completed":
        pass
    content = http.get(f"threads/{run['thread_id']}/messages").json()["data"][0]["content"]
    assert [part["type"] for part in content] == ["image_file", "text"]
    image_id = content[0]["image_file"]["file_id"]
    file = http.get(f"files/{image_id}").json()
    assert (file["filename"], file["purpose"]) == ("chart.png", "assistants_output")
    png = http.get(f"files/{image_id}/content")
    assert png.headers["content-type"] == "image/png"
    data = png.content
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (320, 240)
    idat = data.index(b"IDAT")
    size = int.from_bytes(data[idat - 4 : idat], "big")
    assert len(zlib.decompress(data[idat + 4 : idat + 4 + size])) == height * (1 + 3 * width)


STATIC_CHUNKS = {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400}
VALID = {
    "createVectorStore": [
        {},
        {
            "file_ids": ["f"],
            "name": "n",
            "description": "d",
            "expires_after": {"anchor": "last_active_at", "days": 3},
            "chunking_strategy": {"type": "static", "static": STATIC_CHUNKS},
            "metadata": {"k": "v"},
        },
    ],
    "modifyVectorStore": [
        {"name": None, "metadata": None},
        {"name": "x", "expires_after": {"anchor": "last_active_at", "days": 1}},
    ],
    "createVectorStoreFile": [{"file_id": "f", "chunking_strategy": {"type": "auto"}, "attributes": {"a": 1.5}}],
    "createVectorStoreFileBatch": [
        {"file_ids": ["a", "b"], "attributes": {"x": True}},
        {"files": [{"file_id": "a", "attributes": {"s": "t"}}]},
    ],
}
REPLACEMENTS: list[Any] = [None, True, 0, 99, 100, 4097, "", "x", "auto", "static", "last_active_at", [], [{}], {},
                           {"type": "auto"}]  # fmt: skip


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_request_schemas_agree_with_the_published_ones(operation_id: str) -> None:
    method, path = OPERATIONS[operation_id]
    published = request_body(method, path)
    ours = VECTOR_STORE_SCHEMAS[operation_id]
    checked_bodies = 0
    for body in VALID[operation_id]:
        assert published.is_valid(body) and ours.accepts(body), body
        for location in json_paths(body):
            for action in ("replace", "delete", "add"):
                for replacement in REPLACEMENTS:
                    variant = mutate(body, location, action, replacement)
                    assert ours.accepts(variant) == published.is_valid(variant), json.dumps(variant)
                    checked_bodies += 1
    assert checked_bodies > 50


def test_the_metadata_limits_in_prose_are_the_only_deliberate_difference() -> None:
    body = {"metadata": {"k": "v" * 513}}
    assert request_body("POST", "/vector_stores").is_valid(body)
    assert not VECTOR_STORE_SCHEMAS["createVectorStore"].accepts(body)
