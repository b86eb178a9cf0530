"""Conversations and their items: create, get, update, delete; add, list, get, delete items.

Items are stored in the shape the API lists them (``message`` items with an id,
a status and typed content parts); responses made with ``conversation`` add
their input and output here (see :mod:`.api_responses`).
"""

from __future__ import annotations

from . import listing
from .api_responses import add_conversation_items, conversation_items, find_conversation
from .context import Context
from .errors import ApiError, bad_request, not_found
from .exchange import ApiRequest, Reply, json_reply
from .responses_model import input_items
from .store import JSON, now

MAX_ITEMS = 20


def _items(request: ApiRequest, ctx: Context, *, required: bool) -> list[JSON]:
    value = request.body.get("items")
    if value is None:
        if required:
            raise ApiError(
                400, "Missing required parameter: 'items'.", param="items", code="missing_required_parameter"
            )
        return []
    if not isinstance(value, list):
        raise bad_request("Invalid type for 'items': expected an array.", param="items", code="invalid_type")
    if len(value) > MAX_ITEMS:
        raise bad_request(
            f"Invalid 'items': array too long. Expected an array with maximum length {MAX_ITEMS}, "
            f"but got an array with length {len(value)} instead.",
            param="items",
            code="array_above_max_length",
        )
    return input_items(value, ctx.store.new_id)


def _metadata(request: ApiRequest) -> JSON:
    metadata = request.body.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise bad_request("Invalid type for 'metadata': expected an object.", param="metadata", code="invalid_type")
    return metadata or {}


def create_conversation(ctx: Context, request: ApiRequest) -> Reply:
    items = _items(request, ctx, required=False)
    conversation_id = ctx.store.new_id("conv_")
    conversation = {
        "id": conversation_id,
        "object": "conversation",
        "created_at": now(),
        "metadata": _metadata(request),
    }
    ctx.store.insert(conversation)
    add_conversation_items(ctx, conversation_id, items)
    return json_reply(conversation)


def get_conversation(ctx: Context, request: ApiRequest) -> Reply:
    return json_reply(find_conversation(ctx, request.params["conversation_id"]))


def update_conversation(ctx: Context, request: ApiRequest) -> Reply:
    conversation = find_conversation(ctx, request.params["conversation_id"])
    if "metadata" not in request.body:
        raise ApiError(
            400, "Missing required parameter: 'metadata'.", param="metadata", code="missing_required_parameter"
        )
    conversation["metadata"] = _metadata(request)
    return json_reply(conversation)


def delete_conversation(ctx: Context, request: ApiRequest) -> Reply:
    conversation = find_conversation(ctx, request.params["conversation_id"])
    ctx.store.remove(conversation)
    return json_reply({"id": conversation["id"], "object": "conversation.deleted", "deleted": True})


def create_items(ctx: Context, request: ApiRequest) -> Reply:
    conversation = find_conversation(ctx, request.params["conversation_id"])
    items = _items(request, ctx, required=True)
    add_conversation_items(ctx, conversation["id"], items)
    return json_reply(listing.page(items, listing.ListQuery(len(items) or 1, "asc", None, None), "item"))


def list_items(ctx: Context, request: ApiRequest) -> Reply:
    conversation = find_conversation(ctx, request.params["conversation_id"])
    query = listing.parse_query(request)
    return json_reply(listing.page(conversation_items(ctx, conversation["id"]), query, "item"))


def _find_item(ctx: Context, conversation_id: str, item_id: str) -> JSON:
    find_conversation(ctx, conversation_id)
    entry = ctx.store.get("conversation.item", conversation_id, item_id)
    if entry is None:
        raise not_found("item", item_id)
    return entry


def get_item(ctx: Context, request: ApiRequest) -> Reply:
    return json_reply(_find_item(ctx, request.params["conversation_id"], request.params["item_id"])["item"])


def delete_item(ctx: Context, request: ApiRequest) -> Reply:
    entry = _find_item(ctx, request.params["conversation_id"], request.params["item_id"])
    ctx.store.remove(entry)
    return json_reply(find_conversation(ctx, request.params["conversation_id"]))
