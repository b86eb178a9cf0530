"""The request pipeline: record -> fault -> authenticate -> route -> handle.

The order is deliberate: the log sees every request (a retried call shows up
once per attempt); faults act like infrastructure in front of the API, so they
fire even for unauthenticated or unroutable requests; authentication comes
before routing, as on the hosted API, so a bad key never learns which ids
exist.
"""

from __future__ import annotations

import hmac
import json
import logging
import time
import uuid
from typing import Any
from urllib.parse import parse_qsl, unquote

from . import api_images, azure, routes
from .context import Context
from .errors import ApiError, canned_error_body
from .exchange import ApiRequest, Incoming, Reply, json_reply
from .faults import Fault, FaultSet
from .recording import MAX_RECORDED_BODY, RecordedRequest, RequestLog, redacted_headers

API_PREFIX = "/v1"
HEALTH_PATH = "/health"

MAX_JSON_DEPTH = 64
"""Deeper request bodies are refused: no API body nests past a dozen levels, and a
limit keeps every later walk over the body (validation, storage) far from
Python's recursion limit."""

log = logging.getLogger("psbridge.emulator")

_MISSING_KEY = (
    "You didn't provide an API key. You need to provide your API key in an Authorization header "
    "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
)


def mask_key(key: str) -> str:
    """Enough of a key to recognise it, never enough to use it."""
    if len(key) < 12:
        return "*" * 4
    return f"{key[:3]}{'*' * 4}{key[-4:]}"


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _depth(value: Any) -> int:
    """How deeply ``value`` nests, found without recursion."""
    deepest = 0
    pending = [(value, 1)]
    while pending:
        item, level = pending.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, level)
            pending.extend((child, level + 1) for child in item if isinstance(child, dict | list))
    return deepest


def _parse_json(raw: bytes) -> tuple[Any, bool]:
    """(value, ok); an empty body is ``None`` and fine.

    Not ok: anything but strict JSON - invalid UTF-8, NaN/Infinity, integers
    longer than Python converts (4300 digits), nesting past the parser's
    recursion limit or :data:`MAX_JSON_DEPTH`.
    """
    if not raw.strip():
        return None, True
    try:
        value = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return None, False
    if _depth(value) > MAX_JSON_DEPTH:
        return None, False
    return value, True


