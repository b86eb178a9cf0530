"""Runs: create (on a thread, or with a new thread), list, get, modify, cancel,
submit tool outputs; streamed variants answer with server-sent events.

A run's options are resolved once, at creation, from the request and the
assistant (the request wins), because the RunObject reports the effective
values and later assistant edits must not change a run already made.
"""

from __future__ import annotations

from . import listing
from .api_messages import add_message
from .api_threads import new_thread
from .context import Context, check_include, find_assistant, find_run, find_thread, validated
from .errors import bad_request
from .exchange import ApiRequest, Reply, json_reply
from .kinds import register
from .sse import Emit, EventStream, discard
from .store import JSON

register("thread.run", owners={"thread_id": "thread"})

POLL_AFTER_HEADER = "openai-poll-after-ms"


def _settings(assistant: JSON, body: JSON) -> JSON:
    instructions = body.get("instructions")
    if instructions is None:
        instructions = assistant.get("instructions") or ""
    extra = body.get("additional_instructions")
    if extra:
        instructions = f"{instructions}\n{extra}" if instructions else extra
    tools = body.get("tools")
    truncation = body.get("truncation_strategy") or {"type": "auto"}

    def inherited(name: str, default: object) -> object:
        value = body.get(name)
        if value is not None:
            return value
        value = assistant.get(name)
        return default if value is None else value

    return {
        "assistant_id": assistant["id"],
        "model": body.get("model") or assistant["model"],
        "instructions": instructions,
        "tools": (assistant.get("tools") or []) if tools is None else tools,
        "metadata": body.get("metadata"),
        "temperature": inherited("temperature", 1.0),
        "top_p": inherited("top_p", 1.0),
        "max_prompt_tokens": body.get("max_prompt_tokens"),
        "max_completion_tokens": body.get("max_completion_tokens"),
        "truncation_strategy": {"type": truncation["type"], "last_messages": truncation.get("last_messages")},
        "tool_choice": body.get("tool_choice") or "auto",
        "parallel_tool_calls": body.get("parallel_tool_calls", True),
        "response_format": inherited("response_format", "auto"),
    }


def _stream_reply(stream: EventStream) -> Reply:
    return Reply(
        status=200,
        headers={"content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache"},
        chunks=stream.frames(),
    )


def _launch(ctx: Context, run: JSON, stream: EventStream | None) -> Reply:
    """Set a created (or resumed) run going and answer the request.

    With a model behind the emulator the agent takes it from here; otherwise
    the deterministic schedule moves it, and a stream runs it to rest at once.
    """
    if ctx.agent is not None:
        return ctx.agent.launch(run, stream)
    if stream is None:
        return json_reply(run)
    ctx.engine.drive(run["id"], stream)
    return _stream_reply(stream)


def _emitter(body: JSON) -> tuple[Emit, EventStream | None]:
    if body.get("stream"):
        stream = EventStream()
        return stream, stream
    return discard, None


def list_runs(ctx: Context, request: ApiRequest) -> Reply:
    thread = find_thread(ctx, request.params["thread_id"])
    query = listing.parse_query(request)
    return json_reply(listing.page(ctx.store.thread_runs(thread["id"]), query, "run"))


def create_run(ctx: Context, request: ApiRequest) -> Reply:
    body = validated(request, "createRun")
    check_include(request)
    thread = find_thread(ctx, request.params["thread_id"])
    assistant = find_assistant(ctx, body["assistant_id"])
    active = ctx.engine.active_run(thread["id"])
    if active is not None:
        raise bad_request(f"Thread {thread['id']} already has an active run {active['id']}.")
    for message in body.get("additional_messages") or []:
        add_message(ctx, thread["id"], message)
    emit, stream = _emitter(body)
    run = ctx.engine.create(thread["id"], _settings(assistant, body), emit)
    return _launch(ctx, run, stream)


def create_thread_and_run(ctx: Context, request: ApiRequest) -> Reply:
    body = validated(request, "createThreadAndRun")
    assistant = find_assistant(ctx, body["assistant_id"])
    emit, stream = _emitter(body)
    thread = new_thread(ctx, body.get("thread") or {})
    emit("thread.created", thread)
    run = ctx.engine.create(thread["id"], _settings(assistant, body), emit)
    return _launch(ctx, run, stream)


def get_run(ctx: Context, request: ApiRequest) -> Reply:
    run = find_run(ctx, request.params["thread_id"], request.params["run_id"])
    headers = {} if ctx.poll_after_ms is None else {POLL_AFTER_HEADER: str(ctx.poll_after_ms)}
    reply = json_reply(run, headers=headers)  # serialised now: the run as it was before this poll
    ctx.engine.polled(run["id"])
    return reply


def modify_run(ctx: Context, request: ApiRequest) -> Reply:
    body = validated(request, "modifyRun")
    run = find_run(ctx, request.params["thread_id"], request.params["run_id"])
    if "metadata" in body:
        run["metadata"] = body["metadata"] or {}
    return json_reply(run)


def cancel_run(ctx: Context, request: ApiRequest) -> Reply:
    """No request body is defined; whatever a client sends (PowerShell sends an
    empty one) is ignored."""
    run = find_run(ctx, request.params["thread_id"], request.params["run_id"])
    return json_reply(ctx.engine.cancel(run["id"]))


def submit_tool_outputs(ctx: Context, request: ApiRequest) -> Reply:
    body = validated(request, "submitToolOuputsToRun")
    run = find_run(ctx, request.params["thread_id"], request.params["run_id"])
    emit, stream = _emitter(body)
    ctx.engine.submit_tool_outputs(run["id"], body["tool_outputs"], emit)
    return _launch(ctx, run, stream)
