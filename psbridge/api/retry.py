"""PSOpenAI's retry policy (Should-Retry, Get-RetryDelay) as pure functions.

Kept free of sockets and clocks (both the random source and "now" are
parameters) so that every rule can be pinned down by a unit test; the client's
loop only strings them together.
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import math
import random as _random
from collections.abc import Callable, Mapping

__all__ = [
    "BASE_DELAY_MS",
    "MAX_DELAY_MS",
    "MAX_SERVER_DELAY_MS",
    "backoff_delay_ms",
    "retry_delay_ms",
    "server_delay_ms",
    "should_retry",
]

BASE_DELAY_MS = 1000
MAX_DELAY_MS = 129_000
#: A server-requested delay above this (or not above zero) is ignored in favour of backoff.
MAX_SERVER_DELAY_MS = 60_000


def _header(headers: Mapping[str, str], name: str) -> str | None:
    """First value of a header, looked up case-insensitively whatever mapping was given."""
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value.split(",")[0].strip() if wanted == "x-should-retry" else value.strip()
    return None


def should_retry(
    *,
    status_code: int | None,
    headers: Mapping[str, str],
    error_message: str,
    retry_count: int,
    max_retry_count: int,
) -> bool:
    """Whether a failed request is sent again.

    The rules apply in this order: the retry budget; the server's explicit
    ``x-should-retry`` verdict (for any status); 429 unless the formatted error
    message mentions a quota (waiting does not refill a quota); any 5xx.  A
    failure without a status (``status_code=None``: network error, timeout) is
    never retried, as in PSOpenAI.
    """
    if status_code is None:
        return False
    if retry_count >= max_retry_count:
        return False
    verdict = _header(headers, "x-should-retry")
    if verdict is not None:
        if verdict.lower() == "true":
            return True
        if verdict.lower() == "false":
            return False
    if status_code == 429:
        return "quota" not in error_message.casefold()
    return 500 <= status_code <= 599


def _parse_int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _parse_ms(text: str) -> int | None:
    """``retry-after-ms`` as an integer; a fractional value is rounded rather than rejected."""
    value = _parse_int(text)
    if value is not None:
        return value
    try:
        number = float(text)
    except ValueError:
        return None
    return round(number) if math.isfinite(number) else None


def _parse_http_date(text: str) -> _dt.datetime | None:
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        try:
            when = _dt.datetime.fromisoformat(text)
        except ValueError:
            return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.UTC)
    return when


def _utc_now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC)


def server_delay_ms(headers: Mapping[str, str], *, now: Callable[[], _dt.datetime] = _utc_now) -> int | None:
    """The delay the server asked for, when it asked for a usable one (0 < d <= 60 s).

    ``retry-after-ms`` first; then ``retry-after`` as non-zero integer seconds,
    else as an HTTP-date (time from now until then).  An unparsable
    ``retry-after-ms`` does not hide a valid ``retry-after``.
    """
    delay: int | None = None
    ms_text = _header(headers, "retry-after-ms")
    if ms_text is not None:
        delay = _parse_ms(ms_text)
    if delay is None:
        after = _header(headers, "retry-after")
        if after is not None:
            seconds = _parse_int(after)
            if seconds is not None and seconds != 0:
                delay = seconds * 1000
            else:
                when = _parse_http_date(after)
                if when is not None:
                    delay = math.floor((when - now()).total_seconds() * 1000)
    if delay is not None and 0 < delay <= MAX_SERVER_DELAY_MS:
        return delay
    return None


def backoff_delay_ms(retry_count: int, *, random: Callable[[], float] = _random.random) -> int:
    """``2^n x 1 s x jitter`` with jitter uniform in [0.8, 1.2), capped at 129 s.

    ``retry_count`` is the number of retries already made (0 before the first).
    """
    exponent = min(max(retry_count, 0), 32)  # beyond this the cap applies anyway
    jitter = 0.8 + 0.4 * random()
    # Truncated, so that the delay stays below 1.2 x nominal as the jitter range promises.
    return min(math.floor((2**exponent) * BASE_DELAY_MS * jitter), MAX_DELAY_MS)


def retry_delay_ms(
    retry_count: int,
    headers: Mapping[str, str] | None = None,
    *,
    random: Callable[[], float] = _random.random,
    now: Callable[[], _dt.datetime] = _utc_now,
) -> int:
    """Milliseconds to wait before retry number ``retry_count + 1``: the server's wish, else backoff."""
    requested = server_delay_ms(headers or {}, now=now)
    if requested is not None:
        return requested
    return backoff_delay_ms(retry_count, random=random)
