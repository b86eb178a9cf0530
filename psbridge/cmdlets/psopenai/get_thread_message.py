"""Get-ThreadMessage: one message, or a thread's messages (paged), by id, run or run step.

Every pipeline input is listed: PSOpenAI's "more pages" flag lives in its
``begin`` block, so it answers only the first input (reference section 6
item 1); here each input starts its own listing and its own -TimeoutSec
deadline.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...objects import property_lookup
from ...runtime import register_cmdlet
from ._base import ApiCmdlet, Deadline, object_id, run_object_ids
from ._errors import ArgumentError
from ._objects import message_object
from ._paging import list_with_parameters
from ._runs import step_ids


def created_message_id(step: Any) -> str | None:
    """``step.step_details.message_creation.message_id``: None for a tool-calls step."""
    value = step
    for name in ("step_details", "message_creation", "message_id"):
        found, value = property_lookup(value)(name)
        if not found or value is None:
            return None
    return object_id(value)


@register_cmdlet
class GetThreadMessage(ApiCmdlet):
    name = "Get-ThreadMessage"

    def process(self) -> None:
        p = self.params
        set_name = p.parameter_set_name
        message_id: str | None = None
        run_id: str | None = None
        if set_name == "List_Run":
            thread_id, run_id = run_object_ids(p.Run)
        elif set_name == "Get_RunStep":
            thread_id, run_id, _ = step_ids(p.Step)
            message_id = created_message_id(p.Step)  # none: list the messages of the step's run
        else:
            thread_id = p.ThreadId
            message_id = p.MessageId if set_name == "Get" else None
            run_id = (p.RunId or None) if set_name == "List" else None
        if not thread_id:
            raise ArgumentError("Could not retrieve thread id.")
        deadline = Deadline(p.TimeoutSec)
        segments = ["threads", thread_id, "messages"]
        messages: Iterable[dict[str, Any]]
        if message_id:
            messages = [self.request("GET", [*segments, message_id], deadline=deadline)]
        else:
            messages = list_with_parameters(
                self, segments, filters=[("run_id", run_id)] if run_id else [], deadline=deadline
            )
        for message in messages:
            self.write_output(message_object(message))
