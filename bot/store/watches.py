"""Watch queries: who is told when an indicator moves (``/cdf watch``, ``cdfbot watch``)."""

from __future__ import annotations

from sqlalchemy import Connection, delete, select, update
from sqlalchemy.engine import RowMapping

from bot.errors import NotFoundError
from bot.model import Watch
from bot.store.schema import watches
from bot.store.timeutil import from_db, utcnow
from bot.store.upsert import insert_for


def watch_from(row: RowMapping) -> Watch:
    return Watch(
        indicator=row["indicator"],
        unit=row["unit"],
        label=row["label"],
        target_kind=row["target_kind"],
        target_id=row["target_id"],
        above=row["above"],
        below=row["below"],
        created_by=row["created_by"],
        id=row["id"],
        created_at=from_db(row["created_at"]),
        broken_reason=row["broken_reason"],
    )


def upsert_watch(conn: Connection, watch: Watch) -> Watch:
    """Create the watch, or replace the threshold of the one this target has on the
    indicator (one statement, race-free); replacing clears ``broken_reason``."""
    values = {
        "indicator": watch.indicator,
        "unit": watch.unit,
        "label": watch.label,
        "target_kind": watch.target_kind,
        "target_id": watch.target_id,
        "above": watch.above,
        "below": watch.below,
        "created_by": watch.created_by,
    }
    changes = {k: values[k] for k in ("unit", "label", "target_kind", "above", "below")}
    statement = (
        insert_for(conn)(watches)
        .values(**values, created_at=utcnow())
        .on_conflict_do_update(
            index_elements=[watches.c.indicator, watches.c.target_id],
            set_={**changes, "broken_reason": None},
        )
        .returning(*watches.c)
    )
    return watch_from(conn.execute(statement).mappings().one())


def list_watches(conn: Connection, target_id: str | None = None) -> list[Watch]:
    query = select(watches).order_by(watches.c.target_id, watches.c.indicator)
    if target_id is not None:
        query = query.where(watches.c.target_id == target_id)
    return [watch_from(row) for row in conn.execute(query).mappings()]


def remove_watch(conn: Connection, indicator: str, target_id: str) -> Watch:
    """Delete and return it; its queued alerts go with it (ON DELETE CASCADE)."""
    query = select(watches).where(
        watches.c.indicator == indicator, watches.c.target_id == target_id
    )
    row = conn.execute(query).mappings().first()
    if row is None:
        raise NotFoundError(f"No watch on {indicator} for {target_id}")
    conn.execute(delete(watches).where(watches.c.id == row["id"]))
    return watch_from(row)


def mark_broken(conn: Connection, watch_id: int, reason: str) -> bool:
    """Record why the target cannot receive alerts; True only on the first report, so the
    admins are told once whatever the number of processes."""
    statement = (
        update(watches)
        .where(watches.c.id == watch_id, watches.c.broken_reason.is_(None))
        .values(broken_reason=reason)
        .returning(watches.c.id)
    )
    return conn.execute(statement).first() is not None
