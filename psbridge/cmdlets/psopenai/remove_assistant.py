"""Remove-Assistant: delete an assistant (no output); ``Get-Assistant -All | Remove-Assistant`` works."""

from __future__ import annotations

from ...runtime import register_cmdlet
from ._base import ApiCmdlet


@register_cmdlet
class RemoveAssistant(ApiCmdlet):
    name = "Remove-Assistant"

    def process(self) -> None:
        assistant_id = self.params.AssistantId
        response = self.request("DELETE", ["assistants", assistant_id])
        if isinstance(response, dict) and response.get("deleted"):
            self.write_verbose(f'The assistant with id "{assistant_id}" has been deleted.')
