"""Get-ThreadRun: one run (by id or run object) or a thread's runs (paged)."""

from __future__ import annotations

from ...runtime import register_cmdlet
from ._base import ApiCmdlet, Deadline, run_object_ids
from ._errors import ArgumentError
from ._objects import run_object
from ._paging import list_with_parameters


@register_cmdlet
class GetThreadRun(ApiCmdlet):
    name = "Get-ThreadRun"

    def process(self) -> None:
        p = self.params
        deadline = Deadline(p.TimeoutSec)  # PSOpenAI: an overall deadline per input
        if p.parameter_set_name == "Get_ThreadRun":
            thread_id, run_id = run_object_ids(p.Run)
            if not thread_id:
                raise ArgumentError("Could not retrieve thread id.")
        else:
            thread_id, run_id = p.ThreadId, p.RunId if p.parameter_set_name == "Get" else None
        if run_id:
            run = self.request("GET", ["threads", thread_id, "runs", run_id], deadline=deadline)
            self.write_output(run_object(run, self.write_warning))
            return
        for run in list_with_parameters(self, ["threads", thread_id, "runs"], deadline=deadline):
            self.write_output(run_object(run, self.write_warning))
