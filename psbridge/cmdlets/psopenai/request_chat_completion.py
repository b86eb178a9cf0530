"""Request-ChatCompletion: one chat turn, the conversation carried in ``History``.

The body follows PSOpenAI's order, each field only when its parameter was
bound (Public/Chat/Request-ChatCompletion.ps1).  Messages: the piped (or
given) history, then -SystemMessage and -DeveloperMessage, then this turn's
message (text, images, audio).  With -Stream every content delta is written
the moment it arrives, to the output and to the information stream.  When
the model calls functions and -InvokeTools allows it, each named command runs
and the results go back in a second request, whose completion is the output.
``-ResponseFormat ([SomeClass])`` asks for Structured Outputs of that type and
reads each answer back into an instance of it (:mod:`._structured`).

Where psbridge departs from PSOpenAI (its bugs, not copied):

* -Role is the role of this turn's message (PSOpenAI always sends ``user``
  and only uses -Role to demand -Name for ``function``);
* ``-ResponseFormat json_schema`` without -JsonSchema is refused before
  sending (PSOpenAI writes the error and sends an invalid request anyway);
* the default -Model is the source's ``gpt-5.4-mini`` (the doc names
  gpt-3.5-turbo, discontinued on 2026-10-23 per the module's own table).
"""

from __future__ import annotations

import base64
import random
from pathlib import Path
from typing import Any

from ...errors import PSError
from ...objects import Hashtable, OrderedDictionary, PSObject, to_ps_string
from ...runtime import register_cmdlet
from ._base import ApiCmdlet
from ._bodies import member, plain, response_format
from ._chat import (
    assistant_message,
    chat_completion_object,
    history_messages,
    json_ready,
    text_messages,
    tool_definitions,
)
from ._errors import ArgumentError
from ._files import data_url, local_file
from ._logit_bias import logit_bias
from ._streaming import stream_events
from ._structured import is_type_format, json_schema_of
from ._tool_calls import invoke_tool, tool_content

__all__ = ["RequestChatCompletion", "chat_segments"]

_SIMPLE_FIELDS = (
    ("Temperature", "temperature"),
    ("TopP", "top_p"),
    ("NumberOfAnswers", "n"),
)
_LATER_FIELDS = (
    ("ReasoningEffort", "reasoning_effort"),
    ("Verbosity", "verbosity"),
    ("MetaData", "metadata"),
    ("StopSequence", "stop"),
    ("MaxTokens", "max_tokens"),
    ("MaxCompletionTokens", "max_completion_tokens"),
    ("PresencePenalty", "presence_penalty"),
    ("FrequencyPenalty", "frequency_penalty"),
)
_TAIL_FIELDS = (
    ("Seed", "seed"),
    ("ServiceTier", "service_tier"),
    ("PromptCacheKey", "prompt_cache_key"),
    ("PromptCacheRetention", "prompt_cache_retention"),
    ("SafetyIdentifier", "safety_identifier"),
    ("User", "user"),
)
_LOCATION_FIELDS = (
    ("WebSearchUserLocationCity", "city"),
    ("WebSearchUserLocationCountry", "country"),
    ("WebSearchUserLocationRegion", "region"),
    ("WebSearchUserLocationTimeZone", "timezone"),
)
_SECOND_REQUEST_DROPS = ("Message", "Role", "Name", "SystemMessage", "DeveloperMessage")


def chat_segments(cmdlet: ApiCmdlet, model: str) -> list[str]:
    """``chat/completions``; on Azure ``deployments/<model>/chat/completions`` (the deployment names the model)."""
    if cmdlet.settings.is_azure:
        return ["deployments", model.replace("/", "").strip(), "chat", "completions"]
    return ["chat", "completions"]


