"""What the vector store cmdlets share: ids from objects, chunking, file lists, waiting on batches.

Chunking follows PSOpenAI: -ChunkingStrategy static sends -MaxChunkSizeTokens
and -ChunkOverlapTokens (their defaults 800 / 400 unless given), and an
overlap over half the chunk size is refused before any request.
"""

from __future__ import annotations

from typing import Any

from ...objects import PSObject, to_ps_string
from ...runtime import Parameters
from ._base import ApiCmdlet, object_id
from ._errors import ArgumentError
from ._waiting import StatusGraph

__all__ = [
    "BATCH_STATUSES",
    "batch_ids",
    "chunking_strategy",
    "file_ids",
    "vector_store_file_ids",
    "vector_store_id",
]

#: A file batch's lifecycle (the API has no "cancelling"; PSOpenAI's -StatusFor* lists it).
BATCH_STATUSES = StatusGraph(
    "batch",
    {
        "in_progress": frozenset({"completed", "failed", "cancelling", "cancelled"}),
        "cancelling": frozenset({"cancelled", "completed", "failed"}),
    },
    default_wait=frozenset({"in_progress"}),
)


def vector_store_id(params: Parameters) -> str:
    """The store's id from -VectorStore (an object) or -VectorStoreId."""
    store = params.get("VectorStore", None) if params.declares("VectorStore") else None
    found = object_id(store) if store is not None else params.get("VectorStoreId", None)
    if not found:
        raise ArgumentError("Could not retrieve vector store id.")
    return str(found)


def batch_ids(params: Parameters) -> tuple[str, str]:
    """(vector store id, batch id) from -Batch, or -VectorStore/-VectorStoreId with -BatchId."""
    batch = params.get("Batch", None)
    if batch is not None:
        store, batch_id = object_id(batch, name="vector_store_id"), object_id(batch)
        if not store:
            raise ArgumentError("Could not retrieve vector store id.")
    else:
        store, batch_id = vector_store_id(params), params.get("BatchId", None)
    if not batch_id:
        raise ArgumentError("Could not retrieve batch id.")
    return str(store), str(batch_id)


def vector_store_file_ids(params: Parameters) -> tuple[str, str | None]:
    """(vector store id, file id) from -VectorStoreFile (an object) or -VectorStoreId/-FileId."""
    entry = params.get("VectorStoreFile", None)
    if entry is not None:
        store, file_id = object_id(entry, name="vector_store_id"), object_id(entry)
    else:
        store, file_id = params.VectorStoreId, params.get("FileId", None)
    if not store:
        raise ArgumentError("Could not retrieve vector store id.")
    return str(store), file_id


def chunking_strategy(cmdlet: ApiCmdlet) -> dict[str, Any] | None:
    p = cmdlet.params
    if not p.is_bound("ChunkingStrategy"):
        return None
    kind = to_ps_string(p.ChunkingStrategy)
    if kind != "static":
        return {"type": kind}
    size, overlap = int(p.MaxChunkSizeTokens), int(p.ChunkOverlapTokens)
    if 2 * overlap > size:
        raise ArgumentError("ChunkOverlapTokens must not exceed half of MaxChunkSizeTokens.")
    return {"type": "static", "static": {"max_chunk_size_tokens": size, "chunk_overlap_tokens": overlap}}


def file_ids(cmdlet: ApiCmdlet, items: Any) -> list[str]:
    """Ids from file id strings and PSOpenAI.File objects; anything else is an error of its own."""
    found: list[str] = []
    for item in items or []:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, PSObject) and item.is_type("PSOpenAI.File"):
            found.append(to_ps_string(item.get("id")))
        elif item is not None:
            error = ArgumentError("Each file must be a file id (a string) or a PSOpenAI.File object.")
            cmdlet.report_input_error(error)
    return found
