"""Get-ThreadRunStep: one run step or a run's steps, each with its SimpleContent."""

from __future__ import annotations

from typing import Any

from ...runtime import register_cmdlet
from ._base import ApiCmdlet, Deadline, run_object_ids
from ._errors import ArgumentError
from ._objects import step_object, step_simple_content
from ._paging import list_with_parameters
from ._runs import step_ids


@register_cmdlet
class GetThreadRunStep(ApiCmdlet):
    name = "Get-ThreadRunStep"

    def process(self) -> None:
        p = self.params
        set_name = p.parameter_set_name
        step_id = p.StepId
        if set_name == "Get_RunStep":
            thread_id, run_id, step_id = step_ids(p.Step)
        elif set_name in ("Get_Run", "List_Run"):
            thread_id, run_id = run_object_ids(p.Run)
        else:
            thread_id, run_id = p.ThreadId, p.RunId
        if not thread_id:
            raise ArgumentError("Could not retrieve thread id.")
        if not run_id:
            raise ArgumentError("Could not retrieve run id.")
        include = [("include[]", value) for value in (p.Include or [])]
        deadline = Deadline(p.TimeoutSec)
        segments = ["threads", thread_id, "runs", run_id, "steps"]
        if set_name in ("Get", "Get_Run", "Get_RunStep"):
            steps: Any = [self.request("GET", [*segments, step_id], query=include, deadline=deadline)]
        else:
            steps = list_with_parameters(self, segments, extra_query=include, deadline=deadline)
        for step in steps:
            self.write_output(step_object(step, self._simple_content(step, thread_id), self.write_warning))

    def _simple_content(self, step: dict[str, Any], thread_id: str) -> Any:
        message = None
        details = step.get("step_details") or {}
        message_id = (details.get("message_creation") or {}).get("message_id")
        if step.get("type") == "message_creation" and message_id:
            message = self.request("GET", ["threads", thread_id, "messages", message_id])
        return step_simple_content(step, message)
