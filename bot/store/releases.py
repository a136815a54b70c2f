"""Release queries: duplicate check, atomic insert with children, windows and lookups.

All functions take an open :class:`~sqlalchemy.Connection`; the :class:`~bot.store.Store`
facade decides the transaction boundaries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime, time, timedelta

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    func,
    insert,
    or_,
    select,
)

from bot.errors import NotFoundError
from bot.model import Release, StoredFigure
from bot.store import mapping
from bot.store.alert_queue import queue_alerts
from bot.store.links import to_signed
from bot.store.schema import commitments, figures, releases, sources
from bot.store.timeutil import from_db, to_db, utcnow

CHILD_BATCH = 500  # ids per IN (...) list: well under SQLite's and PostgreSQL's parameter caps
LIKE_ESCAPE = "\\"


def find_duplicate(
    conn: Connection, canonical_url: str | None, content_hash: str
) -> tuple[int, str] | None:
    """(id, reason) of a stored release with the same canonical URL or content, else None."""
    if canonical_url:
        found = conn.scalar(select(releases.c.id).where(releases.c.canonical_url == canonical_url))
        if found is not None:
            return found, "same canonical URL"
    found = conn.scalar(select(releases.c.id).where(releases.c.content_hash == content_hash))
    return (found, "same content") if found is not None else None


def insert_release(conn: Connection, release: Release, *, simhash: int | None = None) -> int:
    """Insert the release row, then its figures and commitments, and queue the alerts it
    owes indicator watches (the outbox, :mod:`bot.store.alert_queue`); returns the new id.

    ``simhash`` is the unsigned 64-bit SimHash of the text (bot.text.simhash), if known.
    """
    values = mapping.release_values(release)
    values["fetched_at"] = values["fetched_at"] or utcnow()
    if simhash is not None:
        values["simhash"] = to_signed(simhash)
    release_id = conn.execute(insert(releases).values(values).returning(releases.c.id)).scalar_one()
    release.fetched_at = from_db(values["fetched_at"])
    release_date = release.published or values["fetched_at"].date()
    if release.figures:
        rows = [
            mapping.figure_values(figure, release_id, position, release_date)
            for position, figure in enumerate(release.figures)
        ]
        conn.execute(insert(figures), rows)
    if release.commitments:
        rows = [
            mapping.commitment_values(commitment, release_id, position)
            for position, commitment in enumerate(release.commitments)
        ]
        conn.execute(insert(commitments), rows)
    queue_alerts(conn, release_id, release, release_date)
    return release_id


def get_release(conn: Connection, release_id: int) -> Release:
    row = conn.execute(_releases_query().where(releases.c.id == release_id)).mappings().first()
    if row is None:
        raise NotFoundError(f"No release with id {release_id}")
    return _with_children(conn, [mapping.release_from(row)])[0]


def count_releases(conn: Connection) -> int:
    return conn.scalar(select(func.count()).select_from(releases)) or 0


def releases_between(conn: Connection, start: datetime, end: datetime) -> list[Release]:
    """Releases dated in [start, end] (both inclusive), newest first.

    A release's date is its published date (taken as midnight) when known, else its
    fetch time. Both halves of the OR use an index (releases.published / fetched_at).
    """
    start_at, end_at = to_db(start), to_db(end)
    first_day = start_at.date() + timedelta(days=0 if start_at.time() == time.min else 1)
    dated = and_(releases.c.published >= first_day, releases.c.published <= end_at.date())
    undated = and_(
        releases.c.published.is_(None),
        releases.c.fetched_at >= start_at,
        releases.c.fetched_at <= end_at,
    )
    rows = conn.execute(_releases_query().where(or_(dated, undated))).mappings()
    found = sorted((mapping.release_from(row) for row in rows), key=_newest_key, reverse=True)
    return _with_children(conn, found)


def recent_releases(conn: Connection, limit: int) -> list[Release]:
    """The most recently stored releases (by fetch time), with figures and commitments."""
    query = _releases_query().order_by(releases.c.fetched_at.desc(), releases.c.id.desc())
    rows = conn.execute(query.limit(limit)).mappings()
    return _with_children(conn, [mapping.release_from(row) for row in rows])


def search_releases(conn: Connection, words: str, limit: int) -> list[Release]:
    """Releases whose title or text contains every word (case-insensitive); no children."""
    terms = words.split()
    if not terms:
        return []
    title, body = releases.c.title, releases.c.text
    matches = [or_(_contains(conn, title, t), _contains(conn, body, t)) for t in terms]
    query = _releases_query().where(*matches)
    query = query.order_by(releases.c.fetched_at.desc(), releases.c.id.desc()).limit(limit)
    return [mapping.release_from(row) for row in conn.execute(query).mappings()]


def figures_for_indicator(conn: Connection, indicator: str, limit: int) -> list[StoredFigure]:
    """Figures for one indicator, newest release first, document order within a release.

    The ORDER BY runs ix_figures_indicator_history backwards (no sort step); the few rows
    returned are then put back into document order within each release.
    """
    return _stored_figures(conn, [figures.c.indicator == indicator], limit, pick_first=False)


def has_figures(conn: Connection, indicator: str) -> bool:
    """One probe of the indicator index: pick lists only need to know that values exist."""
    found = conn.scalar(select(figures.c.id).where(figures.c.indicator == indicator).limit(1))
    return found is not None


def figures_matching_subject(conn: Connection, words: str, limit: int) -> list[StoredFigure]:
    """Figures whose subject contains every word (case-insensitive, % and _ literal).

    A full scan of figures (no index can serve a substring match); see _contains.
    """
    terms = words.split()
    if not terms:
        return []
    matches = [_contains(conn, figures.c.subject, term) for term in terms]
    return _stored_figures(conn, matches, limit, pick_first=True)


def escape_like(term: str) -> str:
    """Make LIKE wildcards in user input literal."""
    return (
        term.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
        .replace("%", LIKE_ESCAPE + "%")
        .replace("_", LIKE_ESCAPE + "_")
    )


def _contains(conn: Connection, column: ColumnElement[str], term: str) -> ColumnElement[bool]:
    """Case-insensitive substring test.

    SQLite's LIKE already ignores ASCII case (and its lower() knows no other letters), so
    plain LIKE there avoids a lower() call per row: about 2x faster on a 1M-row scan.
    PostgreSQL gets ILIKE.
    """
    pattern = f"%{escape_like(term)}%"
    if conn.dialect.name == "sqlite":
        return column.like(pattern, escape=LIKE_ESCAPE)
    return column.ilike(pattern, escape=LIKE_ESCAPE)


def _releases_query() -> Select:
    return select(*releases.c, sources.c.name.label("source_name")).select_from(
        releases.outerjoin(sources, releases.c.source_id == sources.c.id)
    )


def stored_figures_query() -> Select:
    """Figures joined with their release's title, URL, date and source name."""
    return select(
        *figures.c,
        releases.c.title.label("release_title"),
        releases.c.url.label("release_url"),
        releases.c.published,
        sources.c.name.label("source_name"),
    ).select_from(
        figures.join(releases, figures.c.release_id == releases.c.id).outerjoin(
            sources, releases.c.source_id == sources.c.id
        )
    )


