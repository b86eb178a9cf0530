"""Chat completions: create (plain or streamed), and the stored-completion endpoints.

Answers come from :mod:`.echo_model`, or from the model behind ``--backend``
(:mod:`.backend_model`), whose streams are relayed as they arrive
(:mod:`.live_chat`).  ``store: true`` keeps the completion and
the messages it was asked with, as the hosted API does for its dashboard and
for ``GET /chat/completions``; without it nothing is kept, so a later GET of
that id is a 404 just like on the hosted API.

Decisions where the API description is silent:

- the stored messages are listed with their request roles (``user``,
  ``system`` ...), as the hosted API and the description's own example do,
  although the description's item schema only allows ``assistant``;
- the list's default order is ``asc`` (the description's default);
- ``n`` answers are identical copies (the model is deterministic; with a
  backend, copies of its first choice, except in a relayed stream, which
  passes on every choice the backend streams).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from typing import Any

from . import listing
from .backend_model import first_chunk
from .chat_sse import chat_chunks
from .chat_tokens import chat_prompt_tokens
from .context import Context
from .echo_model import Answer, Function, ModelAnswer, OutputFormat, ToolCall, Turn, answer, count_tokens
from .errors import ApiError, bad_request, not_found
from .exchange import ApiRequest, Reply, json_reply
from .kinds import register
from .live_chat import relay_chat
from .store import JSON, now

register("chat.completion")
#: The request messages of a stored completion, one object each (stripped of the two
#: bookkeeping fields when listed); removing the completion removes them.
register("chat.completion.message", key=("completion_id", "id"), owners={"completion_id": "chat.completion"})
_MESSAGE_BOOKKEEPING = ("object", "completion_id")

ROLES = ("developer", "system", "user", "assistant", "tool", "function")
SYSTEM_FINGERPRINT = "fp_emulator"


def content_text(content: Any) -> str:
    """The text of message content: a string, or the text parts of a parts array joined."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(
            str(part.get("text", "")) for part in content if isinstance(part, dict) and part.get("type") == "text"
        )
    return ""


def _check_messages(body: JSON) -> list[JSON]:
    for name in ("model", "messages"):
        if name not in body:
            raise ApiError(400, f"Missing required parameter: '{name}'.", param=name, code="missing_required_parameter")
    if not isinstance(body["model"], str):
        raise bad_request("Invalid type for 'model': expected a string.", param="model", code="invalid_type")
    messages = body["messages"]
    if not isinstance(messages, list) or not messages:
        raise bad_request(
            "Invalid 'messages': expected a non-empty array of messages.", param="messages", code="invalid_value"
        )
    for index, message in enumerate(messages):
        where = f"messages[{index}]"
        if not isinstance(message, dict) or message.get("role") not in ROLES:
            raise bad_request(
                f"Invalid value for '{where}.role': supported values are {', '.join(ROLES)}.",
                param=f"{where}.role",
                code="invalid_value",
            )
        if message["role"] == "tool" and not message.get("tool_call_id"):
            raise ApiError(
                400,
                f"Missing required parameter: '{where}.tool_call_id'.",
                param=f"{where}.tool_call_id",
                code="missing_required_parameter",
            )
    return messages


def _calls(message: JSON) -> tuple[ToolCall, ...]:
    calls = []
    for call in message.get("tool_calls") or []:
        if isinstance(call, dict) and isinstance(call.get("function"), dict):
            function = call["function"]
            arguments = function.get("arguments") if isinstance(function.get("arguments"), str) else ""
            calls.append(ToolCall(str(call.get("id")), str(function.get("name")), arguments))
    return tuple(calls)


def turns_of(messages: list[JSON]) -> list[Turn]:
    """Messages as the model sees them: an assistant's tool calls kept whole, a tool message
    named after the call it answers."""
    call_names: dict[str, str] = {}
    turns: list[Turn] = []
    for message in messages:
        role = message["role"]
        text = content_text(message.get("content"))
        if role == "tool":
            call_id = str(message.get("tool_call_id"))
            turns.append(Turn("tool", text, call_names.get(call_id, "unknown"), call_id=call_id))
        elif role == "function":
            turns.append(Turn("tool", text, str(message.get("name"))))
        else:
            calls = _calls(message) if role == "assistant" else ()
            call_names.update((call.id or "", call.name) for call in calls)
            turns.append(Turn(role, text, calls=calls))
    return turns


