"""Validators for OpenAI's whole published API description (``openai-openapi.json``).

The emulator's chat, responses, conversations, embeddings, moderations, models
and completions endpoints are checked against it: every request a cmdlet sends
and every body the emulator answers.  The document lives outside the
repository (``../shared/reference`` beside the clone, or
``$PSBRIDGE_SHARED/reference``).

The description mixes dialects (openai-api-notes 1.5): some nodes still carry
OpenAPI 3.0's ``nullable: true``, which a 2020-12 validator ignores, so a
realistic ``null`` would be refused.  Those nodes are rewritten once, on load,
to the 3.1 spelling (``type: [T, "null"]``).  One more rewrite: ``InputItem``'s
``oneOf`` becomes ``anyOf``, because its branches overlap (a message such as
``{type: message, role: user, content: [{type: input_text, ...}]}`` -- the
shape the API's own guide sends -- is both an ``EasyInputMessage`` and an
``Item``), so ``oneOf`` would refuse every such message.  Nothing else changes.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import referencing

SPEC_NAME = "openai-openapi.json"
_URI = "urn:openai:openapi"


def _spec_path() -> Path | None:
    candidates = []
    if os.environ.get("PSBRIDGE_SHARED"):
        candidates.append(Path(os.environ["PSBRIDGE_SHARED"]) / "reference" / SPEC_NAME)
    candidates.append(Path(__file__).resolve().parents[1].parent / "shared" / "reference" / SPEC_NAME)
    return next((path for path in candidates if path.is_file()), None)


def _nullable_as_31(node: Any) -> Any:
    if isinstance(node, dict):
        node = {key: _nullable_as_31(value) for key, value in node.items()}
        if node.pop("nullable", False) is True:
            kind = node.get("type")
            if "enum" in node and None not in node["enum"]:
                node["enum"] = [*node["enum"], None]
            if isinstance(kind, str):
                node["type"] = [kind, "null"]
            elif isinstance(kind, list) and "null" not in kind:
                node["type"] = [*kind, "null"]
            elif kind is None and ("allOf" in node or "$ref" in node or "anyOf" in node or "oneOf" in node):
                node = {"anyOf": [node, {"type": "null"}]}
        return node
    if isinstance(node, list):
        return [_nullable_as_31(item) for item in node]
    return node


@cache
def _document() -> dict[str, Any]:
    path = _spec_path()
    if path is None:
        pytest.skip(f"{SPEC_NAME} not found (set PSBRIDGE_SHARED)")
    with path.open(encoding="utf-8") as handle:
        document: dict[str, Any] = _nullable_as_31(json.load(handle))
    input_item = document["components"]["schemas"]["InputItem"]
    input_item["anyOf"] = input_item.pop("oneOf")
    return document


@cache
def _registry() -> referencing.Registry:  # type: ignore[type-arg]
    resource = referencing.Resource.from_contents(_document(), default_specification=referencing.jsonschema.DRAFT202012)
    return referencing.Registry().with_resource(_URI, resource)


def _validator(pointer: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({"$ref": f"{_URI}#{pointer}"}, registry=_registry())


@cache
def component(name: str) -> jsonschema.Draft202012Validator:
    """The validator of ``#/components/schemas/<name>``."""
    return _validator(f"/components/schemas/{name}")


def _operation(path: str, method: str) -> dict[str, Any]:
    operation: dict[str, Any] = _document()["paths"][path][method.lower()]
    return operation


def _pointer(path: str) -> str:
    return path.replace("~", "~0").replace("/", "~1")


@cache
def request_body(method: str, path: str) -> jsonschema.Draft202012Validator:
    """The JSON request-body schema of an operation, e.g. ``("POST", "/chat/completions")``."""
    _operation(path, method)["requestBody"]["content"]["application/json"]["schema"]
    return _validator(f"/paths/{_pointer(path)}/{method.lower()}/requestBody/content/application~1json/schema")


@cache
def response_body(method: str, path: str, content_type: str = "application/json") -> jsonschema.Draft202012Validator:
    """The 200 response schema of an operation (``text/event-stream`` for one streamed event)."""
    _operation(path, method)["responses"]["200"]["content"][content_type]["schema"]
    escaped = content_type.replace("/", "~1")
    return _validator(f"/paths/{_pointer(path)}/{method.lower()}/responses/200/content/{escaped}/schema")


def assert_valid(validator: jsonschema.Draft202012Validator, payload: Any) -> None:
    """No schema error; the first few are shown (deepest location first) when there are some."""
    errors = sorted(validator.iter_errors(payload), key=lambda e: -len(list(e.absolute_path)))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message[:300]}" for e in errors[:5])


def sse_payloads(text: str) -> list[Any]:
    """The JSON payloads of an event stream's ``data:`` lines, up to ``[DONE]``."""
    payloads: list[Any] = []
    for line in text.splitlines():
        if line.startswith("data: "):
            data = line[6:]
            if data.strip() == "[DONE]":
                break
            payloads.append(json.loads(data))
    return payloads


def checked(client: Any, method: str, template: str, *, json_body: Any = None, params: Any = None, **ids: str) -> Any:
    """One call to a loopback emulator with both sides checked against the description.

    ``template`` is the description's path (``/chat/completions/{completion_id}``);
    the request body must fit its request schema, and the answer must be a 200
    whose body (or, for a stream, every event) fits the response schema.
    Returns the parsed body, or the list of streamed payloads.
    """
    if json_body is not None:
        assert_valid(request_body(method, template), json_body)
    path = template.format(**ids).lstrip("/")
    response = client.request(method, path, json=json_body, params=params)
    assert response.status_code == 200, response.text
    if response.headers["content-type"].startswith("text/event-stream"):
        payloads = sse_payloads(response.text)
        validator = response_body(method, template, "text/event-stream")
        for payload in payloads:
            assert_valid(validator, payload)
        return payloads
    body = response.json()
    assert_valid(response_body(method, template), body)
    return body
