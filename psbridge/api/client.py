"""The HTTP client the cmdlets use: PSOpenAI's request helpers on top of one httpx.Client.

One ``httpx.Client`` per :class:`ApiClient` keeps connections alive between
the many small requests a polling cmdlet makes (PowerShell 7.4 reuses its web
session the same way), and httpx's pool is safe to share between threads.

Three rules shape this module:

* the key is revealed only while headers are built for a send, and never
  stored on the client, in a response or in an error;
* every text leaving the client (verbose, debug, warnings, error messages)
  goes through :func:`~psbridge.api.masking.redact`;
* exceptions from httpx are never chained into ours, because they keep the
  request object and with it the ``Authorization`` header.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import platform
import ssl
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import TracebackType
from typing import Any

import httpx

from .. import __version__
from ..objects import PSObject, SecureString, to_ps_string
from .body import build_json_body, encode_json
from .deprecation import deprecation_warning
from .errors import (
    ApiArgumentError,
    APIConnectionError,
    APIRequestError,
    APITimeoutError,
    error_from_response,
)
from .masking import API_KEY_PLACEHOLDER, redact, redact_json
from .response import ApiResponse
from .retry import retry_delay_ms, should_retry
from .settings import ApiSettings
from .urls import build_url

__all__ = ["DEBUG_TEXT_LIMIT", "USER_AGENT", "ApiClient"]

_log = logging.getLogger("psbridge.api")

USER_AGENT = f"psbridge/{__version__} (Python {platform.python_version()}; {platform.system()})"
#: Debug texts longer than this are cut, as PSOpenAI cuts them.
DEBUG_TEXT_LIMIT = 32768
# Enough for ~8 threads polling in parallel, with headroom; idle connections
# live 5 minutes, like PowerShell's reused web session.
_LIMITS = httpx.Limits(max_connections=32, max_keepalive_connections=16, keepalive_expiry=300.0)
_CREDENTIAL_HEADERS = ("authorization", "api-key", "openai-organization")

Emit = Callable[[str], None]


@functools.cache
def _is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """One verified TLS context per process: building it costs ~30 ms, and cmdlets open many clients."""
    return httpx.create_ssl_context()


def _truncate(text: str) -> str:
    return text if len(text) <= DEBUG_TEXT_LIMIT else text[:DEBUG_TEXT_LIMIT] + " ...<truncated>"


def _seconds_text(seconds: float) -> str:
    return str(int(seconds)) if float(seconds).is_integer() else f"{seconds:g}"


def _header_items(headers: httpx.Headers) -> list[tuple[str, str]]:
    """Header names as they are spelled on the wire (httpx's ``items()`` lower-cases them)."""
    return [(name.decode("latin-1"), value.decode("latin-1")) for name, value in headers.raw]


def _scrub_credentials(response: httpx.Response) -> None:
    """Drop the credentials from the sent request(s) a response keeps a reference to."""
    for sent in (*response.history, response):
        for name in _CREDENTIAL_HEADERS:
            sent.request.headers.pop(name, None)


class _Failure(Exception):
    """Carries an httpx failure out of an ``except`` block without its traceback or request."""

    def __init__(self, error: APIRequestError) -> None:
        super().__init__()
        self.error = error


class ApiClient:
    """Sends Assistants API requests the way PSOpenAI's Invoke-OpenAIAPIRequest does.

    ``verbose``, ``debug`` and ``warning`` receive redacted lines (when None,
    lines go to the ``psbridge.api`` logger).  ``sleep`` waits between retries;
    a cmdlet passes an interruptible one so that its deadline can cut a wait
    short, and whatever that sleep raises propagates.  ``transport`` replaces
    the network (tests of the retry loop).
    """

    def __init__(
        self,
        settings: ApiSettings,
        *,
        verbose: Emit | None = None,
        debug: Emit | None = None,
        warning: Emit | None = None,
        sleep: Callable[[float], object] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._settings = settings
        self._verbose = verbose
        self._debug = debug
        self._warning = warning
        self._sleep = sleep or time.sleep
        base = httpx.URL(settings.api_base)
        self._origin = (base.scheme, base.host, base.port)
        self._http = httpx.Client(
            # Proxy settings from the environment apply to remote APIs; a loopback API
            # (the emulator, a local server) is never reached through a proxy.
            trust_env=not _is_loopback(base.host),
            http1=True,
            http2=False,
            limits=_LIMITS,
            verify=_ssl_context(),
            timeout=None,
            follow_redirects=True,
            max_redirects=5,
            transport=transport,
            event_hooks={"request": [self._guard_redirect]},
        )

    @property
    def settings(self) -> ApiSettings:
        return self._settings

    # -- lifetime ----------------------------------------------------------------------
    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<ApiClient {self._settings.api_type} {self._settings.api_base!r}>"

    # -- output streams ----------------------------------------------------------------
    def _emit(self, sink: Emit | None, level: int, text: str) -> None:
        text = redact(text, self._settings)
        if sink is not None:
            sink(text)
        else:
            _log.log(level, "%s", text)

    def _say(self, text: str) -> None:
        self._emit(self._verbose, logging.DEBUG, text)

    def _say_debug(self, text: str) -> None:
        if self._debug is not None:
            self._emit(self._debug, logging.DEBUG, _truncate(text))

    def _warn(self, text: str) -> None:
        self._emit(self._warning, logging.WARNING, text)

    # -- building a request ------------------------------------------------------------
    def build_url(self, path_segments: Sequence[str], query: Sequence[tuple[str, Any]] = ()) -> str:
        """The full URL a request to ``path_segments`` would use (segments percent-encoded)."""
        return build_url(self._settings, path_segments, query)

    def _headers(self, *, has_body: bool, extra: Mapping[str, Any] | None) -> httpx.Headers:
        """Request headers, key included: built per attempt and dropped right after sending."""
        settings = self._settings
        headers = httpx.Headers()
        if settings.auth_type == "azure":
            headers["api-key"] = settings.api_key.reveal()
        else:
            headers["Authorization"] = f"Bearer {settings.api_key.reveal()}"
        if settings.auth_type == "openai" and settings.organization and settings.organization.strip():
            headers["OpenAI-Organization"] = settings.organization.strip()
        headers["OpenAI-Beta"] = "assistants=v2"
        headers["User-Agent"] = USER_AGENT
        if has_body:
            headers["Content-Type"] = "application/json"
        if self._debug is not None:
            headers["OpenAI-Debug"] = "true"
        for name, value in (extra or {}).items():
            headers[str(name)] = value.reveal() if isinstance(value, SecureString) else to_ps_string(value)
        for name, value in settings.additional_headers:
            headers[name] = value.reveal() if isinstance(value, SecureString) else value
        return headers

    def _display_headers(self, *, has_body: bool, extra: Mapping[str, Any] | None) -> str:
        """The headers as debug output shows them: names and values, credentials masked."""
        shown: list[str] = []
        secret_names = {
            name.lower()
            for name, value in self._settings.additional_headers
            if isinstance(value, SecureString)
        }
        secret_names |= {str(n).lower() for n, v in (extra or {}).items() if isinstance(v, SecureString)}
        for name, value in _header_items(self._headers(has_body=has_body, extra=extra)):
            lowered = name.lower()
            if lowered == "authorization":
                scheme = value.split(" ", 1)[0] if " " in value else ""
                value = f"{scheme} ********".strip()
            elif lowered == "api-key":
                value = API_KEY_PLACEHOLDER
            elif lowered in secret_names:
                value = "********"
            shown.append(f"{name}: {value}")
        return "{" + ", ".join(shown) + "}"

    def _guard_redirect(self, request: httpx.Request) -> None:
        """Never let credentials follow a redirect to another origin.

        httpx already drops ``Authorization`` across origins; Azure's ``api-key``
        header and the organization id are ours to drop.
        """
        if (request.url.scheme, request.url.host, request.url.port) != self._origin:
            for name in _CREDENTIAL_HEADERS:
                request.headers.pop(name, None)

    # -- sending -----------------------------------------------------------------------
    def request(
        self,
        method: str,
        path_segments: Sequence[str],
        *,
        query: Sequence[tuple[str, Any]] = (),
        body: Mapping[str, Any] | PSObject | None = None,
        headers: Mapping[str, Any] | None = None,
        timeout_sec: float | None = None,
        stream: bool = False,
    ) -> ApiResponse:
        """Send one API request, retrying as PSOpenAI does, and return the successful response.

        Raises a subclass of :class:`APIRequestError` for an error status (after
        retries), :class:`APIConnectionError` when no response arrived,
        :class:`APITimeoutError` when ``timeout_sec`` (default: the settings'
        TimeoutSec; 0 = none) ran out, and :class:`ApiArgumentError` for a body
        or URL that cannot be sent -- the last before anything goes out.
        """
        settings = self._settings
        method = method.upper()
        url = self.build_url(path_segments, query)
        content: bytes | None = None
        body_text = ""
        if body is not None:
            json_body = build_json_body(body, settings.additional_body)
            warning = deprecation_warning(json_body.get("model"))
            if warning is not None:
                self._warn(warning)
            content = encode_json(json_body)
            body_text = content.decode("utf-8")
        seconds = settings.timeout_sec if timeout_sec is None else timeout_sec
        seconds = seconds if seconds and seconds > 0 else 0

        retry_count = 0
        while True:
            self._say(f"Request to {settings.service_name} API")
            self._say(f"Method = {method}, Path = {url}")
            if self._debug is not None:
                self._say_debug(
                    f"Request parameters: Method = {method}, Uri = {url}, "
                    f"ContentType = {'application/json' if content is not None else ''}, "
                    f"Headers = {self._display_headers(has_body=content is not None, extra=headers)}"
                )
                if content is not None:
                    self._say_debug(f"Post body: {body_text}")
            failed: APIRequestError | None = None
            try:
                outcome = self._attempt(method, url, content, headers, seconds, stream)
            except _Failure as failure:
                failed = failure.error
            if failed is not None:
                raise failed  # outside the except block: nothing from httpx gets chained
            if isinstance(outcome, ApiResponse):
                return outcome
            error = outcome
            if not should_retry(
                status_code=error.status_code,
                headers=error.response_headers,
                error_message=error.message,
                retry_count=retry_count,
                max_retry_count=settings.max_retry_count,
            ):
                raise error
            delay = retry_delay_ms(retry_count, error.response_headers)
            self._warn(error.message)
            self._warn(f"Retry the request after waiting {delay} ms (retry count: {retry_count})")
            self._sleep(delay / 1000)
            retry_count += 1

    def _attempt(
        self,
        method: str,
        url: str,
        content: bytes | None,
        extra: Mapping[str, Any] | None,
        seconds: float,
        stream: bool,
    ) -> ApiResponse | APIRequestError:
        """One send: a response, or the typed error for an error status (raises _Failure otherwise)."""
        deadline = time.monotonic() + seconds if seconds else None
        problem = ""
        try:
            request = self._http.build_request(
                method,
                url,
                content=content,
                headers=self._headers(has_body=content is not None, extra=extra),
                timeout=httpx.Timeout(seconds or None),
            )
        except (httpx.InvalidURL, UnicodeEncodeError) as exc:
            problem = str(exc) or type(exc).__name__
        if problem:  # raised here, outside the except block, so the httpx error is not chained
            raise ApiArgumentError(redact(f"The request cannot be built: {problem}", self._settings))
        response: httpx.Response = self._guarded(lambda: self._http.send(request, stream=True), url, seconds)
        _scrub_credentials(response)

        if not response.is_success:
            raw = self._read_all(response, url, seconds, deadline)
            error = error_from_response(
                service_name=self._settings.service_name,
                status_code=response.status_code,
                reason_phrase=response.reason_phrase,
                body_text=raw.decode(response.encoding or "utf-8", errors="replace"),
                headers=response.headers,
                redactor=lambda text: redact(text, self._settings),
                redact_body=lambda value: redact_json(value, self._settings),
            )
            self._debug_response(response, raw)
            return error

        self._say(
            f"{self._settings.service_name} API response: StatusCode={response.status_code}, "
            f"processing_ms={response.headers.get('openai-processing-ms', '')}, "
            f"request_id={response.headers.get('x-request-id', '')}"
        )
        if stream:
            self._say_debug("API response header: " + self._format_headers(response.headers))
            return ApiResponse(
                status_code=response.status_code,
                reason_phrase=response.reason_phrase,
                headers=response.headers,
                url=url,
                encoding=response.encoding or "utf-8",
                lines=self._stream_lines(response, url, seconds, deadline),
                on_event=self._say,
                on_close=response.close,
            )
        raw = self._read_all(response, url, seconds, deadline)
        self._debug_response(response, raw)
        return ApiResponse(
            status_code=response.status_code,
            reason_phrase=response.reason_phrase,
            headers=response.headers,
            url=url,
            content=raw,
            encoding=response.encoding or "utf-8",
        )

    # -- reading -----------------------------------------------------------------------
    def _guarded(self, action: Callable[[], Any], url: str, seconds: float) -> Any:
        """Run an httpx call, turning its failures into our errors without chaining them."""
        error: APIRequestError | None = None
        try:
            return action()
        except httpx.TimeoutException:
            error = self._timeout_error(seconds)
        except (httpx.RequestError, httpx.TooManyRedirects, httpx.StreamError) as exc:
            # RequestError covers transport failures and also a body that cannot be decoded.
            detail = str(exc) or type(exc).__name__
            error = APIConnectionError(
                redact(f"An error occurred while sending the request to {url}: {detail}", self._settings)
            )
        raise _Failure(error)

    def _timeout_error(self, seconds: float) -> APITimeoutError:
        return APITimeoutError(
            f"The request was canceled due to the configured HttpClient.Timeout of "
            f"{_seconds_text(seconds)} seconds elapsing."
        )

    def _read_all(self, response: httpx.Response, url: str, seconds: float, deadline: float | None) -> bytes:
        """The whole body, with TimeoutSec as a limit on the total time (as .NET applies it)."""

        def read() -> bytes:
            chunks: list[bytes] = []
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                if deadline is not None and time.monotonic() > deadline:
                    raise httpx.ReadTimeout("TimeoutSec elapsed while reading the response")
            return b"".join(chunks)

        try:
            data: bytes = self._guarded(read, url, seconds)
        finally:
            response.close()
        return data

    def _stream_lines(
        self, response: httpx.Response, url: str, seconds: float, deadline: float | None
    ) -> Iterator[str]:
        """Lines of an event stream; TimeoutSec is an overall deadline for the stream (PSOpenAI 1.9)."""
        lines = response.iter_lines()
        while True:
            failed: APIRequestError | None = None
            try:
                line = self._guarded(lambda: next(lines, None), url, seconds)
            except _Failure as failure:
                failed = failure.error
            if failed is not None:
                response.close()
                raise failed
            if line is None:
                return
            if deadline is not None and time.monotonic() > deadline:
                response.close()
                raise APITimeoutError("The operation was canceled due to timeout.")
            yield line

    # -- debug output ------------------------------------------------------------------
    @staticmethod
    def _format_headers(headers: httpx.Headers) -> str:
        return "{" + ", ".join(f"{name}: {value}" for name, value in _header_items(headers)) + "}"

    def _debug_response(self, response: httpx.Response, raw: bytes) -> None:
        if self._debug is None:
            return
        self._say_debug("API response header: " + self._format_headers(response.headers))
        self._say_debug("API response body: " + raw.decode(response.encoding or "utf-8", errors="replace"))
