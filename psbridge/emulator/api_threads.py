"""Threads: create (optionally with messages), get, modify, delete.

Deleting a thread removes its messages, runs and steps with it, as the hosted
API did; later requests for them get 404.
"""

from __future__ import annotations

from . import objects
from .api_messages import add_message
from .context import Context, find_thread, validated
from .exchange import ApiRequest, Reply, json_reply
from .kinds import register
from .store import JSON, now

register("thread")


def new_thread(ctx: Context, spec: JSON) -> JSON:
    """Create a thread from a (validated) CreateThreadRequest-shaped dict.

    Shared with createThreadAndRun, whose ``thread`` field has the same shape.
    """
    resources = objects.tool_resources(spec.get("tool_resources"), ctx.engine.vector_stores.create_for_tool)
    thread = ctx.store.insert(
        objects.thread(ctx.store.new_id("thread_"), now(), resources, spec.get("metadata"))
    )
    for message in spec.get("messages") or []:
        add_message(ctx, thread["id"], message)
    return thread


def create_thread(ctx: Context, request: ApiRequest) -> Reply:
    return json_reply(new_thread(ctx, validated(request, "createThread")))


def get_thread(ctx: Context, request: ApiRequest) -> Reply:
    return json_reply(find_thread(ctx, request.params["thread_id"]))


def modify_thread(ctx: Context, request: ApiRequest) -> Reply:
    body = validated(request, "modifyThread")
    thread = find_thread(ctx, request.params["thread_id"])
    if "tool_resources" in body:
        thread["tool_resources"] = objects.tool_resources(
            body["tool_resources"], ctx.engine.vector_stores.create_for_tool
        )
    if "metadata" in body:
        thread["metadata"] = body["metadata"] or {}
    return json_reply(thread)


def delete_thread(ctx: Context, request: ApiRequest) -> Reply:
    thread = find_thread(ctx, request.params["thread_id"])
    ctx.store.remove(thread)  # its messages, runs and steps go with it
    return json_reply(objects.deleted(thread["id"], "thread"))
