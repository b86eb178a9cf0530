"""New-, Get-, Set-, Remove-Conversation; Get-, Remove-ConversationItem.

A conversation object (``PSOpenAI.Conversation``) carries its ``Items`` (every
page, oldest first) when read with Get-Conversation; New-Conversation and
Set-Conversation return it with an empty ``Items``, as PSOpenAI does.
"""

from __future__ import annotations

from typing import Any

from ...runtime import register_cmdlet
from ._base import ApiCmdlet, Deadline
from ._bodies import plain
from ._objects import typed_object
from ._paging import list_items, list_with_parameters

__all__ = [
    "GetConversation",
    "GetConversationItem",
    "NewConversation",
    "RemoveConversation",
    "RemoveConversationItem",
    "SetConversation",
    "conversation_object",
]

CONVERSATION = "PSOpenAI.Conversation"
ITEM = "PSOpenAI.Conversation.Item"


def item_object(data: dict[str, Any]) -> Any:
    return typed_object(data, ITEM)


def conversation_object(cmdlet: ApiCmdlet, data: dict[str, Any], *, with_items: bool) -> Any:
    conversation = typed_object(data, CONVERSATION, ("created_at",))
    items: list[Any] = []
    if with_items:
        listed = list_items(cmdlet, ["conversations", str(data.get("id")), "items"], all_pages=True)
        items = [item_object(item) for item in listed]
    conversation["Items"] = items
    return conversation


@register_cmdlet
class NewConversation(ApiCmdlet):
    name = "New-Conversation"

    def process(self) -> None:
        body: dict[str, Any] = {}
        if self.params.is_bound("MetaData"):
            body["metadata"] = plain(self.params.MetaData)
        conversation = self.request("POST", ["conversations"], body=body)
        self.write_verbose(f'The convesation with id "{conversation.get("id")}" has been created.')
        self.write_output(conversation_object(self, conversation, with_items=False))


@register_cmdlet
class SetConversation(ApiCmdlet):
    """Replaces the metadata (PSOpenAI's Set-Conversation is New-Conversation on the id)."""

    name = "Set-Conversation"

    def process(self) -> None:
        p = self.params
        body = {"metadata": plain(p.MetaData)}
        conversation = self.request("POST", ["conversations", p.ConversationId], body=body)
        self.write_output(conversation_object(self, conversation, with_items=False))


@register_cmdlet
class GetConversation(ApiCmdlet):
    name = "Get-Conversation"

    def process(self) -> None:
        conversation = self.request("GET", ["conversations", self.params.ConversationId])
        self.write_output(conversation_object(self, conversation, with_items=True))


@register_cmdlet
class RemoveConversation(ApiCmdlet):
    name = "Remove-Conversation"

    def process(self) -> None:
        response = self.request("DELETE", ["conversations", self.params.ConversationId])
        if response.get("deleted"):
            self.write_verbose(f'The conversation with id "{response.get("id")}" has been deleted.')


@register_cmdlet
class GetConversationItem(ApiCmdlet):
    name = "Get-ConversationItem"

    def process(self) -> None:
        p = self.params
        deadline = Deadline(p.TimeoutSec)
        segments = ["conversations", p.ConversationId, "items"]
        if p.parameter_set_name != "List items":
            self.write_output(item_object(self.request("GET", [*segments, p.ItemId], deadline=deadline)))
            return
        include = [("include[]", value) for value in p.Include or []] if p.is_bound("Include") else []
        for item in list_with_parameters(self, segments, deadline=deadline, extra_query=include):
            self.write_output(item_object(item))


@register_cmdlet
class RemoveConversationItem(ApiCmdlet):
    name = "Remove-ConversationItem"

    def process(self) -> None:
        p = self.params
        self.request("DELETE", ["conversations", p.ConversationId, "items", p.ItemId])
        self.write_verbose(f'The item with id "{p.ItemId}" has been deleted.')
