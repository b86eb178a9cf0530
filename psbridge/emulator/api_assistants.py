"""Assistants: create, list, get, modify, delete.

The spec marks these deprecated but PSOpenAI's New/Get/Set/Remove-Assistant
still call them, so they behave like the rest of the API.
"""

from __future__ import annotations

from . import listing, objects
from .context import Context, find_assistant, validated
from .exchange import ApiRequest, Reply, json_reply
from .kinds import register
from .store import now

register("assistant")

# Request fields that the AssistantObject does not report back.
_NOT_REPORTED = frozenset({"reasoning_effort"})


def list_assistants(ctx: Context, request: ApiRequest) -> Reply:
    query = listing.parse_query(request)
    return json_reply(listing.page(ctx.store.all("assistant"), query, "assistant"))


def create_assistant(ctx: Context, request: ApiRequest) -> Reply:
    body = validated(request, "createAssistant")
    resources = objects.tool_resources(body.get("tool_resources"), ctx.engine.vector_stores.create_for_tool)
    assistant = objects.assistant(ctx.store.new_id("asst_"), now(), body, resources)
    return json_reply(ctx.store.insert(assistant))


def get_assistant(ctx: Context, request: ApiRequest) -> Reply:
    return json_reply(find_assistant(ctx, request.params["assistant_id"]))


def modify_assistant(ctx: Context, request: ApiRequest) -> Reply:
    """Fields present in the body replace the stored ones; absent fields stay."""
    body = validated(request, "modifyAssistant")
    assistant = find_assistant(ctx, request.params["assistant_id"])
    for name, value in body.items():
        if name in _NOT_REPORTED:
            continue
        if name == "tool_resources":
            assistant[name] = objects.tool_resources(value, ctx.engine.vector_stores.create_for_tool)
        elif name == "metadata":
            assistant[name] = value or {}
        elif name == "tools":
            assistant[name] = list(value)
        else:
            assistant[name] = value
    return json_reply(assistant)


def delete_assistant(ctx: Context, request: ApiRequest) -> Reply:
    assistant = find_assistant(ctx, request.params["assistant_id"])
    ctx.store.remove(assistant)
    return json_reply(objects.deleted(assistant["id"], "assistant"))
