"""Helpers for the emulator tests: the published schemas, and a client that
checks every response against them.

The spec lives outside the repository (``../shared/reference`` beside the
clone, or ``$PSBRIDGE_SHARED/reference``); tests that need it are skipped when
it cannot be found.
"""

from __future__ import annotations

import copy
import json
import os
import ssl
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import jsonschema
import pytest

from psbridge.emulator import Emulator

SPEC_NAME = "openai-assistants-openapi.json"
API_KEY = "sk-test-emulator-0123456789"


def _spec_path() -> Path | None:
    candidates = []
    if os.environ.get("PSBRIDGE_SHARED"):
        candidates.append(Path(os.environ["PSBRIDGE_SHARED"]) / "reference" / SPEC_NAME)
    repo = Path(__file__).resolve().parents[2]
    candidates.append(repo.parent / "shared" / "reference" / SPEC_NAME)
    return next((path for path in candidates if path.is_file()), None)


@lru_cache(maxsize=1)
def load_extract() -> dict[str, Any]:
    path = _spec_path()
    if path is None:
        pytest.skip(f"{SPEC_NAME} not found (set PSBRIDGE_SHARED)")
    with path.open(encoding="utf-8") as handle:
        extract: dict[str, Any] = json.load(handle)["x-assistants-extract"]["jsonSchema"]
    return extract


@cache
def response_validator(operation: str) -> jsonschema.Draft202012Validator:
    schema = load_extract()["operations"][operation]["responses"]["200"]["schema"]
    return jsonschema.Draft202012Validator(schema)


@cache
def object_validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load_extract()["objects"][name])


@cache
def request_validator(operation: str) -> jsonschema.Draft202012Validator:
    schema = load_extract()["operations"][operation]["requestBody"]["schema"]
    return jsonschema.Draft202012Validator(schema)


def assert_valid(validator: jsonschema.Draft202012Validator, payload: Any) -> None:
    errors = sorted(validator.iter_errors(payload), key=lambda e: str(list(e.absolute_path)))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    """An error response: the status, the ErrorResponse shape, the standard headers."""
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert_valid(object_validator("ErrorResponse"), body)
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-request-id"]
    if code is not None:
        assert body["error"]["code"] == code, body
    return body["error"]


class Api:
    """httpx client that validates each 200 body against its operation's schema.

    ``api.call("GET /threads/{thread_id}", thread_id=...)`` fills the path
    template (percent-encoding the ids), sends, checks status 200 and the
    schema, and returns the JSON.
    """

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def send(
        self, operation: str, *, json_body: Any = None, params: Any = None, **ids: str
    ) -> httpx.Response:
        method, template = operation.split(" ", 1)
        path = template.format(**{key: quote(value, safe="") for key, value in ids.items()})
        return self.client.request(method, path.lstrip("/"), json=json_body, params=params)

    def call(self, operation: str, *, json_body: Any = None, params: Any = None, **ids: str) -> Any:
        response = self.send(operation, json_body=json_body, params=params, **ids)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/json")
        body = response.json()
        assert_valid(response_validator(operation), body)
        return body

    # Shortcuts for setting up state.
    def assistant(self, **fields: Any) -> dict[str, Any]:
        return self.call("POST /assistants", json_body={"model": "gpt-4o", **fields})  # type: ignore[no-any-return]

    def thread(self, *messages: str, **fields: Any) -> dict[str, Any]:
        body = dict(fields)
        if messages:
            body["messages"] = [{"role": "user", "content": text} for text in messages]
        return self.call("POST /threads", json_body=body)  # type: ignore[no-any-return]

    def run(self, thread_id: str, assistant_id: str, **fields: Any) -> dict[str, Any]:
        return self.call(  # type: ignore[no-any-return]
            "POST /threads/{thread_id}/runs",
            json_body={"assistant_id": assistant_id, **fields},
            thread_id=thread_id,
        )

    def get_run(self, thread_id: str, run_id: str) -> dict[str, Any]:
        return self.call(  # type: ignore[no-any-return]
            "GET /threads/{thread_id}/runs/{run_id}", thread_id=thread_id, run_id=run_id
        )


# Plain-HTTP loopback never uses TLS, but httpx builds a CA-loaded context per
# client (~30 ms); sharing one keeps hundreds of short-lived clients cheap.
_TLS = ssl.create_default_context()


def make_client(emu: Emulator, key: str = API_KEY) -> httpx.Client:
    return httpx.Client(
        base_url=emu.base_url + "/",
        headers={"Authorization": f"Bearer {key}", "OpenAI-Beta": "assistants=v2"},
        timeout=10.0,
        verify=_TLS,
    )


def json_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every location in a JSON value (as key/index paths), the root first."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(json_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(json_paths(item, (*prefix, index)))
    return found


def mutate(body: Any, path: tuple[Any, ...], action: str, replacement: Any) -> Any:
    """A copy of ``body`` with the value at ``path`` replaced, deleted, or given an extra member."""
    mutated = copy.deepcopy(body)
    if not path:
        return replacement if action == "replace" else mutated
    parent = mutated
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if action == "replace":
        parent[last] = copy.deepcopy(replacement)
    elif action == "delete":
        del parent[last]
    elif action == "add" and isinstance(parent[last], dict):
        parent[last]["unexpected"] = copy.deepcopy(replacement)
    elif action == "add" and isinstance(parent[last], list):
        parent[last].append(copy.deepcopy(replacement))
    return mutated
