"""Should-Retry and Get-RetryDelay as pure functions: every rule, with injected randomness and clock."""

from __future__ import annotations

import datetime as dt
import email.utils
import random

import pytest

from psbridge.api import backoff_delay_ms, retry_delay_ms, server_delay_ms, should_retry


def _should(
    status: int | None,
    headers: dict[str, str] | None = None,
    message: str = "x",
    count: int = 0,
    max_count: int = 3,
) -> bool:
    return should_retry(
        status_code=status,
        headers=headers or {},
        error_message=message,
        retry_count=count,
        max_retry_count=max_count,
    )


class TestShouldRetry:
    def test_budget_is_checked_first(self) -> None:
        assert not _should(500, count=0, max_count=0)  # the default MaxRetryCount never retries
        assert not _should(500, count=3, max_count=3)
        assert not _should(500, {"x-should-retry": "true"}, count=2, max_count=2)
        assert _should(500, count=2, max_count=3)

    @pytest.mark.parametrize("value", ["true", "TRUE", "True", " true "])
    def test_x_should_retry_true_wins_for_any_status(self, value: str) -> None:
        assert _should(400, {"x-should-retry": value})
        assert _should(404, {"X-Should-Retry": value})
        assert _should(429, {"x-should-retry": value}, message="You exceeded your current quota")

    @pytest.mark.parametrize("value", ["false", "FALSE", "False"])
    def test_x_should_retry_false_wins_for_any_status(self, value: str) -> None:
        assert not _should(500, {"x-should-retry": value})
        assert not _should(429, {"x-should-retry": value})

    def test_other_x_should_retry_values_are_ignored(self) -> None:
        assert _should(503, {"x-should-retry": "maybe"})
        assert not _should(400, {"x-should-retry": "1"})

    def test_429_retried_unless_the_message_mentions_quota(self) -> None:
        assert _should(
            429, message="OpenAI API returned an 429 (Too Many Requests) Error: Rate limit reached"
        )
        assert not _should(429, message="... Error: You exceeded your current QUOTA, please check")
        assert not _should(429, message="insufficient_quota")

    @pytest.mark.parametrize("status", [500, 502, 503, 504, 599])
    def test_5xx_retried(self, status: int) -> None:
        assert _should(status)

    @pytest.mark.parametrize("status", [400, 401, 403, 404, 408, 409, 422, 499, 600])
    def test_everything_else_not_retried(self, status: int) -> None:
        assert not _should(status)

    def test_no_status_is_never_retried(self) -> None:
        assert not _should(None, {"x-should-retry": "true"})


NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def _now() -> dt.datetime:
    return NOW


class TestServerDelay:
    def test_retry_after_ms(self) -> None:
        assert server_delay_ms({"retry-after-ms": "250"}) == 250
        assert server_delay_ms({"Retry-After-Ms": "60000"}) == 60000
        assert server_delay_ms({"retry-after-ms": "12.6"}) == 13

    def test_retry_after_ms_wins_over_retry_after(self) -> None:
        assert server_delay_ms({"retry-after-ms": "200", "retry-after": "5"}) == 200

    def test_unparsable_retry_after_ms_falls_back_to_retry_after(self) -> None:
        assert server_delay_ms({"retry-after-ms": "soon", "retry-after": "2"}) == 2000

    def test_retry_after_seconds(self) -> None:
        assert server_delay_ms({"retry-after": "3"}) == 3000
        assert server_delay_ms({"retry-after": "60"}) == 60000

    def test_retry_after_http_date(self) -> None:
        when = email.utils.format_datetime(NOW + dt.timedelta(seconds=7), usegmt=True)
        assert server_delay_ms({"retry-after": when}, now=_now) == 7000

    @pytest.mark.parametrize(
        "headers",
        [
            {},
            {"retry-after-ms": "0"},
            {"retry-after-ms": "-5"},
            {"retry-after-ms": "60001"},
            {"retry-after": "0"},
            {"retry-after": "-1"},
            {"retry-after": "61"},
            {"retry-after": "1.5"},  # not an integer, not a date
            {"retry-after": "soon"},
            {"retry-after-ms": "nan"},
            {"retry-after": email.utils.format_datetime(NOW - dt.timedelta(seconds=5), usegmt=True)},
            {"retry-after": email.utils.format_datetime(NOW + dt.timedelta(seconds=61), usegmt=True)},
        ],
    )
    def test_unusable_server_delays_are_ignored(self, headers: dict[str, str]) -> None:
        assert server_delay_ms(headers, now=_now) is None


class TestBackoff:
    @pytest.mark.parametrize(("count", "nominal"), [(0, 1000), (1, 2000), (2, 4000), (3, 8000), (6, 64000)])
    def test_nominal_delays_and_jitter_bounds(self, count: int, nominal: int) -> None:
        assert backoff_delay_ms(count, random=lambda: 0.5) == nominal  # jitter 1.0
        assert backoff_delay_ms(count, random=lambda: 0.0) == round(nominal * 0.8)
        assert backoff_delay_ms(count, random=lambda: 0.999999) < nominal * 1.2

    def test_cap_is_129_seconds(self) -> None:
        assert backoff_delay_ms(7, random=lambda: 0.0) == 102400
        assert backoff_delay_ms(7, random=lambda: 0.999) == 129000
        assert backoff_delay_ms(8, random=lambda: 0.0) == 129000
        assert backoff_delay_ms(100, random=lambda: 0.5) == 129000

    def test_seeded_random_source_is_reproducible_and_in_range(self) -> None:
        first = [backoff_delay_ms(n, random=random.Random(42).random) for n in range(8)]
        second = [backoff_delay_ms(n, random=random.Random(42).random) for n in range(8)]
        assert first == second
        for n, delay in enumerate(first):
            assert 0.8 * 2**n * 1000 <= delay <= min(1.2 * 2**n * 1000, 129000)


class TestRetryDelay:
    def test_server_delay_preferred(self) -> None:
        assert retry_delay_ms(5, {"retry-after-ms": "30"}, random=lambda: 0.0) == 30

    def test_falls_back_to_backoff(self) -> None:
        assert retry_delay_ms(2, {"retry-after": "120"}, random=lambda: 0.5) == 4000
        assert retry_delay_ms(0, None, random=lambda: 0.25) == 900
