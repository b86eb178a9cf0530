"""The model behind chat completions, responses and legacy completions when ``--backend`` is set.

Those endpoints ask one function for an :class:`.echo_model.Answer` (see
:mod:`.echo_model`, whose signature this follows); with a backend,
:class:`BackendModel` is that function: the conversation goes to the backend's
``/chat/completions`` and its first choice comes back as the Answer, every
tool call in it (id, name, arguments: parallel function calling survives).
Streamed requests use :meth:`BackendModel.stream` instead: the backend's
chunks as they arrive, which :mod:`.live_chat` and :mod:`.live_responses`
pass on; :class:`Assembler` puts them back together into the Answer that is
stored afterwards.  The store lock is let go while the backend thinks
(:meth:`.store.Store.unlocked`), so one slow model call does not stall every
other request.

What is sent is what the endpoints' conversation form keeps: roles, text, an
assistant's tool calls with their ids and arguments, each function result as
a ``tool`` message answering its call, the function tools, tool_choice, the
output format and the token limit.  A result whose call the conversation does
not hold (a legacy ``function`` message, an output for an unknown call id) is
paired with a call made up for it, since chat backends refuse a ``tool``
message that answers nothing.  Backend failures are the endpoint's error:
429, 400, 502, 504 with the backend's message, key masked.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable
from typing import Any

from .backend import BackendError, ChatBackend, as_object
from .echo_model import Answer, Function, OutputFormat, ToolCall, Turn, count_tokens
from .errors import ApiError
from .store import JSON, Store

_PLAIN = OutputFormat()
_ROLES = {"developer": "system", "system": "system", "user": "user", "assistant": "assistant"}


def _call(call: ToolCall) -> JSON:
    return {"id": call.id, "type": "function", "function": {"name": call.name, "arguments": call.arguments or "{}"}}


def chat_messages(turns: list[Turn]) -> list[JSON]:
    """Turns as chat messages: calls and their results as the backend's own tool-call protocol."""
    messages: list[JSON] = []
    answered: set[str] = set()  # call ids an assistant message holds
    orphans: list[Turn] = []

    def flush() -> None:
        if not orphans:
            return
        calls = [
            ToolCall(f"call_{index}_{len(messages)}", turn.tool_name or "tool", "{}")
            for index, turn in enumerate(orphans)
        ]
        messages.append({"role": "assistant", "content": None, "tool_calls": [_call(c) for c in calls]})
        for call, turn in zip(calls, orphans, strict=True):
            messages.append({"role": "tool", "tool_call_id": call.id, "content": turn.text})
        orphans.clear()

    for turn in turns:
        if turn.role == "tool":
            if turn.call_id is not None and turn.call_id in answered:
                messages.append({"role": "tool", "tool_call_id": turn.call_id, "content": turn.text})
            else:
                orphans.append(turn)
            continue
        flush()
        if turn.role == "assistant" and turn.calls:
            messages.append(
                {"role": "assistant", "content": turn.text or None, "tool_calls": [_call(c) for c in turn.calls]}
            )
            answered.update(call.id for call in turn.calls if call.id)
            continue
        messages.append({"role": _ROLES.get(turn.role, "user"), "content": turn.text})
    flush()
    return messages


def _tool_choice(choice: Any) -> Any:
    if isinstance(choice, dict):
        name = choice.get("name") or (choice.get("function") or {}).get("name")
        return {"type": "function", "function": {"name": name}} if name else "auto"
    return choice if choice in ("none", "auto", "required") else None


def _response_format(output: OutputFormat) -> JSON | None:
    if output.kind == "json_object":
        return {"type": "json_object"}
    if output.kind == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": "output", "schema": output.schema or {}}}
    return None


def _api_error(exc: BackendError) -> ApiError:
    return ApiError(exc.status, exc.message, type=exc.error_type, code=exc.code)


class BackendModel:
    def __init__(self, backend: ChatBackend, store: Store) -> None:
        self.backend = backend
        self.store = store

    def request(
        self,
        turns: list[Turn],
        *,
        functions: Iterable[Function] = (),
        tool_choice: Any = None,
        output_format: OutputFormat = _PLAIN,
        max_tokens: int | None = None,
        model: str | None = None,
    ) -> JSON:
        """The chat-completions body for a conversation."""
        body: JSON = {"model": self.backend.model(model or "*"), "messages": chat_messages(turns)}
        tools = [
            {"type": "function", "function": {"name": f.name, "parameters": f.parameters or {"type": "object"}}}
            for f in functions
        ]
        if tools:
            body["tools"] = tools
            if _tool_choice(tool_choice) is not None:
                body["tool_choice"] = _tool_choice(tool_choice)
        response_format = _response_format(output_format)
        if response_format is not None:
            body["response_format"] = response_format
        if max_tokens:
            body["max_tokens"] = max_tokens
        return body

    def __call__(self, turns: list[Turn], **options: Any) -> Answer:
        body = self.request(turns, **options)
        try:
            if self.store.lock._is_owned():  # type: ignore[attr-defined]
                with self.store.unlocked():
                    completion = self.backend.complete(body)
            else:
                completion = self.backend.complete(body)
        except BackendError as exc:
            raise _api_error(exc) from None
        return answer_of(completion)

    def stream(self, turns: list[Turn], **options: Any) -> Generator[JSON, None, None]:
        """The backend's chunks (usage asked for, to be stored), failures as :class:`ApiError`.

        Nothing is sent until the first ``next()``; call that outside the store lock.
        """
        body = {**self.request(turns, **options), "stream_options": {"include_usage": True}}
        chunks = self.backend.stream(body)
        try:
            yield from chunks
        except BackendError as exc:
            raise _api_error(exc) from None
        finally:
            chunks.close()


