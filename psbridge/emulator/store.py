"""In-memory state: the API objects themselves, as the JSON dicts that are served.

Objects are stored in their wire shape so that what a test seeds or inspects
is exactly what a client would see.  Ordering needs more than ``created_at``
(many objects share a second), so every insert also gets a sequence number.

One re-entrant lock guards everything; request handlers hold it for their
whole run, which keeps multi-object updates (a run completing creates a
message and steps) atomic for concurrent readers.
"""

from __future__ import annotations

import itertools
import secrets
import string
import threading
import time
from typing import Any

JSON = dict[str, Any]

_ALPHABET = string.ascii_letters + string.digits

_TABLES = {
    "assistant": "assistants",
    "thread": "threads",
    "thread.message": "messages",
    "thread.run": "runs",
    "thread.run.step": "steps",
}


def now() -> int:
    """Unix seconds, the API's timestamp unit."""
    return int(time.time())


class Store:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.assistants: dict[str, JSON] = {}
        self.threads: dict[str, JSON] = {}
        self.messages: dict[str, JSON] = {}
        self.runs: dict[str, JSON] = {}
        self.steps: dict[str, JSON] = {}
        self._sequence: dict[str, int] = {}
        self._counter = itertools.count()

    def new_id(self, prefix: str) -> str:
        """Random alphanumeric ids: URL-safe without escaping, like the hosted API's."""
        while True:
            candidate = prefix + "".join(secrets.choice(_ALPHABET) for _ in range(24))
            if candidate not in self._sequence:
                return candidate

    def _table(self, obj: JSON) -> dict[str, JSON]:
        try:
            name = _TABLES[obj["object"]]
        except KeyError:
            raise ValueError(f"cannot store an object of type {obj.get('object')!r}") from None
        table: dict[str, JSON] = getattr(self, name)
        return table

    def insert(self, obj: JSON) -> JSON:
        """Add (or replace) an object; its ``object`` field picks the table.

        Tests may seed objects this way; a replaced object keeps its place in
        the ordering.
        """
        with self.lock:
            self._table(obj)[obj["id"]] = obj
            if obj["id"] not in self._sequence:
                self._sequence[obj["id"]] = next(self._counter)
            return obj

    def remove(self, obj: JSON) -> None:
        with self.lock:
            self._table(obj).pop(obj["id"], None)
            self._sequence.pop(obj["id"], None)

    def ordered(self, objects: list[JSON]) -> list[JSON]:
        """Oldest first: by ``created_at``, then by insertion within the same second."""
        return sorted(objects, key=lambda o: (o["created_at"], self._sequence.get(o["id"], -1)))

    def thread_messages(self, thread_id: str) -> list[JSON]:
        with self.lock:
            return self.ordered([m for m in self.messages.values() if m["thread_id"] == thread_id])

    def thread_runs(self, thread_id: str) -> list[JSON]:
        with self.lock:
            return self.ordered([r for r in self.runs.values() if r["thread_id"] == thread_id])

    def run_steps(self, run_id: str) -> list[JSON]:
        with self.lock:
            return self.ordered([s for s in self.steps.values() if s["run_id"] == run_id])

    def delete_thread(self, thread_id: str) -> list[str]:
        """Remove a thread with its messages, runs and steps; return the removed run ids."""
        with self.lock:
            run_ids = [r["id"] for r in self.runs.values() if r["thread_id"] == thread_id]
            for table in (self.messages, self.runs, self.steps):
                for obj in [o for o in table.values() if o["thread_id"] == thread_id]:
                    self.remove(obj)
            thread = self.threads.get(thread_id)
            if thread is not None:
                self.remove(thread)
            return run_ids

    def clear(self) -> None:
        with self.lock:
            for table in (self.assistants, self.threads, self.messages, self.runs, self.steps):
                table.clear()
            self._sequence.clear()
