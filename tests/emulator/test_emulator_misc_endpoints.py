"""Models, embeddings, moderations and legacy completions on the emulator, checked
against OpenAI's published description."""

from __future__ import annotations

import base64
import math
import struct

import httpx

from tests.emulator.emulator_helpers import assert_error
from tests.openapi_schemas import assert_valid, checked, request_body, response_body, sse_payloads


def cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    return dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))


def test_models_list_and_retrieve(client: httpx.Client) -> None:
    listed = checked(client, "GET", "/models")
    names = [m["id"] for m in listed["data"]]
    assert "gpt-4o-mini" in names and "text-embedding-3-small" in names
    one = checked(client, "GET", "/models/{model}", model="gpt-4o-mini")
    assert one["id"] == "gpt-4o-mini"
    assert assert_error(client.get("models/no-such-model"), 404)["code"] == "model_not_found"


def test_embeddings_are_deterministic_unit_vectors(client: httpx.Client) -> None:
    body = {"model": "text-embedding-3-small", "input": ["Olympic games in Paris", "Olympic games in Paris"]}
    result = checked(client, "POST", "/embeddings", json_body=body)
    first, second = (item["embedding"] for item in result["data"])
    assert len(first) == 1536 and first == second
    assert math.isclose(math.sqrt(sum(x * x for x in first)), 1.0, rel_tol=1e-6)
    assert [item["index"] for item in result["data"]] == [0, 1]


def test_shared_words_make_embeddings_similar(client: httpx.Client) -> None:
    texts = ["the olympic games opened", "olympic athletes at the games", "stock markets fell sharply"]
    vectors = [
        item["embedding"]
        for item in checked(client, "POST", "/embeddings", json_body={"model": "m", "input": texts})["data"]
    ]
    assert cosine(vectors[0], vectors[1]) > cosine(vectors[0], vectors[2]) + 0.2


def test_embedding_dimensions_and_base64(client: httpx.Client) -> None:
    large = checked(client, "POST", "/embeddings", json_body={"model": "text-embedding-3-large", "input": "x"})
    assert len(large["data"][0]["embedding"]) == 3072
    small = checked(client, "POST", "/embeddings", json_body={"model": "m", "input": "x y", "dimensions": 8})
    body = {"model": "m", "input": "x y", "dimensions": 8, "encoding_format": "base64"}
    assert_valid(request_body("POST", "/embeddings"), body)
    packed = client.post("embeddings", json=body).json()
    # The description types `embedding` as numbers only; with base64 the API sends a string.
    decoded = {**packed, "data": [{**packed["data"][0], "embedding": [0.0] * 8}]}
    assert_valid(response_body("POST", "/embeddings"), decoded)
    unpacked = struct.unpack("<8f", base64.b64decode(packed["data"][0]["embedding"]))
    assert [round(v, 5) for v in unpacked] == [round(v, 5) for v in small["data"][0]["embedding"]]


def test_embedding_errors(client: httpx.Client) -> None:
    assert assert_error(client.post("embeddings", json={"model": "m"}), 400)["param"] == "input"
    assert assert_error(client.post("embeddings", json={"model": "m", "input": ""}), 400)["param"] == "input"


def test_moderation_flags_threats(client: httpx.Client) -> None:
    result = checked(client, "POST", "/moderations", json_body={"input": "I want to kill them."})
    (verdict,) = result["results"]
    assert verdict["flagged"] is True
    flagged = {name for name, value in verdict["categories"].items() if value}
    assert flagged == {"harassment", "harassment/threatening", "violence"}
    assert result["model"] == "omni-moderation-latest"


def test_moderation_answers_each_input(client: httpx.Client) -> None:
    body = {
        "model": "omni-moderation-latest",
        "input": [
            {"type": "text", "text": "a nice day [flag:hate]"},
            {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}},
        ],
    }
    result = checked(client, "POST", "/moderations", json_body=body)
    assert [r["flagged"] for r in result["results"]] == [True, False]
    assert result["results"][0]["categories"]["hate"] is True
    plain = checked(client, "POST", "/moderations", json_body={"input": ["hello", "good morning"]})
    assert [r["flagged"] for r in plain["results"]] == [False, False]


def test_text_completion_echoes_each_prompt(client: httpx.Client) -> None:
    body = {"model": "gpt-3.5-turbo-instruct", "prompt": ["Say this", "and that"], "max_tokens": 2}
    result = checked(client, "POST", "/completions", json_body=body)
    assert [(c["text"], c["finish_reason"]) for c in result["choices"]] == [
        ("Echo: Say", "length"),
        ("Echo: and", "length"),
    ]
    echoed = checked(client, "POST", "/completions", json_body={"model": "m", "prompt": "Hi", "echo": True})
    assert echoed["choices"][0]["text"] == "HiEcho: Hi"


def test_text_completion_stream(client: httpx.Client) -> None:
    response = client.post("completions", json={"model": "m", "prompt": "a b c", "stream": True})
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.text.rstrip().endswith("data: [DONE]")
    events = sse_payloads(response.text)
    assert "".join(e["choices"][0]["text"] for e in events) == "Echo: a b c"
    assert events[-1]["choices"][0]["finish_reason"] == "stop"
