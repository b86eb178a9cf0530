"""Request-Response: one turn of the Responses API.

The body follows PSOpenAI's order, each field only when its parameter was
bound (Public/Responses/Request-Response.ps1).  ``input`` is the piped
History, then the system, developer and this turn's messages.  With -Stream
the text deltas are written as they arrive (-StreamOutputType object writes
every event); with -Background the response starts queued (read it later with
Get-Response).  -OutputRawResponse writes the API's text unparsed.

Where psbridge departs from PSOpenAI: an image given as a file id is sent as
that id (PSOpenAI sends the -Files loop's variable); ``json_schema`` without
-JsonSchema or -JsonSchemaName is refused before sending (PSOpenAI writes the
errors and sends an invalid request anyway).
"""

from __future__ import annotations

import json
from typing import Any

from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ._base import ApiCmdlet
from ._bodies import member, plain
from ._errors import ArgumentError
from ._objects import to_psobject
from ._response_tools import built_in_tools
from ._responses import response_object, turn_messages_of
from ._streaming import stream_events
from ._structured import is_type_format, json_schema_of
from .request_embeddings import batch_input

__all__ = ["RequestResponse", "response_segments"]

_FIELDS = (
    ("Include", "include"),
    ("Instructions", "instructions"),
    ("MaxOutputTokens", "max_output_tokens"),
    ("Truncation", "truncation"),
    ("MetaData", "metadata"),
)
_LATER_FIELDS = (
    ("MaxToolCalls", "max_tool_calls"),
    ("ParallelToolCalls", "parallel_tool_calls"),
    ("TopLogprobs", "top_logprobs"),
    ("TopP", "top_p"),
    ("Temperature", "temperature"),
    ("Store", "store"),
    ("ServiceTier", "service_tier"),
    ("PromptCacheKey", "prompt_cache_key"),
    ("PromptCacheRetention", "prompt_cache_retention"),
    ("SafetyIdentifier", "safety_identifier"),
    ("User", "user"),
)
_TOOL_CHOICE_TYPES = (
    "file_search",
    "web_search_preview",
    "computer_use_preview",
    "code_interpreter",
    "mcp",
    "image_generation",
)


def response_segments(*rest: str) -> list[str]:
    return ["responses", *rest]


def tool_choice(value: str) -> Any:
    if value in ("none", "auto", "required"):
        return value
    if value in _TOOL_CHOICE_TYPES:
        return {"type": value}
    return {"type": "function", "name": value}


@register_cmdlet
class RequestResponse(ApiCmdlet):
    name = "Request-Response"

    def process(self) -> None:
        p = self.params
        body = self._body()
        messages = [item for item in p.History or []]
        messages += turn_messages_of(p)
        if not p.Conversation and not p.PromptId and not messages:
            raise ArgumentError("No message is specified. You must specify one or more messages.")
        body["input"] = [plain(m) for m in messages]
        if p.AsBatch:
            self.write_output(batch_input(self, body, "/responses", p.CustomBatchId))
            return
        if p.Stream:
            self._stream(body, messages)
            return
        if p.OutputRawResponse:
            self.write_output(self.request("POST", response_segments(), body=body, raw=True).text)
            return
        response = self.request("POST", response_segments(), body=body)
        history = [*messages, *to_psobject(response.get("output") or [])]
        output_type = p.OutputType if p.is_bound("OutputType") and is_type_format(p.OutputType) else None
        self.write_output(
            response_object(
                response, history, self.write_warning, output_type=output_type, report=self.report_input_error
            )
        )

    def _body(self) -> dict[str, Any]:
        p = self.params
        body: dict[str, Any] = {}
        if p.PromptId:
            prompt: dict[str, Any] = {"id": p.PromptId}
            if p.is_bound("PromptVariables"):
                prompt["variables"] = plain(p.PromptVariables)
            if p.is_bound("PromptVersion"):
                prompt["version"] = p.PromptVersion
            body["prompt"] = prompt
        if not p.PromptId or p.is_bound("Model"):
            body["model"] = p.Model
        if p.Conversation:
            body["conversation"] = p.Conversation
        if p.PreviousResponseId:
            body["previous_response_id"] = p.PreviousResponseId
        for parameter, field in _FIELDS:
            if p.is_bound(parameter):
                body[field] = plain(p.get(parameter))
        if p.is_bound("ToolChoice"):
            body["tool_choice"] = tool_choice(to_ps_string(p.ToolChoice))
        for parameter, field in _LATER_FIELDS:
            if p.is_bound(parameter):
                body[field] = plain(p.get(parameter))
        if p.Background:
            body["background"] = True
        if p.Stream:
            body["stream"] = True
        reasoning = {
            field: p.get(parameter)
            for parameter, field in (("ReasoningEffort", "effort"), ("ReasoningSummary", "summary"))
            if p.is_bound(parameter)
        }
        if reasoning:
            body["reasoning"] = reasoning
        text = self._text_options()
        if text:
            body["text"] = text
        tools = [plain(t) for t in [*(p.Functions or []), *(p.CustomTools or [])]] + built_in_tools(p)
        if p.UseComputerUseTool:
            body["truncation"] = "auto"  # computer use needs it (PSOpenAI sets it)
        if tools:
            body["tools"] = tools
        return body

    def _text_options(self) -> dict[str, Any]:
        p = self.params
        text: dict[str, Any] = {}
        if p.is_bound("Verbosity"):
            text["verbosity"] = p.Verbosity
        if p.is_bound("OutputType") and is_type_format(p.OutputType):
            schema = json_schema_of(p.OutputType)
            text["format"] = {"type": "json_schema", **schema}
        elif p.is_bound("OutputType"):
            kind = to_ps_string(p.OutputType).lower()
            if kind in ("text", "json_object"):
                text["format"] = {"type": kind}
            elif kind == "json_schema":
                text["format"] = self._json_schema_format()
            else:
                raise ArgumentError(f"OutputType '{to_ps_string(p.OutputType)}' is not supported.")
        return text

    def _json_schema_format(self) -> dict[str, Any]:
        p = self.params
        if not p.JsonSchema:
            raise ArgumentError("JsonSchema must be specified.")
        if not p.JsonSchemaName:
            raise ArgumentError("JsonSchemaName must be specified.")
        try:
            schema = json.loads(p.JsonSchema)
        except ValueError as error:
            raise ArgumentError(f"JsonSchema is not valid JSON: {error}") from None
        fmt: dict[str, Any] = {"type": "json_schema", "schema": schema, "name": p.JsonSchemaName}
        if p.is_bound("JsonSchemaDescription"):
            fmt["description"] = p.JsonSchemaDescription
        if p.is_bound("JsonSchemaStrict"):
            fmt["strict"] = bool(p.JsonSchemaStrict)
        return fmt

    def _stream(self, body: dict[str, Any], messages: list[Any]) -> None:
        p = self.params
        raw = bool(p.OutputRawResponse)
        as_text = to_ps_string(p.StreamOutputType or "text").lower() == "text"
        for payload, event in stream_events(self, "POST", response_segments(), body=body, parse=not raw):
            if raw:
                self.write_output(payload)
                continue
            if not isinstance(event, dict):
                continue
            if p.Background:
                # PSOpenAI reads only the first event of a background stream: the response object, to
                # follow with Get-Response (-Stream); the stream is closed here.
                if isinstance(member(event, "response"), dict):
                    self.write_output(response_object(event["response"], messages))
                if not as_text:
                    self.write_output(to_psobject(event))
                return
            if as_text:
                if event.get("type") == "response.output_text.delta":
                    self.write_output(event.get("delta"))
            else:
                self.write_output(to_psobject(event))
