"""The base of every cmdlet that talks to the API.

``begin`` resolves the key, base and organization as PSOpenAI does (cached for
the session until the variables they come from change) and borrows the
session's keep-alive HTTP client, so a script of a hundred calls uses one TCP
connection.  Every request runs under a deadline (-TimeoutSec, from when the
input arrived) and under the invocation's cancellation, which ``dispose``
triggers: a stopping pipeline leaves no request behind.

Everything this cmdlet says (verbose, debug, warnings, error records) passes
through the key redactor -- the server's own texts (a run's ``last_error``)
included -- and a Python exception raised while digesting an answer becomes an
InvalidResponseError naming the request, so a hostile server meets PowerShell's
error handling (-ErrorAction), never a traceback.
"""

from __future__ import annotations

import enum
import os
import time
from collections.abc import Mapping, Sequence
from typing import Any

from ...api import (
    DISCARD,
    ApiArgumentError,
    ApiClient,
    ApiSettings,
    APITimeoutError,
    Cancellation,
    ConnectionPool,
    InvalidResponseError,
    redact,
    resolve_settings,
)
from ...errors import ErrorCategory, ErrorRecord, PSError, mark_halted
from ...objects import PSObject, to_ps_string
from ...runtime import Cmdlet, SkipInput
from ._bodies import member
from ._context import OpenAIContext, context_of
from ._errors import WaitTimeoutError

__all__ = ["CONNECTION_PARAMETERS", "ApiCmdlet", "Deadline", "PipelineStoppedError", "object_id", "run_object_ids"]

CONNECTION_PARAMETERS = (
    "TimeoutSec",
    "MaxRetryCount",
    "ApiType",
    "ApiBase",
    "ApiVersion",
    "AuthType",
    "ApiKey",
    "Organization",
    "AdditionalQuery",
    "AdditionalHeaders",
    "AdditionalBody",
)
#: Where resolve_settings looks besides the parameters: these globals and environment variables.
#: The settings cache is keyed on them -- add a name here when resolution reads another one.
_SETTING_VARIABLES = ("OPENAI_API_KEY", "OPENAI_API_BASE", "OPENAI_ORGANIZATION")
_SETTING_ENVIRONMENT = (*_SETTING_VARIABLES, "PSBRIDGE_MAX_RESPONSE_BYTES")
_CONNECTIONS = "psbridge.api.connections"
_SETTINGS_CACHE = "psbridge.api.settings"


class PipelineStoppedError(PSError):
    """The pipeline is being stopped (an earlier command failed with -ErrorAction Stop)."""

    default_error_id = "PipelineStopped"
    default_category = ErrorCategory.OperationStopped

    def __init__(self) -> None:
        super().__init__("The pipeline has been stopped.")
        mark_halted(self)


class Deadline:
    """An overall -TimeoutSec deadline (PSOpenAI's cancellation token); ``None`` or 0 seconds = none.

    Made when the input arrives, so that work queued behind other inputs does not get extra time.
    """

    def __init__(self, seconds: float | None) -> None:
        self.end = time.monotonic() + seconds if seconds and seconds > 0 else None

    def remaining(self) -> float | None:
        return None if self.end is None else max(0.0, self.end - time.monotonic())

    def expired(self) -> bool:
        return self.end is not None and time.monotonic() >= self.end

    def check(self) -> None:
        if self.expired():
            raise WaitTimeoutError()


def object_id(value: Any, *, name: str = "id") -> str | None:
    """An id from a string, or from a property of an object (None when missing or empty)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, PSObject | Mapping):
        found_value = member(value, name)
        return (to_ps_string(found_value) or None) if found_value is not None else None
    return to_ps_string(value) or None


def run_object_ids(run: Any) -> tuple[str | None, str | None]:
    """(thread id, run id) of a run object given to -Run."""
    return object_id(run, name="thread_id"), object_id(run, name="id")


class _SettingsCache:
    """The session's resolved settings, by what they were resolved from (a few entries)."""

    def __init__(self) -> None:
        self.entries: dict[tuple[Any, ...], ApiSettings] = {}
        #: (context, its version, the tokens of its values): the context changes only through
        #: Set-/Clear-OpenAIContext, which count a new version, so its tokens are made once a version.
        self._context: tuple[OpenAIContext, int, tuple[Any, ...] | None] | None = None

    def context_tokens(self, context: OpenAIContext) -> tuple[Any, ...] | None:
        """The cache key of the context's values (those that are not null); None when one of
        them cannot stand in a key (an object that may change)."""
        memo = self._context
        if memo is not None and memo[0] is context and memo[1] == context.version:
            return memo[2]
        version = context.version
        tokens = tuple((name, _cache_token(value)) for name, value in context.defaults().items())
        key = None if any(token is None for _, token in tokens) else tokens
        self._context = (context, version, key)
        return key

    def close(self) -> None:
        self.entries.clear()
        self._context = None


