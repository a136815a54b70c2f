"""Next-poll computation: interval, backoff with jitter, failing rate, server floors."""

from __future__ import annotations

import random
from datetime import timedelta

from bot.model import Source
from bot.watch.poll.schedule import (
    MAX_FLOOR,
    ScheduleRules,
    after_failure,
    after_success,
    is_failing,
)
from tests.bot.watch.poll.conftest import NOW

RULES = ScheduleRules(failure_threshold=3, failing_retry=timedelta(hours=6))


def _source(failures: int = 0, interval: int = 3600) -> Source:
    return Source(
        url="https://x.org/f", kind="rss", name="x", interval_seconds=interval, failures=failures
    )


def test_success_is_due_within_its_interval_never_later() -> None:
    for seed in range(50):
        due = after_success(_source(), NOW, rng=random.Random(seed))
        assert NOW + timedelta(minutes=56) <= due <= NOW + timedelta(hours=1)


def test_max_age_is_a_floor() -> None:
    due = after_success(_source(interval=600), NOW, floor_seconds=7200)
    assert due >= NOW + timedelta(hours=2)


def test_floor_is_capped_at_a_day() -> None:
    due = after_success(_source(), NOW, floor_seconds=365 * 86400)
    assert due == NOW + MAX_FLOOR


def test_failure_backoff_grows_exponentially() -> None:
    delays = [
        after_failure(
            _source(n, 86400), NOW, ScheduleRules(failure_threshold=99), rng=random.Random(1)
        )
        - NOW
        for n in (1, 2, 3, 4)
    ]
    assert delays == sorted(delays) and delays[3] > 4 * delays[0]


def test_failure_backoff_is_capped_at_the_interval() -> None:
    due = after_failure(_source(2, 600), NOW, RULES, rng=random.Random(1))
    assert due <= NOW + timedelta(seconds=900)


def test_failing_source_is_retried_at_the_slow_rate() -> None:
    assert is_failing(3, RULES) and not is_failing(2, RULES)
    assert after_failure(_source(3), NOW, RULES) == NOW + timedelta(hours=6)


def test_failing_source_is_never_polled_more_often_than_its_interval() -> None:
    assert after_failure(_source(9, 86400), NOW, RULES) == NOW + timedelta(days=1)


def test_retry_after_floors_a_failure() -> None:
    due = after_failure(_source(1), NOW, RULES, floor_seconds=5400, rng=random.Random(1))
    assert due >= NOW + timedelta(minutes=90)
