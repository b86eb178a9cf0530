"""Submit-ToolOutput: answer a run's function calls so that it can go on.

The function-calling loop reads::

    $run = $run | Wait-ThreadRun -StatusForWait queued, in_progress   # stops at requires_action
    $calls = $run.required_action.submit_tool_outputs.tool_calls
    $run = $run | Submit-ToolOutput -ToolOutput @{tool_call_id = $calls[0].id; output = '42'}
    $run | Wait-ThreadRun

Behaviour per ../shared/reference/psopenai-behavior.md 2.7, with two
differences from PSOpenAI's source, both deliberate:

* the answer is typed ``PSOpenAI.Thread.Run`` (it is a run; PSOpenAI types it
  as a run step, section 6 item 6), so it pipes into Wait-ThreadRun's run set
  and keeps the run's own timestamps;
* an output that is a hashtable, object or array is sent as compact JSON (the
  API takes a string; PSOpenAI's ``[string]`` cast would send
  ``System.Collections.Hashtable``).  Strings and numbers go as their text.

Entries without a ``tool_call_id`` or with an empty output are dropped, as in
the source; the API then says which call is missing its output.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ...api import to_json_value
from ...objects import PSObject, to_ps_string
from ...runtime import register_cmdlet
from ._base import ApiCmdlet, object_id
from ._bodies import member
from ._errors import InvalidOperationError
from ._objects import run_object
from ._runs import run_ids, stream_run_text

__all__ = ["SubmitToolOutput", "tool_output_text"]


def tool_output_text(value: Any) -> str:
    """The text sent as one call's ``output``."""
    if isinstance(value, Mapping | PSObject | list | tuple):
        return json.dumps(to_json_value(value), separators=(",", ":"), ensure_ascii=False)
    return to_ps_string(value)


def tool_outputs(entries: Any) -> list[dict[str, str]]:
    result = []
    for entry in entries or []:
        call_id = member(entry, "tool_call_id")
        output = member(entry, "output")
        call_text = to_ps_string(call_id) if call_id is not None else ""
        output_text = tool_output_text(output) if output is not None else ""
        if call_text and output_text:
            result.append({"tool_call_id": call_text, "output": output_text})
    return result


@register_cmdlet
class SubmitToolOutput(ApiCmdlet):
    name = "Submit-ToolOutput"

    def process(self) -> None:
        p = self.params
        thread_id, run_id = run_ids(p)
        if p.parameter_set_name == "Run":
            run: Any = p.Run  # the object's own (possibly stale) status, as in the source
        else:
            run = self.request("GET", ["threads", thread_id, "runs", run_id])
        status = object_id(run, name="status")
        action = member(run, "required_action")
        action_type = object_id(action, name="type") if action is not None else None
        if status != "requires_action" or action_type != "submit_tool_outputs":
            raise InvalidOperationError(f'Runs in status "{status or ""}" does not accept tool outputs.')
        body: dict[str, Any] = {"tool_outputs": tool_outputs(p.ToolOutput)}
        segments = ["threads", thread_id, "runs", run_id, "submit_tool_outputs"]
        if p.Stream:
            body["stream"] = True
            stream_run_text(self, segments, body=body, raw=str(p.Format).lower() == "raw_response")
            return
        answer = self.request("POST", segments, body=body)
        self.write_output(run_object(answer, self.write_warning))
