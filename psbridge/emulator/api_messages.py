"""Messages: create, list (with the ``run_id`` filter), get, modify, delete."""

from __future__ import annotations

from . import listing, objects
from .context import Context, find_message, find_thread, validated
from .errors import bad_request
from .exchange import ApiRequest, Reply, json_reply
from .kinds import register
from .store import JSON, now

register("thread.message", owners={"thread_id": "thread"})


def add_message(ctx: Context, thread_id: str, spec: JSON, run_id: str | None = None) -> JSON:
    """Store a (validated) CreateMessageRequest-shaped dict as a MessageObject."""
    message = objects.message(
        ctx.store.new_id("msg_"),
        thread_id,
        now(),
        spec["role"],
        objects.content_parts(spec["content"]),
        run_id=run_id,
        attachments=spec.get("attachments"),
        metadata=spec.get("metadata"),
    )
    return ctx.store.insert(message)


def list_messages(ctx: Context, request: ApiRequest) -> Reply:
    thread = find_thread(ctx, request.params["thread_id"])
    query = listing.parse_query(request)
    run_id = request.query_value("run_id")
    keep = None if run_id is None else (lambda message: message["run_id"] == run_id)
    return json_reply(listing.page(ctx.store.thread_messages(thread["id"]), query, "message", keep))


def create_message(ctx: Context, request: ApiRequest) -> Reply:
    """The hosted API refused new messages while a run was active on the thread;
    scripts rely on that (Add-ThreadMessage -WaitForRunComplete exists for it)."""
    body = validated(request, "createMessage")
    thread = find_thread(ctx, request.params["thread_id"])
    active = ctx.engine.active_run(thread["id"])
    if active is not None:
        raise bad_request(f"Can't add messages to {thread['id']} while a run {active['id']} is active.")
    return json_reply(add_message(ctx, thread["id"], body))


def get_message(ctx: Context, request: ApiRequest) -> Reply:
    return json_reply(find_message(ctx, request.params["thread_id"], request.params["message_id"]))


def modify_message(ctx: Context, request: ApiRequest) -> Reply:
    body = validated(request, "modifyMessage")
    message = find_message(ctx, request.params["thread_id"], request.params["message_id"])
    if "metadata" in body:
        message["metadata"] = body["metadata"] or {}
    return json_reply(message)


def delete_message(ctx: Context, request: ApiRequest) -> Reply:
    message = find_message(ctx, request.params["thread_id"], request.params["message_id"])
    ctx.store.remove(message)
    return json_reply(objects.deleted(message["id"], "thread.message"))
