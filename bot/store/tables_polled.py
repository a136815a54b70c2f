"""Store methods for what polls find: known item URLs, source links, near-duplicates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from bot.canonical import canonical_url
from bot.errors import StorageError
from bot.model import IngestResult, Release
from bot.store import links, releases
from bot.store.engine import transaction
from bot.store.tables_base import StoreBase


@dataclass(frozen=True, slots=True)
class NearDupRule:
    """Releases fetched since ``since`` whose SimHash differs in at most ``max_distance`` bits
    are the same story (see bot.text.simhash for the threshold's rationale)."""

    since: datetime
    max_distance: int
    max_days_apart: int = 7


class PolledTables(StoreBase):
    """Release–source links (``release_sources``) and releases stored by a poll."""

    def known_urls(self, canonical_urls: Iterable[str]) -> set[str]:
        """Which of these canonical URLs are stored (as a release or a source's link)."""
        with transaction(self.engine) as conn:
            return links.known_urls(conn, canonical_urls)

    def add_polled_release(
        self,
        release: Release,
        *,
        source_id: int,
        listed_url: str,
        simhash: int | None,
        near: NearDupRule,
    ) -> IngestResult:
        """Store a release found by a poll, or link it to the release it duplicates.

        One write transaction: exact duplicate (canonical URL or content hash), else a near
        duplicate (SimHash within ``near.max_distance`` among releases fetched since
        ``near.since``), else insert with figures and commitments. Either way the source is
        linked under ``listed_url`` (the URL its list gave, before any redirect), so the
        next poll knows the item; the same story from two sources is one release, two links.
        """
        for attempt in range(2):
            try:
                with transaction(self._writer) as conn:
                    return self._store_or_link(
                        conn, release, (source_id, listed_url), simhash, near
                    )
            except StorageError as exc:  # a concurrent process stored it first: link instead
                if attempt or not isinstance(exc.__cause__, IntegrityError):
                    raise
        raise AssertionError("unreachable")

    def _store_or_link(
        self,
        conn: Connection,
        release: Release,
        seen_at: tuple[int, str],
        simhash: int | None,
        near: NearDupRule,
    ) -> IngestResult:
        found = releases.find_duplicate(conn, release.canonical_url, release.content_hash)
        if found is None and simhash is not None:
            near_id = links.find_near_duplicate(
                conn,
                simhash,
                near.since,
                near.max_distance,
                published=release.published,
                max_days_apart=near.max_days_apart,
            )
            if near_id is not None:
                found = (near_id, "nearly the same text")
        source_id, url = seen_at
        key = canonical_url(url)
        if found is not None:
            links.link(conn, found[0], source_id, url, key)
            return IngestResult(release, stored=False, duplicate_of=found[0], reason=found[1])
        release.id = releases.insert_release(conn, release, simhash=simhash)
        links.link(conn, release.id, source_id, url, key)
        return IngestResult(release, stored=True)
