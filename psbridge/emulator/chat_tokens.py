"""A chat completion's ``usage.prompt_tokens``, counted as OpenAI counts a chat prompt.

The echo model measures its answers in words, but the prompt count is what scripts compare
with their own: PSOpenAI's How_to_count_tokens notebook ports the OpenAI cookbook's
``num_tokens_from_messages`` -- 3 tokens a message, the tokens of each of its values, 1 more
for a ``name``, 3 to prime the reply -- and checks it against the API's number.

The emulator is standard library only, so it has no tokenizer of its own: whoever starts it
may hand it one (:class:`~psbridge.emulator.Emulator`'s ``count_tokens``; psbridge's own
command line, demo and checks hand it ConvertTo-Token's).  Without one the prompt is counted
in the echo model's words, the same formula around them.  Content given as parts counts its
text; any other value (tool calls) its compact JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

__all__ = ["TokenCounter", "chat_prompt_tokens"]

#: ``count(text, model)``: how many tokens ``text`` is for ``model`` (None: the API's default).
TokenCounter = Callable[[str, "str | None"], int]

_PER_MESSAGE = 3
_PER_NAME = 1
_REPLY_PRIMER = 3


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(part, dict) for part in value):
        return "".join(str(part.get("text", "")) for part in value if isinstance(part.get("text"), str))
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def chat_prompt_tokens(messages: list[dict[str, Any]], model: str | None, count: TokenCounter) -> int:
    """The prompt tokens of ``messages`` sent to ``model``, each text counted by ``count``."""
    total = _REPLY_PRIMER
    for message in messages:
        total += _PER_MESSAGE
        for key, value in message.items():
            total += count(_text(value), model)
            if key == "name":
                total += _PER_NAME
    return total
