"""Kinds of stored objects and the in-memory collection that holds each kind.

A *kind* is named by the objects' wire ``object`` field (``"thread.run"``,
``"vector_store.file"``); the api module that serves a kind declares it once, at
import time, with :func:`register`.  The declaration says how objects of the
kind are found without scanning everything:

- ``key``: the fields that identify one object, ``("id",)`` unless an id repeats
  under different parents (a file's id is also its id inside every vector store
  that holds it: ``key=("vector_store_id", "id")``);
- ``owners``: field -> owning kind.  Each such field is indexed, and removing the
  owner removes these objects with it (a thread takes its messages and runs);
- ``indexes``: further fields to look objects up by, without that cascade.

Indexed fields must not change once an object is stored (re-insert it if they
do).  A collection keeps insertion order, which is the API's list order: objects
created in the same second still list in the order they were made.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]
Key = str | tuple[str, ...]


@dataclass(frozen=True)
class Kind:
    name: str
    key: tuple[str, ...] = ("id",)
    owners: tuple[tuple[str, str], ...] = ()
    indexes: tuple[str, ...] = ()
    lookups: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        fields = [name for name, _ in self.owners] + [name for name in self.indexes]
        object.__setattr__(self, "lookups", tuple(dict.fromkeys(fields)))

    def key_of(self, obj: JSON) -> Key:
        try:
            if len(self.key) == 1:
                return str(obj[self.key[0]])
            return tuple(str(obj[name]) for name in self.key)
        except KeyError as exc:
            raise ValueError(f"a {self.name} needs its key field {exc.args[0]!r}") from None


_REGISTRY: dict[str, Kind] = {}
_REGISTRY_LOCK = threading.Lock()


def register(
    name: str,
    *,
    key: Iterable[str] = ("id",),
    owners: Mapping[str, str] | None = None,
    indexes: Iterable[str] = (),
) -> Kind:
    """Declare a kind (idempotent; a second, different declaration is a bug and raises)."""
    kind = Kind(name, tuple(key), tuple((owners or {}).items()), tuple(indexes))
    with _REGISTRY_LOCK:
        known = _REGISTRY.setdefault(name, kind)
    if known != kind:
        raise ValueError(f"kind {name!r} is already registered differently: {known} vs {kind}")
    return kind


def lookup(name: str) -> Kind:
    found = _REGISTRY.get(name)
    if found is None:
        raise ValueError(f"cannot store an object of type {name!r}: no api module registered that kind")
    return found


def owned_by(owner: str) -> list[tuple[Kind, str]]:
    """(kind, field) pairs whose objects the removal of an ``owner`` object takes along."""
    return [(kind, name) for kind in list(_REGISTRY.values()) for name, target in kind.owners if target == owner]


class Collection(Mapping[Key, JSON]):
    """All objects of one kind: a dict by key plus ordered per-field indexes.

    Reading it as a mapping (``runs[run_id]``, ``in``, ``values()``) is for tests
    and inspection; the API reaches objects through :class:`.store.Store`.
    """

    def __init__(self, kind: Kind) -> None:
        self.kind = kind
        self._objects: dict[Key, JSON] = {}
        # field -> value -> keys in insertion order (a dict used as an ordered set)
        self._index: dict[str, dict[Any, dict[Key, None]]] = {name: {} for name in kind.lookups}

    def __getitem__(self, key: Key) -> JSON:
        return self._objects[key]

    def __iter__(self) -> Iterator[Key]:
        return iter(self._objects)

    def __len__(self) -> int:
        return len(self._objects)

    def __repr__(self) -> str:
        return f"<Collection {self.kind.name}: {len(self)} objects>"

    def add(self, obj: JSON) -> Key:
        """Store ``obj``; replacing an object keeps its place in the order."""
        key = self.kind.key_of(obj)
        previous = self._objects.get(key)
        if previous is not None:
            self._unindex(key, previous)
        self._objects[key] = obj
        for name, by_value in self._index.items():
            value = obj.get(name)
            if value is not None:
                by_value.setdefault(value, {})[key] = None
        return key

    def discard(self, key: Key) -> JSON | None:
        obj = self._objects.pop(key, None)
        if obj is not None:
            self._unindex(key, obj)
        return obj

    def _unindex(self, key: Key, obj: JSON) -> None:
        for name, by_value in self._index.items():
            value = obj.get(name)
            keys = by_value.get(value) if value is not None else None
            if keys is not None:
                keys.pop(key, None)
                if not keys:
                    del by_value[value]

    def _keys_by(self, name: str, value: Any) -> dict[Key, None]:
        try:
            by_value = self._index[name]
        except KeyError:
            raise ValueError(f"{self.kind.name} objects are not indexed by {name!r}") from None
        return by_value.get(value, {})

    def children(self, name: str, value: Any) -> list[JSON]:
        """Objects whose field ``name`` is ``value``, oldest first."""
        objects = self._objects
        return [objects[key] for key in self._keys_by(name, value)]

    def last(self, name: str, value: Any) -> JSON | None:
        """The newest object whose field ``name`` is ``value``, without touching the others."""
        keys = self._keys_by(name, value)
        return self._objects[next(reversed(keys))] if keys else None

    def count(self, name: str, value: Any) -> int:
        return len(self._keys_by(name, value))

    def clear(self) -> None:
        self._objects.clear()
        for by_value in self._index.values():
            by_value.clear()
