"""Local files given where PSOpenAI also takes URLs or ids (-Images, -Files, -InputAudio).

A value names a local file when such a file exists (PowerShell's
``Test-Path -PathType Leaf``); it is then sent inline as a data URL with the
MIME type PSOpenAI's table gives its extension.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

__all__ = ["data_url", "local_file", "mime_type"]

_MIME_TYPES = {
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".c": "text/x-c",
    ".cpp": "text/x-c++",
    ".cs": "text/x-csharp",
    ".css": "text/css",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".go": "text/x-golang",
    ".html": "text/html",
    ".java": "text/x-java",
    ".js": "text/javascript",
    ".json": "application/json",
    ".md": "text/markdown",
    ".pdf": "application/pdf",
    ".php": "text/x-php",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".py": "text/x-python",
    ".rb": "text/x-ruby",
    ".sh": "application/x-sh",
    ".tex": "text/x-tex",
    ".ts": "application/typescript",
    ".txt": "text/plain",
    ".xml": "application/xml",
    ".aac": "audio/aac",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".flac": "audio/flac",
    ".wav": "audio/wav",
    ".oga": "audio/ogg",
    ".ogg": "audio/ogg",
    ".opus": "audio/opus",
    ".weba": "audio/webm",
    ".mp4": "application/mp4",
}


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
    return _MIME_TYPES.get(path.suffix.lower(), default)


def data_url(path: Path, default_mime: str = "application/octet-stream") -> str:
    encoded = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:{mime_type(path, default_mime)};base64,{encoded}"
