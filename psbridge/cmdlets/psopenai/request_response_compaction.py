"""Request-ResponseCompaction: a shorter context to continue from (``POST /responses/compact``).

The input is the piped History (or -PreviousResponseId) plus the messages of
this call, as Request-Response builds them; the object's History becomes the
compacted output, so piping it into Request-Response continues from there.
"""

from __future__ import annotations

from typing import Any

from ...runtime import register_cmdlet
from ._base import ApiCmdlet
from ._bodies import plain
from ._errors import ArgumentError
from ._objects import to_psobject, typed_object
from ._responses import turn_messages_of

__all__ = ["RequestResponseCompaction"]


@register_cmdlet
class RequestResponseCompaction(ApiCmdlet):
    name = "Request-ResponseCompaction"

    def process(self) -> None:
        p = self.params
        body: dict[str, Any] = {"model": p.Model}
        if p.PreviousResponseId:
            body["previous_response_id"] = p.PreviousResponseId
        if p.is_bound("Instructions"):
            body["instructions"] = p.Instructions
        messages = list(p.History or [])
        messages += turn_messages_of(p)
        if not messages:
            raise ArgumentError("No message is specified. You must specify one or more messages.")
        body["input"] = [plain(m) for m in messages]
        if p.OutputRawResponse:
            self.write_output(self.request("POST", ["responses", "compact"], body=body, raw=True).text)
            return
        response = self.request("POST", ["responses", "compact"], body=body)
        compaction = typed_object(response, "PSOpenAI.Response.Compaction", ("created_at",))
        output = response.get("output") or []
        compaction["History"] = to_psobject(output) if output else list(messages)
        self.write_output(compaction)
