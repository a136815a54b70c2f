"""Source queries: the watched feeds and pages, and their polling bookkeeping."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, bindparam, delete, insert, or_, select, update

from bot.errors import NotFoundError, StorageError
from bot.model import Source
from bot.store import mapping
from bot.store.schema import sources
from bot.store.timeutil import to_db, utcnow


def add_source(conn: Connection, source: Source) -> Source:
    """Insert; a clear StorageError (naming the existing id) when the URL is taken."""
    _refuse_taken_url(conn, source.url, except_id=None)
    values = mapping.source_values(source)
    values["created_at"] = to_db(source.created_at) or utcnow()
    new_id = conn.execute(insert(sources).values(values).returning(sources.c.id)).scalar_one()
    return get_source(conn, new_id)


def list_sources(conn: Connection) -> list[Source]:
    rows = conn.execute(select(sources).order_by(sources.c.id)).mappings()
    return [mapping.source_from(row) for row in rows]


def get_source(conn: Connection, source_id: int) -> Source:
    row = conn.execute(select(sources).where(sources.c.id == source_id)).mappings().first()
    if row is None:
        raise NotFoundError(f"No source with id {source_id}")
    return mapping.source_from(row)


def update_source(conn: Connection, source: Source) -> Source:
    """Overwrite every field of bot.model.Source; created_at and HTTP cache state are kept."""
    if source.id is None:
        raise NotFoundError("Cannot update a source that has no id (add it first)")
    _refuse_taken_url(conn, source.url, except_id=source.id)
    query = update(sources).where(sources.c.id == source.id)
    result = conn.execute(query.values(mapping.source_values(source)).returning(sources.c.id))
    if result.first() is None:
        raise NotFoundError(f"No source with id {source.id}")
    return get_source(conn, source.id)


def remove_source(conn: Connection, source_id: int) -> Source:
    """Delete and return it; its releases stay, with source_id set NULL by the foreign key."""
    removed = get_source(conn, source_id)
    conn.execute(delete(sources).where(sources.c.id == source_id))
    return removed


def due_sources(conn: Connection, now: datetime) -> list[Source]:
    """Enabled sources whose next poll time has come (or was never set), oldest due first."""
    query = select(sources).where(
        sources.c.enabled.is_(True),
        or_(sources.c.next_poll_at.is_(None), sources.c.next_poll_at <= to_db(now)),
    )
    rows = conn.execute(query.order_by(sources.c.next_poll_at, sources.c.id)).mappings()
    return [mapping.source_from(row) for row in rows]


HEALTH_FIELDS = (
    "last_success_at",
    "last_error",
    "failures",
    "next_poll_at",
    "items_seen",
    "etag",
    "last_modified",
    "body_hash",
)


def record_poll(conn: Connection, source: Source) -> bool:
    """Write only the poll bookkeeping of ``source``; False when it was removed meanwhile.

    Name, URL, interval and the enabled flag are left alone, so an admin's ``pause`` or
    ``every`` issued while a poll was running is not overwritten by the poll's result.
    """
    values = {
        name: value
        for name, value in mapping.source_values(source).items()
        if name in HEALTH_FIELDS
    }
    result = conn.execute(
        update(sources).where(sources.c.id == source.id).values(values).returning(sources.c.id)
    )
    return result.first() is not None


def record_polls(conn: Connection, polled: list[Source]) -> None:
    """:func:`record_poll` for many sources as one executemany UPDATE: a cycle of a
    thousand 304s costs one statement, not a thousand compiled and executed one by one.
    Rows removed meanwhile simply match nothing."""
    if not polled:
        return
    rows = [
        {
            "source_id": source.id,
            **{
                f"new_{name}": value
                for name, value in mapping.source_values(source).items()
                if name in HEALTH_FIELDS
            },
        }
        for source in polled
    ]
    names = [key.removeprefix("new_") for key in rows[0] if key.startswith("new_")]
    statement = (
        update(sources)
        .where(sources.c.id == bindparam("source_id"))
        .values({name: bindparam(f"new_{name}") for name in names})
    )
    conn.execute(statement, rows)


def _refuse_taken_url(conn: Connection, url: str, except_id: int | None) -> None:
    existing = conn.scalar(select(sources.c.id).where(sources.c.url == url))
    if existing is not None and existing != except_id:
        raise StorageError(f"A source with URL {url} already exists (id {existing})")
