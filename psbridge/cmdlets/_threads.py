"""Reading a thread with all its messages (Get-Thread, Receive-ThreadRun, -PassThru)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._paging import list_items

if TYPE_CHECKING:
    from ._base import ApiCmdlet, Deadline

__all__ = ["read_thread"]


def read_thread(
    cmdlet: ApiCmdlet, thread_id: str, *, deadline: Deadline | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """GET the thread, then every message, oldest first, 100 per page."""
    thread = cmdlet.request("GET", ["threads", thread_id], deadline=deadline)
    messages = list(
        list_items(cmdlet, ["threads", thread_id, "messages"], order="asc", all_pages=True, deadline=deadline)
    )
    return thread, messages
