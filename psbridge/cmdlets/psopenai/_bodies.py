"""Request-body pieces several cmdlets build the same way (tools, files, images, formats).

Each function follows PSOpenAI's mapping (../shared/reference/psopenai-behavior.md
2.2, 3.x, 4.1), except where PSOpenAI has a bug listed in its section 6:
functions are checked one by one, a bare file id in -Images becomes an
image_file part, and json_schema without -JsonSchema is refused before
sending.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from ...errors import PSError
from ...objects import Hashtable, PSObject, property_lookup, to_ps_string
from ._errors import ArgumentError

__all__ = [
    "additional_message",
    "image_content",
    "member",
    "plain",
    "response_format",
    "tool_choice",
    "tool_resources",
    "tools",
    "with_message_extras",
]

ReportError = Callable[[PSError], None]


def plain(value: Any) -> Any:
    """A bound value as JSON-ready data (Hashtable/PSObject -> dict, recursively)."""
    if isinstance(value, PSObject):
        return {name: plain(value[name]) for name in value.property_names}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def member(item: Any, name: str) -> Any:
    """``$item.<name>`` as PowerShell reads it: a key of a dictionary, else a property ($null of $null)."""
    if item is None:
        return None
    if isinstance(item, Mapping):
        folded = name.casefold()
        return next((value for key, value in item.items() if str(key).casefold() == folded), None)
    return property_lookup(item)(name)[1]


def functions(entries: Iterable[Any] | None, report: ReportError) -> list[dict[str, Any]]:
    """One function tool per -Functions entry that has a name (others are an error each)."""
    result = []
    for entry in entries or []:
        name = member(entry, "name")
        if not name:
            report(ArgumentError("You should specify function name."))
            continue
        function: dict[str, Any] = {"name": to_ps_string(name)}
        for key in ("description", "parameters", "strict"):
            value = member(entry, key)
            if value is not None:
                function[key] = plain(value)
        result.append({"type": "function", "function": function})
    return result


def tools(
    use_code_interpreter: bool,
    use_file_search: bool,
    function_entries: Iterable[Any] | None,
    report: ReportError,
    file_search_options: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    if use_code_interpreter:
        result.append({"type": "code_interpreter"})
    if use_file_search:
        file_search: dict[str, Any] = {"type": "file_search"}
        if file_search_options:
            file_search["file_search"] = file_search_options
        result.append(file_search)
    result.extend(functions(function_entries, report))
    return result


def tool_resources(
    code_interpreter_file_ids: Iterable[Any] | None,
    vector_store_ids: Iterable[Any] | None,
    file_search_file_ids: Iterable[Any] | None = None,
) -> dict[str, Any]:
    """tool_resources; vector store ids win over files to build a new store from."""
    resources: dict[str, Any] = {}
    if code_interpreter_file_ids:
        resources["code_interpreter"] = {"file_ids": [to_ps_string(f) for f in code_interpreter_file_ids]}
    if vector_store_ids:
        resources["file_search"] = {"vector_store_ids": [to_ps_string(v) for v in vector_store_ids]}
    elif file_search_file_ids:
        resources["file_search"] = {"vector_stores": [{"file_ids": [to_ps_string(f) for f in file_search_file_ids]}]}
    return resources


def tool_choice(value: str, function_name: str | None) -> Any:
    value = value.lower()
    if value in ("none", "auto", "required"):
        return value
    if value == "function":
        if not function_name:
            raise ArgumentError('When you set ToolChoice to "function", the ToolChoiceFunctionName must be specified.')
        return {"type": "function", "function": {"name": function_name}}
    return {"type": value}


_FORMAT_OMITTED = ("default", "raw_response")


def response_format(value: Any, json_schema: str | None) -> tuple[bool, Any]:
    """(send?, value) for -ResponseFormat."""
    kind = to_ps_string(value).lower()
    if kind in _FORMAT_OMITTED:
        return False, None
    if kind == "auto":
        return True, "auto"
    if kind == "json_schema":
        if not json_schema:
            raise ArgumentError("JsonSchema must be specified.")
        try:
            schema = json.loads(json_schema)
        except ValueError as error:
            raise ArgumentError(f"JsonSchema is not valid JSON: {error}") from None
        return True, {"type": "json_schema", "json_schema": schema}
    return True, {"type": kind}


def image_content(message: str, images: Iterable[Any], detail: str, report: ReportError) -> list[dict[str, Any]]:
    """A text part, then one image part per -Images item (a File object, a URL, or a file id)."""
    parts: list[dict[str, Any]] = [{"type": "text", "text": message}]
    for image in images:
        if isinstance(image, PSObject) and image.is_type("PSOpenAI.File"):
            parts.append(
                {"type": "image_file", "image_file": {"file_id": to_ps_string(image.get("id")), "detail": detail}}
            )
        elif isinstance(image, str) and image:
            if urlsplit(image).scheme.lower() in ("http", "https"):
                parts.append({"type": "image_url", "image_url": {"url": image, "detail": detail}})
            else:
                parts.append({"type": "image_file", "image_file": {"file_id": image, "detail": detail}})
        else:
            report(ArgumentError("Invalid input. Please specify a valid URL or File ID."))
    return parts


def additional_message(item: Any) -> dict[str, Any]:
    """An -AdditionalMessages item: a message-like object, or text from the user."""
    role = member(item, "role") if isinstance(item, PSObject | Mapping | Hashtable) else None
    if not role:
        return {"role": "user", "content": to_ps_string(item)}
    message: dict[str, Any] = {"role": to_ps_string(role), "content": plain(member(item, "content"))}
    return with_message_extras(message, item)


def with_message_extras(message: dict[str, Any], item: Any) -> dict[str, Any]:
    """Add an item's attachments (when any) and metadata (when a dictionary) to a message body."""
    attachments = member(item, "attachments")
    if attachments:
        message["attachments"] = plain(attachments)
    metadata = member(item, "metadata")
    if isinstance(metadata, Mapping | PSObject):
        message["metadata"] = plain(metadata)
    return message
