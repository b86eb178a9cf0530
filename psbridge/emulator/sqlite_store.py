"""``--store PATH``: the store's objects in SQLite, file contents in files beside it.

One table holds every object as its JSON text, keyed by (kind, key), with the
sequence number of its first insertion so that a reload restores the API's list
order.  WAL journal with ``synchronous=FULL``: a transaction is on disk when
:meth:`SQLitePersistence.commit` returns, which is before the emulator answers,
so an acknowledged write survives ``kill -9`` (and a power cut).

File contents go to ``PATH.files/<name>``, written to a temporary name, synced
and renamed before the transaction that refers to them commits; a crash in
between leaves at most an unreferenced file, never a reference to nothing.

One process per store: a second emulator on the same PATH is refused (an
advisory lock), since two writers would interleave their sequence numbers.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO

_SCHEMA_VERSION = "1"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,200}$")


class StoreLockedError(RuntimeError):
    pass


def _lock(path: Path) -> IO[bytes] | None:
    handle = open(path, "a+b")  # noqa: SIM115 - held open for the store's life
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory lock
        return handle
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise StoreLockedError(f"another emulator is using the store {path.with_suffix('')}") from None
    return handle


def _fsync_directory(path: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a directory
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


class SQLitePersistence:
    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock_handle = _lock(self.path.with_name(self.path.name + ".lock"))
        self.files = self.path.with_name(self.path.name + ".files")
        self.files.mkdir(exist_ok=True)
        self._mutex = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS objects ("
            " kind TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL,"
            " PRIMARY KEY (kind, key)) WITHOUT ROWID"
        )
        self._db.execute("CREATE INDEX IF NOT EXISTS objects_by_seq ON objects (seq)")
        self._db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (_SCHEMA_VERSION,))
        (version,) = self._db.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone()
        if version != _SCHEMA_VERSION:
            raise RuntimeError(f"{self.path} has store schema {version}; this emulator reads {_SCHEMA_VERSION}")
        (self._seq,) = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM objects").fetchone()

    def load(self) -> Iterator[tuple[str, str]]:
        with self._mutex:
            rows = self._db.execute("SELECT kind, body FROM objects ORDER BY seq").fetchall()
        yield from rows

    def commit(self, upserts: list[tuple[str, str, str]], deletes: list[tuple[str, str]]) -> None:
        with self._mutex:
            rows = []
            for kind, key, body in upserts:
                self._seq += 1
                rows.append((kind, key, self._seq, body))
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    "INSERT INTO objects (kind, key, seq, body) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (kind, key) DO UPDATE SET body = excluded.body",
                    rows,
                )
                self._db.executemany("DELETE FROM objects WHERE kind = ? AND key = ?", deletes)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def _blob_path(self, name: str) -> Path:
        if not _SAFE_NAME.match(name) or name.startswith("."):
            raise ValueError(f"unsafe blob name {name!r}")
        return self.files / name

    def write_blob(self, name: str, data: bytes) -> None:
        target = self._blob_path(name)
        temporary = target.with_name(f".{name}.{threading.get_ident()}.tmp")
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        _fsync_directory(self.files)

    def read_blob(self, name: str) -> bytes | None:
        try:
            return self._blob_path(name).read_bytes()
        except FileNotFoundError:
            return None

    def delete_blobs(self, names: list[str]) -> None:
        for name in names:
            with contextlib.suppress(FileNotFoundError):
                self._blob_path(name).unlink()

    def close(self) -> None:
        with self._mutex:
            self._db.close()
        if self._lock_handle is not None:
            self._lock_handle.close()
            self._lock_handle = None
