"""Server-sent events for ``stream: true`` runs.

The run engine reports every transition to an *emitter*; for streamed calls
that emitter is an :class:`EventStream`, which serialises each object at the
moment it is emitted (the engine keeps mutating the same dicts, and each event
must show the object as it was at that point).  Plain calls use
:func:`discard`, so one code path drives both.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

Emit = Callable[[str, dict[str, Any]], None]

DONE = b"event: done\ndata: [DONE]\n\n"


def discard(event: str, data: dict[str, Any]) -> None:
    """Emitter for non-streamed calls: transitions happen, nobody listens."""


def frame(event: str, data: str) -> bytes:
    return f"event: {event}\ndata: {data}\n\n".encode()


class EventStream:
    """Collects encoded SSE frames; ``frames()`` ends them with the ``[DONE]`` sentinel."""

    def __init__(self) -> None:
        self._frames: list[bytes] = []
        self.events: list[str] = []

    def __call__(self, event: str, data: dict[str, Any]) -> None:
        self.events.append(event)
        self._frames.append(frame(event, json.dumps(data)))

    def frames(self) -> list[bytes]:
        return [*self._frames, DONE]

    def pending(self) -> list[bytes]:
        """The frames so far, without the end: the stream goes on elsewhere."""
        return list(self._frames)


def text_chunks(text: str) -> list[str]:
    """Split reply text into word-sized deltas so clients see several of them.

    Concatenating the chunks gives the text back exactly.
    """
    chunks: list[str] = []
    current = ""
    for char in text:
        if char.isspace() and current and not current.isspace():
            chunks.append(current)
            current = ""
        current += char
    if current:
        chunks.append(current)
    return chunks or [""]


def message_delta(message_id: str, chunk: str, index: int = 0) -> dict[str, Any]:
    return {
        "id": message_id,
        "object": "thread.message.delta",
        "delta": {"content": [{"index": index, "type": "text", "text": {"value": chunk, "annotations": []}}]},
    }
