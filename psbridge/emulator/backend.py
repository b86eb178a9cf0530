"""The model behind the emulator: any OpenAI-compatible ``/chat/completions`` endpoint.

``psbridge emulator --backend URL`` answers runs (and chat/responses requests)
with a real chat model - vLLM, Ollama, llama.cpp's server, LM Studio, LiteLLM,
OpenAI itself.  This module is only the client: one call, or one stream of
chunks, with a hard deadline, a response-size cap and errors already sorted
into what the Assistants API reports.  Standard library only (``http.client``),
like the rest of the emulator.

For endpoint handlers (chat completions, responses)::

    backend = ctx.backend                      # None in deterministic mode
    body = {**request_body, "model": backend.model(request_body["model"])}
    answer = backend.complete(body)            # the backend's ChatCompletion dict
    for chunk in backend.stream(body): ...     # its chat.completion.chunk dicts
    except BackendError as exc: exc.status, exc.code, exc.body()

Nothing here ever puts the backend key in a message: a backend that echoes it
back (some do, in 401 bodies) has it masked.
"""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import threading
import time
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .errors import error_body

JSON = dict[str, Any]

MAX_RESPONSE_BYTES = 16 * 1024 * 1024
"""A chat answer is kilobytes; anything past this is a broken or hostile backend."""

MAX_LINE_BYTES = 1024 * 1024
_IDLE_CONNECTIONS = 8


def as_object(value: Any) -> JSON:
    """Backends are not trusted: a field that should be an object and is not counts as empty."""
    return value if isinstance(value, dict) else {}


class BackendError(Exception):
    """A backend call that did not produce an answer.

    ``code`` is what a run's ``last_error.code`` says (server_error,
    rate_limit_exceeded, invalid_prompt); ``status`` what an endpoint passing
    the call through answers with.
    """

    def __init__(self, status: int, code: str, message: str, error_type: str = "server_error") -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.error_type = error_type

    def body(self) -> JSON:
        return error_body(self.message, self.error_type, None, self.code)


@dataclass(frozen=True)
class BackendConfig:
    url: str
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 120.0
    models: dict[str, str] = field(default_factory=dict)
    """Model names as clients send them -> the backend's names; ``*`` catches the rest."""

    def __post_init__(self) -> None:
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"backend URL must be http:// or https:// with a host, got {self.url!r}")
        try:
            parts.port  # noqa: B018 - raises for a bad port
        except ValueError:
            raise ValueError(f"backend URL has an invalid port: {self.url!r}") from None
        if self.timeout <= 0:
            raise ValueError("backend timeout must be > 0")


def _describe(config: BackendConfig) -> str:
    parts = urlsplit(config.url)
    return f"{parts.hostname}:{parts.port or (443 if parts.scheme == 'https' else 80)}"


