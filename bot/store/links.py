"""Queries the poller needs: known item URLs, release ↔ source links, near-duplicates.

A poll asks "which of these listed URLs have I stored already?" for a whole list in one
query (:func:`known_urls`), so an unchanged list page costs no article fetch at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import Connection, insert, select, union

from bot.store.schema import release_sources, releases
from bot.store.timeutil import to_db, utcnow
from bot.text.simhash import distance

URL_BATCH = 500  # canonical URLs per IN (...) list, well under both databases' caps
SIGN_BIT = 1 << 63


def known_urls(conn: Connection, canonical_urls: Iterable[str]) -> set[str]:
    """The subset of ``canonical_urls`` stored as a release or seen on any source."""
    wanted = sorted(set(canonical_urls))
    found: set[str] = set()
    for start in range(0, len(wanted), URL_BATCH):
        batch = wanted[start : start + URL_BATCH]
        query = union(
            select(releases.c.canonical_url).where(releases.c.canonical_url.in_(batch)),
            select(release_sources.c.canonical_url).where(
                release_sources.c.canonical_url.in_(batch)
            ),
        )
        found.update(row[0] for row in conn.execute(query))
    return found


def link(
    conn: Connection, release_id: int, source_id: int, url: str, canonical_url: str | None
) -> bool:
    """Record that ``source_id`` listed ``release_id`` at ``url``; False if it already had."""
    exists = conn.scalar(
        select(release_sources.c.id).where(
            release_sources.c.release_id == release_id,
            release_sources.c.source_id == source_id,
        )
    )
    if exists is not None:
        return False
    conn.execute(
        insert(release_sources).values(
            release_id=release_id,
            source_id=source_id,
            url=url,
            canonical_url=canonical_url,
            first_seen=utcnow(),
        )
    )
    return True


def sources_of(conn: Connection, release_id: int) -> list[tuple[int, str]]:
    """(source id, URL) of every source the release was seen on, first seen first."""
    query = (
        select(release_sources.c.source_id, release_sources.c.url)
        .where(release_sources.c.release_id == release_id)
        .order_by(release_sources.c.first_seen, release_sources.c.id)
    )
    return [(row[0], row[1]) for row in conn.execute(query)]


def find_near_duplicate(
    conn: Connection,
    simhash: int,
    since: datetime,
    max_distance: int,
    *,
    published: date | None = None,
    max_days_apart: int = 7,
) -> int | None:
    """Id of the closest release fetched since ``since`` within ``max_distance`` bits.

    Releases dated more than ``max_days_apart`` from ``published`` never match: a monthly
    bulletin that repeats last month's wording with new numbers is a new release.
    A scan of the window's hashes in Python: releases arrive at tens a day, so a 30-day
    window is a few thousand integers (well under a millisecond of popcounts).
    """
    query = select(releases.c.id, releases.c.simhash, releases.c.published).where(
        releases.c.simhash.is_not(None), releases.c.fetched_at >= to_db(since)
    )
    best: tuple[int, int] | None = None
    for release_id, stored, stored_date in conn.execute(query):
        if published and stored_date and abs((published - stored_date).days) > max_days_apart:
            continue
        apart = distance(to_unsigned(stored), simhash)
        if apart <= max_distance and (best is None or apart < best[0]):
            best = (apart, release_id)
    return best[1] if best else None


def to_signed(value: int) -> int:
    """An unsigned 64-bit hash as the signed BIGINT both databases store."""
    return value - (1 << 64) if value & SIGN_BIT else value


def to_unsigned(value: int) -> int:
    return value + (1 << 64) if value < 0 else value
