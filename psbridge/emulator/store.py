"""The emulator's state: every API object, as the JSON dict that is served.

Objects are kept in their wire shape so that what a test seeds or inspects is
exactly what a client would see.  Each kind lives in its own
:class:`.kinds.Collection` (declared by the api module that serves it, see
:mod:`.kinds`), found by key or through a parent index, never by scanning.

The API the handlers use::

    store.get(kind, *key)              one object or None
    store.insert(obj)                  add or replace (``obj["object"]`` names the kind)
    store.remove(obj)                  and everything it owns
    store.touch(obj)                   "I changed this object in place" (see below)
    store.children(kind, field=value)  e.g. children("thread.message", thread_id=t), oldest first
    store.last_child(kind, field=value)
    store.all(kind)                    every object of a kind, oldest first
    store.put_blob/get_blob/remove_blob   bytes beside the objects (file contents)
    with store.transaction(): ...      one atomic, durable unit of work

Concurrency: one re-entrant lock guards everything; a request handler runs
inside one transaction, which holds the lock, so multi-object updates (a run
completing writes a message and steps) are atomic for concurrent readers.

Durability: with a :class:`Persistence` (``--store PATH``), a transaction
writes what it changed in one database transaction before the reply goes out.
What changed is known without the handler saying so for objects it inserted,
removed, or fetched with :meth:`Store.get` (those are compared with what was
last written); an object reached through :meth:`children`/:meth:`all` and then
modified must be passed to :meth:`touch`.  Without persistence none of this
bookkeeping runs.
"""

from __future__ import annotations

import json
import secrets
import string
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from .kinds import JSON, Collection, Key, lookup, owned_by

__all__ = ["JSON", "Persistence", "Store", "now"]

_ALPHABET = string.ascii_letters + string.digits
_KEY_SEPARATOR = "\x1f"


def now() -> int:
    """Unix seconds, the API's timestamp unit."""
    return int(time.time())


def _encode(obj: JSON) -> str:
    # ASCII-only text: a lone surrogate a client sent stays an escape, never an encoding error.
    return json.dumps(obj, separators=(",", ":"))


def key_text(key: Key) -> str:
    return key if isinstance(key, str) else _KEY_SEPARATOR.join(key)


class Persistence(Protocol):
    """Where a :class:`Store` keeps its objects between runs (see :mod:`.sqlite_store`)."""

    def load(self) -> Iterator[tuple[str, str]]:
        """Every stored (kind, JSON text), in insertion order."""
        ...

    def commit(self, upserts: list[tuple[str, str, str]], deletes: list[tuple[str, str]]) -> None:
        """Apply (kind, key, text) upserts and (kind, key) deletes atomically and durably."""
        ...

    def write_blob(self, name: str, data: bytes) -> None: ...

    def read_blob(self, name: str) -> bytes | None: ...

    def delete_blobs(self, names: list[str]) -> None: ...

    def close(self) -> None: ...