class ChatBackend:
    """Calls ``{url}/chat/completions``; safe to share between threads (idle connections are pooled)."""

    def __init__(self, config: BackendConfig) -> None:
        self.config = config
        parts = urlsplit(config.url)
        self._https = parts.scheme == "https"
        self._host = parts.hostname or ""
        self._port = parts.port
        self._path = parts.path.rstrip("/") + "/chat/completions"
        self._idle: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()
        self._tls = ssl.create_default_context() if self._https else None

    def __repr__(self) -> str:
        return f"ChatBackend({self.config.url!r})"

    def model(self, requested: str) -> str:
        models = self.config.models
        return models.get(requested) or models.get("*") or requested

    # -- calls ---------------------------------------------------------------

    def complete(self, body: JSON) -> JSON:
        """One non-streamed chat completion."""
        deadline = time.monotonic() + self.config.timeout
        connection, response = self._post({**body, "stream": False}, deadline)
        try:
            raw = self._read_all(response, deadline)
        finally:
            self._done(connection, response)
        answer = self._json(raw)
        if not isinstance(answer, dict) or not isinstance(answer.get("choices"), list) or not answer["choices"]:
            raise self._error(502, "server_error", "The model backend's answer has no choices.")
        return answer

    def stream(self, body: JSON) -> Generator[JSON, None, None]:
        """The chunks of a streamed chat completion, as they arrive; ends at ``[DONE]``."""
        deadline = time.monotonic() + self.config.timeout
        connection, response = self._post({**body, "stream": True}, deadline)
        try:
            total = 0
            while True:
                line = self._guarded(response, deadline, lambda: response.readline(MAX_LINE_BYTES))
                if not line:
                    return  # the backend ended the stream without [DONE]: take what came
                total += len(line)
                if total > MAX_RESPONSE_BYTES:
                    raise self._error(502, "server_error", "The model backend's stream exceeded the size limit.")
                text = line.decode("utf-8", "replace").strip()
                if not text.startswith("data:"):
                    continue
                data = text[5:].strip()
                if data == "[DONE]":
                    return
                chunk = self._json(data.encode())
                if isinstance(chunk, dict) and isinstance(chunk.get("error"), dict):
                    raise self._error(502, "server_error", self._message(chunk, "error in stream"))
                if isinstance(chunk, dict):
                    yield chunk
        finally:
            self._done(connection, response)

    # -- plumbing ------------------------------------------------------------

    def _connection(self, deadline: float) -> http.client.HTTPConnection:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        timeout = max(0.001, deadline - time.monotonic())
        if self._https:
            return http.client.HTTPSConnection(self._host, self._port, timeout=timeout, context=self._tls)
        return http.client.HTTPConnection(self._host, self._port, timeout=timeout)

    def _post(self, body: JSON, deadline: float) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
        payload = json.dumps(body).encode()
        headers = {"content-type": "application/json", "accept": "application/json, text/event-stream"}
        if self.config.api_key:
            headers["authorization"] = f"Bearer {self.config.api_key}"
        for attempt in (1, 2):  # a pooled connection the backend closed meanwhile gets one fresh retry
            connection = self._connection(deadline)
            reused = connection.sock is not None
            try:
                if connection.sock is not None:
                    connection.sock.settimeout(max(0.001, deadline - time.monotonic()))
                connection.request("POST", self._path, body=payload, headers=headers)
                sock = connection.sock  # getresponse() may hand the socket to the response
                response = connection.getresponse()
                response.psbridge_socket = sock  # type: ignore[attr-defined]
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                connection.close()
                if reused and attempt == 1:
                    continue
                raise self._unreachable(exc) from None
            except TimeoutError:
                connection.close()
                raise self._timeout() from None
            except (OSError, http.client.HTTPException) as exc:
                connection.close()
                raise self._unreachable(exc) from None
        if response.status >= 400:
            try:
                raw = self._read_all(response, deadline)
            finally:
                connection.close()
            raise self._status_error(response.status, raw)
        return connection, response

    def _read_all(self, response: http.client.HTTPResponse, deadline: float) -> bytes:
        parts: list[bytes] = []
        total = 0
        while True:
            chunk = self._guarded(response, deadline, lambda: response.read1(65536))
            if not chunk:
                return b"".join(parts)
            total += len(chunk)
            if total > MAX_RESPONSE_BYTES:
                raise self._error(502, "server_error", "The model backend's answer exceeded the size limit.")
            parts.append(chunk)

    def _guarded(self, response: http.client.HTTPResponse, deadline: float, read: Any) -> bytes:
        """One read, allowed only the time left before the deadline."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise self._timeout()
        sock = getattr(response, "psbridge_socket", None)
        if isinstance(sock, socket.socket):
            sock.settimeout(remaining)
        try:
            data: bytes = read()
            return data
        except TimeoutError:
            raise self._timeout() from None
        except (OSError, http.client.HTTPException) as exc:
            raise self._unreachable(exc) from None

    def _done(self, connection: http.client.HTTPConnection, response: http.client.HTTPResponse) -> None:
        """Pool the connection only when its response was read to the end."""
        if response.isclosed() and not response.will_close:
            with self._lock:
                if len(self._idle) < _IDLE_CONNECTIONS:
                    self._idle.append(connection)
                    return
        connection.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()

    # -- errors --------------------------------------------------------------

    def _json(self, raw: bytes) -> Any:
        try:
            return json.loads(raw)
        except (ValueError, RecursionError):
            raise self._error(502, "server_error", "The model backend sent a response that is not JSON.") from None

    def _redact(self, text: str) -> str:
        key = self.config.api_key
        return text.replace(key, "sk-****") if key else text

    def _error(self, status: int, code: str, message: str, error_type: str = "server_error") -> BackendError:
        return BackendError(status, code, self._redact(message), error_type)

    def _timeout(self) -> BackendError:
        return self._error(
            504, "server_error", f"The model backend did not answer within {self.config.timeout:g} seconds."
        )

    def _unreachable(self, exc: BaseException) -> BackendError:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        return self._error(502, "server_error", f"The model backend at {_describe(self.config)} failed: {reason}.")

    def _message(self, payload: Any, fallback: str) -> str:
        error = payload.get("error") if isinstance(payload, dict) else None
        message = error.get("message") if isinstance(error, dict) else error if isinstance(error, str) else None
        return str(message)[:2000] if message else fallback

    def _status_error(self, status: int, raw: bytes) -> BackendError:
        try:
            payload = json.loads(raw)
        except (ValueError, RecursionError):
            payload = None
        detail = self._message(payload, raw[:500].decode("utf-8", "replace").strip() or f"HTTP {status}")
        message = f"The model backend answered HTTP {status}: {detail}"
        if status == 429:
            return self._error(429, "rate_limit_exceeded", message, "requests")
        if status in (400, 413, 422):
            return self._error(400, "invalid_prompt", message, "invalid_request_error")
        return self._error(status if status >= 500 else 502, "server_error", message)
