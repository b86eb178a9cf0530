"""Set-Thread: modify a thread's metadata and tool resources (New-Thread's body rules).

PSOpenAI proxies New-Thread with an id it has already URL-encoded, which
New-Thread encodes again (reference section 6 item 24), and glues ``/<id>``
onto a URL that may carry a query (item 23); here the id is one raw path
segment that the client encodes once.
"""

from __future__ import annotations

from ...runtime import register_cmdlet
from ._base import ApiCmdlet
from ._objects import thread_object
from .new_thread import thread_body


@register_cmdlet
class SetThread(ApiCmdlet):
    name = "Set-Thread"

    def process(self) -> None:
        thread_id = self.params.ThreadId
        thread = self.request("POST", ["threads", thread_id], body=thread_body(self.params))
        # PSOpenAI says "has been created" for an update too (section 6 item 21).
        self.write_verbose(f'The thread with id "{thread.get("id", thread_id)}" has been updated.')
        self.write_output(thread_object(thread))
