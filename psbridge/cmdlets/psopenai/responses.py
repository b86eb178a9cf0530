"""Get-Response, Remove-Response, Get-ResponseInputItem: stored responses.

Get-Response returns Request-Response's object with its History rebuilt from
the response's input items (every page) and output, so piping it into
Request-Response continues that exchange; -Stream replays (or follows) the
response's events, from -StartingAfter.  Warnings about the answer are not
repeated (PSOpenAI parses with -WarningAction Ignore).
"""

from __future__ import annotations

from typing import Any

from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ._base import ApiCmdlet, Deadline
from ._objects import to_psobject
from ._paging import list_items, list_with_parameters
from ._responses import response_object
from ._streaming import stream_events

__all__ = ["GetResponse", "GetResponseInputItem", "RemoveResponse"]


@register_cmdlet
class GetResponse(ApiCmdlet):
    name = "Get-Response"

    def process(self) -> None:
        p = self.params
        query: list[tuple[str, Any]] = []
        if p.Stream:
            query.append(("stream", "true"))
        if p.is_bound("StartingAfter"):
            query.append(("starting_after", p.StartingAfter))
        if p.is_bound("Include"):
            query += [("include[]", value) for value in p.Include or []]
        if p.is_bound("IncludeObfuscation"):
            query.append(("include_obfuscation", bool(p.IncludeObfuscation)))
        segments = ["responses", p.ResponseId]
        if p.Stream:
            self._stream(segments, query)
            return
        if p.OutputRawResponse:
            self.write_output(self.request("GET", segments, query=query, raw=True).text)
            return
        response = self.request("GET", segments, query=query)
        inputs = list_items(self, ["responses", str(response.get("id")), "input_items"], all_pages=True)
        history = [*to_psobject(list(inputs)), *to_psobject(response.get("output") or [])]
        self.write_output(response_object(response, history))

    def _stream(self, segments: list[str], query: list[tuple[str, Any]]) -> None:
        p = self.params
        raw = bool(p.OutputRawResponse)
        as_text = to_ps_string(p.StreamOutputType or "text").lower() == "text"
        for payload, event in stream_events(self, "GET", segments, query=query, parse=not raw):
            if raw:
                self.write_output(payload)
            elif not isinstance(event, dict):
                continue
            elif not as_text:
                self.write_output(to_psobject(event))
            elif event.get("type") == "response.output_text.delta":
                self.write_output(event.get("delta"))


@register_cmdlet
class RemoveResponse(ApiCmdlet):
    name = "Remove-Response"

    def process(self) -> None:
        response = self.request("DELETE", ["responses", self.params.ResponseId])
        if response.get("deleted"):
            self.write_verbose(f'The response with id "{response.get("id")}" has been deleted.')


@register_cmdlet
class GetResponseInputItem(ApiCmdlet):
    """The input items of a response, as the API lists them (oldest first by default)."""

    name = "Get-ResponseInputItem"

    def process(self) -> None:
        p = self.params
        segments = ["responses", p.ResponseId, "input_items"]
        for item in list_with_parameters(self, segments, deadline=Deadline(p.TimeoutSec)):
            self.write_output(to_psobject(item))
