"""A streamed response built from the backend's chat chunks as they arrive.

The Responses API's events, made one chunk at a time: ``response.created``
and ``response.in_progress`` first; text opens a message item
(``output_item.added``, ``content_part.added``) and each piece is a
``response.output_text.delta`` (a refusal, ``response.refusal.delta``); each
tool call the backend starts opens a ``function_call`` item - its call id the
backend's, its arguments streamed as ``response.function_call_arguments.delta``.
An item is closed (its ``.done`` events) when the next one opens, as the API
orders them; the last ``response.completed`` (or ``response.incomplete`` when
the model hit the token limit) carries the whole response.  A backend failure
after the first chunk ends the stream with ``response.failed``, whose
``error`` has the API's code (server_error, rate_limit_exceeded,
invalid_prompt) and whose output keeps what came, marked incomplete.

A delta for an item that was already closed (a backend interleaving two
calls, which OpenAI-compatible servers do not do) is kept in the final
response but sends no event of its own.
"""

from __future__ import annotations

import copy
import json
import logging
from collections.abc import Callable, Generator
from typing import Any

from .backend import as_object
from .backend_model import Assembler
from .echo_model import ToolCall
from .errors import ApiError
from .exchange import Reply
from .live_chat import SSE_HEADERS, ClientWriter
from .responses_model import NewId, finish, function_call_item
from .store import JSON, Store, now

log = logging.getLogger("psbridge.emulator")
WRITE_FAILED = "The server had an error while writing this response."


