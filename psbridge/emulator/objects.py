"""Builders for the API's objects in their exact wire shape.

Each builder fills *every* property the spec lists as required (nullable ones
with ``null``) so that responses validate against the published schemas even
where the spec's own examples do not (see openai-api-notes §1.5).  Optional
properties are only added when the spec defines them, never invented.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

JSON = dict[str, Any]

RUN_EXPIRY_SECONDS = 600
"""The retired guides' "about 10 minutes"; the spec gives no number."""

MAX_RUN_TOOLS = 20
"""RunObject.tools has maxItems 20 while an assistant may hold 128."""


def text_part(value: str) -> JSON:
    return {"type": "text", "text": {"value": value, "annotations": []}}


def content_parts(content: str | list[JSON]) -> list[JSON]:
    """Turn request content (a string or input parts) into MessageObject content.

    Input text parts carry a bare string; stored ones carry
    ``{value, annotations}``.  Image parts keep only the spec's keys, with the
    API's default ``detail: auto``.
    """
    if isinstance(content, str):
        return [text_part(content)]
    parts: list[JSON] = []
    for part in content:
        kind = part["type"]
        if kind == "text":
            parts.append(text_part(part["text"]))
        elif kind in ("image_url", "image_file"):
            source = part[kind]
            key = "url" if kind == "image_url" else "file_id"
            parts.append({"type": kind, kind: {key: source[key], "detail": source.get("detail", "auto")}})
    return parts


def message_text(message: JSON) -> str:
    """All text parts of a message, joined; images contribute nothing."""
    return "\n".join(
        part["text"]["value"] for part in message.get("content", []) if part.get("type") == "text"
    )


def tool_resources(value: JSON | None, new_vector_store: Callable[[JSON], str]) -> JSON:
    """Normalise requested tool resources to the shape objects report.

    ``file_search.vector_stores`` asks the API to create stores from files:
    ``new_vector_store`` makes each one and returns its id (the objects only
    ever list ids).
    """
    if not value:
        return {}
    resources: JSON = {}
    interpreter = value.get("code_interpreter")
    if interpreter is not None:
        resources["code_interpreter"] = {"file_ids": list(interpreter.get("file_ids") or [])}
    search = value.get("file_search")
    if search is not None:
        ids = list(search.get("vector_store_ids") or [])
        if not ids:
            ids = [new_vector_store(spec) for spec in search.get("vector_stores") or []]
        resources["file_search"] = {"vector_store_ids": ids}
    return resources


def assistant(assistant_id: str, created_at: int, fields: JSON, resources: JSON) -> JSON:
    return {
        "id": assistant_id,
        "object": "assistant",
        "created_at": created_at,
        "name": fields.get("name"),
        "description": fields.get("description"),
        "model": fields["model"],
        "instructions": fields.get("instructions"),
        "tools": list(fields.get("tools") or []),
        "tool_resources": resources,
        "metadata": fields.get("metadata") or {},
        "temperature": fields.get("temperature", 1.0),
        "top_p": fields.get("top_p", 1.0),
        "response_format": fields.get("response_format", "auto"),
    }


def thread(thread_id: str, created_at: int, resources: JSON, metadata: JSON | None) -> JSON:
    return {
        "id": thread_id,
        "object": "thread",
        "created_at": created_at,
        "tool_resources": resources,
        "metadata": metadata or {},
    }


def message(
    message_id: str,
    thread_id: str,
    created_at: int,
    role: str,
    content: list[JSON],
    *,
    assistant_id: str | None = None,
    run_id: str | None = None,
    attachments: list[JSON] | None = None,
    metadata: JSON | None = None,
    status: str = "completed",
) -> JSON:
    return {
        "id": message_id,
        "object": "thread.message",
        "created_at": created_at,
        "thread_id": thread_id,
        "status": status,
        "incomplete_details": None,
        "completed_at": created_at if status == "completed" else None,
        "incomplete_at": None,
        "role": role,
        "content": content,
        "assistant_id": assistant_id,
        "run_id": run_id,
        "attachments": list(attachments or []),
        "metadata": metadata or {},
    }


def run(run_id: str, thread_id: str, created_at: int, settings: JSON) -> JSON:
    """A freshly queued run; ``settings`` holds the resolved assistant/run options."""
    return {
        "id": run_id,
        "object": "thread.run",
        "created_at": created_at,
        "thread_id": thread_id,
        "assistant_id": settings["assistant_id"],
        "status": "queued",
        "required_action": None,
        "last_error": None,
        "expires_at": created_at + RUN_EXPIRY_SECONDS,
        "started_at": None,
        "cancelled_at": None,
        "failed_at": None,
        "completed_at": None,
        "incomplete_details": None,
        "model": settings["model"],
        "instructions": settings["instructions"],
        "tools": list(settings["tools"])[:MAX_RUN_TOOLS],
        "metadata": settings.get("metadata") or {},
        "usage": None,
        "temperature": settings.get("temperature"),
        "top_p": settings.get("top_p"),
        "max_prompt_tokens": settings.get("max_prompt_tokens"),
        "max_completion_tokens": settings.get("max_completion_tokens"),
        "truncation_strategy": settings["truncation_strategy"],
        "tool_choice": settings["tool_choice"],
        "parallel_tool_calls": settings["parallel_tool_calls"],
        "response_format": settings["response_format"],
    }


def step(step_id: str, run_obj: JSON, created_at: int, details: JSON) -> JSON:
    """A run step, in progress; ``details`` decides its ``type``."""
    return {
        "id": step_id,
        "object": "thread.run.step",
        "created_at": created_at,
        "assistant_id": run_obj["assistant_id"],
        "thread_id": run_obj["thread_id"],
        "run_id": run_obj["id"],
        "type": details["type"],
        "status": "in_progress",
        "step_details": details,
        "last_error": None,
        "expired_at": None,
        "cancelled_at": None,
        "failed_at": None,
        "completed_at": None,
        "metadata": {},
        "usage": None,
    }


def function_call(call_id: str, name: str, arguments: str = "{}") -> JSON:
    """A pending call as listed in ``required_action.submit_tool_outputs.tool_calls``."""
    return {"id": call_id, "type": "function", "function": {"name": name, "arguments": arguments}}


def usage(prompt_tokens: int, completion_tokens: int) -> JSON:
    return {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }


def deleted(object_id: str, kind: str) -> JSON:
    return {"id": object_id, "object": f"{kind}.deleted", "deleted": True}


def list_page(data: list[JSON], has_more: bool) -> JSON:
    """The list envelope.

    The spec types ``first_id``/``last_id`` as non-null strings, so an empty
    page reports them as ``""`` rather than ``null``: that validates, and every
    client that checks "is there a last id" (PSOpenAI's ``-All`` loop, the SDK
    ignores them altogether) treats an empty string like a missing one.
    """
    return {
        "object": "list",
        "data": data,
        "first_id": data[0]["id"] if data else "",
        "last_id": data[-1]["id"] if data else "",
        "has_more": has_more,
    }