def functions_of(tools: Any) -> list[Function]:
    found = []
    for tool in tools or []:
        if isinstance(tool, dict) and tool.get("type") == "function" and isinstance(tool.get("function"), dict):
            spec = tool["function"]
            found.append(Function(str(spec.get("name")), spec.get("parameters") or {}, bool(spec.get("strict"))))
    return found


def _output_format(response_format: Any) -> OutputFormat:
    if not isinstance(response_format, dict):
        return OutputFormat()
    kind = str(response_format.get("type") or "text")
    return OutputFormat(kind, (response_format.get("json_schema") or {}).get("schema"))


def model_options(body: JSON) -> JSON:
    """What the model is asked besides the conversation."""
    limit = body.get("max_completion_tokens", body.get("max_tokens"))
    return {
        "functions": functions_of(body.get("tools")),
        "tool_choice": body.get("tool_choice"),
        "output_format": _output_format(body.get("response_format")),
        "max_tokens": limit if isinstance(limit, int) else None,
        "model": body.get("model") if isinstance(body.get("model"), str) else None,
    }


def model_answer(body: JSON, messages: list[JSON], model: ModelAnswer = answer) -> Answer:
    return model(turns_of(messages), **model_options(body))


def usage(result: Answer) -> JSON:
    return {
        "prompt_tokens": result.prompt_tokens,
        "completion_tokens": result.completion_tokens,
        "total_tokens": result.prompt_tokens + result.completion_tokens,
    }


def response_message(result: Answer, new_id: Callable[[str], str]) -> JSON:
    """The assistant message of a choice: every call keeps the model's id, or gets a new one."""
    message: JSON = {"role": "assistant", "content": result.text, "refusal": result.refusal, "annotations": []}
    if result.calls:
        message["tool_calls"] = [
            {
                "id": call.id or new_id("call_"),
                "type": "function",
                "function": {"name": call.name, "arguments": call.arguments},
            }
            for call in result.calls
        ]
    return message


def _completion(ctx: Context, body: JSON, result: Answer, head: JSON | None = None) -> JSON:
    requested = body.get("n")
    count = requested if isinstance(requested, int) and requested > 0 else 1
    message = response_message(result, ctx.store.new_id)
    head = head or _head(ctx, body)
    return {
        "id": head["id"],
        "object": "chat.completion",
        "created": head["created"],
        "model": head["model"],
        "choices": [
            {
                "index": i,
                "message": copy.deepcopy(message),
                "logprobs": None,
                "finish_reason": result.finish_reason,
            }
            for i in range(count)
        ],
        "usage": usage(result),
        "service_tier": "default",
        "system_fingerprint": SYSTEM_FINGERPRINT,
    }


def _head(ctx: Context, body: JSON) -> JSON:
    """What every chunk of a stream repeats (and the completion carries)."""
    return {
        "id": ctx.store.new_id("chatcmpl-"),
        "object": "chat.completion.chunk",
        "created": now(),
        "model": body["model"],
        "system_fingerprint": SYSTEM_FINGERPRINT,
    }


def _store(ctx: Context, body: JSON, completion: JSON, messages: list[JSON]) -> None:
    stored = dict(completion, metadata=body.get("metadata") or {})
    ctx.store.insert(stored)
    for index, message in enumerate(messages):
        content = message.get("content")
        ctx.store.insert(
            {
                "object": "chat.completion.message",
                "completion_id": completion["id"],
                "id": f"{completion['id']}-{index}",
                "role": message["role"],
                "content": content_text(content) if content is not None else None,
                "refusal": None,
                "name": message.get("name"),
                "content_parts": content if isinstance(content, list) else None,
            }
        )


