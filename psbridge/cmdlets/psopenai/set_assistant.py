"""Set-Assistant: modify an assistant; only the fields whose parameters were given change.

Unlike PSOpenAI (reference section 6 items 2, 4, 23, 24) it sends ``model``
only with -Model, updates the assistant named by -AssistantId whatever a
``$Assistant`` variable holds, and puts the id in the path once, encoded
once.  Tool switches and -Functions replace the assistant's whole tool list,
as in the API.
"""

from __future__ import annotations

from ...runtime import register_cmdlet
from ._base import ApiCmdlet
from ._objects import assistant_object
from .new_assistant import assistant_body


@register_cmdlet
class SetAssistant(ApiCmdlet):
    name = "Set-Assistant"

    def process(self) -> None:
        assistant_id = self.params.AssistantId
        body = assistant_body(self, always_send_model=False)
        assistant = self.request_unless_raw("POST", ["assistants", assistant_id], body=body)
        if assistant is None:
            return
        # PSOpenAI says "has been created" for an update too (section 6 item 21).
        self.write_verbose(f'The assistant with id "{assistant.get("id", assistant_id)}" has been updated.')
        self.write_output(assistant_object(assistant))
