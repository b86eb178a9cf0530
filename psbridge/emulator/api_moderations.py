"""Moderations: a deterministic classifier that flags what a keyword table says.

The rules (so scripts can count on them):

* a threat word (kill, murder, shoot, stab, hurt) flags ``violence``; aimed at
  someone (them, you, him, her, people) it also flags ``harassment`` and
  ``harassment/threatening`` -- so ``I want to kill them.`` is flagged for
  harassment, harassment/threatening and violence;
* ``kill myself``, ``suicide`` or ``self-harm`` flag ``self-harm`` and
  ``self-harm/intent``;
* a marker ``[flag:<category>]`` flags that category, for anything else.

Flagged categories score 0.9, the others 0.0001.  Images are never flagged.
"""

from __future__ import annotations

import re
from typing import Any

from .context import Context
from .errors import ApiError, bad_request
from .exchange import ApiRequest, Reply, json_reply

CATEGORIES = (
    "harassment",
    "harassment/threatening",
    "hate",
    "hate/threatening",
    "illicit",
    "illicit/violent",
    "self-harm",
    "self-harm/intent",
    "self-harm/instructions",
    "sexual",
    "sexual/minors",
    "violence",
    "violence/graphic",
)
#: Categories the hosted classifier also scores images for.
IMAGE_CATEGORIES = frozenset(
    {"self-harm", "self-harm/intent", "self-harm/instructions", "sexual", "violence", "violence/graphic"}
)
DEFAULT_MODEL = "omni-moderation-latest"

_THREAT = re.compile(r"\b(kill|murder|shoot|stab|hurt)\b", re.IGNORECASE)
_TARGET = re.compile(r"\b(kill|murder|shoot|stab|hurt)\s+(them|you|him|her|people|everyone)\b", re.IGNORECASE)
_SELF_HARM = re.compile(r"\b(kill myself|suicide|self-harm)\b", re.IGNORECASE)
_MARKER = re.compile(r"\[flag:([a-z/-]+)\]")


def flagged_categories(text: str) -> set[str]:
    found = set()
    if _SELF_HARM.search(text):
        found |= {"self-harm", "self-harm/intent"}
    elif _THREAT.search(text):
        found.add("violence")
        if _TARGET.search(text):
            found |= {"harassment", "harassment/threatening"}
    found |= {name for name in _MARKER.findall(text) if name in CATEGORIES}
    return found


def _result(kind: str, text: str) -> dict[str, Any]:
    flagged = flagged_categories(text) if kind == "text" else set()
    applies = [name for name in CATEGORIES if kind == "text" or name in IMAGE_CATEGORIES]
    return {
        "flagged": bool(flagged),
        "categories": {name: name in flagged for name in CATEGORIES},
        "category_scores": {name: 0.9 if name in flagged else 0.0001 for name in CATEGORIES},
        "category_applied_input_types": {name: [kind] if name in applies else [] for name in CATEGORIES},
    }


def _inputs(value: Any) -> list[tuple[str, str]]:
    """(kind, text) per input: strings, or multi-modal parts (text / image_url)."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise bad_request("'input' must be a string or a non-empty array.", param="input", code="invalid_value")
    found: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, str):
            found.append(("text", item))
        elif isinstance(item, dict) and item.get("type") == "text" and isinstance(item.get("text"), str):
            found.append(("text", item["text"]))
        elif isinstance(item, dict) and item.get("type") == "image_url":
            found.append(("image", ""))
        else:
            raise bad_request(
                "Invalid 'input': expected strings or text/image_url parts.", param="input", code="invalid_value"
            )
    return found


def create_moderation(ctx: Context, request: ApiRequest) -> Reply:
    body = request.body
    if "input" not in body:
        raise ApiError(400, "Missing required parameter: 'input'.", param="input", code="missing_required_parameter")
    inputs = _inputs(body["input"])
    model = body.get("model") or DEFAULT_MODEL
    results = [_result(kind, text) for kind, text in inputs]
    return json_reply({"id": ctx.store.new_id("modr-"), "model": model, "results": results})
