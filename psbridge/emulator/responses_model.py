"""The Responses API's items and objects, and how the echo model answers them.

Pure functions (no store): turning a request's ``input`` into stored input
items, items into the model's turns, the model's answer into output items and
the response object, and a finished response into the event stream the API
sends for it.  :mod:`.api_responses` and :mod:`.api_conversations` do the
bookkeeping around them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from .echo_model import Answer, Function, ModelAnswer, OutputFormat, ToolCall, Turn, answer, count_tokens
from .errors import bad_request
from .sse import text_chunks

JSON = dict[str, Any]
NewId = Callable[[str], str]

_INPUT_PARTS = ("input_text", "input_image", "input_file", "input_audio")


def _part(kind_for_text: str, part: Any) -> JSON:
    if isinstance(part, str):
        return {"type": kind_for_text, "text": part}
    if not isinstance(part, dict) or "type" not in part:
        raise bad_request(
            "Invalid content part: expected an object with a 'type'.", param="input", code="invalid_value"
        )
    if part["type"] == "output_text":
        return {
            "type": "output_text",
            "text": part.get("text", ""),
            "annotations": part.get("annotations") or [],
            "logprobs": part.get("logprobs") or [],
        }
    return dict(part)


def input_item(value: Any, new_id: NewId) -> JSON:
    """One input item as the API stores and lists it (with an id and a status)."""
    if not isinstance(value, dict):
        raise bad_request(
            "Invalid 'input': expected a string or an array of items.", param="input", code="invalid_type"
        )
    kind = value.get("type") or ("message" if "role" in value else None)
    if kind == "message":
        role = value.get("role")
        if role not in ("user", "assistant", "system", "developer"):
            raise bad_request(
                f"Invalid value: '{role}'. Supported values are: 'user', 'assistant', 'system', and 'developer'.",
                param="input.role",
                code="invalid_value",
            )
        text_kind = "output_text" if role == "assistant" else "input_text"
        content = value.get("content")
        parts = (
            [_part(text_kind, content)] if isinstance(content, str) else [_part(text_kind, p) for p in content or []]
        )
        item = {
            "id": value.get("id") or new_id("msg_"),
            "type": "message",
            "status": "completed",
            "role": role,
            "content": parts,
        }
        return item
    if kind == "function_call_output":
        return {
            "id": value.get("id") or new_id("fco_"),
            "type": "function_call_output",
            "call_id": value.get("call_id"),
            "output": value.get("output"),
            "status": "completed",
        }
    if kind == "function_call":
        return {
            "id": value.get("id") or new_id("fc_"),
            "type": "function_call",
            "call_id": value.get("call_id"),
            "name": value.get("name"),
            "arguments": value.get("arguments", ""),
            "status": "completed",
        }
    if kind is None:
        raise bad_request("Invalid 'input': an item needs a 'type'.", param="input", code="invalid_value")
    return dict(value, id=value.get("id") or new_id("item_"))


def input_items(value: Any, new_id: NewId) -> list[JSON]:
    if value is None:
        return []
    if isinstance(value, str):
        return [input_item({"type": "message", "role": "user", "content": value}, new_id)]
    if not isinstance(value, list):
        raise bad_request(
            "Invalid 'input': expected a string or an array of items.", param="input", code="invalid_type"
        )
    return [input_item(item, new_id) for item in value]


def item_text(item: JSON) -> str:
    return "".join(
        str(part.get("text", ""))
        for part in item.get("content") or []
        if isinstance(part, dict) and part.get("type") in ("input_text", "output_text", "text")
    )


def turns_of(items: list[JSON], instructions: Any = None) -> list[Turn]:
    """Items as the model sees them: function calls in a row become one assistant turn that
    carries them (with their call ids and arguments), each output a tool turn answering one."""
    turns = [Turn("system", str(instructions))] if instructions else []
    names: dict[str, str] = {}
    for item in items:
        kind = item.get("type")
        if kind == "message":
            turns.append(Turn(str(item.get("role")), item_text(item)))
        elif kind == "function_call":
            call_id = str(item.get("call_id"))
            names[call_id] = str(item.get("name"))
            arguments = item.get("arguments")
            call = ToolCall(call_id, names[call_id], arguments if isinstance(arguments, str) else "")
            last = turns[-1] if turns else None
            if last is not None and last.role == "assistant":
                turns[-1] = replace(last, calls=(*last.calls, call))
            else:
                turns.append(Turn("assistant", "", calls=(call,)))
        elif kind == "function_call_output":
            output = item.get("output")
            text = output if isinstance(output, str) else json.dumps(output)
            call_id = str(item.get("call_id"))
            turns.append(Turn("tool", text, names.get(call_id, "unknown"), call_id=call_id))
    return turns


def functions_of(tools: Any) -> list[Function]:
    return [
        Function(str(tool.get("name")), tool.get("parameters") or {}, bool(tool.get("strict")))
        for tool in tools or []
        if isinstance(tool, dict) and tool.get("type") == "function"
    ]


def output_format(text: Any) -> OutputFormat:
    fmt = (text or {}).get("format") if isinstance(text, dict) else None
    if not isinstance(fmt, dict):
        return OutputFormat()
    return OutputFormat(str(fmt.get("type") or "text"), fmt.get("schema"))


def model_options(body: JSON) -> JSON:
    """What the model is asked besides the conversation."""
    limit = body.get("max_output_tokens")
    return {
        "functions": functions_of(body.get("tools")),
        "tool_choice": body.get("tool_choice"),
        "output_format": output_format(body.get("text")),
        "max_tokens": limit if isinstance(limit, int) else None,
        "model": body.get("model") if isinstance(body.get("model"), str) else None,
    }


def model_answer(body: JSON, items: list[JSON], model: ModelAnswer = answer) -> Answer:
    return model(turns_of(items, body.get("instructions")), **model_options(body))


def output_items(result: Answer, new_id: NewId) -> list[JSON]:
    """A message item (unless the model only called functions), then one function_call item per call."""
    items: list[JSON] = []
    if result.refusal is not None:
        content: list[JSON] = [{"type": "refusal", "refusal": result.refusal}]
    else:
        content = [{"type": "output_text", "text": result.text or "", "annotations": [], "logprobs": []}]
    if result.refusal is not None or result.text or not result.calls:
        status = "incomplete" if result.finish_reason == "length" else "completed"
        items.append(
            {"id": new_id("msg_"), "type": "message", "status": status, "role": "assistant", "content": content}
        )
    items.extend(function_call_item(new_id("fc_"), call.id or new_id("call_"), call) for call in result.calls)
    return items


def function_call_item(item_id: str, call_id: str, call: ToolCall, status: str = "completed") -> JSON:
    return {
        "id": item_id,
        "type": "function_call",
        "status": status,
        "call_id": call_id,
        "name": call.name,
        "arguments": call.arguments,
    }


def usage(result: Answer) -> JSON:
    return {
        "input_tokens": result.prompt_tokens,
        "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
        "output_tokens": result.completion_tokens,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": result.prompt_tokens + result.completion_tokens,
    }


def response_object(body: JSON, response_id: str, created_at: int, conversation: str | None) -> JSON:
    """A response as created, before its output (status ``in_progress``)."""
    text = body.get("text") if isinstance(body.get("text"), dict) else {}
    return {
        "id": response_id,
        "object": "response",
        "created_at": created_at,
        "status": "in_progress",
        "background": bool(body.get("background")),
        "completed_at": None,
        "error": None,
        "incomplete_details": None,
        "instructions": body.get("instructions"),
        "max_output_tokens": body.get("max_output_tokens"),
        "max_tool_calls": body.get("max_tool_calls"),
        "model": body.get("model"),
        "output": [],
        "parallel_tool_calls": body.get("parallel_tool_calls", True),
        "previous_response_id": body.get("previous_response_id"),
        "reasoning": {"effort": (body.get("reasoning") or {}).get("effort"), "summary": None},
        "service_tier": "default",
        "store": body.get("store", True) is not False,
        "temperature": body.get("temperature", 1.0),
        "text": {
            "format": (text or {}).get("format") or {"type": "text"},
            "verbosity": (text or {}).get("verbosity", "medium"),
        },
        "tool_choice": body.get("tool_choice", "auto"),
        "tools": [_tool(tool) for tool in body.get("tools") or []],
        "top_p": body.get("top_p", 1.0),
        "truncation": body.get("truncation", "disabled"),
        "metadata": body.get("metadata") or {},
        "conversation": {"id": conversation} if conversation else None,
        **({"user": body["user"]} if isinstance(body.get("user"), str) else {}),
    }


def _tool(tool: Any) -> Any:
    """A function tool as the response reports it: ``strict`` (the API's default true) and ``parameters``."""
    if isinstance(tool, dict) and tool.get("type") == "function":
        return {**tool, "strict": tool.get("strict", True), "parameters": tool.get("parameters")}
    return tool


def finish(response: JSON, result: Answer, output: list[JSON], completed_at: int) -> None:
    """Fill in the answer: output, usage, and status (``incomplete`` when cut at the token limit)."""
    response["output"] = output
    response["usage"] = usage(result)
    if result.finish_reason == "length":
        response["status"] = "incomplete"
        response["incomplete_details"] = {"reason": "max_output_tokens"}
    else:
        response["status"] = "completed"
        response["completed_at"] = completed_at


def _snapshot(response: JSON, **changes: Any) -> JSON:
    return json.loads(json.dumps({**response, **changes}))


def stream_events(response: JSON) -> Iterator[JSON]:
    """The events the API streams for ``response`` (finished), numbered from 0."""
    sequence = 0

    def event(kind: str, **fields: Any) -> JSON:
        nonlocal sequence
        payload = {"type": kind, "sequence_number": sequence, **fields}
        sequence += 1
        return payload

    started = _snapshot(response, status="in_progress", output=[], completed_at=None, incomplete_details=None)
    started.pop("usage", None)
    if response.get("background"):
        yield event("response.queued", response=_snapshot(started, status="queued"))
    yield event("response.created", response=started)
    yield event("response.in_progress", response=started)
    for index, item in enumerate(response["output"]):
        if item["type"] == "function_call":
            yield event(
                "response.output_item.added",
                output_index=index,
                item={**item, "arguments": "", "status": "in_progress"},
            )
            for piece in text_chunks(item["arguments"]):
                yield event(
                    "response.function_call_arguments.delta", item_id=item["id"], output_index=index, delta=piece
                )
            yield event(
                "response.function_call_arguments.done",
                item_id=item["id"],
                output_index=index,
                name=item["name"],
                arguments=item["arguments"],
            )
        else:
            yield event(
                "response.output_item.added", output_index=index, item={**item, "content": [], "status": "in_progress"}
            )
            for part_index, part in enumerate(item["content"]):
                yield from _part_events(event, item["id"], index, part_index, part)
        yield event("response.output_item.done", output_index=index, item=item)
    final = "response.incomplete" if response["status"] == "incomplete" else "response.completed"
    yield event(final, response=response)


def _part_events(event: Callable[..., JSON], item_id: str, index: int, part_index: int, part: JSON) -> Iterator[JSON]:
    where = {"item_id": item_id, "output_index": index, "content_index": part_index}
    if part["type"] == "refusal":
        yield event("response.content_part.added", **where, part={"type": "refusal", "refusal": ""})
        yield event("response.refusal.done", **where, refusal=part["refusal"])
    else:
        yield event("response.content_part.added", **where, part={**part, "text": ""})
        for piece in text_chunks(part["text"]):
            yield event("response.output_text.delta", **where, delta=piece, logprobs=[])
        yield event("response.output_text.done", **where, text=part["text"], logprobs=[])
    yield event("response.content_part.done", **where, part=part)


def compaction_tokens(items: list[JSON]) -> int:
    return sum(count_tokens(item_text(item)) for item in items)
