"""The HTTP client the cmdlets use: PSOpenAI's request helpers on top of a shared httpx.Client.

The ``httpx.Client`` comes from the session's :class:`ConnectionPool` (one per
origin and key, kept alive between cmdlet calls as PowerShell keeps its web
session), or is the client's own when no pool is given; httpx's pool is safe
to share between threads.

Every request runs under a deadline and a cancellation (see
:mod:`.transport`): -TimeoutSec bounds the whole exchange however slowly the
server answers, retry waits never pass it, and a stopping pipeline aborts its
requests.  Bodies are read within a size limit (see :mod:`.reading`).

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
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import TracebackType
from typing import Any, BinaryIO

import httpx

from ..objects import PSObject, SecureString, to_ps_string
from .body import build_json_body, encode_json
from .connections import _CREDENTIAL_HEADERS, API_HEADERS, USER_AGENT, ConnectionPool, open_http_client
from .deprecation import deprecation_warning
from .errors import (
    ApiArgumentError,
    APIConnectionError,
    APIRequestError,
    APITimeoutError,
    error_from_response,
)
from .masking import API_KEY_PLACEHOLDER, protect_loggers, redact, redact_json
from .multipart import MultipartForm, with_additional_fields
from .reading import decoded_chunks, read_limited, text_lines
from .response import ApiResponse
from .retry import retry_delay_ms, should_retry
from .settings import ApiSettings
from .transport import Cancellation, request_scope
from .urls import build_url, check_api_base

__all__ = ["DEBUG_TEXT_LIMIT", "DISCARD", "USER_AGENT", "ApiClient"]

_log = logging.getLogger("psbridge.api")

#: Debug texts longer than this are cut, as PSOpenAI cuts them.
DEBUG_TEXT_LIMIT = 32768

Emit = Callable[[str], None]


def DISCARD(text: str) -> None:
    """Pass as ``verbose=`` when nobody reads the stream: its lines are then never even formatted
    (PowerShell checks $VerbosePreference before building a message, too)."""


def _truncate(text: str) -> str:
    return text if len(text) <= DEBUG_TEXT_LIMIT else text[:DEBUG_TEXT_LIMIT] + " ...<truncated>"


def _seconds_text(seconds: float) -> str:
    return str(int(seconds)) if float(seconds).is_integer() else f"{seconds:g}"


def _header_items(headers: httpx.Headers) -> list[tuple[str, str]]:
    """Header names as they are spelled on the wire (httpx's ``items()`` lower-cases them)."""
    return [(name.decode("latin-1"), value.decode("latin-1")) for name, value in headers.raw]


def _charset(response: httpx.Response) -> str:
    """The body's text encoding: the Content-Type's charset, else UTF-8 (as .NET reads JSON).
    httpx parses the header with the email package; most answers name no charset at all."""
    if "charset" not in response.headers.get("content-type", "").lower():
        return "utf-8"
    return response.encoding or "utf-8"


@functools.lru_cache(maxsize=256)
def _parsed_url(url: str) -> httpx.URL:
    """httpx parses a URL character by character; a polling loop asks for the same few URLs."""
    return httpx.URL(url)


def _raw_body(response: httpx.Response) -> tuple[Iterable[bytes], str]:
    """The body as it came off the wire and its Content-Encoding.  A response a test transport
    built from bytes arrives already read (and decoded): its content is used as it is."""
    if response.is_stream_consumed:
        return [response.content], ""
    return response.iter_raw(), response.headers.get("content-encoding", "")


def _scrub_credentials(response: httpx.Response) -> None:
    """Drop the credentials from the sent request(s) a response keeps a reference to."""
    for sent in (*response.history, response):
        headers = sent.request.headers
        present = headers.keys()  # lower-cased, in one pass (each lookup of httpx.Headers scans them all)
        for name in _CREDENTIAL_HEADERS:
            if name in present:
                del headers[name]


class _Failure(Exception):
    """Carries an httpx failure out of an ``except`` block without its traceback or request."""

    def __init__(self, error: APIRequestError) -> None:
        super().__init__()
        self.error = error


class ApiClient:
    """Sends Assistants API requests the way PSOpenAI's Invoke-OpenAIAPIRequest does.

    ``verbose``, ``debug`` and ``warning`` receive redacted lines (when None,
    verbose and warning lines go to the ``psbridge.api`` logger; ``DISCARD``
    drops verbose lines unformatted).  ``sleep`` waits between retries; a
    cmdlet passes an interruptible one so that stopping can cut a wait short,
    and whatever that sleep raises propagates.  ``connections`` is the
    session's pool (the client then borrows its keep-alive ``httpx.Client``
    and ``close()`` leaves it open); ``cancellation`` aborts the requests in
    flight when cancelled; ``transport`` replaces the network (tests of the
    retry loop).  A base URL no request could use is refused here, as an
    ArgumentException.
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
        connections: ConnectionPool | None = None,
        cancellation: Cancellation | None = None,
    ) -> None:
        check_api_base(settings.api_base)
        protect_loggers(settings)
        self._settings = settings
        self._verbose = verbose
        self._verbose_on = verbose is not DISCARD and (verbose is not None or _log.isEnabledFor(logging.DEBUG))
        self._debug = debug
        self._warning = warning
        self._sleep = sleep or time.sleep
        self._cancellation = cancellation
        self._owns_http = connections is None or transport is not None
        if self._owns_http:
            self._http = open_http_client(settings.api_base, transport, headers=API_HEADERS)
        else:
            assert connections is not None
            self._http = connections.client_for(settings)

    @property
    def settings(self) -> ApiSettings:
        return self._settings

    # -- lifetime ----------------------------------------------------------------------
    def close(self) -> None:
        """Close the client's own connections (a session pool's stay open for the next command)."""
        if self._owns_http:
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
        if self._verbose_on:
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

    def _headers(
        self, *, content_type: str | None, extra: Mapping[str, Any] | None, defaults: bool = False
    ) -> httpx.Headers:
        """Request headers, key included: built per attempt and dropped right after sending.

        The headers every request carries (:data:`API_HEADERS`) are the HTTP client's defaults,
        so a send builds only its own; ``defaults`` puts them in too, where the debug output
        shows them.  A later header replaces an earlier one of the same name in its place (the
        cmdlet's, then -AdditionalHeaders, over the fixed ones), as ``httpx.Headers`` does.
        """
        settings = self._settings
        if settings.auth_type == "azure":
            fields = [("api-key", settings.api_key.reveal())]
        else:
            fields = [("Authorization", f"Bearer {settings.api_key.reveal()}")]
        if settings.auth_type == "openai" and settings.organization and settings.organization.strip():
            fields.append(("OpenAI-Organization", settings.organization.strip()))
        if defaults:
            fields.extend(API_HEADERS)
        if content_type is not None:
            fields.append(("Content-Type", content_type))
        if self._debug is not None:
            fields.append(("OpenAI-Debug", "true"))
        given = [
            (str(name), value.reveal() if isinstance(value, SecureString) else to_ps_string(value))
            for name, value in (extra or {}).items()
        ]
        given.extend(
            (name, value.reveal() if isinstance(value, SecureString) else value)
            for name, value in settings.additional_headers
        )
        # Encoded as httpx.Headers' item assignment encodes (UTF-8), and matched on the lower-cased bytes.
        encoded = {}
        for name, value in (*fields, *given) if given else fields:
            key = name.encode("utf-8")
            encoded[key.lower()] = (key, value.encode("utf-8"))
        return httpx.Headers(list(encoded.values()))

    def _display_headers(self, *, content_type: str | None, extra: Mapping[str, Any] | None) -> str:
        """The headers as debug output shows them: names and values, credentials masked."""
        shown: list[str] = []
        secret_names = {
            name.lower()
            for name, value in self._settings.additional_headers
            if isinstance(value, SecureString)
        }
        secret_names |= {str(n).lower() for n, v in (extra or {}).items() if isinstance(v, SecureString)}
        for name, value in _header_items(self._headers(content_type=content_type, extra=extra, defaults=True)):
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
        deadline: float | None = None,
        max_bytes: int | None = None,
        form: MultipartForm | None = None,
        sink: BinaryIO | None = None,
    ) -> ApiResponse:
        """Send one API request, retrying as PSOpenAI does, and return the successful response.

        ``timeout_sec`` (default: the settings' TimeoutSec; 0 = none) bounds each
        attempt as a whole, however slowly the server sends; ``deadline`` (a
        ``time.monotonic()`` value) bounds everything, retries and their waits
        included: a retry whose wait would pass it is not made.  ``max_bytes``
        (default: the settings' limit) caps the body, received and inflated.
        ``form`` sends a multipart body (files streamed from disk, see
        :mod:`.multipart`) instead of ``body``'s JSON; ``sink`` receives a
        successful response's body piece by piece instead of memory (a
        download), and the returned response then holds no content.

        Raises a subclass of :class:`APIRequestError` for an error status (after
        retries), :class:`APIConnectionError` when no response arrived,
        :class:`APITimeoutError` when time ran out, :class:`ResponseTooLargeError`
        past the size limit, and :class:`ApiArgumentError` for a body or URL
        that cannot be sent -- the last before anything goes out.
        """
        settings = self._settings
        method = method.upper()
        url = self.build_url(path_segments, query)
        content: bytes | MultipartForm | None = None
        content_type: str | None = None
        body_text = ""
        if form is not None:
            form = with_additional_fields(form, build_json_body({}, settings.additional_body))
            content, content_type = form, form.content_type
            if self._debug is not None:
                body_text = form.describe()
        elif body is not None:
            json_body = build_json_body(body, settings.additional_body)
            warning = deprecation_warning(json_body.get("model"))
            if warning is not None:
                self._warn(warning)
            content, content_type = encode_json(json_body), "application/json"
            if self._debug is not None:
                body_text = content.decode("utf-8")
        seconds = settings.timeout_sec if timeout_sec is None else timeout_sec
        seconds = seconds if seconds and seconds > 0 else 0
        limit = settings.max_response_bytes if max_bytes is None else max_bytes

        retry_count = 0
        while True:
            if self._verbose_on:  # nothing is formatted for a stream nobody reads
                self._say(f"Request to {settings.service_name} API")
                self._say(f"Method = {method}, Path = {url}")
            if self._debug is not None:
                self._say_debug(
                    f"Request parameters: Method = {method}, Uri = {url}, "
                    f"ContentType = {content_type or ''}, "
                    f"Headers = {self._display_headers(content_type=content_type, extra=headers)}"
                )
                if content is not None:
                    self._say_debug(f"Post body: {body_text}")
            failed: APIRequestError | None = None
            attempt_end = time.monotonic() + seconds if seconds else None
            if deadline is not None:
                attempt_end = deadline if attempt_end is None else min(attempt_end, deadline)
            try:
                limits = _Attempt(seconds, attempt_end, limit)
                outcome = self._attempt(method, url, (content, content_type), headers, limits, stream, sink)
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
            if deadline is not None and time.monotonic() + delay / 1000 >= deadline:
                raise error  # the wait alone would pass -TimeoutSec: the failure is the answer
            self._warn(error.message)
            self._warn(f"Retry the request after waiting {delay} ms (retry count: {retry_count})")
            self._sleep(delay / 1000)
            retry_count += 1

    def _attempt(
        self,
        method: str,
        url: str,
        body: tuple[bytes | MultipartForm | None, str | None],
        extra: Mapping[str, Any] | None,
        attempt: _Attempt,
        stream: bool,
        sink: BinaryIO | None = None,
    ) -> ApiResponse | APIRequestError:
        """One send: a response, or the typed error for an error status (raises _Failure otherwise)."""
        problem = ""
        remaining = attempt.remaining()
        content, content_type = body
        try:
            headers = self._headers(content_type=content_type, extra=extra)
            payload: bytes | Iterator[bytes] | None = content  # type: ignore[assignment]
            if isinstance(content, MultipartForm):
                headers["Content-Length"] = str(content.length)
                payload = content.chunks()  # read afresh on every attempt
            request = self._http.build_request(
                method, _parsed_url(url), content=payload, headers=headers, timeout=httpx.Timeout(remaining)
            )
        except (httpx.InvalidURL, UnicodeEncodeError, ValueError) as exc:
            problem = str(exc) or type(exc).__name__
        if problem:  # raised here, outside the except block, so the httpx error is not chained
            raise ApiArgumentError(redact(f"The request cannot be built: {problem}", self._settings))
        unreadable = ""
        try:
            with request_scope(attempt.end, self._cancellation):
                response: httpx.Response = self._guarded(lambda: self._http.send(request, stream=True), url, attempt)
        except OSError as exc:  # a file of a multipart body could not be read
            unreadable = str(exc) or type(exc).__name__
        if unreadable:
            raise ApiArgumentError(redact(f"The request body cannot be sent: {unreadable}", self._settings))
        _scrub_credentials(response)

        if not response.is_success:
            raw = self._read_all(response, url, attempt)
            error = error_from_response(
                service_name=self._settings.service_name,
                status_code=response.status_code,
                reason_phrase=response.reason_phrase,
                body_text=raw.decode(_charset(response), errors="replace"),
                headers=response.headers,
                redactor=lambda text: redact(text, self._settings),
                redact_body=lambda value: redact_json(value, self._settings),
            )
            self._debug_response(response, raw)
            return error

        if self._verbose_on:
            self._say(
                f"{self._settings.service_name} API response: StatusCode={response.status_code}, "
                f"processing_ms={response.headers.get('openai-processing-ms', '')}, "
                f"request_id={response.headers.get('x-request-id', '')}"
            )
        if stream:
            if self._debug is not None:
                self._say_debug("API response header: " + self._format_headers(response.headers))
            return ApiResponse(
                status_code=response.status_code,
                reason_phrase=response.reason_phrase,
                headers=response.headers,
                url=url,
                encoding=_charset(response),
                lines=self._stream_lines(response, url, attempt),
                on_event=self._say if self._verbose_on else None,
                on_close=response.close,
            )
        if sink is not None:
            size = self._read_into(response, url, attempt, sink)
            self._debug_response(response, f"<{size} bytes written to a file>".encode())
            raw = b""
        else:
            raw = self._read_all(response, url, attempt)
            self._debug_response(response, raw)
        return ApiResponse(
            status_code=response.status_code,
            reason_phrase=response.reason_phrase,
            headers=response.headers,
            url=url,
            content=raw,
            encoding=_charset(response),
        )

    # -- reading -----------------------------------------------------------------------
    def _guarded(self, action: Callable[[], Any], url: str, attempt: _Attempt) -> Any:
        """Run an httpx call, turning its failures into our errors without chaining them."""
        error: APIRequestError | None = None
        try:
            return action()
        except httpx.TimeoutException:
            error = self._timeout_error(attempt.seconds)
        except (httpx.RequestError, httpx.TooManyRedirects, httpx.StreamError) as exc:
            # RequestError covers transport failures and also a body that cannot be decoded.
            detail = str(exc) or type(exc).__name__
            error = APIConnectionError(
                redact(f"An error occurred while sending the request to {url}: {detail}", self._settings)
            )
        raise _Failure(error)

    def _timeout_error(self, seconds: float) -> APITimeoutError:
        if not seconds:  # only an overall deadline (a cmdlet's -TimeoutSec across requests) ran out
            return APITimeoutError("The operation was canceled due to timeout.")
        return APITimeoutError(
            f"The request was canceled due to the configured HttpClient.Timeout of "
            f"{_seconds_text(seconds)} seconds elapsing."
        )

    def _read_all(self, response: httpx.Response, url: str, attempt: _Attempt) -> bytes:
        """The whole body, within the attempt's deadline and the size limit."""
        def read() -> bytes:
            with request_scope(attempt.end, self._cancellation):
                return read_limited(*_raw_body(response), attempt.limit)

        try:
            data: bytes = self._guarded(read, url, attempt)
        finally:
            response.close()
        return data

    def _read_into(self, response: httpx.Response, url: str, attempt: _Attempt, sink: BinaryIO) -> int:
        """Write the body to ``sink`` as it arrives (within the deadline and size limit); its size."""

        def read() -> int:
            written = 0
            with request_scope(attempt.end, self._cancellation):
                for piece in decoded_chunks(*_raw_body(response), attempt.limit):
                    sink.write(piece)
                    written += len(piece)
            return written

        try:
            size: int = self._guarded(read, url, attempt)
        finally:
            response.close()
        return size

    def _stream_lines(self, response: httpx.Response, url: str, attempt: _Attempt) -> Iterator[str]:
        """Lines of an event stream; TimeoutSec is an overall deadline for the stream (PSOpenAI 1.9),
        and no line may be longer than the size limit."""
        chunks = decoded_chunks(*_raw_body(response), attempt.limit)
        lines = text_lines(chunks, _charset(response), attempt.limit)
        while True:
            failed: APIRequestError | None = None
            try:
                with request_scope(attempt.end, self._cancellation):
                    line = self._guarded(lambda: next(lines, None), url, attempt)
            except _Failure as failure:
                failed = failure.error
            except BaseException:
                response.close()
                raise
            if isinstance(failed, APITimeoutError):  # the stream's overall deadline (PSOpenAI's wording)
                failed = APITimeoutError("The operation was canceled due to timeout.")
            if failed is not None:
                response.close()
                raise failed
            if line is None:
                return
            if attempt.end is not None and time.monotonic() > attempt.end:
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
        self._say_debug("API response body: " + raw.decode(_charset(response), errors="replace"))


class _Attempt:
    """The limits of one send: its TimeoutSec (for messages), when it must end, the size limit."""

    __slots__ = ("end", "limit", "seconds")

    def __init__(self, seconds: float, end: float | None, limit: int) -> None:
        self.seconds = seconds
        self.end = end
        self.limit = limit

    def remaining(self) -> float | None:
        return None if self.end is None else max(0.001, self.end - time.monotonic())
