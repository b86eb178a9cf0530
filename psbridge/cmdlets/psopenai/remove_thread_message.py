"""Remove-ThreadMessage: delete one message of a thread.

Nothing is written to the output: the doc's OUTPUTS says PSCustomObject, but
PSOpenAI emits nothing and a deletion has nothing to hand on (reference 5.10).
A message object piped in does not bind (its id is ``id``, not ``message_id``;
reference section 6 item 22), exactly as in PowerShell.
"""

from __future__ import annotations

from ...runtime import register_cmdlet
from ._base import ApiCmdlet


@register_cmdlet
class RemoveThreadMessage(ApiCmdlet):
    name = "Remove-ThreadMessage"

    def process(self) -> None:
        p = self.params
        response = self.request("DELETE", ["threads", p.ThreadId, "messages", p.MessageId])
        if isinstance(response, dict) and response.get("deleted"):
            self.write_verbose(f'The message with id "{p.MessageId}" has been deleted.')
