"""Per-input work on a few threads, results delivered in input order.

Several runs piped into Wait-ThreadRun (or Receive-ThreadRun -Wait) are
waited on at once, sharing the session's HTTP client, so N runs cost about
one run's time.  Outputs still come out in input order, and each one as soon
as every earlier input has been delivered, so the pipeline keeps streaming.

A wait is mostly sleeping between polls.  So a job may be a *generator*: each
value it yields is a number of seconds to sleep before it is resumed, and a
sleeping job holds no thread.  Any number of jobs can wait at once -- a run
that never finishes delays nobody else's deadline -- while at most
``max_workers`` threads run steps (the requests).  Workers are daemon threads
and :meth:`OrderedWork.close` never waits for them: a request stalled on a
dead server cannot hold up a stopping pipeline or the interpreter's exit (the
cmdlet cancels its requests, which wakes the stalled socket).
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections import deque
from collections.abc import Callable, Generator
from concurrent.futures import Future
from typing import Any

__all__ = ["OrderedWork", "Steps", "drive"]

Deliver = Callable[[Any, BaseException | None], None]
#: A job written as a generator: yields seconds to sleep, returns its result.
Steps = Generator[float, None, Any]
#: How often the pipeline's thread, waiting for a result, looks up (a pending Ctrl+C runs then).
_WAKE_EVERY = 0.1


def drive(steps: Steps, sleep: Callable[[float], object]) -> Any:
    """Run a generator job on the calling thread, sleeping with ``sleep`` where it yields."""
    while True:
        try:
            delay = next(steps)
        except StopIteration as stop:
            return stop.value
        sleep(delay)


class _Task:
    __slots__ = ("future", "job", "steps")

    def __init__(self, job: Callable[[], Any]) -> None:
        self.job: Callable[[], Any] | None = job
        self.steps: Steps | None = None
        self.future: Future[Any] = Future()


class OrderedWork:
    """Submit jobs; ``deliver(result, error)`` is called in submission order, on the caller's thread."""

    def __init__(self, deliver: Deliver, max_workers: int = 8) -> None:
        self._deliver = deliver
        self._max_workers = max_workers
        self._pending: deque[_Task] = deque()
        self._ready: deque[_Task] = deque()
        self._sleeping: list[tuple[float, int, _Task]] = []
        self._order = itertools.count()
        self._condition = threading.Condition()
        self._workers = 0
        self._idle = 0
        self._closed = False

    # -- the caller's side ----------------------------------------------------------------
    def submit(self, job: Callable[[], Any]) -> None:
        """Run ``job()`` on a worker; a generator it returns is stepped as described above."""
        task = _Task(job)
        self._pending.append(task)
        with self._condition:
            self._ready.append(task)
            self._wake_or_hire()
        self.deliver_ready()

    def deliver_ready(self) -> None:
        """Deliver every finished result at the head of the queue (never blocks)."""
        while self._pending and self._pending[0].future.done():
            self._deliver_one(self._pending.popleft())

    def drain(self) -> None:
        """Wait for and deliver everything still pending, in order."""
        while self._pending:
            self._deliver_one(self._pending.popleft())

    def _deliver_one(self, task: _Task) -> None:
        while True:  # waits in short slices, so that Ctrl+C is noticed even if no signal wakes us
            try:
                error = task.future.exception(timeout=_WAKE_EVERY)
                break
            except TimeoutError:
                continue
        self._deliver(None if error is not None else task.future.result(), error)

    def close(self) -> None:
        """Drop whatever has not finished; never waits for a worker."""
        with self._condition:
            self._closed = True
            sleeping = [task for _, _, task in self._sleeping]
            self._sleeping.clear()
            self._ready.clear()
            self._condition.notify_all()
        for task in sleeping:
            if task.steps is not None:
                try:
                    task.steps.close()  # runs the job's finally blocks (progress "Completed")
                except Exception:
                    pass
        for task in self._pending:
            task.future.cancel()
        self._pending.clear()

    # -- the workers' side ----------------------------------------------------------------
    def _wake_or_hire(self) -> None:
        """Called with the condition held: an idle worker takes the new work, else a new one starts."""
        if self._idle:
            self._condition.notify()
        elif self._workers < self._max_workers:
            self._workers += 1
            threading.Thread(target=self._work, name="psbridge-wait", daemon=True).start()

    def _next_task(self) -> _Task | None:
        with self._condition:
            while not self._closed:
                now = time.monotonic()
                while self._sleeping and self._sleeping[0][0] <= now:
                    self._ready.append(heapq.heappop(self._sleeping)[2])
                if self._ready:
                    return self._ready.popleft()
                timeout = self._sleeping[0][0] - now if self._sleeping else None
                self._idle += 1
                try:
                    self._condition.wait(timeout)
                finally:
                    self._idle -= 1
            return None

    def _work(self) -> None:
        while True:
            task = self._next_task()
            if task is None:
                return
            self._step(task)

    def _step(self, task: _Task) -> None:
        if task.job is not None and not task.future.set_running_or_notify_cancel():
            return  # cancelled before it started
        try:
            if task.job is not None:
                job, task.job = task.job, None
                result = job()
                if not isinstance(result, Generator):
                    task.future.set_result(result)
                    return
                task.steps = result
            assert task.steps is not None
            delay = next(task.steps)
        except StopIteration as stop:
            task.future.set_result(stop.value)
            return
        except BaseException as failure:  # handed to the caller's thread, which decides
            task.future.set_exception(failure)
            return
        with self._condition:
            if self._closed:
                return
            heapq.heappush(self._sleeping, (time.monotonic() + max(float(delay), 0.0), next(self._order), task))
            self._condition.notify()