class Application:
    def __init__(
        self,
        context: Context,
        faults: FaultSet,
        log: RequestLog,
        api_key: str | None = None,
    ) -> None:
        self.context = context
        self.faults = faults
        self.log = log
        self.api_key = api_key

    def handle(self, incoming: Incoming) -> Reply:
        started = time.perf_counter()
        raw_path, _, query_string = incoming.target.partition("?")
        if raw_path == HEALTH_PATH and incoming.method.upper() in ("GET", "HEAD"):
            return self._finish(incoming, json_reply(self.health()), started)
        if raw_path.startswith(api_images.GENERATED_PREFIX) and incoming.method.upper() in ("GET", "HEAD"):
            return self._finish(incoming, self._generated(raw_path), started)
        path = unquote(raw_path)
        query = parse_qsl(query_string, keep_blank_values=True)
        form = incoming.headers.get("content-type", "").lower().startswith("multipart/form-data")
        body, body_ok = (None, True) if form else _parse_json(incoming.body)
        self.log.count()
        if self.log.enabled:
            headers, digests = redacted_headers(incoming.headers)
            self.log.record(
                RecordedRequest(
                    method=incoming.method,
                    path=path,
                    raw_path=raw_path,
                    query=query,
                    headers=headers,
                    body=body,
                    connection_id=incoming.connection_id,
                    time=time.time(),
                    raw_body=incoming.body[: MAX_RECORDED_BODY],
                    credential_digests=digests,
                )
            )
        api_path = path[len(API_PREFIX) :] if path.startswith(API_PREFIX + "/") else path
        fault = self.faults.take(incoming.method, api_path)
        if fault is not None:
            if fault.delay_sec:
                time.sleep(fault.delay_sec)
            if fault.drop_connection:
                return Reply(drop_connection=True)
            if fault.status is not None:
                return self._finish(incoming, self._fault_reply(fault), started)
        try:
            self._authenticate(incoming.headers)
            azure_call = azure.translate(raw_path, query)
            if azure_call is not None:
                raw_path = azure_call.raw_path
                if azure_call.deployment and isinstance(body, dict) and "model" not in body:
                    body = {**body, "model": azure_call.deployment}  # the log keeps what was sent
            reply = self._dispatch(incoming, raw_path, query, body, body_ok)
        except ApiError as exc:
            reply = json_reply(exc.body(), status=exc.status, headers=exc.headers)
        except Exception:  # a bug in the emulator must still produce an API-shaped answer
            log.exception("unexpected error serving %s %s", incoming.method, raw_path[:200])
            reply = json_reply(canned_error_body(500), status=500)
        return self._finish(incoming, reply, started)

    def health(self) -> dict[str, Any]:
        """``GET /health``: no key needed, nothing about the stored objects."""
        context = self.context
        return {
            "status": "ok",
            "store": "sqlite" if context.store.persistent else "memory",
            "backend": context.agent is not None,
        }

    def _generated(self, raw_path: str) -> Reply:
        """An image answered as a URL: served without a key, as the hosted API's signed links are."""
        with self.context.store.transaction():
            found = api_images.serve_generated(self.context, raw_path)
        return found or json_reply(canned_error_body(404), status=404)

    def _authenticate(self, headers: dict[str, str]) -> None:
        scheme, _, token = headers.get("authorization", "").strip().partition(" ")
        token = token.strip()
        azure_key = azure.api_key(headers)
        if azure_key is not None and not token:  # Azure's key header
            scheme, token = "bearer", azure_key
        if scheme.lower() != "bearer" or not token:
            raise ApiError(401, _MISSING_KEY, code="invalid_api_key")
        if self.api_key is not None and not hmac.compare_digest(token.encode(), self.api_key.encode()):
            raise ApiError(
                401,
                f"Incorrect API key provided: {mask_key(token)}. "
                "You can find your API key at https://platform.openai.com/account/api-keys.",
                code="invalid_api_key",
            )

    def _dispatch(
        self, incoming: Incoming, raw_path: str, query: list[tuple[str, str]], body: Any, body_ok: bool
    ) -> Reply:
        method = incoming.method.upper()
        raw_segments = raw_path.split("/")
        if len(raw_segments) < 2 or raw_segments[0] != "" or raw_segments[1] != API_PREFIX.strip("/"):
            raise routes.invalid_url(method, raw_path)
        segments = [unquote(segment) for segment in raw_segments[2:]]
        route, params = routes.resolve(method, segments, raw_path)
        if method == "POST":
            if not body_ok:
                raise ApiError(
                    400,
                    "We could not parse the JSON body of your request. (HINT: This likely means you aren't "
                    "using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was "
                    "sent was not valid JSON.)",
                )
            if body is not None and not isinstance(body, dict):
                raise ApiError(
                    400,
                    "Invalid type for the request body: expected an object, "
                    f"but got {type(body).__name__} instead.",
                    code="invalid_type",
                )
        request = ApiRequest(
            method, params, query, body if isinstance(body, dict) else {}, incoming.headers, incoming.body
        )
        context = self.context
        with context.store.transaction():
            context.engine.catch_up()
            return route.handler(context, request)

    @staticmethod
    def _fault_reply(fault: Fault) -> Reply:
        assert fault.status is not None
        headers = {"content-type": "application/json"}
        if fault.body is None:
            payload = json.dumps(canned_error_body(fault.status)).encode()
        elif isinstance(fault.body, bytes):
            payload = fault.body
            headers["content-type"] = "text/plain; charset=utf-8"
        elif isinstance(fault.body, str):
            payload = fault.body.encode()
            headers["content-type"] = "text/plain; charset=utf-8"
        else:
            payload = json.dumps(fault.body).encode()
        headers.update({name.lower(): value for name, value in fault.headers.items()})
        return Reply(status=fault.status, body=payload, headers=headers)

    @staticmethod
    def _finish(incoming: Incoming, reply: Reply, started: float) -> Reply:
        """Headers every answer carries (a fault's own take precedence), and its log line."""
        elapsed = (time.perf_counter() - started) * 1000
        reply.headers.setdefault("x-request-id", f"req_{uuid.uuid4().hex}")
        reply.headers.setdefault("openai-processing-ms", str(int(elapsed)))
        reply.headers.setdefault("content-type", "application/json")
        if log.isEnabledFor(logging.INFO):
            path = incoming.target.partition("?")[0][:200]
            log.info("%s %s %d %.1fms", incoming.method[:16], path, reply.status, elapsed)
        return reply
