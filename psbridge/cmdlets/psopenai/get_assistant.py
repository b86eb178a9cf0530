"""Get-Assistant: one assistant by id, or the assistants list (paged).

Each piped id is fetched: PSOpenAI answers only the first pipeline input of
its list-capable getters (reference section 6 item 1).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...runtime import register_cmdlet
from ._base import ApiCmdlet, Deadline
from ._objects import assistant_object
from ._paging import list_with_parameters

__all__ = ["GetAssistant"]


@register_cmdlet
class GetAssistant(ApiCmdlet):
    name = "Get-Assistant"

    def process(self) -> None:
        p = self.params
        deadline = Deadline(p.TimeoutSec)  # PSOpenAI: an overall deadline per input
        assistants: Iterable[dict[str, Any]]
        if p.parameter_set_name == "Get":
            assistants = [self.request("GET", ["assistants", p.AssistantId], deadline=deadline)]
        else:
            assistants = list_with_parameters(self, ["assistants"], deadline=deadline)
        for assistant in assistants:
            self.write_output(assistant_object(assistant))