class ResponseRelay:
    def __init__(self, response: JSON, new_id: NewId, prompt_tokens: int) -> None:
        self.response = response
        self.new_id = new_id
        self.assembler = Assembler(prompt_tokens)
        self.items: list[JSON] = []
        self.open: JSON | None = None
        self.calls: dict[int, JSON] = {}  # the backend's call index -> its function_call item
        self.sequence = 0

    # -- events --------------------------------------------------------------

    def event(self, kind: str, **fields: Any) -> bytes:
        payload = {"type": kind, "sequence_number": self.sequence, **fields}
        self.sequence += 1
        return f"event: {kind}\ndata: {json.dumps(payload)}\n\n".encode()

    def start(self) -> list[bytes]:
        started = copy.deepcopy(self.response)
        started.pop("usage", None)
        return [self.event("response.created", response=started), self.event("response.in_progress", response=started)]

    def feed(self, chunk: JSON) -> list[bytes]:
        delta = self.assembler.add(chunk)
        if delta is None:
            return []
        out: list[bytes] = []
        for kind in ("content", "refusal"):
            piece = delta.get(kind)
            if isinstance(piece, str) and piece:
                out += self._text("output_text" if kind == "content" else "refusal", piece)
        for call in delta.get("tool_calls") or []:
            if isinstance(call, dict):
                out += self._call(call)
        return out

    def _text(self, kind: str, piece: str) -> list[bytes]:
        out: list[bytes] = []
        item = self.open
        if item is None or item["type"] != "message":
            out += self.close()
            item = {"id": self.new_id("msg_"), "type": "message", "status": "in_progress", "role": "assistant"}
            item["content"] = []
            self._add(item, out)
        parts = item["content"]
        if not parts or parts[-1]["type"] != kind:
            if parts:
                out += self._part_done(item, len(parts) - 1)
            empty = {"type": "refusal", "refusal": ""} if kind == "refusal" else _text_part("")
            parts.append(empty)
            out.append(self.event("response.content_part.added", **self._where(item), part=empty))
        part = parts[-1]
        if kind == "refusal":
            part["refusal"] += piece
            out.append(self.event("response.refusal.delta", **self._where(item), delta=piece))
        else:
            part["text"] += piece
            out.append(self.event("response.output_text.delta", **self._where(item), delta=piece, logprobs=[]))
        return out

    def _call(self, delta: JSON) -> list[bytes]:
        out: list[bytes] = []
        index: int = delta["index"] if isinstance(delta.get("index"), int) else len(self.assembler.calls) - 1
        merged = self.assembler.calls.get(index)
        if merged is None:
            return out
        item = self.calls.get(index)
        if item is None:
            out += self.close()
            merged["id"] = merged["id"] or self.new_id("call_")
            opened = ToolCall(merged["id"], merged["name"], "")
            item = function_call_item(self.new_id("fc_"), merged["id"], opened, "in_progress")
            self.calls[index] = item
            self._add(item, out)
        item["name"] = merged["name"]
        piece = str(as_object(delta.get("function")).get("arguments") or "")
        item["arguments"] += piece
        if piece and item is self.open:
            out.append(
                self.event(
                    "response.function_call_arguments.delta",
                    item_id=item["id"],
                    output_index=self.items.index(item),
                    delta=piece,
                )
            )
        return out

    def _add(self, item: JSON, out: list[bytes]) -> None:
        self.items.append(item)
        self.open = item
        out.append(self.event("response.output_item.added", output_index=len(self.items) - 1, item=copy.deepcopy(item)))

    def _where(self, item: JSON, part_index: int | None = None) -> JSON:
        index = len(item["content"]) - 1 if part_index is None else part_index
        return {"item_id": item["id"], "output_index": self.items.index(item), "content_index": index}

    def _part_done(self, item: JSON, part_index: int) -> list[bytes]:
        where = self._where(item, part_index)
        part = item["content"][part_index]
        if part["type"] == "refusal":
            done = self.event("response.refusal.done", **where, refusal=part["refusal"])
        else:
            done = self.event("response.output_text.done", **where, text=part["text"], logprobs=[])
        return [done, self.event("response.content_part.done", **where, part=copy.deepcopy(part))]

    def close(self, status: str = "completed") -> list[bytes]:
        """The ``.done`` events of the item streaming now, if any."""
        item, self.open = self.open, None
        if item is None:
            return []
        out: list[bytes] = []
        if item["type"] == "message":
            out += self._part_done(item, len(item["content"]) - 1)  # earlier parts closed as the next opened
        else:
            out.append(
                self.event(
                    "response.function_call_arguments.done",
                    item_id=item["id"],
                    output_index=self.items.index(item),
                    name=item["name"],
                    arguments=item["arguments"],
                )
            )
        item["status"] = status
        index = self.items.index(item)
        out.append(self.event("response.output_item.done", output_index=index, item=copy.deepcopy(item)))
        return out

    # -- the end -------------------------------------------------------------

    def finish(self) -> tuple[list[bytes], JSON]:
        answer = self.assembler.answer()
        out = self.close("incomplete" if answer.finish_reason == "length" else "completed")
        for item in self.items:
            if item["type"] == "function_call" and not item["arguments"]:
                item["arguments"] = "{}"
        final = copy.deepcopy(self.response)
        finish(final, answer, copy.deepcopy(self.items), now())
        kind = "response.incomplete" if final["status"] == "incomplete" else "response.completed"
        out.append(self.event(kind, response=final))
        return out, final

    def fail(self, error: ApiError) -> tuple[list[bytes], JSON]:
        out = self.close("incomplete")
        for item in self.items:
            item["status"] = "incomplete"
        final = copy.deepcopy(self.response)
        final.update(
            status="failed",
            output=copy.deepcopy(self.items),
            error={"code": error.code or "server_error", "message": error.message},
        )
        final.pop("usage", None)  # none to report (the description has no null usage)
        out.append(self.event("response.failed", response=final))
        return out, final


def _text_part(text: str) -> JSON:
    return {"type": "output_text", "text": text, "annotations": [], "logprobs": []}


def relay_response(
    store: Store,
    first: JSON | None,
    chunks: Generator[JSON, None, None],
    response: JSON,
    *,
    prompt_tokens: int,
    finished: Callable[[JSON], None],
) -> Reply:
    """The streamed response (``response`` as created, in_progress); ``finished`` gets the final
    response (completed, incomplete or failed) once the stream has ended."""
    relay = ResponseRelay(response, store.new_id, prompt_tokens)
    opening = relay.start() + (relay.feed(first) if first is not None else [])

    def produce(send: Callable[[bytes], None]) -> None:
        write = ClientWriter(send)
        try:
            for chunk in chunks:
                for piece in relay.feed(chunk):
                    write(piece)
            out, final = relay.finish()
        except ApiError as exc:
            out, final = relay.fail(exc)
        except Exception:  # never leave the response in progress
            log.exception("response %s: unexpected error while relaying", response["id"])
            out, final = relay.fail(ApiError(500, WRITE_FAILED, type="server_error", code="server_error"))
        finally:
            chunks.close()
        finished(final)
        for piece in out:
            write(piece)

    return Reply(status=200, headers=dict(SSE_HEADERS), chunks=opening, stream=produce)
