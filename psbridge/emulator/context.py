"""What every endpoint handler receives, and the checks they all share.

Handlers are plain functions ``(ctx, request) -> Reply`` called with the store
lock held; this module gives them the state plus the common steps (validate
the body, find an object or 404) so each handler reads as the operation it
implements.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .echo_model import ModelAnswer, ModelStream, answer
from .errors import ApiError, bad_request, not_found
from .exchange import ApiRequest, Reply
from .request_schemas import INCLUDE_VALUES, REQUEST_SCHEMAS
from .runs import RunEngine
from .schema import Invalid, Schema
from .store import JSON, Store

if TYPE_CHECKING:
    from .agent import Agent
    from .backend import ChatBackend
    from .chat_tokens import TokenCounter


@dataclass
class Context:
    store: Store
    engine: RunEngine
    poll_after_ms: int | None = None
    backend: ChatBackend | None = None
    """The model behind the emulator (``--backend``); None: deterministic answers."""
    agent: Agent | None = None
    """Runs the Assistants runs on ``backend``; None without one."""
    answer: ModelAnswer = answer
    """The model chat completions, responses and completions ask (the backend's when there is one)."""
    stream: ModelStream | None = None
    """Streamed chat completions and responses relay this model's chunks as they arrive (the
    backend's); None: streams are made from the whole answer."""
    count_tokens: TokenCounter | None = None
    """Counts a text's tokens for a model (a real tokenizer, handed in: the emulator has none);
    None: a chat prompt is counted in the echo model's words."""
    relaying: set[str] = field(default_factory=set)
    """Ids of the responses being relayed now: a stored one left ``in_progress`` and not here
    was cut off by a restart."""


Handler = Callable[[Context, ApiRequest], Reply]


def validated(request: ApiRequest, operation_id: str, schemas: Mapping[str, Schema] = REQUEST_SCHEMAS) -> JSON:
    """The request body, checked against the operation's request schema (400 if not)."""
    try:
        schemas[operation_id].check(request.body)
    except Invalid as exc:
        raise ApiError(400, exc.message, param=exc.param, code=exc.code) from None
    return request.body


def check_value(value: object, schema: Schema, param: str) -> None:
    """One value (a form field, a query parameter) against a schema, with the API's 400 wording."""
    try:
        schema.check(value, param)
    except Invalid as exc:
        raise ApiError(400, exc.message, param=exc.param, code=exc.code) from None


def check_include(request: ApiRequest) -> list[str]:
    """``include[]`` may only name the one value the spec defines."""
    values = request.query_values("include[]")
    for value in values:
        if value not in INCLUDE_VALUES:
            raise bad_request(
                f"Invalid value: '{value}'. Supported values are: '{INCLUDE_VALUES[0]}'.",
                param="include[]",
                code="invalid_value",
            )
    return values


def find(ctx: Context, kind: str, label: str, *key: str, **parent: str) -> JSON:
    """The stored ``kind`` object with this key, or the API's 404 naming it ``label``.

    ``parent`` (one field=value) also requires the object to belong there:
    a message id under another thread's path is just as unknown.
    """
    found = ctx.store.get(kind, *key)
    if found is None or any(found.get(name) != value for name, value in parent.items()):
        raise not_found(label, key[-1])
    return found


def find_assistant(ctx: Context, assistant_id: str) -> JSON:
    return find(ctx, "assistant", "assistant", assistant_id)


def find_thread(ctx: Context, thread_id: str) -> JSON:
    return find(ctx, "thread", "thread", thread_id)


def find_message(ctx: Context, thread_id: str, message_id: str) -> JSON:
    find_thread(ctx, thread_id)
    return find(ctx, "thread.message", "message", message_id, thread_id=thread_id)


def find_run(ctx: Context, thread_id: str, run_id: str) -> JSON:
    find_thread(ctx, thread_id)
    run = find(ctx, "thread.run", "run", run_id, thread_id=thread_id)
    ctx.engine.check_expiry(run)  # a run nobody finished in time is expired whenever it is looked at
    return run


def find_step(ctx: Context, thread_id: str, run_id: str, step_id: str) -> JSON:
    find_run(ctx, thread_id, run_id)
    return find(ctx, "thread.run.step", "run step", step_id, run_id=run_id)
