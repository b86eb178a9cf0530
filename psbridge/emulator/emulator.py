"""The public façade: one object to start, inspect, steer and stop an emulator."""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Any

from .app import Application
from .context import Context
from .exchange import Incoming, Reply
from .faults import FaultSet
from .lifecycle import Lifecycle
from .recording import RecordedRequest, RequestLog
from .runs import RunEngine
from .server import EmulatorHTTPServer
from .store import Store


class Emulator:
    """A local OpenAI-compatible Assistants v2 API.

    ``api_key=None`` accepts any non-empty Bearer token; a string must match
    exactly.  ``poll_after_ms`` adds ``openai-poll-after-ms`` to every
    retrieved run, the header the official SDK uses to pace its polling.
    """

    def __init__(
        self,
        api_key: str | None = None,
        lifecycle: Lifecycle | None = None,
        poll_after_ms: int | None = None,
    ) -> None:
        self.lifecycle = lifecycle or Lifecycle()
        self.store = Store()
        self.faults = FaultSet()
        self._log = RequestLog()
        self._engine = RunEngine(self.store, self.lifecycle)
        self._app = Application(
            Context(self.store, self._engine, poll_after_ms), self.faults, self._log, api_key
        )
        self._server: EmulatorHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._base_url: str | None = None

    # -- serving -----------------------------------------------------------

    def _bind(self, host: str, port: int) -> EmulatorHTTPServer:
        if self._server is not None:
            raise RuntimeError("the emulator is already running")
        server = EmulatorHTTPServer((host, port), self._dispatch, self._log.new_connection)
        bound_port = server.server_address[1]
        shown_host = f"[{host}]" if ":" in host else host
        self._server = server
        self._base_url = f"http://{shown_host}:{bound_port}/v1"
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

    def serve_forever(self, host: str = "127.0.0.1", port: int = 8080) -> None:
        """Serve in the calling thread until interrupted (the command-line entry point)."""
        server = self._bind(host, port)
        print(f"Emulator listening on {self.base_url}", flush=True)
        try:
            server.serve_until_stopped()
        finally:
            self._close()

    def stop(self) -> None:
        """Stop accepting, close open connections, release the port.  Idempotent."""
        server = self._server
        if server is None:
            return
        server.wake()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self._close()

    def _close(self) -> None:
        server = self._server
        if server is None:
            return
        server.close_connections()
        server.server_close()
        self._server = None

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
        return self._log.requests

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

    def set_next_run_outcome(self, outcome: str) -> None:
        """Queue the outcome of the next created run (FIFO, one per run).

        One of completed, failed, expired, incomplete, requires_action,
        cancelled; it overrides content markers and function tools.
        """
        self._engine.queue_outcome(outcome)
