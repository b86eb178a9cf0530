"""Legacy text completions (``POST /completions``), answered by the echo model.

Each prompt gets ``Echo: <prompt>`` (``echo: true`` puts the prompt itself in
front, as the API does), cut to ``max_tokens``; several prompts give one choice
each (times ``n``).  ``stream: true`` sends the text in word-sized chunks.
"""

from __future__ import annotations

from typing import Any

from .api_chat import stream_reply
from .chat_sse import text_completion_chunks
from .context import Context
from .echo_model import Turn
from .errors import ApiError, bad_request
from .exchange import ApiRequest, Reply, json_reply
from .sse import text_chunks
from .store import now


def _prompts(body: dict[str, Any]) -> list[str]:
    for name in ("model", "prompt"):
        if name not in body:
            raise ApiError(400, f"Missing required parameter: '{name}'.", param=name, code="missing_required_parameter")
    prompt = body["prompt"]
    prompts = [prompt] if isinstance(prompt, str) else prompt
    if not isinstance(prompts, list) or not prompts or not all(isinstance(p, str) for p in prompts):
        raise bad_request(
            "Invalid 'prompt': expected a string or an array of strings.", param="prompt", code="invalid_value"
        )
    return prompts


def create_completion(ctx: Context, request: ApiRequest) -> Reply:
    body = request.body
    prompts = _prompts(body)
    limit = body.get("max_tokens") if isinstance(body.get("max_tokens"), int) else None
    requested = body.get("n")
    copies = requested if isinstance(requested, int) and requested > 0 else 1
    choices: list[dict[str, Any]] = []
    prompt_tokens = completion_tokens = 0
    for prompt in prompts:
        result = ctx.answer([Turn("user", prompt)], max_tokens=limit, model=body.get("model"))
        text = (prompt + (result.text or "")) if body.get("echo") else (result.text or "")
        prompt_tokens += result.prompt_tokens
        for _ in range(copies):
            completion_tokens += result.completion_tokens
            choices.append(
                {"index": len(choices), "text": text, "logprobs": None, "finish_reason": result.finish_reason}
            )
    completion = {
        "id": ctx.store.new_id("cmpl-"),
        "object": "text_completion",
        "created": now(),
        "model": body["model"],
        "choices": choices,
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }
    if not body.get("stream"):
        return json_reply(completion)
    return stream_reply(text_completion_chunks(completion, text_chunks(str(choices[0]["text"])) if choices else []))
