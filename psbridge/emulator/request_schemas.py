"""Request-body schemas of the 23 operations, written out by hand with :mod:`.schema`.

They mirror ``x-assistants-extract.jsonSchema.operations[...].requestBody.schema``
of the published OpenAPI description, keyword for keyword, including its
oddities, because the emulator must accept exactly what that description
accepts:

- attachment items declare no required keys (the spec puts ``required`` on the
  array, where it has no effect), so ``{}`` is a valid attachment;
- ``createThreadAndRun`` has no ``reasoning_effort``/``additional_*`` fields, so
  sending them is an unknown parameter, as with the real schema;
- ``format: uri`` is an annotation and is not enforced.

The one deliberate addition is the metadata limits (16 pairs, keys <= 64
characters, values <= 512) that the spec states only in prose: the hosted API
enforced them and scripts ported against the emulator should learn that early.
"""

from __future__ import annotations

from typing import Any

from .schema import (
    AllOf,
    Array,
    Boolean,
    Integer,
    Invalid,
    Nullable,
    Number,
    Object,
    OneOf,
    Required,
    Schema,
    String,
)

METADATA_MAX_PAIRS = 16
METADATA_MAX_KEY = 64
METADATA_MAX_VALUE = 512


class _MetadataMap(Object):
    """String-to-string map plus the prose limits of the ``Metadata`` component."""

    def __init__(self) -> None:
        super().__init__(properties={}, required=(), additional=String())

    def check(self, value: Any, path: str = "") -> None:
        super().check(value, path)
        if len(value) > METADATA_MAX_PAIRS:
            raise Invalid(
                f"Invalid '{path}': too many properties. Expected an object with at most "
                f"{METADATA_MAX_PAIRS} properties, but got an object with {len(value)} properties instead.",
                path,
                "object_above_max_properties",
            )
        for key, item in value.items():
            if len(key) > METADATA_MAX_KEY:
                raise Invalid(
                    f"Invalid '{path}': metadata key '{key[:20]}...' is too long. Expected a key with "
                    f"maximum length {METADATA_MAX_KEY}, but got a key with length {len(key)} instead.",
                    path,
                    "string_above_max_length",
                )
            if len(item) > METADATA_MAX_VALUE:
                raise Invalid(
                    f"Invalid '{path}.{key}': string too long. Expected a string with maximum length "
                    f"{METADATA_MAX_VALUE}, but got a string with length {len(item)} instead.",
                    f"{path}.{key}",
                    "string_above_max_length",
                )


def _enum(*values: str) -> String:
    return String(enum=values)


METADATA = Nullable(_MetadataMap())
MODEL = String()  # anyOf [string, enum of known models] accepts any string
REASONING_EFFORT = Nullable(_enum("none", "minimal", "low", "medium", "high", "xhigh", "max"))
TEMPERATURE = Nullable(Number(minimum=0, maximum=2))
TOP_P = Nullable(Number(minimum=0, maximum=1))
MAX_TOKENS = Nullable(Integer(minimum=256))

TOOL = OneOf(
    Object({"type": _enum("code_interpreter")}, required=("type",)),
    Object(
        {
            "type": _enum("file_search"),
            "file_search": Object(
                {
                    "max_num_results": Integer(minimum=1, maximum=50),
                    "ranking_options": Object(
                        {
                            "ranker": _enum("auto", "default_2024_08_21"),
                            "score_threshold": Number(minimum=0, maximum=1),
                        },
                        required=("score_threshold",),
                    ),
                }
            ),
        },
        required=("type",),
    ),
    Object(
        {
            "type": _enum("function"),
            "function": Object(
                {
                    "description": String(),
                    "name": String(),
                    "parameters": Object(),
                    "strict": Nullable(Boolean()),
                },
                required=("name",),
            ),
        },
        required=("type", "function"),
    ),
)

_CODE_INTERPRETER_RESOURCES = Object({"file_ids": Array(String(), max_items=20)})

# Used where existing resources are referenced (modify, run level, responses).
TOOL_RESOURCES = Nullable(
    Object(
        {
            "code_interpreter": _CODE_INTERPRETER_RESOURCES,
            "file_search": Object({"vector_store_ids": Array(String(), max_items=1)}),
        }
    )
)

_CHUNKING_STRATEGY = OneOf(
    Object({"type": _enum("auto")}, required=("type",), additional=False),
    Object(
        {
            "type": _enum("static"),
            "static": Object(
                {
                    "max_chunk_size_tokens": Integer(minimum=100, maximum=4096),
                    "chunk_overlap_tokens": Integer(),
                },
                required=("max_chunk_size_tokens", "chunk_overlap_tokens"),
                additional=False,
            ),
        },
        required=("type", "static"),
        additional=False,
    ),
)

# Used on create, where a vector store may be created from files on the fly.
TOOL_RESOURCES_CREATE = Nullable(
    Object(
        {
            "code_interpreter": _CODE_INTERPRETER_RESOURCES,
            "file_search": AllOf(
                Object(
                    {
                        "vector_store_ids": Array(String(), max_items=1),
                        "vector_stores": Array(
                            Object(
                                {
                                    "file_ids": Array(String(), max_items=100_000_000),
                                    "chunking_strategy": _CHUNKING_STRATEGY,
                                    "metadata": METADATA,
                                }
                            ),
                            max_items=1,
                        ),
                    }
                ),
                OneOf(Required(("vector_store_ids",)), Required(("vector_stores",))),
            ),
        }
    )
)

