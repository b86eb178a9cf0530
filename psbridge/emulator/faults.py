"""Fault injection: make chosen requests fail, stall or lose their connection.

Faults are checked before authentication and routing, in the order they were
added, because they stand in for things that happen in front of the API (rate
limiters, load balancers, flaky networks) and a retrying client must see them
whatever the request would otherwise have done.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Fault:
    """One rule.

    ``path`` is a regular expression *searched* in the decoded path after
    ``/v1`` (``None`` matches every path); ``method`` is compared
    case-insensitively (``None`` = any).  ``status=None`` means "answer for
    real" (useful with ``delay_sec``); ``body=None`` means an OpenAI-shaped
    error for ``status``.  ``times`` counts matching requests before the rule
    retires itself (``None`` = never).
    """

    method: str | None = None
    path: str | None = None
    status: int | None = 500
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    times: int | None = 1
    delay_sec: float = 0.0
    drop_connection: bool = False

    def __post_init__(self) -> None:
        if self.times is not None and self.times < 1:
            raise ValueError("Fault.times must be >= 1 or None")
        if self.delay_sec < 0:
            raise ValueError("Fault.delay_sec must be >= 0")
        if self.status is not None and not 100 <= self.status <= 599:
            raise ValueError("Fault.status must be an HTTP status code or None")
        self._pattern = re.compile(self.path) if self.path is not None else None

    def matches(self, method: str, api_path: str) -> bool:
        if self.method is not None and self.method.upper() != method.upper():
            return False
        return self._pattern is None or self._pattern.search(api_path) is not None


@dataclass
class _Entry:
    fault: Fault
    remaining: int | None


class FaultSet:
    """The emulator's active faults; safe to change while requests are served.

    The remaining count lives here, not on the Fault, so a test can add the
    same Fault object again and get its full ``times`` back.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[_Entry] = []

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            self._entries.append(_Entry(fault, fault.times))
        return fault

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def remove(self, fault: Fault) -> None:
        with self._lock:
            self._entries = [entry for entry in self._entries if entry.fault is not fault]

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def __iter__(self) -> Iterator[Fault]:
        with self._lock:
            return iter([entry.fault for entry in self._entries])

    def take(self, method: str, api_path: str) -> Fault | None:
        """Return the first matching fault and use up one of its ``times``.

        Consuming under the lock makes ``times=1`` hit exactly one request even
        when several arrive at once.
        """
        with self._lock:
            for entry in self._entries:
                if not entry.fault.matches(method, api_path):
                    continue
                if entry.remaining is not None:
                    entry.remaining -= 1
                    if entry.remaining <= 0:
                        self._entries.remove(entry)
                return entry.fault
        return None
