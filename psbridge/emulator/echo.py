"""The deterministic assistant: what a run does when no model is behind the emulator.

It answers ``Echo: <last user message>``, calls the functions the message
names (see :mod:`.tool_calls`), and lets content markers (``[fail]``, ``[requires_action]`` ...) or a queued
outcome choose how a run ends - everything a test needs, nothing random.
"""

from __future__ import annotations

from . import objects, tool_calls
from .lifecycle import outcome_from_text
from .store import JSON, Store

FALLBACK_FUNCTION = "emulator_function"
"""Tool name used when a ``[requires_action]`` run has no function tool to call."""


def last_user_text(store: Store, thread_id: str) -> str:
    for message in reversed(store.children("thread.message", thread_id=thread_id)):
        if message["role"] == "user":
            return objects.message_text(message)
    return ""


def choose_outcome(store: Store, run: JSON) -> str:
    text = last_user_text(store, run["thread_id"])
    marked = outcome_from_text(text, run["instructions"])
    if marked is not None:
        return marked
    return "requires_action" if tool_calls.planned_calls(run["tools"], run.get("tool_choice"), text) else "completed"


def calls(store: Store, run: JSON) -> list[JSON]:
    """The calls the run waits on (see :mod:`.tool_calls` for which, and their arguments)."""
    text = last_user_text(store, run["thread_id"])
    names = tool_calls.forced_calls(run["tools"], run.get("tool_choice"), text) or [FALLBACK_FUNCTION]
    return [
        objects.function_call(store.new_id("call_"), name, tool_calls.call_arguments(run["tools"], name, text))
        for name in names
    ]


def reply_text(store: Store, run: JSON, tool_outputs: list[JSON]) -> str:
    prompt = last_user_text(store, run["thread_id"])
    text = f"Echo: {prompt}" if prompt else "Echo:"
    for item in tool_outputs:
        text += f"\nTool output ({item['name']}): {item['output']}"
    return text


def words(text: str) -> int:
    return len(text.split())


def usage(store: Store, run: JSON, reply: JSON, text: str) -> JSON:
    """Token counts by words: deterministic, and growing with the prompt as real ones do."""
    prompt_tokens = max(
        1,
        words(run["instructions"])
        + sum(
            words(objects.message_text(m))
            for m in store.children("thread.message", thread_id=run["thread_id"])
            if m is not reply
        ),
    )
    return objects.usage(prompt_tokens, max(1, words(text)))

