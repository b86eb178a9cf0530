"""The base of every cmdlet that talks to the API.

``begin`` resolves the key, base and organization as PSOpenAI does and opens
ONE keep-alive HTTP client for the whole invocation, so a Receive-ThreadRun
-Wait that makes a dozen requests uses one TCP connection.  ``dispose``
closes it whatever happened.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

from ...api import ApiArgumentError, ApiClient, ApiSettings, APITimeoutError, resolve_settings
from ...errors import ErrorCategory, PSError, mark_halted
from ...objects import PSObject, to_ps_string
from ...runtime import Cmdlet, SkipInput
from ._bodies import member
from ._errors import WaitTimeoutError

__all__ = ["CONNECTION_PARAMETERS", "ApiCmdlet", "Deadline", "PipelineStoppedError", "object_id", "run_object_ids"]

CONNECTION_PARAMETERS = (
    "TimeoutSec",
    "MaxRetryCount",
    "ApiBase",
    "ApiKey",
    "Organization",
    "AdditionalQuery",
    "AdditionalHeaders",
    "AdditionalBody",
)


class PipelineStoppedError(PSError):
    """The pipeline is being stopped (an earlier command failed with -ErrorAction Stop)."""

    default_error_id = "PipelineStopped"
    default_category = ErrorCategory.OperationStopped

    def __init__(self) -> None:
        super().__init__("The pipeline has been stopped.")
        mark_halted(self)


class Deadline:
    """An overall -TimeoutSec deadline (PSOpenAI's cancellation token); ``None`` seconds = none."""

    def __init__(self, seconds: float | None) -> None:
        self.end = time.monotonic() + seconds if seconds else None

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


class ApiCmdlet(Cmdlet):
    """A cmdlet with an API client for the lifetime of one invocation."""

    settings: ApiSettings
    client: ApiClient | None = None

    def begin(self) -> None:
        given = {name: self.params.get(name) for name in CONNECTION_PARAMETERS if self.params.is_bound(name)}
        try:
            self.settings = resolve_settings(given, session_variables=self.runspace.variables)
        except ApiArgumentError as error:
            # PSOpenAI raises this with -ErrorAction Stop in begin: nothing runs.
            error.error_record.command_name = self.name
            raise
        for message in self.settings.verbose_messages:
            self.write_verbose(message)
        self.client = ApiClient(
            self.settings,
            verbose=self.write_verbose,
            debug=self.write_debug if self.debug else None,
            warning=self.write_warning,
            sleep=self.sleep,
        )

    def dispose(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None

    def sleep(self, seconds: float) -> None:
        """Sleep that ends at once when the pipeline stops (retry waits, poll intervals)."""
        if seconds > 0 and self.stopping.wait(seconds):
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
    ) -> Any:
        """One API call; returns parsed JSON (the ApiResponse itself with ``raw`` or ``stream``).

        With a deadline, the request's own timeout is cut to what remains, so a
        -TimeoutSec wait ends on time even while a request is in flight.
        """
        assert self.client is not None, "request() before begin()"
        timeout = None
        if deadline is not None and deadline.end is not None:
            deadline.check()
            remaining = deadline.remaining() or 0.001
            configured = self.settings.timeout_sec
            timeout = min(remaining, configured) if configured else remaining
        try:
            response = self.client.request(method, segments, query=query, body=body, timeout_sec=timeout, stream=stream)
        except APITimeoutError:
            if deadline is not None and deadline.expired():
                raise WaitTimeoutError() from None
            raise
        if stream or raw:
            return response
        data = response.json()
        if data is None:
            raise SkipInput()  # PSOpenAI: an empty response means no output for this input
        return data

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
