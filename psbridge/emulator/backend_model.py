"""The model behind chat completions, responses and legacy completions when ``--backend`` is set.

Those endpoints ask one function for an :class:`.echo_model.Answer` (see
:mod:`.echo_model`, whose signature this follows); with a backend,
:class:`BackendModel` is that function: the conversation goes to the backend's
``/chat/completions`` and its first choice comes back as the Answer.  The store
lock is let go while the backend thinks (:meth:`.store.Store.unlocked`), so
one slow model call does not stall every other request.

What the endpoints' conversation form keeps is what is sent: roles, text,
function results (re-paired with synthetic calls, since the form keeps only
the function's name), the function tools, tool_choice, the output format and
the token limit.  An answer with several tool calls keeps the first (the
Answer holds one).  Backend failures are the endpoint's error: 429, 400, 502,
504 with the backend's message, key masked.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .backend import BackendError, ChatBackend, as_object
from .echo_model import Answer, Function, OutputFormat, Turn
from .errors import ApiError
from .store import JSON, Store

_PLAIN = OutputFormat()
_ROLES = {"developer": "system", "system": "system", "user": "user", "assistant": "assistant"}


def chat_messages(turns: list[Turn]) -> list[JSON]:
    messages: list[JSON] = []
    pending: list[Turn] = []

    def flush() -> None:
        if not pending:
            return
        calls = [
            {
                "id": f"call_{index}_{len(messages)}",
                "type": "function",
                "function": {"name": turn.tool_name or "tool", "arguments": "{}"},
            }
            for index, turn in enumerate(pending)
        ]
        messages.append({"role": "assistant", "content": None, "tool_calls": calls})
        for call, turn in zip(calls, pending, strict=True):
            messages.append({"role": "tool", "tool_call_id": call["id"], "content": turn.text})
        pending.clear()

    for turn in turns:
        if turn.role == "tool":
            pending.append(turn)
            continue
        flush()
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


class BackendModel:
    def __init__(self, backend: ChatBackend, store: Store) -> None:
        self.backend = backend
        self.store = store

    def __call__(
        self,
        turns: list[Turn],
        *,
        functions: Iterable[Function] = (),
        tool_choice: Any = None,
        output_format: OutputFormat = _PLAIN,
        max_tokens: int | None = None,
        model: str | None = None,
    ) -> Answer:
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
        try:
            if self.store.lock._is_owned():  # type: ignore[attr-defined]
                with self.store.unlocked():
                    completion = self.backend.complete(body)
            else:
                completion = self.backend.complete(body)
        except BackendError as exc:
            raise ApiError(exc.status, exc.message, type=exc.error_type, code=exc.code) from None
        return _answer(completion)


def _answer(completion: JSON) -> Answer:
    choice = as_object(completion["choices"][0])
    message = as_object(choice.get("message"))
    usage = as_object(completion.get("usage"))
    text = message.get("content") if isinstance(message.get("content"), str) else None
    refusal = message.get("refusal") if isinstance(message.get("refusal"), str) else None
    call = None
    for item in message.get("tool_calls") or []:
        function = as_object(as_object(item).get("function"))
        if isinstance(function.get("name"), str):
            arguments = function.get("arguments")
            call = (function["name"], arguments if isinstance(arguments, str) else "{}")
            break
    finish = choice["finish_reason"] if isinstance(choice.get("finish_reason"), str) else "stop"
    prompt_tokens = usage.get("prompt_tokens")
    completion_tokens = usage.get("completion_tokens")
    return Answer(
        text=None if call is not None or refusal is not None else (text or ""),
        refusal=refusal,
        call=call,
        finish_reason="tool_calls" if call is not None else finish,
        prompt_tokens=prompt_tokens if isinstance(prompt_tokens, int) else 0,
        completion_tokens=completion_tokens if isinstance(completion_tokens, int) else 0,
    )
