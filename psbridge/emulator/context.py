"""What every endpoint handler receives, and the checks they all share.

Handlers are plain functions ``(ctx, request) -> Reply`` called with the store
lock held; this module gives them the state plus the common steps (validate
the body, find an object or 404) so each handler reads as the operation it
implements.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .errors import ApiError, bad_request, not_found
from .exchange import ApiRequest, Reply
from .request_schemas import INCLUDE_VALUES, REQUEST_SCHEMAS
from .runs import RunEngine
from .schema import Invalid
from .store import JSON, Store


@dataclass
class Context:
    store: Store
    engine: RunEngine
    poll_after_ms: int | None = None


Handler = Callable[[Context, ApiRequest], Reply]


def validated(request: ApiRequest, operation_id: str) -> JSON:
    """The request body, checked against the operation's request schema (400 if not)."""
    try:
        REQUEST_SCHEMAS[operation_id].check(request.body)
    except Invalid as exc:
        raise ApiError(400, exc.message, param=exc.param, code=exc.code) from None
    return request.body


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


def find_assistant(ctx: Context, assistant_id: str) -> JSON:
    found = ctx.store.assistants.get(assistant_id)
    if found is None:
        raise not_found("assistant", assistant_id)
    return found


def find_thread(ctx: Context, thread_id: str) -> JSON:
    found = ctx.store.threads.get(thread_id)
    if found is None:
        raise not_found("thread", thread_id)
    return found


def find_message(ctx: Context, thread_id: str, message_id: str) -> JSON:
    find_thread(ctx, thread_id)
    found = ctx.store.messages.get(message_id)
    if found is None or found["thread_id"] != thread_id:
        raise not_found("message", message_id)
    return found


def find_run(ctx: Context, thread_id: str, run_id: str) -> JSON:
    find_thread(ctx, thread_id)
    found = ctx.store.runs.get(run_id)
    if found is None or found["thread_id"] != thread_id:
        raise not_found("run", run_id)
    return found


def find_step(ctx: Context, thread_id: str, run_id: str, step_id: str) -> JSON:
    find_run(ctx, thread_id, run_id)
    found = ctx.store.steps.get(step_id)
    if found is None or found["run_id"] != run_id:
        raise not_found("run step", step_id)
    return found
