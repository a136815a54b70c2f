"""Every figure with its release, for ``cdfbot export``: read in keyset pages.

Pages follow ``figures.id`` (the primary key), each read in its own short transaction, so
exporting a million figures never holds one long read open (a PostgreSQL snapshot, a SQLite
WAL checkpoint held back) nor loads them all into memory.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection

from bot.model import StoredFigure
from bot.store import mapping
from bot.store.releases import stored_figures_query
from bot.store.schema import figures, releases

EXPORT_PAGE = 2000


def export_page(
    conn: Connection,
    after_id: int,
    *,
    since: date | None,
    indicator: str | None,
    limit: int = EXPORT_PAGE,
) -> list[tuple[int, str, StoredFigure]]:
    """(figure id, release language, figure) for the next ``limit`` figures after ``after_id``."""
    query = stored_figures_query().add_columns(releases.c.language.label("release_language"))
    query = query.where(figures.c.id > after_id)
    if since is not None:
        query = query.where(figures.c.release_date >= since)
    if indicator is not None:
        query = query.where(figures.c.indicator == indicator)
    rows = conn.execute(query.order_by(figures.c.id).limit(limit)).mappings()
    return [(row["id"], row["release_language"], mapping.stored_figure_from(row)) for row in rows]
