"""Stored files: the file objects and their contents, for every module that reads or makes them.

The API handlers are in :mod:`.api_files`; vector stores read a file's text to
search it, and runs make files (a chart from the code interpreter).  The
contents are a blob beside the object (``Store.put_blob``), so with
``--store`` they live on disk.
"""

from __future__ import annotations

import mimetypes

from .errors import not_found
from .kinds import register
from .store import JSON, Store, now

__all__ = ["file_content", "file_text", "find_file", "media_type", "store_file"]

register("file")


def media_type(filename: str) -> str:
    if filename.lower().endswith(".jsonl"):
        return "application/jsonl"
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


def store_file(store: Store, filename: str, data: bytes, purpose: str, expires_at: int | None = None) -> JSON:
    """Keep ``data`` as a new file and return its object (also used for files the emulator makes)."""
    file: JSON = {
        "id": store.new_id("file-"),
        "object": "file",
        "bytes": len(data),
        "created_at": now(),
        "filename": filename,
        "purpose": purpose,
        "status": "processed",
    }
    if expires_at is not None:
        file["expires_at"] = expires_at
    with store.transaction():
        store.put_blob(file["id"], data)
        store.insert(file)
    return file


def find_file(store: Store, file_id: str) -> JSON:
    found = store.get("file", file_id)
    if found is None:
        raise not_found("file", file_id)
    return found


def file_content(store: Store, file_id: str) -> bytes:
    return store.get_blob(file_id) or b""


def file_text(store: Store, file_id: str) -> str:
    """A file's contents as text (undecodable bytes replaced): what file search reads."""
    return file_content(store, file_id).decode("utf-8", errors="replace")
