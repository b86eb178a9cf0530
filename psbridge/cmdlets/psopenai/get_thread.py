"""Get-Thread: a thread with all its messages (oldest first)."""

from __future__ import annotations

from ...runtime import register_cmdlet
from ._base import ApiCmdlet
from ._objects import thread_object
from ._threads import read_thread


@register_cmdlet
class GetThread(ApiCmdlet):
    name = "Get-Thread"

    def process(self) -> None:
        thread_id = self.params.ThreadId
        if self.params.Primitive:
            self.write_output(thread_object(self.request("GET", ["threads", thread_id])))
            return
        self.write_output(read_thread(self, thread_id))
