"""Responses: create (plain, streamed, in the background), get, delete, cancel, input items, compact.

State a response carries, as on the hosted API:

- ``store`` (default true) keeps the response, its input items and output, so
  ``previous_response_id`` can continue from it and GET can read it back;
  ``store: false`` keeps nothing (a later GET is a 404);
- ``previous_response_id`` puts the earlier exchange (its own earlier context,
  its input, its output) before the new input;
- ``conversation`` puts that conversation's items before the input and adds
  the input and the output to the conversation afterwards;
- ``background: true`` answers ``queued`` at once; each later GET moves it one
  step (queued -> in_progress -> completed), and ``cancel`` stops it.

With a model behind ``--backend``, a streamed response (not in the
background) is relayed as the model writes it (:mod:`.live_responses`): it is
stored ``in_progress`` once the model has started, and in its final state
(completed, incomplete or failed) when the stream ends.  One a restart cut off
(stored ``in_progress``, not being relayed) fails with ``server_error`` when
next looked at, as a run cut off mid-reply does.
"""

from __future__ import annotations

import base64
import json

from . import listing
from .api_chat import stream_reply
from .backend_model import first_chunk
from .context import Context
from .echo_model import count_tokens
from .errors import ApiError, bad_request, not_found
from .exchange import ApiRequest, Reply, json_reply
from .kinds import register
from .live_responses import relay_response
from .responses_model import (
    compaction_tokens,
    finish,
    input_items,
    model_answer,
    model_options,
    output_items,
    response_object,
    stream_events,
    turns_of,
)
from .store import JSON, now

register("response")
register("response.input_item", key=("response_id", "id"), owners={"response_id": "response"})
register("response.pending", owners={"id": "response"})
#: A conversation's items: kept here because responses add to them (api_conversations serves them).
register("conversation")
register("conversation.item", key=("conversation_id", "id"), owners={"conversation_id": "conversation"})


CUT_OFF = (
    "The server stopped while this response was being written; the partial output was not kept. "
    "Create a new response to try again."
)


