"""When to poll a source next: its interval, backoff after failures, the server's floors.

Rules, in order:

* success: ``now + interval``, pulled earlier by up to :data:`SUCCESS_JITTER` so sources
  added together drift apart (never later: a release must be noticed within its interval);
* failure ``n``: ``RETRY_BASE · 2^(n-1)`` with ±50 % jitter ("full jitter" halves, see
  https://aws.amazon.com/builders-library/timeouts-retries-and-backoff-with-jitter/),
  capped at the interval, so a blip costs minutes, not an interval;
* after ``failure_threshold`` consecutive failures the source is *failing*: it is retried
  every ``failing_retry`` (default 6 h, never more often than its interval) — slow, polite,
  and never dropped, so it recovers by itself when the site comes back;
* ``Retry-After`` (RFC 9110 §10.2.3) and ``Cache-Control: max-age`` (RFC 9111 §5.2.2.1) are
  a floor on the next poll, capped at :data:`MAX_FLOOR` so a misconfigured server cannot
  silence a source for a year.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.model import Source

RETRY_BASE = timedelta(minutes=5)
SUCCESS_JITTER = 0.05
MAX_FLOOR = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class ScheduleRules:
    """The poller's settings that shape the schedule (CDFBOT_POLL_* in bot.config)."""

    failure_threshold: int = 5
    failing_retry: timedelta = timedelta(hours=6)


def is_failing(failures: int, rules: ScheduleRules) -> bool:
    """A source is failing once it has failed ``failure_threshold`` times in a row."""
    return failures >= rules.failure_threshold


def after_success(
    source: Source,
    now: datetime,
    *,
    floor_seconds: float | None = None,
    rng: random.Random | None = None,
) -> datetime:
    """Next poll after a successful (or 304) poll."""
    rng = rng or random.Random()
    interval = timedelta(seconds=source.interval_seconds)
    due = now + interval * (1 - rng.uniform(0, SUCCESS_JITTER))
    return _floored(due, now, floor_seconds)


def after_failure(
    source: Source,
    now: datetime,
    rules: ScheduleRules,
    *,
    floor_seconds: float | None = None,
    rng: random.Random | None = None,
) -> datetime:
    """Next poll after a failure; ``source.failures`` already counts this one."""
    rng = rng or random.Random()
    interval = timedelta(seconds=source.interval_seconds)
    if is_failing(source.failures, rules):
        delay = max(rules.failing_retry, interval)
    else:
        backoff = RETRY_BASE * 2 ** max(source.failures - 1, 0)
        delay = min(backoff, interval) * rng.uniform(0.5, 1.5)
    return _floored(now + delay, now, floor_seconds)


def _floored(due: datetime, now: datetime, floor_seconds: float | None) -> datetime:
    if not floor_seconds or floor_seconds <= 0:
        return due
    floor = min(timedelta(seconds=floor_seconds), MAX_FLOOR)
    return max(due, now + floor)