def _stored_figures(
    conn: Connection, conditions: list[ColumnElement[bool]], limit: int, *, pick_first: bool
) -> list[StoredFigure]:
    """Figures joined with release and source, newest first, document order per release.

    ``pick_first`` selects the figure ids in a subquery before joining: for a scan (subject
    LIKE) it stops SQLite driving the query from releases with an index probe per release
    (3x slower); for an index range (indicator) the plain join is faster, so it is off.
    """
    order = (figures.c.release_date.desc(), figures.c.release_id.desc(), figures.c.position.desc())
    if pick_first:
        picked = select(figures.c.id).where(*conditions).order_by(*order).limit(limit)
        query = stored_figures_query().where(figures.c.id.in_(picked.scalar_subquery()))
    else:
        query = stored_figures_query().where(*conditions).order_by(*order).limit(limit)
    rows = list(conn.execute(query).mappings())
    rows.sort(key=lambda row: row["position"])
    rows.sort(key=lambda row: (row["release_date"], row["release_id"]), reverse=True)
    return [mapping.stored_figure_from(row) for row in rows]


def _newest_key(release: Release) -> tuple[datetime, int]:
    when = datetime.combine(release.published, time.min) if release.published else None
    fetched = to_db(release.fetched_at) or datetime.min
    return (when or fetched, release.id or 0)


def _with_children(conn: Connection, found: list[Release]) -> list[Release]:
    """Fill figures and commitments for all releases with one query per table (per batch)."""
    by_id = {release.id: release for release in found}
    figure_rows = defaultdict(list)
    commitment_rows = defaultdict(list)
    for batch in _batches([rid for rid in by_id if rid is not None], CHILD_BATCH):
        query = select(figures).where(figures.c.release_id.in_(batch))
        for row in conn.execute(
            query.order_by(figures.c.release_id, figures.c.position)
        ).mappings():
            figure_rows[row["release_id"]].append(mapping.figure_from(row))
        query = select(commitments).where(commitments.c.release_id.in_(batch))
        order = (commitments.c.release_id, commitments.c.position)
        for row in conn.execute(query.order_by(*order)).mappings():
            commitment_rows[row["release_id"]].append(mapping.commitment_from(row))
    for release_id, release in by_id.items():
        release.figures = figure_rows.get(release_id, [])
        release.commitments = commitment_rows.get(release_id, [])
    return found


def _batches(ids: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for offset in range(0, len(ids), size):
        yield ids[offset : offset + size]