@register_cmdlet
class RequestChatCompletion(ApiCmdlet):
    name = "Request-ChatCompletion"

    def process(self, overrides: dict[str, Any] | None = None) -> None:
        p = self.params
        bound = dict(p.bound) if overrides is None else overrides
        role = to_ps_string(bound.get("Role", self.params.Role) or "user").lower()
        name = bound.get("Name", self.params.Name)
        if not name and role == "function":
            raise ArgumentError('Messages with role "function" must have a name.')
        if "Name" in bound and "Message" not in bound:
            self.write_warning("Name parameter is ignored because the Message parameter is not specified.")
        model = to_ps_string(bound.get("Model", self.params.Model))
        tools = tool_definitions(bound["Tools"]) if "Tools" in bound else None
        body = self._body(bound, model, tools)
        messages = history_messages(bound.get("History"))
        messages += text_messages("system", bound.get("SystemMessage"))
        messages += text_messages("developer", bound.get("DeveloperMessage"))
        user = self._turn_message(bound, role, name)
        if user is not None:
            messages.append(user)
        if not messages:
            raise ArgumentError("No message is specified. You must specify one or more messages.")
        body["messages"] = json_ready(messages)
        if bound.get("AsBatch"):
            self.write_output(self._batch_input(bound, body))
            return
        if bound.get("Stream"):
            self._stream(model, body, raw=self._raw(bound))
            return
        if self._raw(bound):
            self.write_output(self.request("POST", chat_segments(self, model), body=body, raw=True).text)
            return
        response = self.request("POST", chat_segments(self, model), body=body)
        choices = member(response, "choices") or []
        if choices:
            messages.append(assistant_message(member(choices[0], "message")))
        if choices and member(choices[0], "finish_reason") == "tool_calls" and tools is not None:
            results = self._run_tools(member(member(choices[0], "message"), "tool_calls") or [], tools, bound)
            if results:
                self.write_verbose("The function has been executed. The result of the execution is sent to the API.")
                second = {k: v for k, v in bound.items() if k not in _SECOND_REQUEST_DROPS}
                second["History"] = [*messages, *results]
                self.process(second)
                return
        if "AudioOutFile" in bound:
            self._save_audio(response, to_ps_string(bound["AudioOutFile"]))
        output_type = bound.get("ResponseFormat")
        self.write_output(
            chat_completion_object(
                response,
                messages,
                self.write_warning,
                output_type=output_type if is_type_format(output_type) else None,
                report=self.report_input_error,
            )
        )

    # -- the request -------------------------------------------------------------------
    @staticmethod
    def _raw(bound: dict[str, Any]) -> bool:
        fmt = bound.get("ResponseFormat")
        return isinstance(fmt, str) and fmt.lower() == "raw_response"

    def _body(self, bound: dict[str, Any], model: str, tools: list[Any] | None) -> dict[str, Any]:
        body: dict[str, Any] = {}
        if not self.settings.is_azure or bound.get("AsBatch"):
            body["model"] = model
        if "Modalities" in bound:
            body["modalities"] = list(bound["Modalities"])
            if "audio" in body["modalities"]:
                body["audio"] = {
                    "voice": to_ps_string(bound.get("Voice", self.params.Voice)).lower(),
                    "format": to_ps_string(bound.get("OutputAudioFormat", self.params.OutputAudioFormat)).lower(),
                }
        if tools is not None:
            body["tools"] = plain(tools)
        if "ToolChoice" in bound:
            body["tool_choice"] = plain(bound["ToolChoice"])
        if "ParallelToolCalls" in bound:
            body["parallel_tool_calls"] = bool(bound["ParallelToolCalls"])
        if "Prediction" in bound:
            body["prediction"] = {"type": "content", "content": bound["Prediction"]}
        for parameter, field in _SIMPLE_FIELDS:
            if parameter in bound:
                body[field] = plain(bound[parameter])
        if bound.get("Store"):
            body["store"] = True
        for parameter, field in _LATER_FIELDS:
            if parameter in bound:
                body[field] = plain(bound[parameter])
        if "LogitBias" in bound:
            body["logit_bias"] = logit_bias(self, bound["LogitBias"], model)
        if "LogProbs" in bound:
            body["logprobs"] = bool(bound["LogProbs"])
            if bound["LogProbs"] and "TopLogProbs" in bound:
                body["top_logprobs"] = bound["TopLogProbs"]
        if "ResponseFormat" in bound and is_type_format(bound["ResponseFormat"]):
            body["response_format"] = {"type": "json_schema", "json_schema": json_schema_of(bound["ResponseFormat"])}
        elif "ResponseFormat" in bound and not self._raw(bound):
            send, value = response_format(bound["ResponseFormat"], bound.get("JsonSchema"))
            if send:
                body["response_format"] = value
        for parameter, field in _TAIL_FIELDS:
            if parameter in bound:
                body[field] = plain(bound[parameter])
        if bound.get("Stream"):
            body["stream"] = True
            body.pop("n", None)
        search = self._web_search_options(bound)
        if search:
            body["web_search_options"] = search
        return body

    @staticmethod
    def _web_search_options(bound: dict[str, Any]) -> dict[str, Any]:
        options: dict[str, Any] = {}
        if "WebSearchContextSize" in bound:
            options["search_context_size"] = to_ps_string(bound["WebSearchContextSize"]).lower()
        location = {field: bound[parameter] for parameter, field in _LOCATION_FIELDS if parameter in bound}
        if location:
            options["user_location"] = {"type": "approximate", "approximate": location}
        return options

    def _turn_message(self, bound: dict[str, Any], role: str, name: Any) -> OrderedDictionary | None:
        parts: list[Hashtable] = []
        message = bound.get("Message")
        if message is not None and to_ps_string(message).strip():
            parts.append(Hashtable(type="text", text=to_ps_string(message).strip()))
        if "InputAudio" in bound:
            audio = self._audio_part(to_ps_string(bound["InputAudio"]), bound.get("InputAudioFormat"))
            if audio is not None:
                parts.append(audio)
        for image in bound.get("Images") or []:
            text = to_ps_string(image)
            if not text.strip():
                continue
            path = local_file(text)
            url: dict[str, Any] = {"url": data_url(path, "image/png") if path is not None else text}
            if "ImageDetail" in bound:
                url["detail"] = to_ps_string(bound["ImageDetail"]).lower()
            parts.append(Hashtable(type="image_url", image_url=url))
        if not parts:
            return None
        content: Any = parts[0]["text"] if len(parts) == 1 and parts[0]["type"] == "text" else parts
        turn = OrderedDictionary(role=role, content=content)
        if name is not None and to_ps_string(name).strip():
            turn["name"] = to_ps_string(name).strip()
        return turn

    def _audio_part(self, path_text: str, audio_format: Any) -> Hashtable | None:
        path = local_file(path_text)
        if path is None:
            self.report_input_error(ArgumentError(f"Could not find file '{path_text}'"))
            return None
        kind = to_ps_string(audio_format).lower() if audio_format else path.suffix.lower().lstrip(".")
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return Hashtable(type="input_audio", input_audio={"data": data, "format": kind})

    def _batch_input(self, bound: dict[str, Any], body: dict[str, Any]) -> PSObject:
        custom_id = bound.get("CustomBatchId") or f"request-{random.randrange(65535):04x}"
        url = "/chat/completions" if self.settings.is_azure else "/v1/chat/completions"
        batch = PSObject({"custom_id": custom_id, "method": "POST", "url": url, "body": PSObject(body)})
        batch.pstypenames.insert(0, "PSOpenAI.Batch.Input")
        return batch

    # -- streaming -----------------------------------------------------------------------
    def _stream(self, model: str, body: dict[str, Any], *, raw: bool) -> None:
        for payload, event in stream_events(self, "POST", chat_segments(self, model), body=body, parse=not raw):
            if raw:
                self.write_output(payload)
                continue
            choices = event.get("choices") if isinstance(event, dict) else None
            if not choices or not isinstance(choices[0], dict):
                continue
            content = (choices[0].get("delta") or {}).get("content")
            if isinstance(content, str):
                self.write_information(content)
                self.write_output(content)

    # -- function calling ----------------------------------------------------------------
    def _run_tools(self, calls: list[Any], tools: list[Any], bound: dict[str, Any]) -> list[OrderedDictionary]:
        mode = to_ps_string(bound.get("InvokeTools", self.params.InvokeTools) or "None")
        offered = {
            to_ps_string(member(member(t, "function"), "name")) for t in tools if member(t, "type") == "function"
        }
        results: list[OrderedDictionary] = []
        for call in calls:
            if member(call, "type") != "function":
                continue
            function = member(call, "function")
            name = to_ps_string(member(function, "name"))
            if name not in offered:
                self.report_input_error(
                    ArgumentError(
                        f'"{name}" does not matches the list of functions. This command should not be executed.'
                    )
                )
                continue
            arguments = member(function, "arguments")
            self.write_verbose(
                f"AI assistant preferes to call a function. (function:{name}, arguments:"
                f"{to_ps_string(arguments).replace(chr(13), '').replace(chr(10), '')})"
            )
            try:
                output = invoke_tool(self, name, arguments, mode)
            except PSError as error:  # the command failed: the model is told, the caller sees the error
                self.report_input_error(error)
                output = ["[ERROR] " + error.message]
            if output is None:
                continue
            results.append(
                OrderedDictionary(role="tool", content=tool_content(output), tool_call_id=member(call, "id"))
            )
        return results

    def _save_audio(self, response: dict[str, Any], out_file: str) -> None:
        for choice in member(response, "choices") or []:
            data = member(member(member(choice, "message"), "audio"), "data")
            if data is None:
                continue
            try:
                Path(out_file).write_bytes(base64.b64decode(to_ps_string(data), validate=True))
            except (ValueError, OSError) as error:
                self.report_input_error(ArgumentError(str(error)))
            break
