"""Queries for model-written text: what to ask about, the daily budget, the results."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, select, update

from bot.model import Release
from bot.store import mapping
from bot.store.releases import _releases_query, _with_children
from bot.store.schema import figures, llm_results, llm_usage, releases
from bot.store.timeutil import utcnow
from bot.store.upsert import insert_for


def releases_to_enrich(conn: Connection, limit: int) -> list[Release]:
    """The newest releases no model was asked about yet, with their figures."""
    asked = select(llm_results.c.release_id).where(llm_results.c.release_id == releases.c.id)
    query = (
        _releases_query()
        .where(~asked.exists())
        .order_by(releases.c.fetched_at.desc(), releases.c.id.desc())
        .limit(limit)
    )
    found = [mapping.release_from(row) for row in conn.execute(query).mappings()]
    return _with_children(conn, found)


def take_call(conn: Connection, day: date, budget: int) -> bool:
    """Count one call against ``day``'s budget; False (nothing counted) when it is spent.

    One conditional UPDATE, so processes sharing the database never overspend together."""
    conn.execute(
        insert_for(conn)(llm_usage)
        .values(day=day, calls=0)
        .on_conflict_do_nothing(index_elements=["day"])
    )
    taken = conn.execute(
        update(llm_usage)
        .where(llm_usage.c.day == day, llm_usage.c.calls < budget)
        .values(calls=llm_usage.c.calls + 1)
        .returning(llm_usage.c.day)
    )
    return taken.first() is not None


def save_result(
    conn: Connection,
    release_id: int,
    status: str,
    *,
    summary: str | None = None,
    labels: dict[str, str] | None = None,
    reason: str | None = None,
) -> bool:
    """Record the outcome once (False when another process recorded it first); an ``ok``
    result replaces the release's summary and the labels of the subjects it names."""
    values: dict[str, Any] = {
        "release_id": release_id,
        "status": status,
        "summary": summary,
        "labels": labels,
        "reason": reason,
        "created_at": utcnow(),
    }
    inserted = conn.execute(
        insert_for(conn)(llm_results)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["release_id"])
        .returning(llm_results.c.release_id)
    )
    if inserted.first() is None:
        return False
    if status == "ok":
        if summary:
            conn.execute(
                update(releases).where(releases.c.id == release_id).values(summary=summary)
            )
        for subject, english in (labels or {}).items():
            conn.execute(
                update(figures)
                .where(figures.c.release_id == release_id, figures.c.subject == subject)
                .values(subject_en=english)
            )
    return True


def result_of(conn: Connection, release_id: int) -> dict[str, Any] | None:
    row = conn.execute(select(llm_results).where(llm_results.c.release_id == release_id))
    found = row.mappings().first()
    return dict(found) if found else None
