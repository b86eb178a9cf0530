"""Add-ConversationItem: add messages (system, developer, this one with files and images) to a conversation.

No output unless -PassThru, which writes the conversation (Get-Conversation).
"""

from __future__ import annotations

from ...runtime import register_cmdlet
from ._base import ApiCmdlet
from ._bodies import plain
from ._errors import ArgumentError
from ._responses import turn_messages_of
from .conversations import conversation_object

__all__ = ["AddConversationItem"]


@register_cmdlet
class AddConversationItem(ApiCmdlet):
    name = "Add-ConversationItem"

    def process(self) -> None:
        p = self.params
        messages = turn_messages_of(p)
        if not messages:
            raise ArgumentError("No message is specified. You must specify one or more messages.")
        query = [("include[]", value) for value in p.Include or []] if p.is_bound("Include") else []
        segments = ["conversations", p.ConversationId, "items"]
        self.request("POST", segments, query=query, body={"items": [plain(m) for m in messages]})
        if p.PassThru:
            conversation = self.request("GET", ["conversations", p.ConversationId])
            self.write_output(conversation_object(self, conversation, with_items=True))
