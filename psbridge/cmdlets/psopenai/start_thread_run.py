"""Start-ThreadRun: start a run on a thread, or create a thread and run it in one call.

Body fields are sent only when their parameter was bound, in PSOpenAI's order
(../shared/reference/psopenai-behavior.md 2.2).  -Stream reads the server-sent
events and emits the assistant's text as it arrives.
"""

from __future__ import annotations

from typing import Any

from ...runtime import register_cmdlet
from ._base import ApiCmdlet, object_id
from ._bodies import additional_message, image_content, plain, response_format, tool_choice, tool_resources, tools
from ._errors import ArgumentError
from ._objects import run_object
from ._runs import stream_run_text

_SIMPLE_FIELDS = (
    ("Model", "model"),
    ("Instructions", "instructions"),
    ("ReasoningEffort", "reasoning_effort"),
    ("AdditionalInstructions", "additional_instructions"),
    ("MetaData", "metadata"),
    ("Temperature", "temperature"),
    ("TopP", "top_p"),
    ("MaxPromptTokens", "max_prompt_tokens"),
    ("MaxCompletionTokens", "max_completion_tokens"),
)


@register_cmdlet
class StartThreadRun(ApiCmdlet):
    name = "Start-ThreadRun"

    def process(self) -> None:
        p = self.params
        thread_and_run = p.parameter_set_name == "ThreadAndRun"
        body = self._body(thread_and_run)
        raw = self.wants_raw_response()
        if thread_and_run:
            segments, query = ["threads", "runs"], []
        else:
            segments = ["threads", p.ThreadId, "runs"]
            query = [("include[]", value) for value in (p.Include or [])]
        if p.Stream:
            stream_run_text(self, segments, query=query, body=body, raw=raw)
            return
        run = self.request_unless_raw("POST", segments, query=query, body=body)
        if run is None:
            return
        self.write_verbose(f'Start thread run with id "{run.get("id")}". The current status is "{run.get("status")}"')
        self.write_output(run_object(run, self.write_warning))

    def _body(self, thread_and_run: bool) -> dict[str, Any]:
        p = self.params
        assistant_id = object_id(p.Assistant)
        if not assistant_id:
            raise ArgumentError("Could not retrieve assistant id.")
        body: dict[str, Any] = {"assistant_id": assistant_id}
        for parameter, field in _SIMPLE_FIELDS:
            if p.declares(parameter) and p.is_bound(parameter):
                body[field] = plain(p.get(parameter))
        if p.is_bound("TruncationStrategyType") or p.is_bound("TruncationStrategyLastMessages"):
            strategy = {"type": p.get("TruncationStrategyType", "auto"), "last_messages": None}
            if p.is_bound("TruncationStrategyLastMessages"):
                strategy["last_messages"] = p.TruncationStrategyLastMessages
            body["truncation_strategy"] = strategy
        tool_list = tools(bool(p.UseCodeInterpreter), bool(p.UseFileSearch), p.Functions, self.report_input_error)
        if tool_list:
            body["tools"] = tool_list
        if thread_and_run:
            resources = tool_resources(p.FileIdsForCodeInterpreter, p.VectorStoresForFileSearch)
            if resources:
                body["tool_resources"] = resources
        if p.is_bound("ParallelToolCalls"):
            body["parallel_tool_calls"] = bool(p.ParallelToolCalls)
        if p.is_bound("ToolChoice"):
            body["tool_choice"] = tool_choice(p.ToolChoice, p.ToolChoiceFunctionName)
        if p.is_bound("ResponseFormat"):
            send, value = response_format(p.ResponseFormat, p.get("JsonSchema", None))
            if send:
                body["response_format"] = value
        extra = [additional_message(item) for item in (p.AdditionalMessages or [])]
        if thread_and_run:
            body["thread"] = {"messages": [*extra, self._main_message()]}
        elif extra:
            body["additional_messages"] = extra
        if p.Stream:
            body["stream"] = True
        return body

    def _main_message(self) -> dict[str, Any]:
        p = self.params
        role = p.get("Role", "user") or "user"
        if p.Images:
            content: Any = image_content(p.Message, p.Images, p.get("ImageDetail", "auto"), self.report_input_error)
        else:
            content = p.Message
        return {"role": role, "content": content}
