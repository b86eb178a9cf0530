"""A run as a chat-completions request: what the model behind the emulator is asked.

The mapping the self-hosted Assistants servers use, and the hosted API's own
semantics:

- ``system``: the run's instructions (the assistant's, or the run's override,
  plus ``additional_instructions``), then the file-search sources, numbered;
- the thread's messages in order, text and image URLs (an ``image_file`` is
  named, since its bytes are not a URL the backend can fetch);
  ``truncation_strategy: last_messages`` keeps the last N; ``max_prompt_tokens``
  drops the oldest until an estimate (4 characters a token) fits;
- this run's earlier tool rounds: the assistant's tool calls and the outputs
  submitted for them;
- the run's overrides: model (mapped to the backend's name), temperature,
  top_p, ``max_completion_tokens`` (sent as ``max_tokens``, which every
  compatible server reads), response_format, and the function tools with
  tool_choice and parallel_tool_calls.
"""

from __future__ import annotations

from typing import Any

from . import objects
from .run_state import RunState
from .store import JSON, Store

CHARS_PER_TOKEN = 4


def _content(message: JSON) -> str | list[JSON]:
    parts: list[JSON] = []
    for part in message.get("content") or []:
        kind = part.get("type")
        if kind == "text":
            parts.append({"type": "text", "text": part["text"]["value"]})
        elif kind == "image_url" and message["role"] == "user":
            parts.append({"type": "image_url", "image_url": dict(part["image_url"])})
        elif kind == "image_file":
            parts.append({"type": "text", "text": f"[image file {part['image_file'].get('file_id')}]"})
    if all(part["type"] == "text" for part in parts):
        return "\n".join(part["text"] for part in parts)
    return parts


def _estimate(message: JSON) -> int:
    content = message["content"]
    text = content if isinstance(content, str) else " ".join(str(p.get("text", "")) for p in content)
    return 1 + len(text) // CHARS_PER_TOKEN


def sources_text(results: list[Any]) -> str:
    """The file-search hits as numbered sources the model is asked to cite as [n]."""
    lines = [
        "",
        "Answer using these excerpts from the user's files. Cite an excerpt you use by its number in "
        "square brackets, like [1].",
    ]
    for number, result in enumerate(results, 1):
        lines.append(f"[{number}] ({result.file_name}) {result.text}")
    return "\n".join(lines)


def thread_messages(store: Store, run: JSON) -> list[JSON]:
    """The thread's messages as chat messages, minus this run's own partial replies, truncated."""
    chosen = [
        {"role": m["role"], "content": _content(m)}
        for m in store.children("thread.message", thread_id=run["thread_id"])
        if not (m["role"] == "assistant" and m["run_id"] == run["id"])
    ]
    strategy = run.get("truncation_strategy") or {}
    if strategy.get("type") == "last_messages" and strategy.get("last_messages"):
        chosen = chosen[-int(strategy["last_messages"]) :]
    budget = run.get("max_prompt_tokens")
    if budget:
        total = sum(_estimate(m) for m in chosen)
        while len(chosen) > 1 and total > budget:
            total -= _estimate(chosen.pop(0))
    return chosen


def function_tools(run: JSON) -> list[JSON]:
    return [
        {"type": "function", "function": tool["function"]}
        for tool in run["tools"]
        if tool.get("type") == "function" and isinstance(tool.get("function"), dict)
    ]


def _tool_choice(choice: Any) -> Any:
    if isinstance(choice, dict):
        if choice.get("type") == "function":
            return {"type": "function", "function": {"name": (choice.get("function") or {}).get("name")}}
        return "auto"  # file_search / code_interpreter choices were handled before the model is asked
    return choice if choice in ("none", "auto", "required") else "auto"


def chat_request(store: Store, run: JSON, state: RunState, model: str, sources: list[Any]) -> JSON:
    instructions = run["instructions"] or ""
    if sources:
        instructions += sources_text(sources)
    messages: list[JSON] = [{"role": "system", "content": instructions}] if instructions else []
    messages += thread_messages(store, run)
    messages += state["history"]
    body: JSON = {"model": model, "messages": messages}
    for name in ("temperature", "top_p"):
        if run.get(name) is not None:
            body[name] = run[name]
    if run.get("max_completion_tokens"):
        body["max_tokens"] = run["max_completion_tokens"]
    if isinstance(run.get("response_format"), dict) and run["response_format"].get("type") != "text":
        body["response_format"] = run["response_format"]
    tools = function_tools(run)
    if tools:
        body["tools"] = tools
        body["tool_choice"] = _tool_choice(run.get("tool_choice"))
        if run.get("parallel_tool_calls") is False:
            body["parallel_tool_calls"] = False
    return body


def citations(text: str, sources: list[Any]) -> list[JSON]:
    """``[n]`` markers in the model's answer as file_citation annotations of source n."""
    annotations: list[JSON] = []
    for number, result in enumerate(sources, 1):
        marker = f"[{number}]"
        start = text.find(marker)
        while start != -1:
            annotations.append(
                {
                    "type": "file_citation",
                    "text": marker,
                    "start_index": start,
                    "end_index": start + len(marker),
                    "file_citation": {"file_id": result.file_id},
                }
            )
            start = text.find(marker, start + len(marker))
    annotations.sort(key=lambda a: a["start_index"])
    return annotations


def reply_part(text: str, sources: list[Any]) -> JSON:
    part = objects.text_part(text)
    part["text"]["annotations"] = citations(text, sources)
    return part