class Store:
    def __init__(self, persistence: Persistence | None = None) -> None:
        self.lock = threading.RLock()
        self._collections: dict[str, Collection] = {}
        self._persistence = persistence
        self._depth = 0
        # Transaction bookkeeping (only with persistence), keyed by (kind, key):
        self._changed: dict[tuple[str, Key], JSON] = {}
        self._seen: dict[tuple[str, Key], JSON] = {}
        self._removed: dict[tuple[str, Key], None] = {}
        self._written: dict[tuple[str, Key], int] = {}  # hash of the text last persisted
        self._blobs: dict[str, bytes] = {}
        self._dropped_blobs: list[str] = []
        if persistence is not None:
            self._load(persistence)

    @property
    def persistent(self) -> bool:
        return self._persistence is not None

    # -- reading -------------------------------------------------------------

    def collection(self, kind: str) -> Collection:
        found = self._collections.get(kind)
        if found is None:
            found = self._collections[kind] = Collection(lookup(kind))
        return found

    def get(self, kind: str, *key: str) -> JSON | None:
        wanted: Key = key[0] if len(key) == 1 else tuple(key)
        found = self.collection(kind).get(wanted)
        if found is not None and self._depth and self._persistence is not None:
            self._seen[(kind, wanted)] = found
        return found

    def children(self, kind: str, **by: Any) -> list[JSON]:
        """Objects of ``kind`` whose one indexed field equals the value given, oldest first."""
        ((name, value),) = by.items()
        return self.collection(kind).children(name, value)

    def last_child(self, kind: str, **by: Any) -> JSON | None:
        ((name, value),) = by.items()
        return self.collection(kind).last(name, value)

    def count(self, kind: str, **by: Any) -> int:
        ((name, value),) = by.items()
        return self.collection(kind).count(name, value)

    def all(self, kind: str) -> list[JSON]:
        return list(self.collection(kind).values())

    # -- writing -------------------------------------------------------------

    def new_id(self, prefix: str) -> str:
        """Random alphanumeric ids (143 bits): URL-safe without escaping, like the hosted API's."""
        return prefix + "".join(secrets.choice(_ALPHABET) for _ in range(24))

    def insert(self, obj: JSON) -> JSON:
        """Add (or replace) an object; its ``object`` field picks the collection.

        Tests may seed objects this way; a replaced object keeps its place in
        the ordering.
        """
        with self.transaction():
            kind = obj.get("object")
            key = self.collection(str(kind)).add(obj)
            if self._persistence is not None:
                self._removed.pop((str(kind), key), None)
                self._changed[(str(kind), key)] = obj
            return obj

    def touch(self, obj: JSON) -> None:
        """Mark an object changed in place, so the transaction writes it."""
        if self._persistence is None:
            return
        with self.transaction():
            kind = str(obj.get("object"))
            key = self.collection(kind).kind.key_of(obj)
            if key in self.collection(kind):
                self._changed[(kind, key)] = obj

    def remove(self, obj: JSON) -> None:
        """Remove an object and, first, every object it owns (see :mod:`.kinds`)."""
        with self.transaction():
            kind = str(obj.get("object"))
            collection = self.collection(kind)
            key = collection.kind.key_of(obj)
            if isinstance(key, str):
                for child_kind, field in owned_by(kind):
                    for child in self.collection(child_kind.name).children(field, key):
                        self.remove(child)
            if collection.discard(key) is not None and self._persistence is not None:
                self._changed.pop((kind, key), None)
                self._seen.pop((kind, key), None)
                self._removed[(kind, key)] = None

    # -- blobs (file contents) -----------------------------------------------

    def put_blob(self, name: str, data: bytes) -> None:
        """Keep ``data`` under ``name``; with persistence it is on disk before this returns."""
        with self.transaction():
            if self._persistence is None:
                self._blobs[name] = bytes(data)
            else:
                self._persistence.write_blob(name, data)

    def get_blob(self, name: str) -> bytes | None:
        with self.lock:
            if self._persistence is None:
                return self._blobs.get(name)
            return self._persistence.read_blob(name)

    def remove_blob(self, name: str) -> None:
        """Forget a blob; on disk it goes once the transaction's objects are written."""
        with self.transaction():
            if self._persistence is None:
                self._blobs.pop(name, None)
            else:
                self._dropped_blobs.append(name)

    # -- transactions --------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the lock; on leaving the outermost one, persist what changed.

        Changes are written even when the body raised: the in-memory objects
        already changed, and memory and disk must not disagree.
        """
        with self.lock:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0 and self._persistence is not None:
                    self._commit(self._persistence)

    @contextmanager
    def unlocked(self) -> Iterator[None]:
        """Inside a transaction: let other requests in while this one waits on something slow
        (the model behind the emulator).  What it changed so far is written first; objects it
        holds may have changed when it gets the lock back."""
        lock: Any = self.lock
        if not lock._is_owned():
            raise RuntimeError("Store.unlocked() needs the store lock")
        if self._persistence is not None:
            self._commit(self._persistence)
        depth, self._depth = self._depth, 0
        saved = lock._release_save()  # however deeply held: RLock's own Condition protocol
        try:
            yield
        finally:
            lock._acquire_restore(saved)
            self._depth = depth

    def _commit(self, persistence: Persistence) -> None:
        pending = dict(self._seen)
        pending.update(self._changed)
        upserts: list[tuple[str, str, str]] = []
        hashes: dict[tuple[str, Key], int] = {}
        for (kind, key), obj in pending.items():
            text = _encode(obj)
            digest = hash(text)
            if self._written.get((kind, key)) != digest:
                upserts.append((kind, key_text(key), text))
                hashes[(kind, key)] = digest
        deletes = [(kind, key_text(key)) for kind, key in self._removed]
        if upserts or deletes:
            persistence.commit(upserts, deletes)  # raises: keep everything pending for the next try
        self._written.update(hashes)
        for removed in self._removed:
            self._written.pop(removed, None)
        self._seen.clear()
        self._changed.clear()
        self._removed.clear()
        if self._dropped_blobs:
            dropped, self._dropped_blobs = self._dropped_blobs, []
            persistence.delete_blobs(dropped)

    def _load(self, persistence: Persistence) -> None:
        """Rebuild the collections from disk, in the order the objects were first stored.

        Rows of kinds no loaded module registered stay on disk untouched.
        """
        for kind, text in persistence.load():
            try:
                collection = self.collection(kind)
            except ValueError:
                continue
            key = collection.add(json.loads(text))
            self._written[(kind, key)] = hash(text)

    def close(self) -> None:
        with self.lock:
            if self._persistence is not None:
                self._persistence.close()

    # -- Assistants conveniences (tests and the spec checker read these) ------

    @property
    def assistants(self) -> Collection:
        return self.collection("assistant")

    @property
    def threads(self) -> Collection:
        return self.collection("thread")

    @property
    def messages(self) -> Collection:
        return self.collection("thread.message")

    @property
    def runs(self) -> Collection:
        return self.collection("thread.run")

    @property
    def steps(self) -> Collection:
        return self.collection("thread.run.step")

    def thread_messages(self, thread_id: str) -> list[JSON]:
        return self.children("thread.message", thread_id=thread_id)

    def thread_runs(self, thread_id: str) -> list[JSON]:
        return self.children("thread.run", thread_id=thread_id)

    def run_steps(self, run_id: str) -> list[JSON]:
        return self.children("thread.run.step", run_id=run_id)
