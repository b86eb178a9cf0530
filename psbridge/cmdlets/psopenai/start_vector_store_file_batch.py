"""Start-VectorStoreFileBatch: add many files to a vector store in one batch.

-Files takes file ids, File objects, or hashtables with ``file_id`` (or
``id``) and optionally ``attributes`` / ``chunking_strategy``; plain ids go
as ``file_ids``, any hashtable makes it ``files`` (one entry per file), as in
PSOpenAI.  Files gathered from every pipeline input are sent in ``end``, one
batch per vector store named (PSOpenAI sends one batch, to the last store).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...objects import Hashtable, PSObject, to_ps_string
from ...runtime import register_cmdlet
from ._base import ApiCmdlet
from ._bodies import member, plain
from ._errors import ArgumentError
from ._objects import VECTOR_STORE_FILE_BATCH, typed_object
from ._vector_stores import chunking_strategy, vector_store_id

__all__ = ["StartVectorStoreFileBatch"]


def _file_entry(item: Any) -> dict[str, Any]:
    if isinstance(item, str):
        return {"file_id": item}
    if isinstance(item, PSObject) and item.is_type("PSOpenAI.File"):
        return {"file_id": to_ps_string(item.get("id"))}
    if isinstance(item, Hashtable | Mapping):
        file_id = member(item, "file_id") or member(item, "id")
        if not file_id:
            raise ArgumentError("Hashtable item in Files parameter must contain file_id or id key.")
        entry: dict[str, Any] = {"file_id": to_ps_string(file_id)}
        if member(item, "attributes") is not None:
            entry["attributes"] = plain(member(item, "attributes"))
        strategy = member(item, "chunking_strategy")
        if strategy is not None:
            entry["chunking_strategy"] = plain(strategy) if isinstance(strategy, Mapping) else {"type": "auto"}
        entry["detailed"] = True
        return entry
    raise ArgumentError(
        "Each item in Files parameter must be a string (file ID), PSOpenAI.File object, or hashtable with file_id key."
    )


@register_cmdlet
class StartVectorStoreFileBatch(ApiCmdlet):
    name = "Start-VectorStoreFileBatch"

    def begin(self) -> None:
        super().begin()
        self.pending: dict[str, list[dict[str, Any]]] = {}

    def process(self) -> None:
        store_id = vector_store_id(self.params)
        entries = self.pending.setdefault(store_id, [])
        for item in self.params.Files or []:
            if item is None:
                continue
            try:
                entries.append(_file_entry(item))
            except ArgumentError as error:
                self.report_input_error(error)

    def end(self) -> None:
        p = self.params
        strategy = chunking_strategy(self)
        for store_id, entries in self.pending.items():
            body: dict[str, Any] = {}
            if entries:
                detailed = [entry.pop("detailed", False) for entry in entries]
                if any(detailed):
                    body["files"] = entries
                else:
                    body["file_ids"] = [entry["file_id"] for entry in entries]
            if p.is_bound("Attributes"):
                body["attributes"] = plain(p.Attributes)
            if strategy is not None:
                body["chunking_strategy"] = strategy
            batch = self.request("POST", ["vector_stores", store_id, "file_batches"], body=body)
            batch_id, status = batch.get("id"), batch.get("status")
            self.write_verbose(f'Start batch with id "{batch_id}". The current status is "{status}"')
            self.write_output(typed_object(batch, VECTOR_STORE_FILE_BATCH))
