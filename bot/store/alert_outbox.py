"""Exactly-once alerts across processes: pending → claimed → sent (or failed, or dropped).

Rows are written by :mod:`bot.store.alert_queue` with the release. Sending one is the
digest pattern (:mod:`bot.store.digests`): claiming is a single conditional UPDATE, so of
two racers only one gets the row back (PostgreSQL re-checks the WHERE after waiting on the
row lock; SQLite serialises writers); the claim is completed once Slack has the message. A
claim left by a crash goes stale and is taken over; a failed send is retried up to
``max_attempts`` times; an alert to a target that cannot receive messages is *dropped*.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Connection, and_, func, or_, select, update

from bot.errors import NotFoundError
from bot.model import Alert
from bot.store.schema import alert_outbox, releases, sources, watches
from bot.store.timeutil import utcnow
from bot.store.watches import watch_from


def _claimable(stale_after: timedelta, max_attempts: int):
    now = utcnow()
    return or_(
        alert_outbox.c.status == "pending",
        and_(alert_outbox.c.status == "failed", alert_outbox.c.attempts < max_attempts),
        and_(
            alert_outbox.c.status == "claimed",
            alert_outbox.c.claimed_at < now - stale_after,
        ),
    )


def due_alerts(
    conn: Connection, stale_after: timedelta, max_attempts: int, limit: int
) -> list[Alert]:
    """Alerts that may be claimed now, oldest first, with their watch and release."""
    query = (
        select(
            alert_outbox,
            *[c.label(f"w_{c.name}") for c in watches.c],
            releases.c.title.label("release_title"),
            releases.c.url.label("release_url"),
            sources.c.name.label("source_name"),
        )
        .select_from(
            alert_outbox.join(watches, alert_outbox.c.watch_id == watches.c.id)
            .join(releases, alert_outbox.c.release_id == releases.c.id)
            .outerjoin(sources, releases.c.source_id == sources.c.id)
        )
        .where(_claimable(stale_after, max_attempts))
        .order_by(alert_outbox.c.id)
        .limit(limit)
    )
    found = []
    for row in conn.execute(query).mappings():
        watch_row = {c.name: row[f"w_{c.name}"] for c in watches.c}
        found.append(
            Alert(
                id=row["id"],
                watch=watch_from(watch_row),  # type: ignore[arg-type]
                release_id=row["release_id"],
                payload=dict(row["payload"]),
                release_title=row["release_title"],
                release_url=row["release_url"],
                source_name=row["source_name"],
                status=row["status"],
                attempts=row["attempts"],
            )
        )
    return found


def claim_alert(
    conn: Connection, alert_id: int, claimed_by: str, stale_after: timedelta, max_attempts: int
) -> bool:
    """True when the caller now owns sending this alert (see module docstring)."""
    statement = (
        update(alert_outbox)
        .where(alert_outbox.c.id == alert_id, _claimable(stale_after, max_attempts))
        .values(
            status="claimed",
            claimed_at=utcnow(),
            claimed_by=claimed_by,
            attempts=alert_outbox.c.attempts + 1,
        )
        .returning(alert_outbox.c.id)
    )
    return conn.execute(statement).first() is not None


def finish_alert(
    conn: Connection,
    alert_id: int,
    status: str,
    *,
    message_ts: str | None = None,
    error: str | None = None,
) -> None:
    """Mark a claimed alert sent, failed or dropped; a sent alert is never reopened."""
    values: dict[str, object] = {"status": status, "error": error}
    if status == "sent":
        values.update(sent_at=utcnow(), message_ts=message_ts)
    result = conn.execute(
        update(alert_outbox)
        .where(alert_outbox.c.id == alert_id, alert_outbox.c.status != "sent")
        .values(**values)
        .returning(alert_outbox.c.id)
    )
    if (
        result.first() is None
        and conn.scalar(select(alert_outbox.c.id).where(alert_outbox.c.id == alert_id)) is None
    ):
        raise NotFoundError(f"No queued alert {alert_id}")


def alert_statuses(conn: Connection) -> dict[str, int]:
    """How many alerts are in each status (for ``cdfbot alerts``)."""
    query = select(alert_outbox.c.status, func.count()).group_by(alert_outbox.c.status)
    return {status: count for status, count in conn.execute(query)}
