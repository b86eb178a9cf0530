"""Get-ChatCompletion, Set-ChatCompletion, Remove-ChatCompletion: completions stored with -Store.

A stored completion comes back as Request-ChatCompletion's object, its
History rebuilt from the messages the API kept (``GET .../messages``, every
page) plus the answer, so ``Get-ChatCompletion $id | Request-ChatCompletion
-Message ...`` continues that conversation.  Warnings about cut or refused
answers are not repeated (PSOpenAI parses them with -WarningAction Ignore).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...objects import OrderedDictionary
from ...runtime import register_cmdlet
from ._base import ApiCmdlet, Deadline
from ._bodies import member, plain
from ._chat import assistant_message, chat_completion_object, truthy
from ._objects import to_psobject
from ._paging import list_items, list_with_parameters

__all__ = ["GetChatCompletion", "RemoveChatCompletion", "SetChatCompletion"]

_SEGMENTS = ("chat", "completions")
_OPTIONAL_MESSAGE_KEYS = ("refusal", "name", "content_parts", "audio", "tool_calls")


def _stored_message(data: dict[str, Any]) -> OrderedDictionary:
    """PSOpenAI's ParseChatCompletionMessageObject: id, role, content, then what is set."""
    message = OrderedDictionary(id=data.get("id"), role=data.get("role"), content=data.get("content"))
    for key in _OPTIONAL_MESSAGE_KEYS:
        if truthy(data.get(key)):
            message[key] = to_psobject(data[key])
    return message


@register_cmdlet
class GetChatCompletion(ApiCmdlet):
    name = "Get-ChatCompletion"

    def process(self) -> None:
        p = self.params
        deadline = Deadline(p.TimeoutSec)
        completions: Iterable[dict[str, Any]]
        if p.parameter_set_name == "Get":
            completions = [self.request("GET", [*_SEGMENTS, p.CompletionId], deadline=deadline)]
        else:
            completions = list_with_parameters(self, list(_SEGMENTS), deadline=deadline)
        for completion in completions:
            stored = list_items(
                self, [*_SEGMENTS, str(completion.get("id")), "messages"], all_pages=True, deadline=deadline
            )
            messages: list[Any] = [_stored_message(item) for item in stored]
            choices = completion.get("choices") or []
            if choices:
                messages.append(assistant_message(to_psobject(member(choices[0], "message"))))
            self.write_output(chat_completion_object(completion, messages))


@register_cmdlet
class SetChatCompletion(ApiCmdlet):
    """Replaces the metadata (the only field the API lets you change)."""

    name = "Set-ChatCompletion"

    def process(self) -> None:
        p = self.params
        completion = self.request("POST", [*_SEGMENTS, p.CompletionId], body={"metadata": plain(p.MetaData)})
        self.write_output(chat_completion_object(completion, []))


@register_cmdlet
class RemoveChatCompletion(ApiCmdlet):
    name = "Remove-ChatCompletion"

    def process(self) -> None:
        response = self.request("DELETE", [*_SEGMENTS, self.params.CompletionId])
        if response.get("deleted"):
            self.write_verbose(f'The chat with id "{response.get("id")}" has been deleted.')
