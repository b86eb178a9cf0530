"""Typed API errors, shaped like PSOpenAI's exceptions.

Scripts being ported catch PSOpenAI's exception types and match on
``PSOpenAI.APIRequest.<TypeName>`` error ids; Python callers want ``except
NotFoundError``.  Each class here serves both: it is a Python exception with the
HTTP details as attributes, and it carries the PowerShell error record.

Every text stored in an error has passed through a redactor first, because
exceptions are what users paste into bug reports.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import Any, ClassVar

from ..errors import ErrorCategory, PSError

__all__ = [
    "APIConnectionError",
    "APIRequestError",
    "APITimeoutError",
    "ApiArgumentError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "ContentFilteredError",
    "InvalidResponseError",
    "MissingApiBaseError",
    "MissingApiKeyError",
    "NotFoundError",
    "PermissionDeniedError",
    "QuotaLimitExceededError",
    "RateLimitError",
    "RequestBodyError",
    "ResponseTooLargeError",
    "ServerError",
    "UnprocessableEntityError",
    "error_from_response",
    "format_error_message",
    "reason_phrase_for",
]


# -- argument errors (raised before anything is sent) -------------------------------


class ApiArgumentError(PSError, ValueError):
    """A connection setting or request body that cannot be used: PowerShell's ArgumentException."""

    dotnet_exception_type = "System.ArgumentException"
    default_error_id = "ArgumentException"
    default_category = ErrorCategory.InvalidArgument


class MissingApiKeyError(ApiArgumentError):
    """No key in the parameter, the global variable or the environment."""

    def __init__(self, message: str = 'Please specify your OpenAI API key to "ApiKey" parameter.') -> None:
        super().__init__(message)


class MissingApiBaseError(ApiArgumentError):
    """ApiType Azure needs an endpoint; there is no default one."""

    def __init__(
        self, message: str = 'Please specify your Azure OpenAI Endpoint to "ApiBase" parameter.'
    ) -> None:
        super().__init__(message)


class RequestBodyError(ApiArgumentError):
    """A body (or AdditionalBody) that cannot be turned into JSON; raised before sending."""


# -- request errors ------------------------------------------------------------------


class APIRequestError(PSError):
    """An API request failed: the base of every error below (PSOpenAI's APIRequestException)."""

    #: PSOpenAI's exception type name; the error id is ``PSOpenAI.APIRequest.<this>``.
    ps_exception_name: ClassVar[str] = "APIRequestException"
    dotnet_exception_type = "PSOpenAI.APIRequestException"
    default_error_id = "PSOpenAI.APIRequest.APIRequestException"
    default_category = ErrorCategory.InvalidOperation

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        reason_phrase: str | None = None,
        error_type: str | None = None,
        code: str | None = None,
        param: str | None = None,
        api_message: str | None = None,
        response_body: Any = None,
        response_headers: Mapping[str, str] | None = None,
        request_id: str | None = None,
        error_id: str | None = None,
        category: str | None = None,
    ) -> None:
        super().__init__(
            message, error_id=error_id or f"PSOpenAI.APIRequest.{self.ps_exception_name}", category=category
        )
        self.error_record.error_details = message
        self.status_code = status_code
        self.reason_phrase = reason_phrase
        self.error_type = error_type
        self.code = code
        self.param = param
        self.api_message = api_message
        self.response_body = response_body
        self.response_headers: dict[str, str] = dict(response_headers or {})
        self.request_id = request_id

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, status_code={self.status_code!r})"


class BadRequestError(APIRequestError):
    ps_exception_name = "BadRequestException"
    dotnet_exception_type = "PSOpenAI.BadRequestException"


class ContentFilteredError(BadRequestError):
    ps_exception_name = "ContentFilteredException"
    dotnet_exception_type = "PSOpenAI.ContentFilteredException"


class AuthenticationError(APIRequestError):
    ps_exception_name = "UnauthorizedException"
    dotnet_exception_type = "PSOpenAI.UnauthorizedException"


class PermissionDeniedError(APIRequestError):
    ps_exception_name = "PermissionDeniedException"
    dotnet_exception_type = "PSOpenAI.PermissionDeniedException"


class NotFoundError(APIRequestError):
    ps_exception_name = "NotFoundException"
    dotnet_exception_type = "PSOpenAI.NotFoundException"


class ConflictError(APIRequestError):
    ps_exception_name = "ConflictException"
    dotnet_exception_type = "PSOpenAI.ConflictException"


class UnprocessableEntityError(APIRequestError):
    ps_exception_name = "UnprocessableEntityException"
    dotnet_exception_type = "PSOpenAI.UnprocessableEntityException"


class RateLimitError(APIRequestError):
    ps_exception_name = "RateLimitExceededException"
    dotnet_exception_type = "PSOpenAI.RateLimitExceededException"


class QuotaLimitExceededError(RateLimitError):
    ps_exception_name = "QuotaLimitExceededException"
    dotnet_exception_type = "PSOpenAI.QuotaLimitExceededException"


class ServerError(APIRequestError):
    """A 5xx.  PSOpenAI has no type of its own for these: the id stays ``APIRequestException``."""