def _cache_token(value: Any) -> Any:
    """A hashable stand-in for a setting's value; objects that may change (a hashtable of
    headers) are not cached at all (None)."""
    if value is None or isinstance(value, str | int | float | bool):
        return (type(value).__name__, value)
    if isinstance(value, enum.Enum):  # -ApiType
        return (type(value).__name__, value.name)
    if type(value).__name__ in ("SecureString", "Uri", "SwitchParameter"):
        return (type(value).__name__, id(value), str(getattr(value, "original_string", "")))
    return None


class ApiCmdlet(Cmdlet):
    """A cmdlet with an API client for the lifetime of one invocation."""

    settings: ApiSettings
    client: ApiClient | None = None
    #: The last answer this cmdlet received (for InvalidResponseError's context): method, URL, request id.
    last_response: tuple[str, str, str | None] | None = None

    def begin(self) -> None:
        p = self.params
        bound = {name: p.get(name) for name in CONNECTION_PARAMETERS if p.is_bound(name)}
        try:
            self.settings = self._resolve_settings(context_of(self.runspace), bound)
        except ApiArgumentError as error:
            # PSOpenAI raises this with -ErrorAction Stop in begin: nothing runs.
            error.error_record.command_name = self.name
            raise
        if self.verbose:
            for message in self.settings.verbose_messages:
                self.write_verbose(message)
        self.cancellation = Cancellation()
        try:
            self.client = ApiClient(
                self.settings,
                verbose=self.write_verbose if self.verbose else DISCARD,
                debug=self.write_debug if self.debug else None,
                warning=self.write_warning,
                sleep=self.sleep,
                connections=self.runspace.resources.get(_CONNECTIONS, ConnectionPool),
                cancellation=self.cancellation,
            )
        except ApiArgumentError as error:  # a base URL no request could use
            error.error_record.command_name = self.name
            raise

    def _resolve_settings(self, context: OpenAIContext, bound: dict[str, Any]) -> ApiSettings:
        """resolve_settings of the session context's values (those that are not null) with the
        bound parameters over them, cached per session until the context, a parameter, or a
        global or environment variable it reads changes (settings cost a few key masks and URL
        parses per call)."""
        variables = self.runspace.variables
        cache = self.runspace.resources.get(_SETTINGS_CACHE, _SettingsCache)
        context_tokens = cache.context_tokens(context)
        tokens = tuple([(name, _cache_token(value)) for name, value in sorted(bound.items())])
        key: tuple[Any, ...] | None = None
        if context_tokens is not None and all(token is not None for _, token in tokens):
            sources = []
            for name in _SETTING_VARIABLES:
                found, value = self.runspace.get_variable(name)
                token = _cache_token(value) if found else ("absent",)
                if token is None:
                    break
                sources.append(token)
            else:
                environ = os.environ
                key = (context_tokens, tokens, tuple(sources), tuple([environ.get(n) for n in _SETTING_ENVIRONMENT]))
                settings = cache.entries.get(key)
                if settings is not None:
                    return settings
        given = context.defaults()
        given.update(bound)
        settings = resolve_settings(given, session_variables=variables)
        if key is not None:
            if len(cache.entries) >= 8:
                cache.entries.clear()
            cache.entries[key] = settings
        return settings

    def dispose(self) -> None:
        cancellation = getattr(self, "cancellation", None)
        if cancellation is not None:
            cancellation.cancel()  # a request still in flight (a stopped pipeline) ends now
        if self.client is not None:
            self.client.close()
            self.client = None

    def sleep(self, seconds: float) -> None:
        """Sleep that ends at once when the pipeline stops (retry waits, poll intervals); the time
        passes in :meth:`Cmdlet.sleep_time`, as for every cmdlet."""
        if self.wait_or_stop(seconds):
            raise PipelineStoppedError()

    def request(
        self,
        method: str,
        segments: Sequence[str],
        *,
        query: Sequence[tuple[str, Any]] = (),
        body: Any = None,
        deadline: Deadline | None = None,
        stream: bool = False,
        raw: bool = False,
        **transfer: Any,
    ) -> Any:
        """One API call; returns the parsed JSON object (the ApiResponse itself with ``raw`` or ``stream``).

        ``transfer`` passes ``form`` (a multipart upload), ``sink`` (a download written as it
        arrives) and ``max_bytes`` through to :meth:`ApiClient.request`.

        ``deadline`` (the input's -TimeoutSec) bounds the request, its retries and their waits;
        without one the request gets -TimeoutSec of its own.  An answer that is not a JSON
        object is an InvalidResponseError (every endpoint a cmdlet parses answers with one).
        """
        assert self.client is not None, "request() before begin()"
        if self.stop_requested:
            raise PipelineStoppedError()
        overall = deadline
        if deadline is None:  # the request's own -TimeoutSec, retries and their waits included
            deadline = Deadline(self.settings.timeout_sec)
        deadline.check()
        try:
            response = self.client.request(
                method, segments, query=query, body=body, stream=stream, deadline=deadline.end, **transfer
            )
        except APITimeoutError:
            if overall is not None and overall.expired():
                raise WaitTimeoutError() from None
            raise
        self.last_response = (method.upper(), response.url, response.request_id)
        if stream or raw:
            return response
        data = response.json()
        if data is None:
            raise SkipInput()  # PSOpenAI: an empty response means no output for this input
        if not isinstance(data, dict):
            kind = "an array" if isinstance(data, list) else "a single value"
            raise InvalidResponseError(
                f"The response from {response.url} is {kind}, not a JSON object.",
                url=response.url,
                request_id=response.request_id,
            )
        return data

    # -- what the cmdlet says: never the key ------------------------------------------------
    def _clean(self, text: str) -> str:
        settings = getattr(self, "settings", None)
        return redact(text, settings) if settings is not None else text

    def write_warning(self, message: str) -> None:
        super().write_warning(self._clean(message))

    def write_verbose(self, message: str) -> None:
        if self.verbose:
            super().write_verbose(self._clean(message))

    def write_debug(self, message: str) -> None:
        if self.debug:
            super().write_debug(self._clean(message))

    def write_error(self, error: PSError | ErrorRecord, target_object: Any = None) -> None:
        record = error if isinstance(error, ErrorRecord) else error.error_record
        _redact_error(record, self._clean)
        super().write_error(error, target_object)

    def unexpected_error(self, error: Exception) -> PSError | None:
        """A Python exception while digesting an answer: an InvalidResponseError naming the request.
        Before any answer arrived it is a bug of ours, and propagates."""
        last = self.last_response
        if last is None:
            return None
        method, url, request_id = last
        detail = str(error) or type(error).__name__
        if len(detail) > 200:
            detail = detail[:197] + "..."
        converted = InvalidResponseError(
            self._clean(f"The response to {method} {url} cannot be used: {type(error).__name__}: {detail}"),
            url=url,
            request_id=request_id,
            command_name=self.name,
        )
        return converted

    def request_unless_raw(self, method: str, segments: Sequence[str], **options: Any) -> Any:
        """The parsed response, or -- with -ResponseFormat raw_response -- None after the
        response text was written as the output (PSOpenAI's raw_response)."""
        if not self.wants_raw_response():
            return self.request(method, segments, **options)
        self.write_output(self.request(method, segments, raw=True, **options).text)
        return None

    def report_input_error(self, error: PSError) -> None:
        """A non-terminating error about the current input (a bad image, an unnamed function)."""
        self.write_error(error, target_object=self.current_input)

    def wants_raw_response(self) -> bool:
        """-ResponseFormat raw_response: the response text is the output, unparsed."""
        p = self.params
        return (
            p.declares("ResponseFormat")
            and p.is_bound("ResponseFormat")
            and (to_ps_string(p.ResponseFormat).lower() == "raw_response")
        )


def _redact_error(record: ErrorRecord, clean: Any) -> None:
    """Redact an error's texts in place (its message may quote a server's words)."""
    exception = record.exception
    if isinstance(exception, PSError):
        message = clean(exception.message)
        if message != exception.message:
            exception.message = message
            exception.args = (message, *exception.args[1:])
    if record.error_details is not None:
        record.error_details = clean(record.error_details)
