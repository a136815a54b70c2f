"""Poll leases: each due source is polled by one process at a time, whatever the number of
replicas (issue 14, item 1; ARCHITECTURE.md "Work is leased, not assumed").

:func:`claim_due_sources` picks due sources whose lease is free (never taken, released,
or past ``lease_until``) and stamps them with the caller's name and an expiry, in one
transaction. On PostgreSQL the pick is ``SELECT … FOR UPDATE SKIP LOCKED``: rows another
replica is claiming at this instant are skipped, not waited for, so replicas never queue
behind each other nor take the same row. On SQLite the Store's write transactions begin
with ``BEGIN IMMEDIATE`` (:mod:`bot.store.engine`), so claims are serialised and
``FOR UPDATE`` (which SQLite lacks, and SQLAlchemy omits there) is not needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, or_, select, update

from bot.model import Source
from bot.store import mapping
from bot.store.schema import sources
from bot.store.timeutil import to_db


def lease_is_free(now: datetime) -> ColumnElement[bool]:
    """Never leased, released, or past its expiry."""
    return or_(sources.c.lease_until.is_(None), sources.c.lease_until <= to_db(now))


def claim_due_sources(
    conn: Connection, now: datetime, owner: str, until: datetime, limit: int
) -> list[Source]:
    """Lease up to ``limit`` due, unleased sources to ``owner`` until ``until``."""
    pick = (
        select(sources.c.id)
        .where(
            sources.c.enabled.is_(True),
            or_(sources.c.next_poll_at.is_(None), sources.c.next_poll_at <= to_db(now)),
            lease_is_free(now),
        )
        .order_by(sources.c.next_poll_at, sources.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    ids = list(conn.scalars(pick))
    if not ids:
        return []
    conn.execute(
        update(sources)
        .where(sources.c.id.in_(ids))
        .values(lease_owner=owner, lease_until=to_db(until))
    )
    rows = conn.execute(select(sources).where(sources.c.id.in_(ids))).mappings()
    by_id = {row["id"]: mapping.source_from(row) for row in rows}
    return [by_id[i] for i in ids if i in by_id]


def release_sources(conn: Connection, ids: Iterable[int], owner: str) -> None:
    """Free ``owner``'s leases on ``ids``; a lease that expired and was taken over by
    another process is left to its new owner."""
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return
    conn.execute(
        update(sources)
        .where(sources.c.id.in_(wanted), sources.c.lease_owner == owner)
        .values(lease_owner=None, lease_until=None)
    )
