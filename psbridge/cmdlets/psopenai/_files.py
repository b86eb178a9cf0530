"""Local files given where PSOpenAI also takes URLs or ids (-Images, -Files, -InputAudio).

A value names a local file when such a file exists (PowerShell's
``Test-Path -PathType Leaf``); it is then sent inline as a data URL with the
MIME type PSOpenAI's table gives its extension.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from ...api import mime_type_of

__all__ = ["data_url", "local_file", "mime_type"]


def local_file(value: str) -> Path | None:
    """The file ``value`` names, if it is an existing file (not a directory, not a URL)."""
    if not value or "\0" in value:
        return None
    try:
        path = Path(os.path.expanduser(value))
        return path if path.is_file() else None
    except (OSError, ValueError):
        return None


def mime_type(path: Path, default: str = "application/octet-stream") -> str:
    return mime_type_of(path.name, default)


def data_url(path: Path, default_mime: str = "application/octet-stream") -> str:
    encoded = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:{mime_type(path, default_mime)};base64,{encoded}"
