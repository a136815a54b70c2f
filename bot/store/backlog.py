"""A source's backlog: listed items a poll had no room for, kept until a later poll takes
them (issue 13 §4). The poll replaces the whole backlog in the transaction of one call, so
it is always the exact set still owed; items are plain dicts (the store knows no adapter
types)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select

from bot.store.schema import source_backlog
from bot.store.timeutil import to_db


def pending(conn: Connection, source_id: int) -> list[tuple[str, dict[str, Any]]]:
    """(canonical URL, item) still owed for ``source_id``, newest first."""
    query = (
        select(source_backlog.c.canonical_url, source_backlog.c.item)
        .where(source_backlog.c.source_id == source_id)
        .order_by(source_backlog.c.position)
    )
    return [(row.canonical_url, dict(row.item)) for row in conn.execute(query)]


def replace(
    conn: Connection, source_id: int, items: Iterable[tuple[str, dict[str, Any]]], now: datetime
) -> None:
    """Make ``items`` (newest first) the source's whole backlog."""
    conn.execute(delete(source_backlog).where(source_backlog.c.source_id == source_id))
    rows = [
        {
            "source_id": source_id,
            "canonical_url": key,
            "position": position,
            "item": item,
            "listed_at": to_db(now),
        }
        for position, (key, item) in enumerate(items)
    ]
    if rows:
        conn.execute(insert(source_backlog), rows)


def counts(conn: Connection) -> dict[int, int]:
    """Items owed per source id (sources with none are absent)."""
    query = select(source_backlog.c.source_id, func.count()).group_by(source_backlog.c.source_id)
    return {source_id: count for source_id, count in conn.execute(query)}
