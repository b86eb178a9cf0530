"""API JSON -> the objects PSOpenAI emits.

PSOpenAI turns each response into a PowerShell object, prepends a type name
(``PSOpenAI.Thread.Run`` ...), replaces Unix timestamps with local DateTimes
and adds convenience members (a message's ``SimpleContent``, a thread's
``Messages``).  Type names matter: parameters like Wait-ThreadRun's -Run
accept only objects whose type names include ``PSOpenAI.Thread.Run``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from typing import Any

from ...objects import PSObject

__all__ = [
    "ASSISTANT",
    "FILE",
    "MESSAGE",
    "RUN",
    "STEP",
    "THREAD",
    "VECTOR_STORE",
    "VECTOR_STORE_FILE",
    "VECTOR_STORE_FILE_BATCH",
    "assistant_object",
    "message_object",
    "run_object",
    "step_object",
    "thread_object",
    "to_psobject",
    "typed_object",
]

ASSISTANT = "PSOpenAI.Assistant"
THREAD = "PSOpenAI.Thread"
MESSAGE = "PSOpenAI.Thread.Message"
RUN = "PSOpenAI.Thread.Run"
STEP = "PSOpenAI.Thread.Run.Step"
FILE = "PSOpenAI.File"
VECTOR_STORE = "PSOpenAI.VectorStore"
VECTOR_STORE_FILE = "PSOpenAI.VectorStore.File"
VECTOR_STORE_FILE_BATCH = "PSOpenAI.VectorStore.FileBatch"

_TIMESTAMPS: dict[str, tuple[str, ...]] = {
    ASSISTANT: ("created_at",),
    THREAD: ("created_at",),
    MESSAGE: ("created_at",),
    RUN: ("created_at", "expires_at", "started_at", "cancelled_at", "failed_at", "completed_at"),
    STEP: ("created_at", "expired_at", "cancelled_at", "failed_at", "completed_at"),
    # ObjectParser.ps1 (ParseVectorStore*Object) and the Files cmdlets convert these.
    FILE: ("created_at",),
    VECTOR_STORE: ("created_at", "expires_at", "last_active_at"),
    VECTOR_STORE_FILE: ("created_at",),
    VECTOR_STORE_FILE_BATCH: ("created_at",),
}

Warn = Callable[[str], None]
_NESTED = (dict, list)
_NUMBERS = (int, float)


def to_psobject(value: Any) -> Any:
    """JSON objects become PSCustomObjects (recursively), as ConvertFrom-Json does."""
    if isinstance(value, dict):
        return PSObject.from_json(value, to_psobject)
    if isinstance(value, list):  # plain values (most of an answer) are kept without a call each
        return [to_psobject(item) if isinstance(item, _NESTED) else item for item in value]
    return value


def typed_object(data: dict[str, Any], type_name: str, timestamps: Iterable[str] | None = None) -> PSObject:
    """A response as PSOpenAI emits it: its type name first, the given Unix timestamps (by default
    those PSOpenAI converts for the type) as local DateTimes."""
    obj = to_psobject(data)
    obj.pstypenames.insert(0, type_name)
    for field in _TIMESTAMPS.get(type_name, ()) if timestamps is None else timestamps:
        stamp = data.get(field)
        if isinstance(stamp, _NUMBERS) and not isinstance(stamp, bool) and stamp:
            obj[field] = _dt.datetime.fromtimestamp(stamp)
    return obj


def _typed(data: dict[str, Any], type_name: str) -> PSObject:
    return typed_object(data, type_name, _TIMESTAMPS[type_name])


def warn_status(kind: str, data: dict[str, Any], warn: Warn | None) -> None:
    """PSOpenAI's warnings for a run (or step) that failed or ended incomplete."""
    if warn is None:
        return
    error = data.get("last_error")
    if isinstance(error, dict):
        warn(
            f'The status of {kind} with id "{data.get("id")}" is "{data.get("status")}". '
            f'Reason: "{error.get("message")}" ({error.get("code")})'
        )
    details = data.get("incomplete_details")
    if kind == "run" and isinstance(details, dict):
        warn(
            f'The status of run with id "{data.get("id")}" is "{data.get("status")}". Reason: "{details.get("reason")}"'
        )


