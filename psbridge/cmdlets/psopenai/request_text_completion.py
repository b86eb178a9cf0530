"""Request-TextCompletion: the legacy completions endpoint (one prompt or several).

The object gets ``Prompt`` and ``Answer`` (one string per choice); -Stream
writes each piece of text as it arrives (output and information stream).
-MaxTokens is always sent (its default is 2048), as in PSOpenAI.
"""

from __future__ import annotations

from typing import Any

from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ._base import ApiCmdlet
from ._bodies import member, plain
from ._errors import ArgumentError
from ._logit_bias import logit_bias
from ._objects import typed_object
from ._streaming import stream_events
from .request_embeddings import batch_input

__all__ = ["RequestTextCompletion"]

_FIELDS = (
    ("Suffix", "suffix"),
    ("Temperature", "temperature"),
    ("TopP", "top_p"),
    ("NumberOfAnswers", "n"),
    ("StopSequence", "stop"),
)
_LATER_FIELDS = (("PresencePenalty", "presence_penalty"), ("FrequencyPenalty", "frequency_penalty"))
_TAIL_FIELDS = (("User", "user"), ("Echo", "echo"), ("BestOf", "best_of"))


@register_cmdlet
class RequestTextCompletion(ApiCmdlet):
    name = "Request-TextCompletion"

    def process(self) -> None:
        p = self.params
        prompts = [to_ps_string(prompt) for prompt in p.Prompt or []]
        if not prompts:
            raise ArgumentError('"Prompt" property is required.')
        if p.is_bound("BestOf") and p.is_bound("NumberOfAnswers") and not p.BestOf > p.NumberOfAnswers:
            raise ArgumentError("BestOf must be greater than NumberOfAnswers")
        model = to_ps_string(p.Model)
        body = self._body(prompts, model)
        if p.AsBatch:
            self.write_output(batch_input(self, {"model": model, **body}, "/completions", p.CustomBatchId))
            return
        segments = (
            ["deployments", model.replace("/", "").strip(), "completions"]
            if self.settings.is_azure
            else ["completions"]
        )
        if p.Stream:
            for _, event in stream_events(self, "POST", segments, body=body):
                choices = event.get("choices") if isinstance(event, dict) else None
                text = choices[0].get("text") if choices and isinstance(choices[0], dict) else None
                if isinstance(text, str):
                    self.write_information(text)
                    self.write_output(text)
            return
        completion = typed_object(self.request("POST", segments, body=body), "PSOpenAI.Text.Completion", ("created",))
        completion["Prompt"] = list(p.Prompt)
        completion["Answer"] = [to_ps_string(member(choice, "text")) for choice in member(completion, "choices") or []]
        self.write_output(completion)

    def _body(self, prompts: list[str], model: str) -> dict[str, Any]:
        p = self.params
        body: dict[str, Any] = {}
        if not self.settings.is_azure:
            body["model"] = model
        body["prompt"] = prompts[0] if len(prompts) == 1 else prompts
        for parameter, field in _FIELDS:
            if p.is_bound(parameter):
                body[field] = plain(p.get(parameter))
        if p.MaxTokens and p.MaxTokens > 0:
            body["max_tokens"] = p.MaxTokens
        for parameter, field in _LATER_FIELDS:
            if p.is_bound(parameter):
                body[field] = plain(p.get(parameter))
        if p.is_bound("LogitBias"):
            body["logit_bias"] = logit_bias(self, p.LogitBias, model)
        for parameter, field in _TAIL_FIELDS:
            if p.is_bound(parameter):
                body[field] = plain(p.get(parameter))
        if p.Stream:
            body["stream"] = True
            body["n"] = 1
        return body
