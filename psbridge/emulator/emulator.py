"""The public façade: one object to start, inspect, steer and stop an emulator."""

from __future__ import annotations

import os
import threading
import time
from types import TracebackType
from typing import Any

from .agent import Agent
from .app import Application
from .backend import BackendConfig, ChatBackend
from .backend_model import BackendModel
from .chat_tokens import TokenCounter
from .context import Context
from .exchange import Incoming, Reply
from .faults import FaultSet
from .lifecycle import Lifecycle
from .recording import RecordedRequest, RequestLog
from .runs import RunEngine
from .server import EmulatorHTTPServer, Limits
from .sqlite_store import SQLitePersistence
from .store import Store


class Emulator:
    """A local OpenAI-compatible Assistants v2 API.

    ``api_key=None`` accepts any non-empty Bearer token; a string must match
    exactly.  ``poll_after_ms`` adds ``openai-poll-after-ms`` to every
    retrieved run, the header the official SDK uses to pace its polling.

    ``store_path``: keep everything in SQLite there (see :mod:`.sqlite_store`)
    instead of in memory; what a reply acknowledged survives a crash.
    ``backend``: answer runs with that chat model (see :mod:`.agent`) instead
    of deterministically; ``lifecycle`` then does not apply, runs move when the
    model answers, with ``run_workers`` of them at once.
    ``record_requests``: keep the (bounded, credential-free) request log that
    client tests assert on.  ``limits``: what a request may cost the server.
    ``count_tokens``: a tokenizer, ``count(text, model)``, for chat completions'
    ``usage.prompt_tokens`` as OpenAI counts a prompt (the emulator has none of its
    own: standard library only; without it the prompt is counted in words).
    """

    def __init__(
        self,
        api_key: str | None = None,
        lifecycle: Lifecycle | None = None,
        poll_after_ms: int | None = None,
        *,
        store_path: str | os.PathLike[str] | None = None,
        backend: BackendConfig | None = None,
        run_workers: int = 4,
        record_requests: bool = False,
        limits: Limits | None = None,
        count_tokens: TokenCounter | None = None,
    ) -> None:
        self.lifecycle = lifecycle or Lifecycle()
        self.limits = limits or Limits()
        self.store = Store(SQLitePersistence(store_path) if store_path is not None else None)
        self.faults = FaultSet()
        self._log = RequestLog(enabled=record_requests)
        self._backend = ChatBackend(backend) if backend is not None else None
        if self._backend is not None:
            self._engine = RunEngine(self.store, Lifecycle(mode="manual"), expire=True)
            self._agent: Agent | None = Agent(self.store, self._engine, self._backend, run_workers)
        else:
            self._engine = RunEngine(self.store, self.lifecycle)
            self._agent = None
        context = Context(
            self.store, self._engine, poll_after_ms, backend=self._backend, agent=self._agent, count_tokens=count_tokens
        )
        if self._backend is not None:
            model = BackendModel(self._backend, self.store)
            context.answer, context.stream = model, model.stream
        self._app = Application(context, self.faults, self._log, api_key)
        self._server: EmulatorHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._base_url: str | None = None
        self._closed = False

    # -- serving -----------------------------------------------------------

    def _bind(self, host: str, port: int) -> EmulatorHTTPServer:
        if self._server is not None:
            raise RuntimeError("the emulator is already running")
        if self._closed:
            raise RuntimeError("this emulator was stopped and its store closed: make a new one")
        server = EmulatorHTTPServer((host, port), self._dispatch, self._log.new_connection, self.limits)
        bound_port = server.server_address[1]
        shown_host = f"[{host}]" if ":" in host else host
        self._server = server
        self._base_url = f"http://{shown_host}:{bound_port}/v1"
        # Runs left unfinished by an earlier life of this store carry on (or end) now.
        if self._agent is not None:
            self._agent.start()
            self._agent.recover()
        else:
            self._engine.recover()
        return server

    def _dispatch(self, incoming: Incoming) -> Reply:
        return self._app.handle(incoming)

    def start(self, host: str = "127.0.0.1", port: int = 0) -> Emulator:
        """Serve in a background daemon thread; ``port=0`` picks a free port."""
        server = self._bind(host, port)
        self._thread = threading.Thread(
            target=server.serve_until_stopped,
            name=f"psbridge-emulator-{server.server_address[1]}",
            daemon=True,
        )
        self._thread.start()
        return self

    def serve_forever(self, host: str = "127.0.0.1", port: int = 8080, grace: float = 10.0) -> None:
        """Serve in the calling thread until :meth:`request_stop` (the command-line entry point).

        Then shut down gracefully: no new connections, requests and runs in
        flight get up to ``grace`` seconds to finish, queued runs stay queued
        (in a store, they resume at the next start).
        """
        server = self._bind(host, port)
        print(f"Emulator listening on {self.base_url}", flush=True)
        try:
            server.serve_until_stopped()
        finally:
            self._close(grace)

    def request_stop(self) -> None:
        """Make :meth:`serve_forever` return (safe from a signal handler)."""
        if self._server is not None:
            self._server.wake()

    def stop(self, grace: float = 0.0) -> None:
        """Stop accepting, end connections, release the port, close the store.  Idempotent.

        ``grace`` seconds are given to requests and runs in flight first.
        """
        server = self._server
        if server is None:
            return
        server.wake()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self._close(grace)

    def _close(self, grace: float) -> None:
        server = self._server
        if server is None:
            return
        server.close_idle()
        deadline = time.monotonic() + grace
        while server.busy() and time.monotonic() < deadline:
            time.sleep(0.01)
        if self._agent is not None:
            self._agent.stop(max(0.0, deadline - time.monotonic()))
        server.close_connections()
        server.server_close()
        self._server = None
        if self._backend is not None:
            self._backend.close()
        if self.store.persistent:
            with self.store.lock:  # a request still inside a transaction finishes its write first
                self.store.close()
            self._closed = True

    @property
    def base_url(self) -> str:
        """``http://HOST:PORT/v1``; only meaningful once started."""
        if self._base_url is None:
            raise RuntimeError("the emulator has not been started")
        return self._base_url

    @property
    def running(self) -> bool:
        return self._server is not None

    def __enter__(self) -> Emulator:
        if self._server is None:
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- inspection --------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """The recorded requests, oldest first (needs ``record_requests=True``)."""
        return self._log.requests

    @property
    def request_count(self) -> int:
        """Requests received since start (or :meth:`reset_log`), recorded or not."""
        return self._log.request_count

    @property
    def connection_count(self) -> int:
        return self._log.connection_count

    def reset_log(self) -> None:
        self._log.reset()

    # -- steering ----------------------------------------------------------

    def advance(self, run_id: str, to: str | None = None) -> dict[str, Any]:
        """Move a run one step along its path, or forward to status ``to``.

        Returns the run as it is afterwards.  Raises KeyError for an unknown
        run and ValueError for a move that is not forward (e.g. out of a
        terminal state).  A run waiting in requires_action only moves with
        ``to`` (or by submitting tool outputs).
        """
        return self._engine.advance(run_id, to)

    def finish_batch(self, batch_id: str) -> dict[str, Any]:
        """Run a batch through all its remaining steps now (how ``manual`` mode moves batches)."""
        from .api_batches import executor

        with self.store.transaction():
            batch = self._engine.batches.find(batch_id)
            self._engine.batches.finish(batch, executor(self._app.context))
            return dict(batch)

    def finish_video(self, video_id: str) -> dict[str, Any]:
        """Move a video job to its end now (how ``manual`` mode moves video jobs)."""
        with self.store.transaction():
            job = self._engine.videos.find(video_id)
            self._engine.videos.finish(job)
            return dict(job)

    def finish_ingestion(self, vector_store_id: str) -> None:
        """Complete (or fail, for an empty file) every file of the store still in progress:
        how ``manual`` mode moves vector store files."""
        with self.store.transaction():
            self._engine.vector_stores.finish(vector_store_id)

    def set_next_run_outcome(self, outcome: str) -> None:
        """Queue the outcome of the next created run (FIFO, one per run).

        One of completed, failed, expired, incomplete, requires_action,
        cancelled; it overrides content markers and function tools.
        """
        self._engine.queue_outcome(outcome)