RESPONSE_FORMAT = Nullable(
    OneOf(
        _enum("auto"),
        Object({"type": _enum("text")}, required=("type",)),
        Object({"type": _enum("json_object")}, required=("type",)),
        Object(
            {
                "type": _enum("json_schema"),
                "json_schema": Object(
                    {
                        "description": String(),
                        "name": String(),
                        "schema": Object(),
                        "strict": Nullable(Boolean()),
                    },
                    required=("name",),
                ),
            },
            required=("type", "json_schema"),
        ),
    )
)

_DETAIL = _enum("auto", "low", "high")

CONTENT_PART = OneOf(
    Object(
        {
            "type": _enum("image_file"),
            "image_file": Object({"file_id": String(), "detail": _DETAIL}, required=("file_id",)),
        },
        required=("type", "image_file"),
    ),
    Object(
        {
            "type": _enum("image_url"),
            "image_url": Object({"url": String(), "detail": _DETAIL}, required=("url",)),
        },
        required=("type", "image_url"),
    ),
    Object({"type": _enum("text"), "text": String()}, required=("type", "text")),
)

ATTACHMENTS = Nullable(
    Array(
        Object(
            {
                "file_id": String(),
                "tools": Array(
                    OneOf(
                        Object({"type": _enum("code_interpreter")}, required=("type",)),
                        Object({"type": _enum("file_search")}, required=("type",)),
                    )
                ),
            }
        )
    )
)

MESSAGE = Object(
    {
        "role": _enum("user", "assistant"),
        "content": OneOf(String(), Array(CONTENT_PART, min_items=1)),
        "attachments": ATTACHMENTS,
        "metadata": METADATA,
    },
    required=("role", "content"),
    additional=False,
)

TRUNCATION_STRATEGY = Nullable(
    Object(
        {"type": _enum("auto", "last_messages"), "last_messages": Nullable(Integer(minimum=1))},
        required=("type",),
    )
)

TOOL_CHOICE = Nullable(
    OneOf(
        _enum("none", "auto", "required"),
        Object(
            {
                "type": _enum("function", "code_interpreter", "file_search"),
                "function": Object({"name": String()}, required=("name",)),
            },
            required=("type",),
        ),
    )
)

_RUN_OPTIONS: dict[str, Schema] = {
    "model": Nullable(MODEL),
    "instructions": Nullable(String()),
    "tools": Nullable(Array(TOOL, max_items=20)),
    "metadata": METADATA,
    "temperature": TEMPERATURE,
    "top_p": TOP_P,
    "stream": Nullable(Boolean()),
    "max_prompt_tokens": MAX_TOKENS,
    "max_completion_tokens": MAX_TOKENS,
    "truncation_strategy": TRUNCATION_STRATEGY,
    "tool_choice": TOOL_CHOICE,
    "parallel_tool_calls": Boolean(),
    "response_format": RESPONSE_FORMAT,
}

_ASSISTANT_FIELDS: dict[str, Schema] = {
    "model": MODEL,
    "name": Nullable(String(max_length=256)),
    "description": Nullable(String(max_length=512)),
    "instructions": Nullable(String(max_length=256_000)),
    "reasoning_effort": REASONING_EFFORT,
    "tools": Array(TOOL, max_items=128),
    "metadata": METADATA,
    "temperature": TEMPERATURE,
    "top_p": TOP_P,
    "response_format": RESPONSE_FORMAT,
}

_METADATA_ONLY = Object({"metadata": METADATA}, additional=False)

CREATE_THREAD = Object(
    {"messages": Array(MESSAGE), "tool_resources": TOOL_RESOURCES_CREATE, "metadata": METADATA},
    additional=False,
)

REQUEST_SCHEMAS: dict[str, Schema] = {
    "createAssistant": Object(
        {**_ASSISTANT_FIELDS, "tool_resources": TOOL_RESOURCES_CREATE}, required=("model",), additional=False
    ),
    "modifyAssistant": Object({**_ASSISTANT_FIELDS, "tool_resources": TOOL_RESOURCES}, additional=False),
    "createThread": CREATE_THREAD,
    "modifyThread": Object({"tool_resources": TOOL_RESOURCES, "metadata": METADATA}, additional=False),
    "createMessage": MESSAGE,
    "modifyMessage": _METADATA_ONLY,
    "createRun": Object(
        {
            "assistant_id": String(),
            "reasoning_effort": REASONING_EFFORT,
            "additional_instructions": Nullable(String()),
            "additional_messages": Nullable(Array(MESSAGE)),
            **_RUN_OPTIONS,
        },
        required=("assistant_id",),
        additional=False,
    ),
    "createThreadAndRun": Object(
        {
            "assistant_id": String(),
            "thread": CREATE_THREAD,
            "tool_resources": TOOL_RESOURCES,
            **_RUN_OPTIONS,
        },
        required=("assistant_id",),
        additional=False,
    ),
    "modifyRun": _METADATA_ONLY,
    "submitToolOuputsToRun": Object(
        {
            "tool_outputs": Array(Object({"tool_call_id": String(), "output": String()})),
            "stream": Nullable(Boolean()),
        },
        required=("tool_outputs",),
        additional=False,
    ),
}
"""Keyed by the spec's operationId (including its typo ``submitToolOuputsToRun``)."""

INCLUDE_VALUES = ("step_details.tool_calls[*].file_search.results[*].content",)
"""The only value the spec allows in the ``include[]`` query parameter."""
