"""What a successful request hands back to a cmdlet.

Deliberately not an ``httpx.Response``: that object keeps the request, and the
request keeps the ``Authorization`` header, so passing it around would carry
the key into every caller.  ``ApiResponse`` holds only the response side.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any

import httpx

from .errors import InvalidResponseError

__all__ = ["MAX_JSON_DEPTH", "ApiResponse", "json_depth_exceeds"]

_UNSET: Any = object()
#: Deeper JSON is refused.  ConvertFrom-Json allows 1024 levels, but every converter
#: downstream (objects, redaction, formatting, --json) walks the tree recursively, and
#: Python's recursion limit is 1000 frames; no API object comes near this depth.
MAX_JSON_DEPTH = 128


def json_depth_exceeds(value: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether parsed JSON nests containers more than ``limit`` deep (iterative: no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


class ApiResponse:
    """Status, headers and body of one successful API response.

    A non-streaming response is fully read before it is returned.  A streaming
    one (``stream=True``) is read by :meth:`iter_sse_data`, which closes it when
    the stream ends; use the response as a context manager (or call
    :meth:`close`) when you may stop early.
    """

    def __init__(
        self,
        *,
        status_code: int,
        reason_phrase: str,
        headers: httpx.Headers,
        url: str,
        content: bytes | None = None,
        encoding: str = "utf-8",
        lines: Iterator[str] | None = None,
        on_event: Callable[[str], None] | None = None,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        self.status_code = status_code
        self.reason_phrase = reason_phrase
        self.headers = headers
        self.url = url
        self._content = content
        self._encoding = encoding
        self._lines = lines
        self._on_event = on_event
        self._on_close = on_close
        self._json: Any = _UNSET

    # -- metadata ----------------------------------------------------------------------
    @property
    def request_id(self) -> str | None:
        return self.headers.get("x-request-id")

    @property
    def processing_ms(self) -> str | None:
        return self.headers.get("openai-processing-ms")

    @property
    def is_stream(self) -> bool:
        return self._lines is not None

    # -- body --------------------------------------------------------------------------
    @property
    def content(self) -> bytes:
        """The raw body; for a stream, whatever has not been consumed yet is read now."""
        if self._content is None:
            if self._lines is None:
                self._content = b""
            else:
                self._content = "\n".join(self._drain()).encode(self._encoding)
        return self._content

    @property
    def text(self) -> str:
        return self.content.decode(self._encoding, errors="replace")

    def json(self) -> Any:
        """The parsed body, parsed once; ``None`` for an empty body (PSOpenAI emits nothing then)."""
        if self._json is _UNSET:
            text = self.text
            problem = ""
            try:
                parsed = json.loads(text) if text.strip() else None
            except json.JSONDecodeError as error:
                problem = f"is not valid JSON: {error.msg} (line {error.lineno})."
            except (ValueError, RecursionError):  # RecursionError: "[[[[..." thousands deep
                problem = "is not valid JSON."
            # Nesting needs an opening bracket per level: most answers are cleared by counting.
            if not problem and text.count("{") + text.count("[") > MAX_JSON_DEPTH and json_depth_exceeds(parsed):
                problem = f"nests JSON deeper than {MAX_JSON_DEPTH} levels."
            if problem:
                raise InvalidResponseError(
                    f"The response from {self.url} {problem}", url=self.url, request_id=self.request_id
                )
            self._json = parsed
        return self._json

    # -- server-sent events ------------------------------------------------------------
    def iter_sse_data(self) -> Iterator[str]:
        """Each ``data:`` payload of the event stream, in order, until ``data: [DONE]``.

        Blank lines and comments are skipped; ``event:`` lines only go to the
        verbose stream, as in PSOpenAI (the payload JSON carries the event type
        the cmdlets need).  The response is closed when the iteration ends,
        however it ends.
        """
        if self._lines is None:
            raise RuntimeError("iter_sse_data() needs a response requested with stream=True")
        try:
            for raw in self._lines:
                line = raw.rstrip("\r")
                if not line or line.startswith(":"):
                    continue
                field, _, value = line.partition(":")
                value = value.removeprefix(" ")
                if field == "event":
                    if self._on_event is not None:
                        self._on_event(line)
                    continue
                if field != "data":
                    continue  # id:, retry: -- nothing a cmdlet uses
                if value.strip() == "[DONE]":
                    break
                yield value
        finally:
            self.close()

    def _drain(self) -> Iterator[str]:
        assert self._lines is not None
        try:
            yield from self._lines
        finally:
            self.close()

    # -- lifetime ----------------------------------------------------------------------
    def close(self) -> None:
        if self._on_close is not None:
            on_close, self._on_close = self._on_close, None
            on_close()

    def __enter__(self) -> ApiResponse:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        kind = ", stream" if self.is_stream else ""
        return f"<ApiResponse [{self.status_code} {self.reason_phrase}]{kind}>"