def first_chunk(store: Store, chunks: Generator[JSON, None, None]) -> JSON | None:
    """Start a model stream with the store lock let go (a failure here is the endpoint's error,
    and the stream is closed)."""
    try:
        if store.lock._is_owned():  # type: ignore[attr-defined]
            with store.unlocked():
                return next(chunks, None)
        return next(chunks, None)
    except BaseException:
        chunks.close()
        raise


def calls_of(message: JSON) -> list[ToolCall]:
    calls = []
    for item in message.get("tool_calls") or []:
        function = as_object(as_object(item).get("function"))
        if isinstance(function.get("name"), str) and function["name"]:
            arguments = function.get("arguments")
            call_id = as_object(item).get("id")
            calls.append(
                ToolCall(
                    call_id if isinstance(call_id, str) and call_id else None,
                    function["name"],
                    arguments if isinstance(arguments, str) else "{}",
                )
            )
    return calls


def _finish(
    text: str | None, refusal: str | None, calls: list[ToolCall], finish: Any, usage: JSON, prompt_estimate: int = 0
) -> Answer:
    prompt_tokens = usage.get("prompt_tokens")
    completion_tokens = usage.get("completion_tokens")
    return Answer(
        text=text if text or (not calls and refusal is None) else None,
        refusal=refusal,
        calls=calls,
        finish_reason="tool_calls" if calls else finish if isinstance(finish, str) else "stop",
        prompt_tokens=prompt_tokens if isinstance(prompt_tokens, int) else prompt_estimate,
        completion_tokens=(
            completion_tokens if isinstance(completion_tokens, int) else count_tokens(text or refusal or "")
        ),
    )


def answer_of(completion: JSON) -> Answer:
    """A chat completion's first choice as the endpoints' Answer."""
    choice = as_object(completion["choices"][0])
    message = as_object(choice.get("message"))
    text = message.get("content") if isinstance(message.get("content"), str) else None
    refusal = message.get("refusal") if isinstance(message.get("refusal"), str) else None
    usage = as_object(completion.get("usage"))
    return _finish(text or "", refusal, calls_of(message), choice.get("finish_reason"), usage)


class Assembler:
    """A streamed chat completion's first choice, put back together chunk by chunk.

    ``prompt_tokens`` stands in for the backend's count when it sends no usage."""

    def __init__(self, prompt_tokens: int = 0) -> None:
        self.prompt_tokens = prompt_tokens
        self.text = ""
        self.refusal: str | None = None
        self.calls: dict[int, JSON] = {}
        self.finish_reason: str | None = None
        self.usage: JSON = {}

    def add(self, chunk: JSON) -> JSON | None:
        """Take in one chunk; its first choice's delta (None when it has none)."""
        if isinstance(chunk.get("usage"), dict):
            self.usage = chunk["usage"]
        choices = chunk.get("choices")
        choice = as_object(choices[0]) if isinstance(choices, list) and choices else {}
        if isinstance(choice.get("finish_reason"), str):
            self.finish_reason = choice["finish_reason"]
        if "delta" not in choice:
            return None
        delta = as_object(choice.get("delta"))
        if isinstance(delta.get("content"), str):
            self.text += delta["content"]
        if isinstance(delta.get("refusal"), str):
            self.refusal = (self.refusal or "") + delta["refusal"]
        for call in delta.get("tool_calls") or []:
            merge_call(self.calls, call)
        return delta

    def answer(self) -> Answer:
        calls = [
            ToolCall(c["id"] or None, c["name"], c["arguments"] or "{}")
            for _, c in sorted(self.calls.items())
            if c["name"]
        ]
        return _finish(self.text, self.refusal, calls, self.finish_reason, self.usage, self.prompt_tokens)


def merge_call(calls: dict[int, JSON], delta: Any) -> JSON | None:
    """One tool-call delta into the calls so far (keyed by the delta's index); the call it grew."""
    if not isinstance(delta, dict):
        return None
    index = delta.get("index")
    position = index if isinstance(index, int) else len(calls)
    call = calls.setdefault(position, {"id": "", "name": "", "arguments": ""})
    function = as_object(delta.get("function"))
    call["id"] = call["id"] or str(delta.get("id") or "")
    call["name"] += str(function.get("name") or "")
    call["arguments"] += str(function.get("arguments") or "")
    return call
