"""What a release being stored owes the indicator watches: rows of the alert outbox.

Called by :func:`bot.store.releases.insert_release`, inside the transaction that stores the
release (the transactional outbox): a release stored by ``cdfbot ingest``, by a poll or by
anything else queues its alerts or, if the transaction rolls back, none.

For each watched indicator the release states, the *news* is its newest dated value in the
watch's unit (a target, a period after the release's year, is not a value):

* a period no earlier release stated → "4.838 million (2025), up from 4.251 million (2024)",
  the previous value being that of the latest earlier period of the same kind (a year
  after a year, a quarter after a quarter), from this release or a stored one;
* a period an earlier release stated with another value (beyond :data:`SAME_VALUE`, i.e.
  more than rounding) → a revision; with the same value → no news, no alert.

A watch with ``above``/``below`` fires only when the news crosses its threshold: the new
value is beyond it and the value it moved from was not (or is unknown).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from bot.model import Figure, Release, Watch
from bot.store.schema import alert_outbox, figures, watches
from bot.store.timeutil import utcnow
from bot.store.upsert import insert_for
from bot.store.watches import watch_from

SAME_VALUE = 0.01
"""Relative difference below which two statements of a period are one value, rounded."""
PERIODS_SCANNED = 12
"""Earlier periods read to find the latest one of the same kind (annual among quarters)."""
_PERIOD = re.compile(r"(\d{4})(?:[-/](Q?)(\d{1,4}))?")


def queue_alerts(conn: Connection, release_id: int, release: Release, release_date: date) -> int:
    """Insert one outbox row per watch the release fires; returns how many were queued."""
    indicators = {f.indicator for f in release.figures if f.indicator}
    if not indicators:
        return 0
    query = select(watches).where(
        watches.c.indicator.in_(sorted(indicators)), watches.c.broken_reason.is_(None)
    )
    found = [watch_from(row) for row in conn.execute(query).mappings()]
    news: dict[tuple[str, str], dict[str, Any] | None] = {}
    queued = 0
    for watch in found:
        key = (watch.indicator, watch.unit)
        if key not in news:
            news[key] = _news(conn, release_id, release, release_date, *key)
        payload = news[key]
        if payload is None or not fires(watch, payload):
            continue
        statement = (
            insert_for(conn)(alert_outbox)
            .values(
                watch_id=watch.id,
                release_id=release_id,
                payload={**payload, "above": watch.above, "below": watch.below},
                status="pending",
                attempts=0,
                created_at=utcnow(),
            )
            .on_conflict_do_nothing(index_elements=["watch_id", "release_id"])
        )
        queued += conn.execute(statement).rowcount or 0
    return queued


def fires(watch: Watch, news: dict[str, Any]) -> bool:
    """Every piece of news fires a plain watch; a threshold fires when it is crossed."""
    value, before = news["value"], (news.get("previous") or {}).get("value")
    if watch.above is not None:
        return value > watch.above and (before is None or before <= watch.above)
    if watch.below is not None:
        return value < watch.below and (before is None or before >= watch.below)
    return True


def _news(
    conn: Connection, release_id: int, release: Release, day: date, indicator: str, unit: str
) -> dict[str, Any] | None:
    own = [
        f
        for f in release.figures
        if f.indicator == indicator and f.unit == unit and not _is_target(f, day)
    ]
    dated = [f for f in own if f.period]
    if not dated:
        return None
    period = max((f.period or "" for f in dated), key=period_key)
    best = min((f for f in dated if f.period == period), key=_precision)
    news: dict[str, Any] = {
        "indicator": indicator,
        "value": best.value,
        "unit": unit,
        "qualifier": best.qualifier,
        "period": period,
        "revised": False,
        "previous": None,
    }
    stated = _stored_value(conn, release_id, indicator, unit, period)
    if stated is not None:
        if _same(stated, best.value):
            return None
        news.update(revised=True, previous={"value": stated, "period": period})
        return news
    news["previous"] = _previous(conn, release_id, dated, indicator, unit, period)
    return news


def _previous(
    conn: Connection,
    release_id: int,
    dated: list[Figure],
    indicator: str,
    unit: str,
    period: str,
) -> dict[str, Any] | None:
    """The value of the latest earlier period of the same kind, this release's own first."""
    kind, key = _kind(period), period_key(period)
    candidates = {f.period for f in dated if f.period and _kind(f.period) == kind}
    query = (
        select(figures.c.period)
        .where(
            figures.c.indicator == indicator,
            figures.c.unit == unit,
            figures.c.period < period,
            figures.c.release_id != release_id,
        )
        .group_by(figures.c.period)
        .order_by(figures.c.period.desc())
        .limit(PERIODS_SCANNED)
    )
    candidates |= {p for p in conn.scalars(query) if _kind(p) == kind}
    earlier = [p for p in candidates if period_key(p) < key]
    if not earlier:
        return None
    before = max(earlier, key=period_key)
    own = [f for f in dated if f.period == before]
    if own:
        return {"value": min(own, key=_precision).value, "period": before}
    value = _stored_value(conn, release_id, indicator, unit, before)
    return None if value is None else {"value": value, "period": before}


def _stored_value(
    conn: Connection, release_id: int, indicator: str, unit: str, period: str
) -> float | None:
    """The period's value in the newest other release that states it."""
    query = (
        select(figures.c.value)
        .where(
            figures.c.indicator == indicator,
            figures.c.unit == unit,
            figures.c.period == period,
            figures.c.release_id != release_id,
        )
        .order_by(
            figures.c.release_date.desc(),
            figures.c.release_id.desc(),
            figures.c.qualifier.is_not(None),
            figures.c.position,
        )
        .limit(1)
    )
    return conn.scalar(query)


def period_key(period: str) -> tuple[int, int, str]:
    """Chronological order of periods, a year closing after its quarters and months (the
    same order as :func:`bot.lookup.history.period_key`, which the store cannot import)."""
    match = _PERIOD.search(period)
    if not match:
        return (0, 0, period)
    year = int(match.group(1))
    if match.group(3) is None:
        return (year, 100, period)
    number = int(match.group(3))
    if match.group(2):
        return (year, number * 3, period)
    return (year, number if number <= 12 else 100, period)


def _kind(period: str) -> str:
    return re.sub(r"\d", "9", period)


def _is_target(figure: Figure, day: date) -> bool:
    match = _PERIOD.search(figure.period or "")
    return bool(match and int(match.group(1)) > day.year)


def _precision(figure: Figure) -> tuple[bool, int]:
    digits = f"{abs(figure.value):.12g}".split("e")[0].replace(".", "").strip("0")
    return (bool(figure.qualifier), -len(digits))


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= SAME_VALUE * max(abs(a), abs(b))
