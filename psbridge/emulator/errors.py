"""OpenAI-shaped errors: the one exception handlers raise, and canned bodies.

Every error the emulator sends uses the ``ErrorResponse`` envelope
``{"error": {"message", "type", "param", "code"}}`` because clients (the
official SDK, PSOpenAI, psbridge) read ``error.message`` into their exception
text and some branch on ``error.code``.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any


class ApiError(Exception):
    """Raised anywhere below the router to end a request with an error response."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        type: str = "invalid_request_error",
        param: str | None = None,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type
        self.param = param
        self.code = code
        self.headers = dict(headers or {})

    def body(self) -> dict[str, Any]:
        return error_body(self.message, self.type, self.param, self.code)


def error_body(message: str, type: str, param: str | None = None, code: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": type, "param": param, "code": code}}


def not_found(kind: str, object_id: str) -> ApiError:
    """The hosted API's wording, which PSOpenAI shows verbatim to users."""
    return ApiError(404, f"No {kind} found with id '{object_id}'.")


def bad_request(message: str, *, param: str | None = None, code: str | None = None) -> ApiError:
    return ApiError(400, message, param=param, code=code)


# Canned errors for injected faults: what the hosted API sent for that status,
# so client retry logic sees realistic bodies (note: no "quota" in the 429
# text, which PSOpenAI would treat as non-retryable).
_CANNED: dict[int, tuple[str, str, str | None]] = {
    400: ("Bad request.", "invalid_request_error", None),
    401: ("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"),
    403: ("You are not allowed to perform this request.", "invalid_request_error", None),
    404: ("The requested resource was not found.", "invalid_request_error", None),
    408: ("Request timed out.", "timeout", None),
    409: ("The request conflicts with the current state of the resource.", "invalid_request_error", None),
    422: ("The request could not be processed.", "invalid_request_error", None),
    429: ("Rate limit reached for requests. Please try again later.", "requests", "rate_limit_exceeded"),
    500: ("The server had an error while processing your request. Sorry about that!", "server_error", None),
    502: ("Bad gateway.", "server_error", None),
    503: ("The server is overloaded or not ready yet.", "server_error", None),
    504: ("Gateway timeout.", "server_error", None),
}


def canned_error_body(status: int) -> dict[str, Any]:
    """An ErrorResponse for ``status`` when a fault gives no body of its own."""
    if status in _CANNED:
        message, kind, code = _CANNED[status]
    else:
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = f"HTTP {status}"
        message = f"{phrase}."
        kind = "server_error" if status >= 500 else "invalid_request_error"
        code = None
    return error_body(message, kind, None, code)
