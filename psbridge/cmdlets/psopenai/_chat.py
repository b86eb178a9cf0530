"""Chat messages as Request-ChatCompletion builds them, and the completion object it emits.

History comes in as objects (a previous completion's ``History``, piped in by
property name, or hashtables written by hand) and is rebuilt message by
message with only the keys the API takes.  The object written to the
pipeline is the API's completion plus PSOpenAI's members: ``Message`` (the
last user text), ``Answer`` (one string per choice) and ``History`` (every
message of the exchange, oldest first, as ordered dictionaries, so that piping
the object into the next call continues the conversation).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ...errors import PSError
from ...objects import Hashtable, OrderedDictionary, PSObject, to_ps_string
from ._bodies import member, plain
from ._objects import to_psobject, typed_object
from ._structured import NOT_PARSED, parse_or_report

__all__ = [
    "CHAT_COMPLETION",
    "assistant_message",
    "chat_completion_object",
    "history_messages",
    "last_user_text",
    "text_messages",
    "tool_definitions",
    "truthy",
]

CHAT_COMPLETION = "PSOpenAI.Chat.Completion"

Warn = Callable[[str], None]


def truthy(value: Any) -> bool:
    """PowerShell's ``if ($x)``: null, '', 0, $false and empty collections are false."""
    if value is None or value is False or value == "" or value == 0:
        return False
    return not (isinstance(value, list | tuple | Mapping) and not value)


def history_messages(history: Iterable[Any] | None) -> list[OrderedDictionary]:
    """Past messages, each with only the keys the API takes (items without a role are skipped)."""
    messages: list[OrderedDictionary] = []
    for item in history or []:
        role = member(item, "role")
        if not truthy(role):
            continue
        message = OrderedDictionary(role=to_ps_string(role))
        refusal = member(item, "refusal")
        content = member(item, "content")
        if truthy(refusal) and message["role"] == "assistant":
            message["content"] = [Hashtable(type="refusal", refusal=refusal)]
        elif truthy(content):
            message["content"] = content
        audio_id = member(member(item, "audio"), "id") if member(item, "audio") is not None else None
        if truthy(audio_id):
            message["audio"] = Hashtable(id=audio_id)
        for key in ("name", "tool_calls", "tool_call_id"):
            value = member(item, key)
            if truthy(value):
                message[key] = to_ps_string(value) if key == "name" else value
        messages.append(message)
    return messages


def text_messages(role: str, texts: Iterable[Any] | None) -> list[OrderedDictionary]:
    """One message per non-blank text (-SystemMessage, -DeveloperMessage), trimmed."""
    return [
        OrderedDictionary(role=role, content=to_ps_string(text).strip())
        for text in texts or []
        if text is not None and to_ps_string(text).strip()
    ]


def tool_definitions(tools: Iterable[Any]) -> list[Any]:
    """-Tools entries: a dictionary with a ``type`` is a tool; any other is a function's definition."""
    result: list[Any] = []
    for tool in tools:
        if isinstance(tool, Mapping | PSObject) and member(tool, "type") is not None:
            result.append(tool)
        else:
            result.append(Hashtable(type="function", function=tool))
    return result


def assistant_message(message: Any) -> OrderedDictionary:
    """The model's message as it joins the history: role and content, plus refusal/audio/tool calls."""
    entry = OrderedDictionary(role=member(message, "role"), content=member(message, "content"))
    refusal = member(message, "refusal")
    if truthy(refusal):
        entry["refusal"] = refusal
    audio = member(message, "audio")
    if truthy(audio):
        entry["audio"] = Hashtable(id=member(audio, "id"))
    tool_calls = member(message, "tool_calls")
    if truthy(tool_calls):
        entry["tool_calls"] = to_psobject(tool_calls)  # as ConvertFrom-Json gives them
    return entry


def last_user_text(messages: list[Any], text_type: str = "text") -> str | None:
    """The last user message's text: its content, or the text of its last ``text_type`` part
    (``text`` in chat messages, ``input_text`` in the Responses API's)."""
    users = [m for m in messages if member(m, "role") == "user"]
    if not users:
        return None
    content = member(users[-1], "content")
    if content is None or isinstance(content, str):
        return content or None
    texts = [member(part, "text") for part in content if member(part, "type") == text_type]
    text = to_ps_string(texts[-1]) if texts else ""
    return text or None


def _answer(choice: Any, warn: Warn | None) -> Any:
    message = member(choice, "message")
    refusal = member(message, "refusal")
    if truthy(refusal):
        if warn is not None:
            warn(f'The model refuses to respond. Refusal message: "{refusal}"')
        return refusal
    reason = member(choice, "finish_reason")
    content = member(message, "content")
    if reason in ("length", "content_filter"):
        if warn is not None:
            warn(f'The model seems to have terminated response. Reason: "{reason}"')
        return content
    transcript = member(member(message, "audio"), "transcript") if member(message, "audio") is not None else None
    if content is None and truthy(transcript):
        return transcript
    return content


def chat_completion_object(
    data: dict[str, Any],
    messages: list[Any],
    warn: Warn | None = None,
    output_type: Any = None,
    report: Callable[[PSError], None] | None = None,
) -> PSObject:
    """PSOpenAI's chat completion object (ParseChatCompletionObject).  With ``output_type`` (a
    -ResponseFormat type) each answer is read into an instance of it, also kept as the message's
    ``parsed``; an answer that does not read is reported through ``report`` and left out."""
    completion = typed_object(data, CHAT_COMPLETION, ("created",))
    completion["Message"] = last_user_text(messages)
    if output_type is None:
        answers = [_answer(choice, warn) for choice in member(completion, "choices") or []]
        completion["Answer"] = ["" if answer is None else to_ps_string(answer) for answer in answers]
    else:
        completion["Answer"] = _structured_answers(completion, output_type, warn, report)
    completion["History"] = list(messages)
    return completion


def _structured_answers(
    completion: PSObject, output_type: Any, warn: Warn | None, report: Callable[[PSError], None] | None
) -> list[Any]:
    answers: list[Any] = []
    for choice in member(completion, "choices") or []:
        message = member(choice, "message")
        if truthy(member(message, "refusal")) or member(choice, "finish_reason") in ("length", "content_filter"):
            answers.append(_answer(choice, warn))
            continue
        content = member(message, "content")
        if content is None and member(message, "audio") is not None:
            answers.append(_answer(choice, warn))
            continue
        parsed = parse_or_report(content, output_type, report)
        if parsed is NOT_PARSED:
            continue
        if isinstance(message, PSObject):
            message["parsed"] = parsed
        answers.append(parsed)
    return answers


def json_ready(messages: list[Any]) -> list[Any]:
    """Messages as request-body data."""
    return [plain(message) for message in messages]
