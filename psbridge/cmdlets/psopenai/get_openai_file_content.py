"""Get-OpenAIFileContent: a file's contents, as output or written to -OutFile.

Without -OutFile the output is what PowerShell's web client makes of the
answer: text for a text type (``text/*``, JSON, XML), otherwise the bytes --
one ``bytes`` object (PowerShell would enumerate a byte[] one byte at a time
down the pipeline; a script that assigns it gets the same bytes).  With
-OutFile nothing is output and the file is written safely (see ``_transfers``):
streamed to disk, never partial under its final name.
"""

from __future__ import annotations

from typing import Any

from ...runtime import register_cmdlet
from ._base import ApiCmdlet
from ._transfers import download_to_file

__all__ = ["GetOpenAIFileContent", "content_value"]

#: Files the API serves are at most 512 MB; an answer kept in memory may be that large.
IN_MEMORY_LIMIT = 512 * 1024 * 1024

_TEXT_TYPES = ("text/", "application/json", "application/jsonl", "application/xml", "application/x-ndjson")


def content_value(content_type: str, body: bytes) -> Any:
    """Text for a text content type (its charset, else UTF-8), else the bytes."""
    media, _, parameters = content_type.partition(";")
    media = media.strip().lower()
    if not media.startswith(_TEXT_TYPES) and not media.endswith(("+json", "+xml")):
        return body
    charset = "utf-8"
    for parameter in parameters.split(";"):
        name, _, value = parameter.strip().partition("=")
        if name.lower() == "charset" and value:
            charset = value.strip('"')
    try:
        return body.decode(charset, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


@register_cmdlet
class GetOpenAIFileContent(ApiCmdlet):
    name = "Get-OpenAIFileContent"

    def process(self) -> None:
        p = self.params
        segments = ["files", p.FileId, "content"]
        if p.OutFile:
            written = download_to_file(self, segments, p.OutFile)
            self.write_verbose(f'The content of the file has been saved to "{written}".')
            return
        limit = max(self.settings.max_response_bytes, IN_MEMORY_LIMIT)
        response = self.request("GET", segments, raw=True, max_bytes=limit)
        self.write_output(content_value(response.headers.get("content-type", ""), response.content))
