"""Reading a thread with all its messages (Get-Thread, Receive-ThreadRun, -PassThru)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...objects import PSObject
from ._objects import message_object, thread_object
from ._paging import list_items

if TYPE_CHECKING:
    from ._base import ApiCmdlet, Deadline

__all__ = ["read_thread"]


def read_thread(cmdlet: ApiCmdlet, thread_id: str, *, deadline: Deadline | None = None) -> PSObject:
    """The thread as PSOpenAI returns it: GET the thread, then every message (oldest first,
    100 per page) as its ``Messages``."""
    thread = cmdlet.request("GET", ["threads", thread_id], deadline=deadline)
    messages = list_items(cmdlet, ["threads", thread_id, "messages"], order="asc", all_pages=True, deadline=deadline)
    return thread_object(thread, [message_object(m) for m in messages])
