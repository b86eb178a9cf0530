"""Vector stores: their files' ingestion, their counts, and a plain keyword search over them.

A file added to a store starts ``in_progress`` and is ingested on the run
lifecycle's schedule (:class:`.lifecycle.Lifecycle`), counting *looks* at its
store -- a GET of the store, of its files or of one of its file batches:

- ``polls``: the first ``polls_per_step`` looks still see it in progress, the
  next one sees it ``completed`` (with the default, the second look);
- ``time``: it completes ``step_seconds`` after it was added;
- ``manual``: only :meth:`VectorStores.finish` (``Emulator.finish_ingestion``)
  completes it.

An empty file fails (``last_error.code: invalid_file``), as the hosted API
refuses to index nothing.  A run's file search first finishes the ingestion of
the stores it searches (its "wait" for the index is instantaneous here).

The search is deliberately simple and deterministic: the query's words (three
letters or more, a few stop words left out) are matched, case-insensitively,
against each non-empty line of each completed file; a line's score is the
share of query words it contains; results come best first, then in file and
line order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import bad_request, not_found
from .files import file_text, find_file
from .kinds import register
from .lifecycle import Lifecycle
from .schedule import Schedule
from .store import JSON, Store, now

__all__ = ["DEFAULT_CHUNKING", "SearchResult", "VectorStores"]

register("vector_store")
register(
    "vector_store.file",
    key=("vector_store_id", "id"),
    owners={"vector_store_id": "vector_store"},
    indexes=("id",),
)
register("vector_store.files_batch", owners={"vector_store_id": "vector_store"})
#: Which files a batch added (not served: the batch's own object only counts them).
BATCH_MEMBERS = "emulator.files_batch_members"
register(BATCH_MEMBERS, key=("batch_id",), owners={"vector_store_id": "vector_store"})

#: What the hosted API reports for ``auto`` chunking.
DEFAULT_CHUNKING: JSON = {"type": "static", "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400}}
DAY = 86400

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'_-]*")
_STOP_WORDS = frozenset(
    {
        "the", "and", "for", "are", "was", "were", "what", "who", "whom", "which", "when", "where", "why",
        "how", "with", "from", "that", "this", "these", "those", "you", "your", "our", "their", "his", "her",
        "its", "been", "can", "could", "would", "should", "will", "into", "about", "does", "did",
    }
)  # fmt: skip


@dataclass(frozen=True)
class SearchResult:
    file_id: str
    file_name: str
    score: float
    text: str


def _counts(files: Iterable[JSON]) -> JSON:
    counts = {"in_progress": 0, "completed": 0, "failed": 0, "cancelled": 0, "total": 0}
    for file in files:
        counts[file["status"]] += 1
        counts["total"] += 1
    return counts


def query_words(text: str) -> list[str]:
    words = [w.lower().strip("'_-") for w in _WORD.findall(text)]
    return list(dict.fromkeys(w for w in words if len(w) >= 3 and w not in _STOP_WORDS))


class VectorStores:
    def __init__(self, store: Store, lifecycle: Lifecycle) -> None:
        self.store = store
        self.lifecycle = lifecycle
        self.schedule = Schedule(lifecycle)

    # -- stores ------------------------------------------------------------------------
    def find(self, vector_store_id: str) -> JSON:
        found = self.store.get("vector_store", vector_store_id)
        if found is None:
            raise not_found("vector store", vector_store_id)
        return found

    def create(self, body: JSON, *, lenient: bool = False) -> JSON:
        """A new store with ``body``'s files; ``lenient``: an unknown file is added as failed
        rather than refusing the request (stores made for an assistant or thread are made
        in the background on the hosted API, whose failures show only in the store)."""
        created = now()
        vector_store: JSON = {
            "id": self.store.new_id("vs_"),
            "object": "vector_store",
            "created_at": created,
            "name": body.get("name") or "",
            "usage_bytes": 0,
            "file_counts": _counts(()),
            "status": "completed",
            "last_active_at": created,
            "metadata": body.get("metadata") or {},
        }
        with self.store.transaction():
            self.store.insert(vector_store)
            self.set_expiry(vector_store, body.get("expires_after"))
            for file_id in body.get("file_ids") or []:
                if lenient and self.store.get("file", file_id) is None:
                    self._missing_file(vector_store, file_id)
                else:
                    self.attach(vector_store, file_id, body.get("chunking_strategy"))
            self.refresh(vector_store["id"])
        return vector_store

    def create_for_tool(self, spec: JSON) -> str:
        """A store made from ``tool_resources.file_search.vector_stores[i]`` (its files, chunking, metadata)."""
        return str(self.create(spec, lenient=True)["id"])

    def _missing_file(self, vector_store: JSON, file_id: str) -> None:
        self.store.insert(
            {
                "id": file_id,
                "object": "vector_store.file",
                "usage_bytes": 0,
                "created_at": now(),
                "vector_store_id": vector_store["id"],
                "status": "failed",
                "last_error": {"code": "invalid_file", "message": f"No file found with id '{file_id}'."},
                "chunking_strategy": DEFAULT_CHUNKING,
                "attributes": None,
            }
        )

    def set_expiry(self, vector_store: JSON, expires_after: JSON | None) -> None:
        if expires_after:
            vector_store["expires_after"] = {"anchor": expires_after["anchor"], "days": expires_after["days"]}
            vector_store["expires_at"] = vector_store["last_active_at"] + expires_after["days"] * DAY
        else:
            vector_store.pop("expires_after", None)
            vector_store["expires_at"] = None
        self.store.touch(vector_store)

    def remove(self, vector_store: JSON) -> None:
        for file in self.store.children("vector_store.file", vector_store_id=vector_store["id"]):
            self.schedule.forget((vector_store["id"], file["id"]))
        self.store.remove(vector_store)

    # -- files ---------------------------------------------------------------------------
    def attach(
        self, vector_store: JSON, file_id: str, chunking: JSON | None = None, attributes: JSON | None = None
    ) -> JSON:
        """Add a file (again: a re-added file starts over), in progress."""
        file = find_file(self.store, file_id)
        if chunking is None or chunking.get("type") == "auto":
            chunking = DEFAULT_CHUNKING
        entry: JSON = {
            "id": file["id"],
            "object": "vector_store.file",
            "usage_bytes": 0,
            "created_at": now(),
            "vector_store_id": vector_store["id"],
            "status": "in_progress",
            "last_error": None,
            "chunking_strategy": {"type": "static", "static": dict(chunking["static"])},
            "attributes": attributes,
        }
        self.store.insert(entry)
        self.schedule.start((vector_store["id"], file["id"]))
        return entry

    def find_file(self, vector_store_id: str, file_id: str) -> JSON:
        found = self.store.get("vector_store.file", vector_store_id, file_id)
        if found is None:
            raise not_found("file", file_id)
        return found

    def detach(self, entry: JSON) -> None:
        self.schedule.forget((entry["vector_store_id"], entry["id"]))
        self.store.remove(entry)
        self.refresh(entry["vector_store_id"])

    def detach_everywhere(self, file_id: str) -> None:
        for entry in self.store.children("vector_store.file", id=file_id):
            self.detach(entry)

    # -- file batches ----------------------------------------------------------------------
    def start_batch(self, vector_store: JSON, entries: list[tuple[str, JSON | None, JSON | None]]) -> JSON:
        batch: JSON = {
            "id": self.store.new_id("vsfb_"),
            "object": "vector_store.files_batch",
            "created_at": now(),
            "vector_store_id": vector_store["id"],
            "status": "in_progress",
            "file_counts": _counts(()),
        }
        with self.store.transaction():
            for file_id, _, _ in entries:
                find_file(self.store, file_id)  # all or nothing: an unknown file adds none
            for file_id, chunking, attributes in entries:
                self.attach(vector_store, file_id, chunking, attributes)
            self.store.insert(batch)
            members = [file_id for file_id, _, _ in entries]
            self.store.insert(
                {
                    "object": BATCH_MEMBERS,
                    "batch_id": batch["id"],
                    "vector_store_id": vector_store["id"],
                    "file_ids": list(dict.fromkeys(members)),
                }
            )
            self.refresh(vector_store["id"])
        return batch

    def find_batch(self, vector_store_id: str, batch_id: str) -> JSON:
        found = self.store.get("vector_store.files_batch", batch_id)
        if found is None or found["vector_store_id"] != vector_store_id:
            raise not_found("vector store file batch", batch_id)
        return found

    def batch_files(self, batch: JSON) -> list[JSON]:
        members = self.store.get(BATCH_MEMBERS, batch["id"])
        ids = members["file_ids"] if members else []
        found = (self.store.get("vector_store.file", batch["vector_store_id"], file_id) for file_id in ids)
        return [entry for entry in found if entry is not None]

    def cancel_batch(self, batch: JSON) -> JSON:
        if batch["status"] != "in_progress":
            raise bad_request(f"Cannot cancel a vector store file batch with status '{batch['status']}'.")
        for entry in self.batch_files(batch):
            if entry["status"] == "in_progress":
                self._settle(entry, "cancelled")
        batch["status"] = "cancelled"
        self.refresh(batch["vector_store_id"])
        return batch

    # -- ingestion -------------------------------------------------------------------------
    def look(self, vector_store_id: str) -> None:
        """Someone looks at the store (its files, its batches): ingestion moves on its schedule."""
        moved = False
        for entry in self.store.children("vector_store.file", vector_store_id=vector_store_id):
            if entry["status"] == "in_progress" and self.schedule.due((vector_store_id, entry["id"])):
                self._ingest(entry)
                moved = True
        if moved:
            self.refresh(vector_store_id)

    def finish(self, vector_store_id: str) -> None:
        """Ingest every file still in progress (a search waits for the index)."""
        for entry in self.store.children("vector_store.file", vector_store_id=vector_store_id):
            if entry["status"] == "in_progress":
                self._ingest(entry)
        self.refresh(vector_store_id)

    def _ingest(self, entry: JSON) -> None:
        text = file_text(self.store, entry["id"])
        if not text.strip():
            self._settle(entry, "failed", {"code": "invalid_file", "message": "The file is empty."})
            return
        entry["usage_bytes"] = len(text.encode("utf-8"))
        self._settle(entry, "completed")

    def _settle(self, entry: JSON, status: str, error: JSON | None = None) -> None:
        entry["status"] = status
        entry["last_error"] = error
        self.schedule.forget((entry["vector_store_id"], entry["id"]))
        self.store.touch(entry)

    def refresh(self, vector_store_id: str) -> None:
        """Recompute the store's and its batches' statuses and counts from their files."""
        vector_store = self.store.get("vector_store", vector_store_id)
        if vector_store is None:
            return
        files = self.store.children("vector_store.file", vector_store_id=vector_store_id)
        counts = _counts(files)
        vector_store["file_counts"] = counts
        vector_store["usage_bytes"] = sum(f["usage_bytes"] for f in files if f["status"] == "completed")
        vector_store["status"] = "in_progress" if counts["in_progress"] else "completed"
        self.store.touch(vector_store)
        for batch in self.store.children("vector_store.files_batch", vector_store_id=vector_store_id):
            batch_counts = _counts(self.batch_files(batch))
            batch["file_counts"] = batch_counts
            if batch["status"] == "in_progress" and not batch_counts["in_progress"]:
                failed_all = batch_counts["total"] and batch_counts["failed"] == batch_counts["total"]
                batch["status"] = "failed" if failed_all else "completed"
            self.store.touch(batch)

    # -- search ----------------------------------------------------------------------------
    def search(
        self, vector_store_ids: Iterable[str], query: str, max_results: int = 20, file_ids: Iterable[str] = ()
    ) -> list[SearchResult]:
        """The best matching lines of the stores' completed files (and of ``file_ids`` directly)."""
        searched: list[str] = []
        for vector_store_id in vector_store_ids:
            vector_store = self.store.get("vector_store", vector_store_id)
            if vector_store is None:
                continue
            self.finish(vector_store_id)
            vector_store["last_active_at"] = now()
            self.store.touch(vector_store)
            entries = self.store.children("vector_store.file", vector_store_id=vector_store_id)
            searched += [entry["id"] for entry in entries if entry["status"] == "completed"]
        searched += [file_id for file_id in file_ids if self.store.get("file", file_id) is not None]
        words = query_words(query)
        found: list[tuple[float, int, SearchResult]] = []
        for file_id in dict.fromkeys(searched) if words else ():
            file = self.store.get("file", file_id)
            name = file["filename"] if file else file_id
            for line in file_text(self.store, file_id).splitlines():
                lowered = line.lower()
                hits = sum(1 for word in words if word in lowered)
                if hits and line.strip():
                    result = SearchResult(file_id, name, round(hits / len(words), 4), line.strip())
                    found.append((-result.score, len(found), result))
        found.sort(key=lambda item: (item[0], item[1]))
        return [result for _, _, result in found[:max_results]]

