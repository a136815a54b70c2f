"""Weekly digest schedules: parse "weekly fri 17:30 Europe/Berlin", and compute fire times.

Fire times come from APScheduler's own :class:`CronTrigger`, the trigger the running
scheduler uses, so "when is this digest due?" (catch-up, ``cdfbot digest --send-due``,
previews) can never disagree with when the job actually fires, DST changes included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from apscheduler.triggers.cron import CronTrigger

from bot.errors import CommandError
from bot.model import Subscription

EXAMPLE = "`/cdf subscribe weekly fri 17:30 Europe/Berlin`"
DAY_NAMES = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
_DAY_ALIASES = {"tues": "tue", "weds": "wed", "thur": "thu", "thurs": "thu"}
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$", re.I)
T = TypeVar("T")
_NOT_WEEKLY = {"daily", "hourly", "monthly", "yearly", "biweekly", "fortnightly"}


@dataclass(frozen=True, slots=True)
class Schedule:
    day_of_week: str = "mon"
    hour: int = 9
    minute: int = 0
    timezone: str = "Asia/Shanghai"

    def describe(self) -> str:
        """'weekly on Friday at 17:30 (Europe/Berlin)'."""
        day = DAY_NAMES[self.day_of_week]
        return f"weekly on {day} at {self.hour:02d}:{self.minute:02d} ({self.timezone})"


def schedule_of(subscription: Subscription) -> Schedule:
    s = subscription
    return Schedule(s.day_of_week, s.hour, s.minute, s.timezone)


def parse_schedule(words: list[str], default_timezone: str) -> tuple[Schedule, list[str]]:
    """Read schedule words from the front of ``words``; return the schedule and the rest.

    Any order works ("fri 17:30", "17:30 friday Europe/Berlin"); what is not given keeps
    the default (Monday 09:00 in ``default_timezone``). The rest starts at the first
    word that looks like a filter (``key:value`` or a ``--flag``/bare option word).
    """
    day = clock = zone = None
    index = 0
    for index, word in enumerate(words):  # noqa: B007 - the index is read after the loop
        lowered = word.lower()
        if lowered == "weekly":
            continue
        if lowered in _NOT_WEEKLY:
            raise CommandError(f"Digests are weekly only. Try {EXAMPLE}.")
        if ":" in word and not _TIME.match(word) and "/" not in word:
            break  # a filter such as sources:nda
        if _day(lowered) is not None:
            day = _once(day, _day(lowered), "day", word)
        elif _TIME.match(word):
            clock = _once(clock, _clock(word), "time", word)
        elif "/" in word or lowered in ("utc", "gmt"):
            zone = _once(zone, timezone_name(word), "time zone", word)
        else:
            break
    else:
        index = len(words)
    hour, minute = clock or (9, 0)
    schedule = Schedule(day or "mon", hour, minute, zone or default_timezone)
    return schedule, words[index:]


def timezone_name(text: str) -> str:
    """The IANA name for ``text`` (any letter case), or a CommandError with an example."""
    try:
        ZoneInfo(text)
        return text
    except (ZoneInfoNotFoundError, ValueError):
        found = _zones_by_lower_name().get(text.lower())
    if found is None:
        raise CommandError(
            f"“{text}” is not a time zone I know. Use an IANA name such as Europe/Berlin, "
            f"Asia/Shanghai or UTC, e.g. {EXAMPLE}."
        )
    return found


def trigger_for(schedule: Schedule) -> CronTrigger:
    return CronTrigger(
        day_of_week=schedule.day_of_week,
        hour=schedule.hour,
        minute=schedule.minute,
        timezone=ZoneInfo(schedule.timezone),
    )


def latest_fire(schedule: Schedule, now: datetime) -> datetime:
    """The most recent scheduled time at or before ``now`` (within the past week)."""
    trigger = trigger_for(schedule)
    fire = trigger.get_next_fire_time(None, now - timedelta(days=8))
    latest = fire
    while fire is not None and fire <= now:
        latest = fire
        fire = trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
    assert latest is not None and latest <= now, "a weekly trigger fires every 7 days"
    return latest


def next_fire(schedule: Schedule, now: datetime) -> datetime:
    fire = trigger_for(schedule).get_next_fire_time(None, now)
    assert fire is not None, "a weekly trigger always has a next time"
    return fire


def _once(current: T | None, value: T, what: str, word: str) -> T:
    if current is not None:
        raise CommandError(f"The {what} is given twice (“{word}”). Try {EXAMPLE}.")
    return value


def _day(word: str) -> str | None:
    key = _DAY_ALIASES.get(word, word[:3] if len(word) >= 3 else word)
    if key in DAY_NAMES and DAY_NAMES[key].lower().startswith(word):
        return key
    return None


def digest_period(fire_day: date) -> tuple[date, date]:
    """The seven days before the day the digest fires: Monday's digest covers Mon–Sun."""
    return fire_day - timedelta(days=7), fire_day - timedelta(days=1)


def _clock(word: str) -> tuple[int, int]:
    match = _TIME.match(word)
    assert match is not None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").lower()
    if suffix and not 1 <= hour <= 12:
        hour = 99
    elif suffix:
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        raise CommandError(f"“{word}” is not a time of day. Use 24-hour HH:MM, e.g. {EXAMPLE}.")
    return hour, minute


@cache
def _zones_by_lower_name() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}
