"""Subscription queries: which channel gets the digest, when, with which filters."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, delete, select, update

from bot.errors import NotFoundError
from bot.model import Subscription
from bot.store import mapping
from bot.store.schema import subscriptions
from bot.store.timeutil import from_db, utcnow
from bot.store.upsert import insert_for


def upsert_subscription(conn: Connection, sub: Subscription) -> Subscription:
    """Create or replace the channel's subscription in one statement (race-free).

    Replacing clears ``broken_reason`` (a person reconfiguring a channel has fixed it) and
    keeps the original ``created_by`` unless a new one is given.
    """
    values = mapping.subscription_values(sub)
    changes = {**values, "broken_reason": None}
    del changes["channel_id"]
    if sub.created_by is None:
        del changes["created_by"]
    statement = (
        insert_for(conn)(subscriptions)
        .values(**values, created_at=utcnow())
        .on_conflict_do_update(index_elements=[subscriptions.c.channel_id], set_=changes)
        .returning(*subscriptions.c)
    )
    return mapping.subscription_from(conn.execute(statement).mappings().one())


def list_subscriptions(conn: Connection, active_only: bool) -> list[Subscription]:
    query = select(subscriptions).order_by(subscriptions.c.id)
    if active_only:
        query = query.where(subscriptions.c.active.is_(True))
    return [mapping.subscription_from(row) for row in conn.execute(query).mappings()]


def remove_subscription(conn: Connection, channel_id: str) -> Subscription:
    """Delete and return it; its digests_sent history goes with it (ON DELETE CASCADE)."""
    query = select(subscriptions).where(subscriptions.c.channel_id == channel_id)
    row = conn.execute(query).mappings().first()
    if row is None:
        raise NotFoundError(f"No subscription for channel {channel_id}")
    conn.execute(delete(subscriptions).where(subscriptions.c.id == row["id"]))
    return mapping.subscription_from(row)


def mark_broken(conn: Connection, subscription_id: int, reason: str) -> bool:
    """Record why the channel cannot receive digests; True only on the first report.

    The ``broken_reason IS NULL`` guard makes "tell the admins once" a property of the
    database, so two bot processes hitting the same dead channel alert only once.
    """
    statement = (
        update(subscriptions)
        .where(subscriptions.c.id == subscription_id, subscriptions.c.broken_reason.is_(None))
        .values(broken_reason=reason)
        .returning(subscriptions.c.id)
    )
    return conn.execute(statement).first() is not None


def created_at(conn: Connection, subscription_id: int) -> datetime | None:
    """When the subscription was first made (aware UTC), or None if it is gone."""
    query = select(subscriptions.c.created_at).where(subscriptions.c.id == subscription_id)
    return from_db(conn.scalar(query))