def create_chat_completion(ctx: Context, request: ApiRequest) -> Reply:
    body = request.body
    messages = _check_messages(body)
    include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
    if body.get("stream") and ctx.stream is not None:
        return _relay(ctx, body, messages, include_usage)
    result = model_answer(body, messages, ctx.answer)
    if ctx.backend is None and ctx.count_tokens is not None:
        # a tokenizer was handed in: the prompt counted as OpenAI counts it (a backend counts its own)
        model = body.get("model")
        result.prompt_tokens = chat_prompt_tokens(messages, model if isinstance(model, str) else None, ctx.count_tokens)
    completion = _completion(ctx, body, result)
    if body.get("store"):
        _store(ctx, body, completion, messages)
    if not body.get("stream"):
        return json_reply(completion)
    return stream_reply(chat_chunks(completion, result, include_usage=include_usage))


def _relay(ctx: Context, body: JSON, messages: list[JSON], include_usage: bool) -> Reply:
    """Stream the backend's chunks as they come; store the completion once it is whole."""
    assert ctx.stream is not None
    turns = turns_of(messages)
    head = _head(ctx, body)

    def finished(result: Answer) -> None:
        if body.get("store"):
            with ctx.store.transaction():
                _store(ctx, body, _completion(ctx, body, result, head), messages)

    chunks = ctx.stream(turns, **model_options(body))
    return relay_chat(
        ctx.store,
        first_chunk(ctx.store, chunks),
        chunks,
        head,
        include_usage=include_usage,
        prompt_tokens=sum(count_tokens(turn.text) for turn in turns),
        finished=finished,
    )


def stream_reply(frames: Iterable[bytes]) -> Reply:
    return Reply(
        status=200,
        headers={"content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache"},
        chunks=list(frames),
    )


def _find(ctx: Context, completion_id: str) -> JSON:
    found = ctx.store.get("chat.completion", completion_id)
    if found is None:
        raise not_found("chat completion", completion_id)
    return found


def list_chat_completions(ctx: Context, request: ApiRequest) -> Reply:
    query = listing.parse_query(request, default_order="asc")
    model = request.query_value("model")
    wanted = {key[9:-1]: value for key, value in request.query if key.startswith("metadata[") and key.endswith("]")}

    def keep(completion: JSON) -> bool:
        metadata = completion.get("metadata") or {}
        return (model is None or completion["model"] == model) and all(metadata.get(k) == v for k, v in wanted.items())

    everything = ctx.store.all("chat.completion")
    return json_reply(listing.page(everything, query, "chat completion", keep))


def get_chat_completion(ctx: Context, request: ApiRequest) -> Reply:
    return json_reply(_find(ctx, request.params["completion_id"]))


def update_chat_completion(ctx: Context, request: ApiRequest) -> Reply:
    completion = _find(ctx, request.params["completion_id"])
    if "metadata" not in request.body:
        raise ApiError(
            400, "Missing required parameter: 'metadata'.", param="metadata", code="missing_required_parameter"
        )
    metadata = request.body["metadata"]
    if metadata is not None and not isinstance(metadata, dict):
        raise bad_request("Invalid type for 'metadata': expected an object.", param="metadata", code="invalid_type")
    completion["metadata"] = metadata or {}
    return json_reply(completion)


def delete_chat_completion(ctx: Context, request: ApiRequest) -> Reply:
    completion = _find(ctx, request.params["completion_id"])
    ctx.store.remove(completion)
    return json_reply({"object": "chat.completion.deleted", "id": completion["id"], "deleted": True})


def list_chat_completion_messages(ctx: Context, request: ApiRequest) -> Reply:
    completion = _find(ctx, request.params["completion_id"])
    query = listing.parse_query(request, default_order="asc")
    stored = ctx.store.children("chat.completion.message", completion_id=completion["id"])
    messages = [{k: v for k, v in m.items() if k not in _MESSAGE_BOOKKEEPING} for m in stored]
    return json_reply(listing.page(messages, query, "message"))
