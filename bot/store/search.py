"""Indexed text search over figure subjects, release texts and commitments (``/cdf``).

SQLite: the trigram FTS5 tables of migration 0003. A trigram index can only serve terms of
three or more characters, so shorter terms (``AI``, ``网民``) are checked with LIKE on the
rows the longer terms selected, or, when every term is short, by the plain scan of
:mod:`bot.store.releases`. Matches are taken newest-stored first (``ORDER BY rowid DESC``,
which FTS5 walks lazily), capped at :data:`CANDIDATES`, then sorted by release date, so a
common word never sorts a million rows inside a slash command's 3 seconds.

PostgreSQL: the same ILIKE queries as :mod:`bot.store.releases`, served by the ``pg_trgm``
GIN indexes of migration 0003.
"""

from __future__ import annotations

from sqlalchemy import Connection, and_, column, func, literal_column, or_, select, table

from bot.model import Commitment, Release, StoredFigure
from bot.store import mapping, releases
from bot.store.schema import commitments, figures
from bot.store.schema import releases as releases_table

CANDIDATES = 200
MIN_TRIGRAM = 3
_FTS_TABLES = ("figures_fts", "releases_fts")
_FTS_SHADOWS = ("", "_data", "_idx", "_docsize", "_config", "_content")
SEARCH_OBJECTS = frozenset(
    [f"{name}{suffix}" for name in _FTS_TABLES for suffix in _FTS_SHADOWS]
    + ["ix_figures_subject_trgm", "ix_releases_title_trgm", "ix_releases_text_trgm"]
)
"""Tables and indexes migration 0003 creates outside ``schema.py`` (with FTS5 shadows)."""


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic ``include_name`` hook: leave the search objects out of schema comparisons."""
    return name not in SEARCH_OBJECTS


def _terms(words: str) -> tuple[list[str], list[str]]:
    terms = words.split()
    return [t for t in terms if len(t) >= MIN_TRIGRAM], [t for t in terms if len(t) < MIN_TRIGRAM]


def _match(terms: list[str]) -> str:
    """An FTS5 query ANDing each term as a quoted phrase (quotes doubled, so input is inert)."""
    return " AND ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _fts_ids(conn: Connection, fts: str, terms: list[str], limit: int) -> list[int]:
    index = table(fts, column("rowid"))
    query = (
        select(index.c.rowid)
        .where(literal_column(fts).op("MATCH")(_match(terms)))
        .order_by(index.c.rowid.desc())
        .limit(limit)
    )
    return list(conn.scalars(query))


def figures_by_subject(conn: Connection, words: str, limit: int) -> list[StoredFigure]:
    """Figures whose subject contains every word, newest release first."""
    long, short = _terms(words)
    if conn.dialect.name != "sqlite" or not long:
        return releases.figures_matching_subject(conn, words, limit)
    ids = _fts_ids(conn, "figures_fts", long, CANDIDATES)
    if not ids:
        return []
    conditions = [figures.c.id.in_(ids)]
    conditions += [releases._contains(conn, figures.c.subject, term) for term in short]
    return releases._stored_figures(conn, conditions, limit, pick_first=False)


def releases_by_text(conn: Connection, words: str, limit: int) -> list[Release]:
    """Releases whose title or text contains every word, newest stored first; no children."""
    long, short = _terms(words)
    if conn.dialect.name != "sqlite" or not long:
        return releases.search_releases(conn, words, limit)
    ids = _fts_ids(conn, "releases_fts", long, CANDIDATES if short else limit)
    if not ids:
        return []
    title, body = releases_table.c.title, releases_table.c.text
    query = releases._releases_query().where(releases_table.c.id.in_(ids))
    for term in short:
        query = query.where(
            or_(releases._contains(conn, title, term), releases._contains(conn, body, term))
        )
    query = query.order_by(releases_table.c.id.desc()).limit(limit)
    return [mapping.release_from(row) for row in conn.execute(query).mappings()]


def commitments_about(conn: Connection, topic: str, limit: int) -> list[tuple[Commitment, Release]]:
    """Commitments whose area is ``topic`` or whose text contains every word of it.

    Commitments are few (a handful per release), so a scan is fine; newest release first.
    """
    terms = topic.split()
    if not terms:
        return []
    in_text = and_(*(releases._contains(conn, commitments.c.text, term) for term in terms))
    query = (
        select(commitments)
        .where(or_(func.lower(commitments.c.area) == topic.lower(), in_text))
        .order_by(commitments.c.release_id.desc(), commitments.c.position)
        .limit(limit)
    )
    rows = list(conn.execute(query).mappings())
    ids = {row["release_id"] for row in rows}
    by_id = {
        row["id"]: mapping.release_from(row)
        for row in conn.execute(
            releases._releases_query().where(releases_table.c.id.in_(ids))
        ).mappings()
    }
    return [(mapping.commitment_from(row), by_id[row["release_id"]]) for row in rows]
