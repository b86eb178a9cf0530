"""New-Thread: create a thread, optionally with tool resources, metadata and first messages.

The thread comes back as PSOpenAI returns it: a ``PSOpenAI.Thread`` whose
``Messages`` is empty even when messages were sent, because reading them back
would cost requests nobody asked for (Get-Thread is the cmdlet for that).
Set-Thread shares this module's body rules, as PSOpenAI's Set-Thread proxies
New-Thread.
"""

from __future__ import annotations

from typing import Any

from ...runtime import Parameters, register_cmdlet
from ._base import ApiCmdlet
from ._bodies import member, plain, tool_resources, with_message_extras
from ._objects import thread_object

__all__ = ["NewThread", "initial_message", "thread_body"]


def initial_message(item: Any) -> dict[str, Any] | None:
    """One hidden -Messages item as a CreateMessageRequest; None when it carries no content.

    PSOpenAI stores an item's role under a key named ``user`` (reference
    section 6 item 5), so every message went out as the user's; here the
    role is sent as ``role``.
    """
    if isinstance(item, str):
        return {"role": "user", "content": item} if item else None
    message: dict[str, Any] = {"role": "user", "content": None}
    role = member(item, "role")
    if isinstance(role, str) and role:
        message["role"] = role
    text = member(item, "message")
    if isinstance(text, str) and text:
        message["content"] = text
    content = member(item, "content")
    if (isinstance(content, str) and content) or (isinstance(content, list | tuple) and content):
        message["content"] = plain(content)
    return with_message_extras(message, item) if message["content"] is not None else None


def thread_body(p: Parameters) -> dict[str, Any]:
    """The create/modify body: tool_resources, metadata (when bound), then messages; ``{}`` if none."""
    body: dict[str, Any] = {}
    resources = tool_resources(p.FileIdsForCodeInterpreter, p.VectorStoresForFileSearch, p.FileIdsForFileSearch)
    if resources:
        body["tool_resources"] = resources
    if p.is_bound("MetaData"):
        body["metadata"] = plain(p.MetaData)
    if p.declares("Messages") and p.is_bound("Messages"):
        messages = (initial_message(item) for item in p.Messages or [])
        body["messages"] = [message for message in messages if message is not None]
    return body


@register_cmdlet
class NewThread(ApiCmdlet):
    name = "New-Thread"

    def process(self) -> None:
        thread = self.request("POST", ["threads"], body=thread_body(self.params))
        self.write_verbose(f'The thread with id "{thread.get("id")}" has been created.')
        self.write_output(thread_object(thread))
