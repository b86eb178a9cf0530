"""The HTTP side of psbridge: how cmdlets talk to an OpenAI-compatible Assistants API.

Used by the cmdlets only.  It reproduces PSOpenAI's request helpers -- where
the key, base URL and organization come from, how requests are built, the
retry policy, the typed errors and their messages -- on top of httpx, and
keeps the API key out of every text it produces.

Typical use by a cmdlet::

    settings = resolve_settings(bound, session_variables=session.globals)
    with ApiClient(settings, verbose=..., warning=..., connections=session_pool) as client:
        run = client.request("GET", ["threads", thread_id, "runs", run_id], deadline=...).json()
"""

from .body import build_json_body, encode_json, parse_additional_body, to_json_value
from .client import DISCARD, USER_AGENT, ApiClient
from .connections import ConnectionPool
from .errors import (
    ApiArgumentError,
    APIConnectionError,
    APIRequestError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    ContentFilteredError,
    InvalidResponseError,
    MissingApiBaseError,
    MissingApiKeyError,
    NotFoundError,
    PermissionDeniedError,
    QuotaLimitExceededError,
    RateLimitError,
    RequestBodyError,
    ResponseTooLargeError,
    ServerError,
    UnprocessableEntityError,
)
from .masking import mask_api_key, mask_organization, redact
from .multipart import FilePart, MultipartForm, mime_type_of
from .reading import DEFAULT_MAX_RESPONSE_BYTES
from .response import ApiResponse
from .retry import backoff_delay_ms, retry_delay_ms, server_delay_ms, should_retry
from .settings import DEFAULT_API_BASE, DEFAULT_AZURE_API_VERSION, ApiSettings, resolve_settings
from .transport import Cancellation
from .urls import build_url, encode_path_segment
from .web import WebConnections, WebExchange, WebResponse, response_limit

__all__ = [
    "DEFAULT_API_BASE",
    "DEFAULT_AZURE_API_VERSION",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DISCARD",
    "USER_AGENT",
    "APIConnectionError",
    "APIRequestError",
    "APITimeoutError",
    "ApiArgumentError",
    "ApiClient",
    "ApiResponse",
    "ApiSettings",
    "AuthenticationError",
    "BadRequestError",
    "Cancellation",
    "ConflictError",
    "ConnectionPool",
    "ContentFilteredError",
    "FilePart",
    "InvalidResponseError",
    "MissingApiBaseError",
    "MissingApiKeyError",
    "MultipartForm",
    "NotFoundError",
    "PermissionDeniedError",
    "QuotaLimitExceededError",
    "RateLimitError",
    "RequestBodyError",
    "ResponseTooLargeError",
    "ServerError",
    "UnprocessableEntityError",
    "WebConnections",
    "WebExchange",
    "WebResponse",
    "backoff_delay_ms",
    "build_json_body",
    "build_url",
    "encode_json",
    "encode_path_segment",
    "mask_api_key",
    "mask_organization",
    "mime_type_of",
    "parse_additional_body",
    "redact",
    "resolve_settings",
    "response_limit",
    "retry_delay_ms",
    "server_delay_ms",
    "should_retry",
    "to_json_value",
]