def sse_reply(events: list[JSON]) -> Reply:
    """Responses streams name each event (``event: <type>``), unlike chat streams."""
    return stream_reply(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n".encode() for e in events)


def find_response(ctx: Context, response_id: str) -> JSON:
    found = ctx.store.get("response", response_id)
    if found is None:
        raise not_found("response", response_id)
    cut_off = found["status"] == "in_progress" and not found.get("background") and response_id not in ctx.relaying
    if cut_off:  # a relay a restart ended: it fails, as a run cut off mid-reply does
        found.update(status="failed", error={"code": "server_error", "message": CUT_OFF})
    return found


def find_conversation(ctx: Context, conversation_id: str) -> JSON:
    found = ctx.store.get("conversation", conversation_id)
    if found is None:
        raise not_found("conversation", conversation_id)
    return found


def conversation_items(ctx: Context, conversation_id: str) -> list[JSON]:
    return [entry["item"] for entry in ctx.store.children("conversation.item", conversation_id=conversation_id)]


def add_conversation_items(ctx: Context, conversation_id: str, items: list[JSON]) -> None:
    for item in items:
        ctx.store.insert(
            {"object": "conversation.item", "conversation_id": conversation_id, "id": item["id"], "item": item}
        )


def _inputs_of(ctx: Context, response_id: str) -> list[JSON]:
    return [entry["item"] for entry in ctx.store.children("response.input_item", response_id=response_id)]


def context_items(ctx: Context, response: JSON, depth: int = 0) -> list[JSON]:
    """Everything a response saw and said: its predecessor's context, its input, its output."""
    earlier: list[JSON] = []
    previous = response.get("previous_response_id")
    if previous and depth < 1000:
        found = ctx.store.get("response", previous)
        if found is not None:
            earlier = context_items(ctx, found, depth + 1)
    return [*earlier, *_inputs_of(ctx, response["id"]), *response.get("output", [])]


def _check(body: JSON) -> None:
    if not isinstance(body.get("model"), str) and "prompt" not in body:
        raise ApiError(400, "Missing required parameter: 'model'.", param="model", code="missing_required_parameter")
    if body.get("previous_response_id") and body.get("conversation"):
        raise bad_request(
            "Mutually exclusive parameters: Ensure you are only providing one of: "
            "'previous_response_id' or 'conversation'.",
            param="conversation",
            code="mutually_exclusive_parameters",
        )
    if body.get("background") and body.get("store") is False:
        raise bad_request("Background mode requires 'store' to be true.", param="background", code="invalid_value")


def _conversation_id(body: JSON) -> str | None:
    value = body.get("conversation")
    if isinstance(value, dict):
        value = value.get("id")
    return str(value) if value else None


def create_response(ctx: Context, request: ApiRequest) -> Reply:
    body = request.body
    _check(body)
    new_id = ctx.store.new_id
    inputs = input_items(body.get("input"), new_id)
    history: list[JSON] = []
    if body.get("previous_response_id"):
        history = context_items(ctx, find_response(ctx, str(body["previous_response_id"])))
    conversation = _conversation_id(body)
    if conversation:
        find_conversation(ctx, conversation)
        history = conversation_items(ctx, conversation)
    if body.get("stream") and not body.get("background") and ctx.stream is not None:
        return _relay(ctx, body, inputs, history, conversation)
    result = model_answer(body, [*history, *inputs], ctx.answer)
    response = response_object(body, new_id("resp_"), now(), conversation)
    final = json.loads(json.dumps(response))
    finish(final, result, output_items(result, new_id), now())
    if conversation:
        add_conversation_items(ctx, conversation, [*inputs, *final["output"]])
    if response["store"]:
        _store_inputs(ctx, response["id"], inputs)
    if body.get("background"):
        response["status"] = "queued"
        ctx.store.insert(response)
        ctx.store.insert({"object": "response.pending", "id": response["id"], "final": final})
        shown = response
    else:
        if response["store"]:
            ctx.store.insert(final)
        shown = final
    if body.get("stream"):
        return sse_reply(list(stream_events(final)))
    return json_reply(shown)


def _store_inputs(ctx: Context, response_id: str, inputs: list[JSON]) -> None:
    for item in inputs:
        ctx.store.insert({"object": "response.input_item", "response_id": response_id, "id": item["id"], "item": item})


def _relay(ctx: Context, body: JSON, inputs: list[JSON], history: list[JSON], conversation: str | None) -> Reply:
    """Stream the backend's answer as it comes; the response is stored (in progress) once the model
    has started, and in its final state when the stream ends."""
    assert ctx.stream is not None
    turns = turns_of([*history, *inputs], body.get("instructions"))
    chunks = ctx.stream(turns, **model_options(body))
    first = first_chunk(ctx.store, chunks)
    response = response_object(body, ctx.store.new_id("resp_"), now(), conversation)
    if response["store"]:
        _store_inputs(ctx, response["id"], inputs)
        ctx.store.insert(json.loads(json.dumps(response)))
        ctx.relaying.add(response["id"])

    def finished(final: JSON) -> None:
        with ctx.store.transaction():
            ctx.relaying.discard(response["id"])
            if conversation and ctx.store.get("conversation", conversation) is not None:
                add_conversation_items(ctx, conversation, [*inputs, *final["output"]])
            stored = ctx.store.get("response", response["id"]) if response["store"] else None
            if stored is not None:
                stored.update(final)

    prompt_tokens = sum(count_tokens(turn.text) for turn in turns)
    return relay_response(ctx.store, first, chunks, response, prompt_tokens=prompt_tokens, finished=finished)


def _advance(ctx: Context, response: JSON) -> JSON:
    """A background response moves one step per look: queued -> in_progress -> its final state."""
    if response["status"] == "queued":
        response["status"] = "in_progress"
    elif response["status"] == "in_progress":
        pending = ctx.store.get("response.pending", response["id"])
        if pending is not None:
            response.update(pending["final"])
            ctx.store.remove(pending)
    return response


def get_response(ctx: Context, request: ApiRequest) -> Reply:
    response = find_response(ctx, request.params["response_id"])
    shown = json.loads(json.dumps(response))
    _advance(ctx, response)
    if (request.query_value("stream") or "").lower() == "true":
        final = response
        pending = ctx.store.get("response.pending", response["id"])
        if pending is not None:
            final = pending["final"]
        after = request.query_value("starting_after")
        start = int(after) + 1 if after and after.lstrip("-").isdigit() else 0
        return sse_reply([e for e in stream_events(final) if e["sequence_number"] >= start])
    return json_reply(shown)


def delete_response(ctx: Context, request: ApiRequest) -> Reply:
    response = find_response(ctx, request.params["response_id"])
    ctx.store.remove(response)
    return json_reply({"id": response["id"], "object": "response.deleted", "deleted": True})


def cancel_response(ctx: Context, request: ApiRequest) -> Reply:
    response = find_response(ctx, request.params["response_id"])
    if not response.get("background"):
        raise bad_request("Only responses created with background=true can be cancelled.", code="invalid_value")
    if response["status"] in ("queued", "in_progress"):
        pending = ctx.store.get("response.pending", response["id"])
        if pending is not None:
            ctx.store.remove(pending)
        response["status"] = "cancelled"
    return json_reply(response)


def list_input_items(ctx: Context, request: ApiRequest) -> Reply:
    response = find_response(ctx, request.params["response_id"])
    query = listing.parse_query(request)
    return json_reply(listing.page(_inputs_of(ctx, response["id"]), query, "input item"))


def compact_response(ctx: Context, request: ApiRequest) -> Reply:
    """The context (the previous response's, then ``input``) with a compaction item standing for the
    model's turns: the user messages are kept, the rest is summarised into ``encrypted_content``."""
    body = request.body
    if not isinstance(body.get("model"), str):
        raise ApiError(400, "Missing required parameter: 'model'.", param="model", code="missing_required_parameter")
    items: list[JSON] = []
    if body.get("previous_response_id"):
        items = context_items(ctx, find_response(ctx, str(body["previous_response_id"])))
    items += input_items(body.get("input"), ctx.store.new_id)
    kept = [item for item in items if item.get("type") == "message" and item.get("role") == "user"]
    summary = json.dumps([item for item in items if item not in kept]).encode()
    compaction = {
        "type": "compaction",
        "id": ctx.store.new_id("cmp_"),
        "encrypted_content": base64.b64encode(summary).decode(),
    }
    tokens = compaction_tokens(items)
    return json_reply(
        {
            "id": ctx.store.new_id("resp_"),
            "object": "response.compaction",
            "output": [*kept, compaction],
            "created_at": now(),
            "usage": {
                "input_tokens": tokens,
                "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
                "output_tokens": 1,
                "output_tokens_details": {"reasoning_tokens": 0},
                "total_tokens": tokens + 1,
            },
        }
    )
