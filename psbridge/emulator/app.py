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
import time
import traceback
import uuid
from typing import Any
from urllib.parse import parse_qsl, unquote

from . import azure, routes
from .context import Context
from .errors import ApiError, canned_error_body
from .exchange import ApiRequest, Incoming, Reply, json_reply
from .faults import Fault, FaultSet
from .recording import RecordedRequest, RequestLog

API_PREFIX = "/v1"

_MISSING_KEY = (
    "You didn't provide an API key. You need to provide your API key in an Authorization header "
    "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
)


def mask_key(key: str) -> str:
    """Enough of a key to recognise it, never enough to use it."""
    if len(key) < 12:
        return "*" * 4
    return f"{key[:3]}{'*' * 4}{key[-4:]}"


def _parse_json(raw: bytes) -> tuple[Any, bool]:
    """(value, ok); an empty body is ``None`` and fine."""
    if not raw.strip():
        return None, True
    try:
        return json.loads(raw.decode("utf-8")), True
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None, False


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
        path = unquote(raw_path)
        query = parse_qsl(query_string, keep_blank_values=True)
        body, body_ok = _parse_json(incoming.body)
        self.log.record(
            RecordedRequest(
                method=incoming.method,
                path=path,
                raw_path=raw_path,
                query=query,
                headers=dict(incoming.headers),
                body=body,
                connection_id=incoming.connection_id,
                time=time.time(),
                raw_body=incoming.body,
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
                return self._finish(self._fault_reply(fault), started)
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
            traceback.print_exc()
            reply = json_reply(canned_error_body(500), status=500)
        return self._finish(reply, started)

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
        request = ApiRequest(method, params, query, body if isinstance(body, dict) else {}, incoming.headers)
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
    def _finish(reply: Reply, started: float) -> Reply:
        """Headers every answer carries; a fault's own headers take precedence."""
        elapsed_ms = int((time.perf_counter() - started) * 1000)
        reply.headers.setdefault("x-request-id", f"req_{uuid.uuid4().hex}")
        reply.headers.setdefault("openai-processing-ms", str(elapsed_ms))
        reply.headers.setdefault("content-type", "application/json")
        return reply
