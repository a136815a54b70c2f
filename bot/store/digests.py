"""Exactly-once weekly digests across processes: claim, then complete or fail.

The row for (subscription, period_start) is the lock. Claiming is a single INSERT … ON
CONFLICT DO NOTHING, so the unique constraint decides a race; taking over a failed or
stale claim is a single conditional UPDATE, so of two racers only one gets a row back
(PostgreSQL re-checks the WHERE after waiting on the row lock; SQLite serialises writers).

A takeover is a *retry*: the earlier attempt may have reached Slack, so the poster looks
for the digest's marker before posting (see :mod:`bot.slack.post`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Connection, and_, func, or_, select, update

from bot.errors import NotFoundError
from bot.store.schema import digests_sent
from bot.store.timeutil import from_db, utcnow
from bot.store.upsert import insert_for


@dataclass(frozen=True, slots=True)
class DigestAttempt:
    """A claim the caller won: when, and whether it took over an earlier attempt's."""

    claimed_at: datetime
    retry: bool


def claim_digest(
    conn: Connection,
    subscription_id: int,
    period_start: date,
    period_end: date,
    claimed_by: str,
    stale_after: timedelta,
) -> DigestAttempt | None:
    """The attempt when the caller now owns sending this digest, else None (see module
    docstring)."""
    now = utcnow()
    claim = {
        "period_end": period_end,
        "status": "claimed",
        "claimed_at": now,
        "claimed_by": claimed_by,
        "sent_at": None,
        "error": None,
    }
    inserted = conn.execute(
        insert_for(conn)(digests_sent)
        .values(subscription_id=subscription_id, period_start=period_start, **claim)
        .on_conflict_do_nothing(index_elements=["subscription_id", "period_start"])
        .returning(digests_sent.c.id)
    )
    if inserted.first() is not None:
        return DigestAttempt(claimed_at=now.replace(tzinfo=UTC), retry=False)
    takeover = conn.execute(
        update(digests_sent)
        .where(
            digests_sent.c.subscription_id == subscription_id,
            digests_sent.c.period_start == period_start,
            or_(
                digests_sent.c.status == "failed",
                and_(
                    digests_sent.c.status == "claimed",
                    digests_sent.c.claimed_at < now - stale_after,
                ),
            ),
        )
        .values(**claim)
        .returning(digests_sent.c.id)
    )
    if takeover.first() is None:
        return None
    return DigestAttempt(claimed_at=now.replace(tzinfo=UTC), retry=True)


def complete_digest(
    conn: Connection, subscription_id: int, period_start: date, message_ts: str | None
) -> None:
    """Mark the claimed digest sent (a claim must exist)."""
    result = conn.execute(
        _one(subscription_id, period_start)
        .values(status="sent", sent_at=utcnow(), message_ts=message_ts, error=None)
        .returning(digests_sent.c.id)
    )
    if result.first() is None:
        raise NotFoundError(f"No digest claim for subscription {subscription_id} {period_start}")


def fail_digest(conn: Connection, subscription_id: int, period_start: date, error: str) -> None:
    """Mark it failed so a later run retries; a digest already 'sent' is never reopened."""
    result = conn.execute(
        _one(subscription_id, period_start)
        .where(digests_sent.c.status != "sent")
        .values(status="failed", error=error)
        .returning(digests_sent.c.id)
    )
    if result.first() is None and not _exists(conn, subscription_id, period_start):
        raise NotFoundError(f"No digest claim for subscription {subscription_id} {period_start}")


def abandon_digest(conn: Connection, subscription_id: int, period_start: date, error: str) -> bool:
    """Close a claimed digest that can never be posted: ``sent`` with no message and the
    error kept, so no run takes it over again. True only the first time."""
    result = conn.execute(
        _one(subscription_id, period_start)
        .where(digests_sent.c.status != "sent")
        .values(status="sent", sent_at=utcnow(), message_ts=None, error=f"refused: {error}")
        .returning(digests_sent.c.id)
    )
    return result.first() is not None


def last_digest(conn: Connection, subscription_id: int) -> date | None:
    """period_start of the newest digest actually sent to this subscription."""
    return conn.scalar(
        select(func.max(digests_sent.c.period_start)).where(
            digests_sent.c.subscription_id == subscription_id, digests_sent.c.status == "sent"
        )
    )


def _one(subscription_id: int, period_start: date):
    return update(digests_sent).where(
        digests_sent.c.subscription_id == subscription_id,
        digests_sent.c.period_start == period_start,
    )


def _exists(conn: Connection, subscription_id: int, period_start: date) -> bool:
    query = select(digests_sent.c.id).where(
        digests_sent.c.subscription_id == subscription_id,
        digests_sent.c.period_start == period_start,
    )
    return conn.scalar(query) is not None


def last_sent_at(conn: Connection, subscription_id: int) -> datetime | None:
    """When a digest was last actually posted to this subscription (aware UTC)."""
    query = select(func.max(digests_sent.c.sent_at)).where(
        digests_sent.c.subscription_id == subscription_id, digests_sent.c.status == "sent"
    )
    return from_db(conn.scalar(query))