class APIConnectionError(APIRequestError):
    """No HTTP status at all: refused or dropped connection, DNS or TLS failure.  Never retried."""

    ps_exception_name = "HttpRequestException"
    dotnet_exception_type = "System.Net.Http.HttpRequestException"
    default_category = ErrorCategory.ConnectionError


class APITimeoutError(APIConnectionError, TimeoutError):
    """The client gave up waiting (TimeoutSec).  A ``TimeoutError`` too, so generic handlers see it."""

    ps_exception_name = "TimeoutException"
    dotnet_exception_type = "System.TimeoutException"
    default_category = ErrorCategory.OperationTimeout


# -- building an error from a response -----------------------------------------------

_BY_STATUS: dict[int, type[APIRequestError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def reason_phrase_for(status_code: int, reason_phrase: str | None = None) -> str:
    """The server's reason phrase, or the standard one when the server sent none (HTTP/2 never does)."""
    if reason_phrase:
        return reason_phrase
    try:
        return HTTPStatus(status_code).phrase
    except ValueError:
        return ""


def format_error_message(service_name: str, status_code: int, reason: str, detail: str) -> str:
    """``OpenAI API returned an 404 (Not Found) Error: <detail>`` -- PSOpenAI's wording, article included."""
    return f"{service_name} API returned an {status_code} ({reason}) Error: {detail}"


def _text_or_none(value: Any, *, allow_int: bool = False) -> str | None:
    if isinstance(value, str):
        return value
    if allow_int and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def error_from_response(
    *,
    service_name: str,
    status_code: int,
    reason_phrase: str | None,
    body_text: str,
    headers: Mapping[str, str],
    redactor: Callable[[str], str],
    redact_body: Callable[[Any], Any],
) -> APIRequestError:
    """The typed error for a non-success response, every text in it already redacted.

    The type follows ``error.code`` (content_filter, *quota*) and the status, as
    PSOpenAI does; the message detail prefers the API's ``error.message`` and
    falls back to the text .NET's HttpClient would have given.
    """
    reason = reason_phrase_for(status_code, reason_phrase)
    parsed: Any = None
    try:
        parsed = json.loads(body_text) if body_text.strip() else None
    except ValueError:
        parsed = None
    error_obj = parsed.get("error") if isinstance(parsed, dict) else None
    if not isinstance(error_obj, dict):
        error_obj = {}
    api_message = _text_or_none(error_obj.get("message"))
    code = _text_or_none(error_obj.get("code"), allow_int=True)
    error_type = _text_or_none(error_obj.get("type"))
    param = _text_or_none(error_obj.get("param"))

    if api_message:
        detail = api_message
    else:
        detail = f"Response status code does not indicate success: {status_code} ({reason})."
    message = redactor(format_error_message(service_name, status_code, reason, detail))

    cls: type[APIRequestError]
    if status_code == 400 and code is not None and code.casefold() == "content_filter":
        cls = ContentFilteredError
    elif status_code == 429 and code is not None and "quota" in code.casefold():
        cls = QuotaLimitExceededError
    elif status_code in _BY_STATUS:
        cls = _BY_STATUS[status_code]
    elif 500 <= status_code <= 599:
        cls = ServerError
    else:
        cls = APIRequestError

    lowered = {k.lower(): v for k, v in headers.items()}
    request_id = lowered.get("x-request-id")
    return cls(
        message,
        status_code=status_code,
        reason_phrase=redactor(reason),
        error_type=redactor(error_type) if error_type is not None else None,
        code=redactor(code) if code is not None else None,
        param=redactor(param) if param is not None else None,
        api_message=redactor(api_message) if api_message is not None else None,
        response_body=redact_body(parsed),
        response_headers={redactor(k): redactor(v) for k, v in lowered.items()},
        request_id=redactor(request_id) if request_id is not None else None,
    )


class InvalidResponseError(PSError):
    """A successful status whose body is not what the API sends: not JSON (a web page, a captive
    proxy), JSON of the wrong shape (an array for a run, a list for a status), or values nothing
    can represent (a timestamp of 1e300).

    PSOpenAI writes the JSON parser's exception as the cmdlet's error; psbridge keeps the reason,
    the URL and the request id (never the body, which could echo anything).
    """

    dotnet_exception_type = "System.ArgumentException"
    default_error_id = "PSOpenAI.APIRequest.InvalidResponse"
    default_category = ErrorCategory.InvalidResult

    def __init__(
        self, message: str, *, url: str | None = None, request_id: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(message, **kwargs)
        self.url = url
        self.request_id = request_id


class ResponseTooLargeError(APIRequestError):
    """The response body (as received, or once decompressed) is larger than the client's limit.

    .NET's HttpClient fails the same way past its MaxResponseContentBufferSize; the message is its
    own, plus where psbridge's limit is set.  Never retried: the same request would fail again.
    """

    ps_exception_name = "HttpRequestException"
    dotnet_exception_type = "System.Net.Http.HttpRequestException"
    default_category = ErrorCategory.LimitsExceeded

    def __init__(self, limit: int, **kwargs: Any) -> None:
        super().__init__(
            f"Cannot write more bytes to the buffer than the configured maximum buffer size: {limit}. "
            "(psbridge: set PSBRIDGE_MAX_RESPONSE_BYTES to allow larger responses.)",
            **kwargs,
        )
        self.limit = limit
