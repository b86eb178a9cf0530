"""Per-input work on a few threads, results delivered in input order.

Several runs piped into Wait-ThreadRun (or Receive-ThreadRun -Wait) are
waited on at once, sharing the invocation's one HTTP client, so N runs cost
about one run's time.  Outputs still come out in input order, and each one
as soon as every earlier input has been delivered, so the pipeline keeps
streaming.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

__all__ = ["OrderedWork"]

Deliver = Callable[[Any, BaseException | None], None]


class OrderedWork:
    """Submit jobs; ``deliver(result, error)`` is called in submission order, on the caller's thread."""

    def __init__(self, deliver: Deliver, max_workers: int = 8) -> None:
        self._deliver = deliver
        self._max_workers = max_workers
        self._executor: ThreadPoolExecutor | None = None
        self._pending: deque[Future[Any]] = deque()

    def submit(self, job: Callable[[], Any]) -> None:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=self._max_workers, thread_name_prefix="psbridge-wait")
        self._pending.append(self._executor.submit(job))
        self.deliver_ready()

    def deliver_ready(self) -> None:
        """Deliver every finished result at the head of the queue (never blocks)."""
        while self._pending and self._pending[0].done():
            self._deliver_one(self._pending.popleft())

    def drain(self) -> None:
        """Wait for and deliver everything still pending, in order."""
        while self._pending:
            self._deliver_one(self._pending.popleft())

    def _deliver_one(self, future: Future[Any]) -> None:
        error = future.exception()
        self._deliver(None if error is not None else future.result(), error)

    def close(self) -> None:
        if self._executor is not None:
            for future in self._pending:
                future.cancel()
            self._pending.clear()
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