def run_object(data: dict[str, Any], warn: Warn | None = None) -> PSObject:
    warn_status("run", data, warn)
    return _typed(data, RUN)


def assistant_object(data: dict[str, Any]) -> PSObject:
    return _typed(data, ASSISTANT)


def _simple_content(role: Any, content: Any) -> list[PSObject]:
    parts: list[PSObject] = []
    for part in content if isinstance(content, list) else []:
        kind = part.get("type") if isinstance(part, dict) else None
        value: Any = None
        if kind == "text":
            value = (part.get("text") or {}).get("value")
        elif kind == "image_file":
            value = (part.get("image_file") or {}).get("file_id")
        elif kind == "image_url":
            value = (part.get("image_url") or {}).get("url")
        parts.append(PSObject({"Role": role, "Type": kind, "Content": value}))
    return parts


def message_object(data: dict[str, Any]) -> PSObject:
    obj = _typed(data, MESSAGE)
    obj.SimpleContent = _simple_content(data.get("role"), data.get("content"))
    return obj


def thread_object(data: dict[str, Any], messages: Iterable[PSObject] = ()) -> PSObject:
    obj = _typed(data, THREAD)
    obj.Messages = list(messages)
    return obj


def step_object(data: dict[str, Any], simple_content: Any = None, warn: Warn | None = None) -> PSObject:
    warn_status("run step", data, warn)
    obj = _typed(data, STEP)
    obj.SimpleContent = simple_content
    return obj


def step_simple_content(data: dict[str, Any], message: dict[str, Any] | None) -> Any:
    """PSOpenAI's run-step SimpleContent: the created message's text, or one entry per tool call."""
    details = data.get("step_details") or {}
    if data.get("type") == "message_creation":
        if message is None:
            return None
        parts = message.get("content") or []
        types = [p.get("type") for p in parts if isinstance(p, dict)]
        texts = [(p.get("text") or {}).get("value") for p in parts if isinstance(p, dict) and p.get("type") == "text"]
        return [
            PSObject(
                {
                    "Role": message.get("role"),
                    "Type": types[0] if len(types) == 1 else types,
                    "Content": texts[0] if len(texts) == 1 else texts,
                }
            )
        ]
    if data.get("type") == "tool_calls":
        entries: list[PSObject] = []
        for call in details.get("tool_calls") or []:
            kind = call.get("type")
            if kind == "code_interpreter":
                interpreter = call.get("code_interpreter") or {}
                entries.append(
                    PSObject(
                        {"Role": "tool_calls", "Type": "code_interpreter.input", "Content": interpreter.get("input")}
                    )
                )
                for output in interpreter.get("outputs") or []:
                    if output.get("type") == "logs":
                        entries.append(
                            PSObject(
                                {
                                    "Role": "tool_calls",
                                    "Type": "code_interpreter.output.logs",
                                    "Content": output.get("logs"),
                                }
                            )
                        )
                    elif output.get("type") == "image":
                        entries.append(
                            PSObject(
                                {
                                    "Role": "tool_calls",
                                    "Type": "code_interpreter.output.image",
                                    "Content": (output.get("image") or {}).get("file_id"),
                                }
                            )
                        )
            elif kind == "file_search":
                entries.append(PSObject({"Role": "tool_calls", "Type": "file_search", "Content": None}))
            elif kind == "function":
                function = call.get("function") or {}
                entries.append(
                    PSObject(
                        {
                            "Role": "tool_calls",
                            "Type": "function",
                            "Name": function.get("name"),
                            "Arguments": function.get("arguments"),
                            "Content": function.get("output"),
                        }
                    )
                )
        return entries
    return None
