"""What a session keeps open between commands: keep-alive HTTP clients and the like.

PowerShell reuses its web session across the commands of one runspace; psbridge
does the same through :class:`SessionResources`, a small registry of closeable
objects that lives as long as the session using it -- a ``PowerShell``
instance, a script run, the CLI process, or the module-level ``invoke``
(:func:`shared_resources`, closed when the interpreter exits).

The runtime knows nothing of HTTP: the cmdlets store whatever they want to
keep under a name of their choosing and get it back on the next command.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

__all__ = ["SessionResources", "shared_resources"]


class _Closeable(Protocol):
    def close(self) -> None: ...


T = TypeVar("T", bound=_Closeable)


class SessionResources:
    """Named, lazily created, closeable objects shared by the commands of one session.

    Safe to use from worker threads.  ``close()`` closes everything; a later
    ``get`` creates a fresh object, so a closed session can still be used
    (it just pays for new connections).
    """

    def __init__(self) -> None:
        self._items: dict[str, Any] = {}
        self._lock = threading.Lock()

    def get(self, name: str, factory: Callable[[], T]) -> T:
        """The object stored under ``name``, created by ``factory()`` the first time."""
        found = self._items.get(name)
        if found is not None:
            return found
        with self._lock:
            found = self._items.get(name)
            if found is None:
                found = self._items[name] = factory()
        return found

    def peek(self, name: str) -> Any:
        """The object stored under ``name``, or None (never creates one)."""
        return self._items.get(name)

    def close(self) -> None:
        """Close every object (in the reverse order of creation); errors while closing are ignored."""
        with self._lock:
            items, self._items = list(self._items.values()), {}
        for item in reversed(items):
            try:
                item.close()
            except Exception:  # closing must not fail the caller (often an exit path)
                pass

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"<SessionResources {sorted(self._items)}>"


_shared: SessionResources | None = None
_shared_lock = threading.Lock()


def shared_resources() -> SessionResources:
    """The process-wide session of the module-level ``psbridge.invoke``; closed at interpreter exit."""
    global _shared
    if _shared is None:
        with _shared_lock:
            if _shared is None:
                _shared = SessionResources()
                atexit.register(_shared.close)
    return _shared
