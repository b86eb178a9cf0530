"""Server-sent events of a streamed chat (or legacy) completion, shaped like OpenAI's.

A chat stream is ``data:`` lines only (no ``event:`` names, unlike the
Assistants and Responses streams): a first chunk with the role, one chunk per
word-sized piece of content (or of a tool call's arguments), a last chunk
with the finish reason and an empty delta, an optional usage chunk with no
choices, then ``data: [DONE]``.  Every chunk repeats the completion's id,
created time and model.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .echo_model import Answer
from .sse import text_chunks

JSON = dict[str, Any]

DONE = b"data: [DONE]\n\n"


def data_frame(payload: JSON) -> bytes:
    return b"data: " + json.dumps(payload).encode("utf-8") + b"\n\n"


def chat_chunks(completion: JSON, result: Answer, *, include_usage: bool = False) -> Iterator[bytes]:
    """The stream of one chat completion (every choice of ``completion``, in index order)."""
    base = {
        "id": completion["id"],
        "object": "chat.completion.chunk",
        "created": completion["created"],
        "model": completion["model"],
        "system_fingerprint": completion["system_fingerprint"],
    }

    def chunk(index: int, delta: JSON, finish: str | None = None) -> bytes:
        choice = {"index": index, "delta": delta, "logprobs": None, "finish_reason": finish}
        return data_frame({**base, "choices": [choice]})

    for choice in completion["choices"]:
        index = choice["index"]
        message = choice["message"]
        yield chunk(
            index, {"role": "assistant", "content": "" if message["content"] is not None else None, "refusal": None}
        )
        if message.get("refusal"):
            for piece in text_chunks(message["refusal"]):
                yield chunk(index, {"refusal": piece})
        for piece in result.tokens:
            yield chunk(index, {"content": piece})
        for position, call in enumerate(message.get("tool_calls") or []):
            head = {"index": position, "id": call["id"], "type": "function"}
            yield chunk(
                index, {"tool_calls": [{**head, "function": {"name": call["function"]["name"], "arguments": ""}}]}
            )
            for piece in text_chunks(call["function"]["arguments"]):
                yield chunk(index, {"tool_calls": [{"index": position, "function": {"arguments": piece}}]})
        yield chunk(index, {}, choice["finish_reason"])
    if include_usage:
        yield data_frame({**base, "choices": [], "usage": completion["usage"]})
    yield DONE


def text_completion_chunks(completion: JSON, pieces: list[str]) -> Iterator[bytes]:
    """The stream of a legacy (text) completion: one chunk per piece, then the finish reason."""
    base = {
        "id": completion["id"],
        "object": "text_completion",
        "created": completion["created"],
        "model": completion["model"],
    }
    for choice in completion["choices"]:
        for piece in pieces:
            yield data_frame(
                {
                    **base,
                    "choices": [{"index": choice["index"], "text": piece, "logprobs": None, "finish_reason": None}],
                }
            )
        yield data_frame(
            {
                **base,
                "choices": [
                    {"index": choice["index"], "text": "", "logprobs": None, "finish_reason": choice["finish_reason"]}
                ],
            }
        )
    yield DONE
