"""Remove-Thread: delete a thread (no output)."""

from __future__ import annotations

from ...runtime import register_cmdlet
from ._base import ApiCmdlet


@register_cmdlet
class RemoveThread(ApiCmdlet):
    name = "Remove-Thread"

    def process(self) -> None:
        thread_id = self.params.ThreadId
        response = self.request("DELETE", ["threads", thread_id])
        if isinstance(response, dict) and response.get("deleted"):
            self.write_verbose(f'The thread with id "{thread_id}" has been deleted.')
