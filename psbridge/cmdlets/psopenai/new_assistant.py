"""New-Assistant: create an assistant (model, instructions, tools, files, sampling, format).

``model`` is always sent, with the doc's default when -Model is not given.
PSOpenAI also looks for a variable named ``$Assistant`` in the caller's scopes
and, when one exists, *updates* that assistant instead of creating one
(reference section 6 item 2); this cmdlet always creates.

Set-Assistant shares this module's body rules, as PSOpenAI's Set-Assistant
proxies New-Assistant -- with one fix: PSOpenAI's proxy always sent ``model``
(the default gpt-3.5-turbo), so every update without -Model switched the
assistant to gpt-3.5-turbo (section 6 item 4).  An update sends ``model``
only when -Model was given.
"""

from __future__ import annotations

from typing import Any

from ...runtime import register_cmdlet
from ._base import ApiCmdlet
from ._bodies import plain, response_format, tool_resources, tools
from ._objects import assistant_object

__all__ = ["NewAssistant", "assistant_body"]

_TEXT_FIELDS = (
    ("Name", "name"),
    ("Description", "description"),
    ("Instructions", "instructions"),
    ("ReasoningEffort", "reasoning_effort"),
)
_SAMPLING_FIELDS = (("MetaData", "metadata"), ("Temperature", "temperature"), ("TopP", "top_p"))


def _file_search_options(cmdlet: ApiCmdlet) -> dict[str, Any]:
    """max_num_results / ranking_options, each only when one of its parameters was given."""
    p = cmdlet.params
    options: dict[str, Any] = {}
    if p.is_bound("MaxNumberOfFileSearchResults"):
        options["max_num_results"] = int(p.MaxNumberOfFileSearchResults)
    if p.is_bound("RankerForFileSearch") or p.is_bound("ScoreThresholdForFileSearch"):
        options["ranking_options"] = {
            "ranker": p.get("RankerForFileSearch", None) or "auto",
            "score_threshold": float(p.get("ScoreThresholdForFileSearch", None) or 0.0),
        }
    return options


def assistant_body(cmdlet: ApiCmdlet, *, always_send_model: bool) -> dict[str, Any]:
    """Fields in PSOpenAI's order, each only when its parameter was bound (``model`` see above)."""
    p = cmdlet.params

    body: dict[str, Any] = {}
    if always_send_model or p.is_bound("Model"):
        body["model"] = p.Model
    for parameter, field in _TEXT_FIELDS:
        if p.is_bound(parameter):
            body[field] = p.get(parameter)
    search_options = _file_search_options(cmdlet)  # ignored without -UseFileSearch, as in PSOpenAI
    tool_list = tools(
        bool(p.UseCodeInterpreter), bool(p.UseFileSearch), p.Functions, cmdlet.report_input_error, search_options
    )
    if tool_list:
        body["tools"] = tool_list
    resources = tool_resources(p.FileIdsForCodeInterpreter, p.VectorStoresForFileSearch, p.FileIdsForFileSearch)
    if resources:
        body["tool_resources"] = resources
    for parameter, field in _SAMPLING_FIELDS:
        if p.is_bound(parameter):
            body[field] = plain(p.get(parameter))
    if p.is_bound("ResponseFormat"):
        send, value = response_format(p.ResponseFormat, p.get("JsonSchema", None))
        if send:
            body["response_format"] = value
    return body


@register_cmdlet
class NewAssistant(ApiCmdlet):
    name = "New-Assistant"

    def process(self) -> None:
        body = assistant_body(self, always_send_model=True)
        assistant = self.request_unless_raw("POST", ["assistants"], body=body)
        if assistant is None:
            return
        self.write_verbose(f'The assistant with id "{assistant.get("id")}" has been created.')
        self.write_output(assistant_object(assistant))
