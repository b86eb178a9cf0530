"""The hand-written request validation agrees with the published request schemas.

The emulator cannot use jsonschema at run time, so its validator is checked
differentially here: for valid bodies and for thousands of mutations of them,
"the emulator accepts" must equal "Draft 2020-12 validation passes".
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psbridge.emulator.request_schemas import REQUEST_SCHEMAS
from tests.emulator.emulator_helpers import json_paths, load_extract, mutate, request_validator

OPERATIONS = {
    "createAssistant": "POST /assistants",
    "modifyAssistant": "POST /assistants/{assistant_id}",
    "createThread": "POST /threads",
    "modifyThread": "POST /threads/{thread_id}",
    "createMessage": "POST /threads/{thread_id}/messages",
    "modifyMessage": "POST /threads/{thread_id}/messages/{message_id}",
    "createRun": "POST /threads/{thread_id}/runs",
    "createThreadAndRun": "POST /threads/runs",
    "modifyRun": "POST /threads/{thread_id}/runs/{run_id}",
    "submitToolOuputsToRun": "POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs",
}

FUNCTION = {
    "type": "function",
    "function": {"name": "f", "description": "d", "parameters": {"a": 1}, "strict": None},
}
FILE_SEARCH = {
    "type": "file_search",
    "file_search": {"max_num_results": 3, "ranking_options": {"ranker": "auto", "score_threshold": 0.5}},
}
MESSAGE = {
    "role": "user",
    "content": [
        {"type": "text", "text": "hi"},
        {"type": "image_url", "image_url": {"url": "https://x/y.png", "detail": "high"}},
        {"type": "image_file", "image_file": {"file_id": "file-1"}},
    ],
    "attachments": [{"file_id": "file-2", "tools": [{"type": "file_search"}]}],
    "metadata": {"k": "v"},
}
RESOURCES_CREATE = {
    "code_interpreter": {"file_ids": ["a"]},
    "file_search": {
        "vector_stores": [
            {
                "file_ids": ["b"],
                "chunking_strategy": {
                    "type": "static",
                    "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400},
                },
                "metadata": {"m": "n"},
            }
        ]
    },
}
RUN_OPTIONS = {
    "model": "gpt-4o",
    "instructions": "i",
    "tools": [{"type": "code_interpreter"}, FUNCTION],
    "metadata": {"a": "b"},
    "temperature": 1,
    "top_p": 0.5,
    "stream": None,
    "max_prompt_tokens": 256,
    "max_completion_tokens": 1000,
    "truncation_strategy": {"type": "last_messages", "last_messages": 2},
    "tool_choice": {"type": "function", "function": {"name": "f"}},
    "parallel_tool_calls": True,
    "response_format": {"type": "json_schema", "json_schema": {"name": "s", "schema": {}, "strict": True}},
}

VALID: dict[str, list[dict[str, Any]]] = {
    "createAssistant": [
        {"model": "gpt-4o"},
        {
            "model": "x",
            "name": None,
            "description": "d",
            "instructions": "i",
            "reasoning_effort": "high",
            "tools": [{"type": "code_interpreter"}, FILE_SEARCH, FUNCTION],
            "tool_resources": RESOURCES_CREATE,
            "metadata": None,
            "temperature": 0.2,
            "top_p": None,
            "response_format": "auto",
        },
    ],
    "modifyAssistant": [
        {},
        {
            "model": "m",
            "tools": [],
            "tool_resources": {"file_search": {"vector_store_ids": ["vs"]}},
            "response_format": {"type": "text"},
        },
    ],
    "createThread": [
        {},
        {"messages": [MESSAGE, {"role": "assistant", "content": "x"}], "tool_resources": RESOURCES_CREATE},
    ],
    "modifyThread": [{}, {"tool_resources": None, "metadata": {"a": "b"}}],
    "createMessage": [MESSAGE, {"role": "assistant", "content": "plain", "attachments": None}],
    "modifyMessage": [{}, {"metadata": None}],
    "createRun": [
        {"assistant_id": "a"},
        {
            "assistant_id": "a",
            "reasoning_effort": None,
            "additional_instructions": "x",
            "additional_messages": [MESSAGE],
            **RUN_OPTIONS,
        },
    ],
    "createThreadAndRun": [
        {"assistant_id": "a", "thread": {}},
        {
            "assistant_id": "a",
            "thread": {
                "messages": [MESSAGE],
                "tool_resources": {"file_search": {"vector_store_ids": ["v"]}},
                "metadata": {},
            },
            "tool_resources": {"code_interpreter": {"file_ids": []}},
            **RUN_OPTIONS,
        },
    ],
    "modifyRun": [{}, {"metadata": {"x": "y"}}],
    "submitToolOuputsToRun": [
        {"tool_outputs": []},
        {"tool_outputs": [{"tool_call_id": "c", "output": "o"}, {}], "stream": True},
    ],
}

# Values a mutation may put anywhere; chosen to cross type boundaries.
REPLACEMENTS = [
    None,
    True,
    0,
    1,
    1.0,
    1.5,
    -1,
    257,
    3,
    "",
    "x",
    "auto",
    "function",
    "user",
    [],
    [{}],
    {},
    {"type": "text"},
]


def emulator_accepts(operation_id: str, body: Any) -> bool:
    return REQUEST_SCHEMAS[operation_id].accepts(body)


def spec_accepts(operation_id: str, body: Any) -> bool:
    return request_validator(OPERATIONS[operation_id]).is_valid(body)


def test_every_request_schema_is_modelled() -> None:
    declared = {
        op["operationId"] for op in load_extract()["operations"].values() if op["requestBody"] is not None
    }
    assert declared == set(REQUEST_SCHEMAS) == set(OPERATIONS)


@pytest.mark.parametrize("operation_id", sorted(VALID))
def test_valid_examples_are_accepted_by_both(operation_id: str) -> None:
    for body in VALID[operation_id]:
        assert spec_accepts(operation_id, body), body
        assert emulator_accepts(operation_id, body), body


@st.composite
def mutated_bodies(draw: st.DrawFn) -> tuple[str, Any]:
    operation_id = draw(st.sampled_from(sorted(VALID)))
    body = draw(st.sampled_from(VALID[operation_id]))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(json_paths(body)))
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        body = mutate(body, path, action, draw(st.sampled_from(REPLACEMENTS)))
    return operation_id, body


@settings(max_examples=1000, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_bodies())
def test_mutated_bodies_get_the_same_verdict(case: tuple[str, Any]) -> None:
    operation_id, body = case
    assert emulator_accepts(operation_id, body) == spec_accepts(operation_id, body), body


def test_prose_limits_are_the_only_deliberate_difference() -> None:
    """The spec states metadata limits in prose only; the emulator enforces them."""
    body = {"metadata": {str(i): "v" for i in range(17)}}
    assert spec_accepts("modifyThread", body) and not emulator_accepts("modifyThread", body)
    body = {"metadata": {"k" * 65: "v"}}
    assert spec_accepts("modifyThread", body) and not emulator_accepts("modifyThread", body)
    body = {"metadata": {"k": "v" * 513}}
    assert spec_accepts("modifyThread", body) and not emulator_accepts("modifyThread", body)


def test_spec_quirks_are_followed() -> None:
    """Empty attachments pass (the spec's ``required`` sits on the array), and
    createThreadAndRun has no reasoning_effort."""
    message = {"role": "user", "content": "x", "attachments": [{}]}
    assert spec_accepts("createMessage", message) and emulator_accepts("createMessage", message)
    body = {"assistant_id": "a", "reasoning_effort": "low"}
    assert not spec_accepts("createThreadAndRun", body) and not emulator_accepts("createThreadAndRun", body)
    both = {"file_search": {"vector_store_ids": ["a"], "vector_stores": [{}]}}
    assert not spec_accepts("createThread", {"tool_resources": both})
    assert not emulator_accepts("createThread", {"tool_resources": both})
