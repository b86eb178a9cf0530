"""``specs check`` fixtures for examples about chat completions, responses and conversations.

Id literals of these kinds become real objects made through the cmdlets, like
the Assistants ones (see :mod:`.checking`): ``chatcmpl-abc123`` (and the docs'
``chatcompl-`` spelling) a stored chat completion, ``resp_abc123`` a stored
response, ``conv_abc123`` a conversation with one message, and ``item_...``
-- or ``msg_...`` in an example that names a conversation -- that
conversation's items.

Examples also name real endpoints and keys (``-ApiBase
'https://my-endpoint.openai.azure.com/'``, ``-ApiKey 'AZURE_API_KEY'``): the
endpoint is replaced by the example's emulator (its root for Azure, which adds
``/openai/...`` itself) and the key by the emulator's, so an example never
sends anything anywhere but the loopback emulator.

An interactive example (``Enter-ChatGPT``) gets a console whose user types one question and
then ends the input, so the session asks the emulator once and ends as it would at Ctrl+D.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

from ..runtime.host import ConsoleHost

__all__ = ["CHAT_KINDS", "ChatFixtures", "console_for", "map_endpoints"]

#: Kinds of id literal this module maps, as ``checking`` names them.
CHAT_KINDS = ("chatcmpl", "chatcompl", "resp", "conv", "item")

_ENDPOINT = re.compile(r"https://[A-Za-z0-9.-]*(?:openai\.azure\.com|api\.openai\.com)(?:/[^\s'\"`]*)?")
_KEY = re.compile(r"(-ApiKey\s+)(['\"])[^'\"]*\2", re.IGNORECASE)
_TEXT = "How many people live in the world?"

Call = Callable[..., Any]


def console_for(code: str) -> ConsoleHost | None:
    """A console for an example that talks with its user (its text discarded), else None: the
    examples run as psbridge's Python API runs scripts, without a host."""
    if "enter-chatgpt" not in code.casefold():
        return None
    return ConsoleHost(io.StringIO(), io.StringIO(_TEXT + "\n\n\n"))


def map_endpoints(code: str, base_url: str, key: str, mapping: dict[str, str]) -> str:
    """``code`` with real API endpoints and literal keys pointing at the example's emulator."""
    root = base_url.removesuffix("/v1") + "/"

    def endpoint(match: re.Match[str]) -> str:
        literal = match.group(0)
        mapping[literal] = root if "azure" in literal else base_url
        return mapping[literal]

    def api_key(match: re.Match[str]) -> str:
        mapping[match.group(0)] = f"{match.group(1)}'<the emulator's key>'"
        return f"{match.group(1)}'{key}'"

    return _KEY.sub(api_key, _ENDPOINT.sub(endpoint, code))


class ChatFixtures:
    """Stored completions, responses and conversations made through the cmdlets for one example."""

    def __init__(self, one: Call, call: Call) -> None:
        self.one = one
        self.call = call
        self.completion_ids: list[str] = []
        self.response_ids: list[str] = []
        self.conversation_ids: list[str] = []

    def completion(self, index: int) -> str:
        while len(self.completion_ids) <= index:
            made = self.one("Request-ChatCompletion", Message=_TEXT, Store=True)
            self.completion_ids.append(str(made["id"]))
        return self.completion_ids[index]

    def response(self, index: int) -> str:
        while len(self.response_ids) <= index:
            self.response_ids.append(str(self.one("Request-Response", Message=_TEXT)["id"]))
        return self.response_ids[index]

    def conversation(self, index: int) -> str:
        while len(self.conversation_ids) <= index:
            made = str(self.one("New-Conversation")["id"])
            self.call("Add-ConversationItem", ConversationId=made, Message=_TEXT)
            self.conversation_ids.append(made)
        return self.conversation_ids[index]

    def item(self, index: int) -> str:
        conversation = self.conversation(0)
        while True:
            items = self.call("Get-ConversationItem", ConversationId=conversation, All=True)
            if len(items) > index:
                return str(items[index]["id"])
            self.call("Add-ConversationItem", ConversationId=conversation, Message=f"{_TEXT} ({len(items) + 1})")

    def map_literals(self, literals: dict[str, list[str]], mapping: dict[str, str]) -> None:
        """Map this module's kinds; ``msg_`` literals too when the example names a conversation
        (they are its items then, and are taken out of the Assistants' hands)."""
        for index, literal in enumerate([*literals["chatcmpl"], *literals["chatcompl"]]):
            mapping[literal] = self.completion(index)
        for index, literal in enumerate(literals["resp"]):
            mapping[literal] = self.response(index)
        for index, literal in enumerate(literals["conv"]):
            mapping[literal] = self.conversation(index)
        items = list(literals["item"])
        if literals["conv"]:
            items += literals["msg"]
            literals["msg"] = []
        for index, literal in enumerate(items):
            mapping[literal] = self.item(index)
