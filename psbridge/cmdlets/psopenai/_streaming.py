"""Server-sent event streams of the chat, completion and response cmdlets.

Each event is handed on the moment its line arrives, so a cmdlet writes each
token to the pipeline while the server is still generating; nothing is
buffered.  An event whose data is not JSON is an error record for that event
(PSOpenAI's ``ConvertFrom-Json -ErrorAction Stop`` in a catch), and the stream
goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ...api import InvalidResponseError

if TYPE_CHECKING:
    from ._base import ApiCmdlet

__all__ = ["stream_events"]


def stream_events(
    cmdlet: ApiCmdlet,
    method: str,
    segments: Sequence[str],
    *,
    query: Sequence[tuple[str, Any]] = (),
    body: Any = None,
    parse: bool = True,
    **transfer: Any,
) -> Iterator[tuple[str, Any]]:
    """(data text, parsed JSON or None) per event, until ``[DONE]`` or the end of the stream.

    With ``parse=False`` (raw output) nothing is parsed.  Empty data lines are skipped.
    ``transfer`` passes ``form`` (a multipart upload) on to the request.
    """
    response = cmdlet.request(method, segments, query=query, body=body, stream=True, **transfer)
    try:
        for payload in response.iter_sse_data():
            if not payload:
                continue
            if not parse:
                yield payload, None
                continue
            try:
                event = json.loads(payload)
            except ValueError as error:
                cmdlet.write_error(
                    InvalidResponseError(f"An event of the stream from {response.url} is not valid JSON: {error}")
                )
                continue
            yield payload, event
    finally:
        response.close()
