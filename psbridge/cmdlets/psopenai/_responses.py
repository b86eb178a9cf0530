"""Input messages and the response object, as Request-Response and its relatives build them.

Messages are PSCustomObjects ``{type: message, role, content: [parts]}``: one
for all -SystemMessage texts, one for -DeveloperMessage, one for this turn
(its text, -Files and -Images).  The object written is the API's response
plus PSOpenAI's members: ``LastUserMessage``, ``output_text`` (the text of
every output message, joined), ``StructuredOutputs`` and ``History`` (the
input sent and the output received, so piping the object continues the
conversation).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ...errors import PSError
from ...objects import PSObject, to_ps_string
from ._bodies import member
from ._chat import last_user_text
from ._files import data_url, local_file
from ._objects import to_psobject, typed_object
from ._structured import NOT_PARSED, parse_or_report

if TYPE_CHECKING:
    from ...runtime import Parameters

__all__ = ["RESPONSE", "file_part", "image_part", "message", "response_object", "turn_messages", "turn_messages_of"]

RESPONSE = "PSOpenAI.Response"
Warn = Callable[[str], None]
_URL = re.compile(r"^https?://", re.IGNORECASE)


def message(role: str, parts: list[PSObject]) -> PSObject:
    return PSObject({"type": "message", "role": role, "content": parts})


def text_part(text: str) -> PSObject:
    return PSObject({"type": "input_text", "text": text})


def file_part(value: str) -> PSObject | None:
    """A local file inline, a URL by reference, or a file id; a path that is not a file is skipped."""
    path = local_file(value)
    if path is not None:
        return PSObject({"type": "input_file", "filename": path.name, "file_data": data_url(path)})
    if _URL.match(value):
        return PSObject({"type": "input_file", "file_url": value})
    if "/" in value or "\\" in value:
        return None
    return PSObject({"type": "input_file", "file_id": value})


def image_part(value: str, detail: str) -> PSObject:
    """A local image inline, a URL, or a file id (PSOpenAI sends the -Files loop's variable there: a bug)."""
    path = local_file(value)
    if path is not None:
        return PSObject({"type": "input_image", "image_url": data_url(path, "image/png"), "detail": detail})
    if _URL.search(value) or value.startswith("data:"):
        return PSObject({"type": "input_image", "image_url": value, "detail": detail})
    return PSObject({"type": "input_image", "file_id": value, "detail": detail})


def _texts(values: Iterable[Any] | None) -> list[PSObject]:
    return [text_part(to_ps_string(v)) for v in values or [] if v is not None and to_ps_string(v).strip()]


def turn_messages(
    *,
    system: Iterable[Any] | None,
    developer: Iterable[Any] | None,
    text: Any,
    role: str,
    files: Iterable[Any] | None,
    images: Iterable[Any] | None,
    detail: str,
) -> list[PSObject]:
    """The system, developer and this turn's messages (each only when it has content)."""
    messages = []
    for kind, values in (("system", system), ("developer", developer)):
        parts = _texts(values)
        if parts:
            messages.append(message(kind, parts))
    parts = _texts([text])
    for value in files or []:
        part = file_part(to_ps_string(value)) if to_ps_string(value).strip() else None
        if part is not None:
            parts.append(part)
    parts += [image_part(to_ps_string(v), detail) for v in images or [] if to_ps_string(v).strip()]
    if parts:
        messages.append(message(role, parts))
    return messages


def turn_messages_of(p: Parameters) -> list[PSObject]:
    """:func:`turn_messages` from the parameters every Responses-style cmdlet declares."""
    return turn_messages(
        system=p.SystemMessage,
        developer=p.DeveloperMessage,
        text=p.Message,
        role=to_ps_string(p.Role or "user").lower(),
        files=p.Files,
        images=p.Images,
        detail=to_ps_string(p.ImageDetail or "auto").lower(),
    )


def output_text(response: Any) -> str:
    return "".join(
        to_ps_string(member(part, "text"))
        for item in member(response, "output") or []
        if member(item, "type") == "message"
        for part in member(item, "content") or []
        if member(part, "type") == "output_text"
    )


def _structured_outputs(response: PSObject, output_type: Any, report: Callable[[PSError], None] | None) -> list[Any]:
    outputs: list[Any] = []
    for item in member(response, "output") or []:
        for part in member(item, "content") or []:
            if member(part, "type") != "output_text":
                continue
            parsed = parse_or_report(member(part, "text"), output_type, report)
            if parsed is not NOT_PARSED and parsed is not None:
                if isinstance(part, PSObject):
                    part["parsed"] = parsed
                outputs.append(parsed)
    return outputs


def response_object(
    data: dict[str, Any],
    messages: list[Any],
    warn: Warn | None = None,
    output_type: Any = None,
    report: Callable[[PSError], None] | None = None,
) -> PSObject:
    """PSOpenAI's response object (ParseResponseObject).  With ``output_type`` (an -OutputType
    type) each output text is read into an instance of it: ``StructuredOutputs``, and the content
    part's ``parsed``; one that does not read is reported through ``report``."""
    response = typed_object(data, RESPONSE, ("created_at",))
    if warn is not None:
        for item in member(response, "output") or []:
            for part in member(item, "content") or []:
                if member(part, "type") == "refusal":
                    warn(f'The model refuses to respond. Refusal message: "{member(part, "refusal")}"')
        status = member(response, "status")
        if status == "incomplete":
            reason = member(member(response, "incomplete_details"), "reason")
            warn(f'The status of response is "incomplete". Details: "{reason}"')
        elif status == "failed":
            error = member(response, "error")
            warn(f'The status of response is "failed". Error: "{member(error, "message")}" ({member(error, "code")})')
    response["LastUserMessage"] = last_user_text(messages, "input_text")
    response["output_text"] = output_text(response)
    response["StructuredOutputs"] = _structured_outputs(response, output_type, report) if output_type else []
    response["History"] = [m if isinstance(m, PSObject) else to_psobject(m) for m in messages]
    return response
