"""A streamed chat completion relayed from the model behind ``--backend`` as it arrives.

Each of the backend's ``chat.completion.chunk`` events goes out as soon as it
comes in, relabelled with the emulator's completion id, created time, the
model name the client asked for and the emulator's fingerprint; deltas
(content, refusal, tool calls) pass through, so parallel tool calls stream as
the backend streams them.  A tool call the backend left without an id gets
one.  The usage chunk goes out only when the client asked for it
(``stream_options.include_usage``), made up from word counts if the backend
sent none.  A failure after the stream started ends it as OpenAI's does: one
``data: {"error": ...}`` event and no ``[DONE]``.

The endpoint awaits the first chunk before the answer's head is sent (with
the store lock let go, :func:`.backend_model.first_chunk`), so a backend that
fails at once is the request's own error status, as for an unstreamed
request.  The rest is sent outside the lock.
"""

from __future__ import annotations

from collections.abc import Callable, Generator

from .backend import as_object
from .backend_model import Assembler
from .chat_sse import DONE, data_frame
from .echo_model import Answer
from .errors import ApiError
from .exchange import Reply
from .store import JSON, Store

FINISH_REASONS = ("stop", "length", "tool_calls", "content_filter", "function_call")
SSE_HEADERS = {"content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache"}


class ChatRelay:
    def __init__(self, store: Store, head: JSON, include_usage: bool, prompt_tokens: int) -> None:
        self.store = store
        self.head = head
        self.include_usage = include_usage
        self.assembler = Assembler(prompt_tokens)
        self.usage_sent = False

    def frame(self, chunk: JSON) -> bytes | None:
        """One backend chunk as the client's chunk (None: nothing in it for the client)."""
        self.assembler.add(chunk)
        out: JSON = {**self.head, "choices": []}
        raw = chunk.get("choices")
        for position, choice in enumerate(raw if isinstance(raw, list) else []):
            choice = as_object(choice)
            index = choice.get("index") if isinstance(choice.get("index"), int) else position
            delta = dict(as_object(choice.get("delta")))
            if index == 0 and isinstance(delta.get("tool_calls"), list):
                delta["tool_calls"] = [self._with_id(call) for call in delta["tool_calls"]]
            finish = choice.get("finish_reason")
            if finish is not None and finish not in FINISH_REASONS:
                finish = "stop"
            out["choices"].append({"index": index, "delta": delta, "logprobs": None, "finish_reason": finish})
        if self.include_usage:
            usage = chunk.get("usage")
            out["usage"] = usage if isinstance(usage, dict) else None
            self.usage_sent = self.usage_sent or isinstance(usage, dict)
        if not out["choices"] and out.get("usage") is None:
            return None
        return data_frame(out)

    def _with_id(self, call: object) -> object:
        """The first delta of a call carries its id: the backend's, or a new one if it sent none."""
        if not isinstance(call, dict) or not isinstance(call.get("index"), int):
            return call
        merged = self.assembler.calls.get(call["index"])
        if merged is None or merged["id"]:
            return call
        merged["id"] = self.store.new_id("call_")
        return {**call, "id": merged["id"]}

    def usage_frame(self, answer: Answer) -> bytes:
        usage = {
            "prompt_tokens": answer.prompt_tokens,
            "completion_tokens": answer.completion_tokens,
            "total_tokens": answer.prompt_tokens + answer.completion_tokens,
        }
        return data_frame({**self.head, "choices": [], "usage": usage})


class ClientWriter:
    """Writes to the client until it leaves; the model's answer is still read to the end and
    kept (as a run's is when its stream's reader leaves), within the backend's timeout."""

    def __init__(self, send: Callable[[bytes], None]) -> None:
        self._send = send
        self.gone = False

    def __call__(self, piece: bytes) -> None:
        if self.gone:
            return
        try:
            self._send(piece)
        except OSError:
            self.gone = True


def relay_chat(
    store: Store,
    first: JSON | None,
    chunks: Generator[JSON, None, None],
    head: JSON,
    *,
    include_usage: bool,
    prompt_tokens: int,
    finished: Callable[[Answer], None],
) -> Reply:
    """The streamed answer (``first``: the chunk :func:`.backend_model.first_chunk` got);
    ``finished`` gets the assembled answer once the stream ended well.
    ``prompt_tokens`` is the usage's prompt count if the backend reports none."""
    relay = ChatRelay(store, head, include_usage, prompt_tokens)
    opening = relay.frame(first) if first is not None else None

    def produce(send: Callable[[bytes], None]) -> None:
        write = ClientWriter(send)
        try:
            for chunk in chunks:
                piece = relay.frame(chunk)
                if piece is not None:
                    write(piece)
        except ApiError as exc:
            write(data_frame(exc.body()))
            return
        finally:
            chunks.close()
        answer = relay.assembler.answer()
        if include_usage and not relay.usage_sent:
            write(relay.usage_frame(answer))
        write(DONE)
        finished(answer)

    return Reply(status=200, headers=dict(SSE_HEADERS), chunks=[opening] if opening else [], stream=produce)
