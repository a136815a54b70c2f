"""The :class:`Store` facade: transaction boundaries around the query modules.

Each public method is one transaction. Reads use a plain BEGIN; writes use the writer
engine (``BEGIN IMMEDIATE`` on SQLite, see :mod:`bot.store.engine`). SQLAlchemy errors come
out as :class:`~bot.errors.StorageError`; missing rows as :class:`~bot.errors.NotFoundError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from bot.canonical import canonical_url
from bot.errors import StorageError
from bot.model import (
    AuditEntry,
    Commitment,
    IngestResult,
    Release,
    Source,
    StoredFigure,
    Subscription,
)
from bot.store import (
    audit,
    digests,
    history,
    links,
    moves,
    releases,
    search,
    sources,
    subscriptions,
)
from bot.store.engine import make_engine, transaction, writer
from bot.store.migrate import require_head, upgrade


@dataclass(frozen=True, slots=True)
class NearDupRule:
    """Releases fetched since ``since`` whose SimHash differs in at most ``max_distance`` bits
    are the same story (see bot.watch.poll.near_dup for the threshold's rationale)."""

    since: datetime
    max_distance: int
    max_days_apart: int = 7


class Store:
    """All persistence the bot needs; safe to share between threads (pooled connections)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = writer(engine)

    def close(self) -> None:
        self.engine.dispose()

    # ---- releases -----------------------------------------------------------------------

    def find_duplicate(self, canonical_url: str | None, content_hash: str) -> int | None:
        with transaction(self.engine) as conn:
            found = releases.find_duplicate(conn, canonical_url, content_hash)
        return found[0] if found else None

    def add_release(self, release: Release) -> IngestResult:
        """Store release + figures + commitments atomically, unless it is a duplicate.

        The duplicate check runs inside the write transaction; if another process wins the
        race anyway, the unique constraint fires and the check is repeated to report it.
        """
        try:
            with transaction(self._writer) as conn:
                found = releases.find_duplicate(conn, release.canonical_url, release.content_hash)
                if found is None:
                    release.id = releases.insert_release(conn, release)
                    return IngestResult(release, stored=True)
        except StorageError as exc:
            if not isinstance(exc.__cause__, IntegrityError):
                raise
            found = self._duplicate_after_race(release, exc)
        return IngestResult(release, stored=False, duplicate_of=found[0], reason=found[1])

    def _duplicate_after_race(self, release: Release, error: StorageError) -> tuple[int, str]:
        with transaction(self.engine) as conn:
            found = releases.find_duplicate(conn, release.canonical_url, release.content_hash)
        if found is None:  # the constraint was not a uniqueness clash: a real error
            raise error
        return found

    def get_release(self, release_id: int) -> Release:
        with transaction(self.engine) as conn:
            return releases.get_release(conn, release_id)

    def count_releases(self) -> int:
        with transaction(self.engine) as conn:
            return releases.count_releases(conn)

    def releases_between(self, start: datetime, end: datetime) -> list[Release]:
        with transaction(self.engine) as conn:
            return releases.releases_between(conn, start, end)

    def recent_releases(self, limit: int) -> list[Release]:
        with transaction(self.engine) as conn:
            return releases.recent_releases(conn, limit)

    def indicators_with_figures(self, indicators: Iterable[str]) -> set[str]:
        """Which of ``indicators`` have any figure: one index probe each, one transaction."""
        with transaction(self.engine) as conn:
            return {i for i in indicators if releases.has_figures(conn, i)}

    def figures_for_indicator(self, indicator: str, limit: int = 200) -> list[StoredFigure]:
        with transaction(self.engine) as conn:
            return releases.figures_for_indicator(conn, indicator, limit)

    def figures_by_period(
        self,
        indicator: str,
        unit: str | None,
        *,
        max_periods: int = 24,
        releases_per_period: int = 3,
    ) -> list[StoredFigure]:
        """The newest releases' figures for each of the indicator's latest periods (in
        ``unit``), newest release first: history across periods (see bot.store.history)."""
        with transaction(self.engine) as conn:
            return history.figures_by_period(
                conn,
                indicator,
                unit,
                max_periods=max_periods,
                releases_per_period=releases_per_period,
            )

    def figures_matching_subject(self, words: str, limit: int = 50) -> list[StoredFigure]:
        with transaction(self.engine) as conn:
            return releases.figures_matching_subject(conn, words, limit)

    def search_releases(self, words: str, limit: int = 20) -> list[Release]:
        with transaction(self.engine) as conn:
            return releases.search_releases(conn, words, limit)

    # ---- indexed text search (migration 0003; see bot.store.search) -------------------------

    def search_figure_subjects(self, words: str, limit: int = 10) -> list[StoredFigure]:
        """Figures whose subject contains every word: indexed, newest first."""
        with transaction(self.engine) as conn:
            return search.figures_by_subject(conn, words, limit)

    def search_release_text(self, words: str, limit: int = 5) -> list[Release]:
        """Releases whose title or text contains every word: indexed, newest first."""
        with transaction(self.engine) as conn:
            return search.releases_by_text(conn, words, limit)

    def commitments_about(self, topic: str, limit: int = 10) -> list[tuple[Commitment, Release]]:
        """Commitments in area ``topic`` or mentioning all its words, newest release first."""
        with transaction(self.engine) as conn:
            return search.commitments_about(conn, topic, limit)

    # ---- polling: known items, cross-source links, near-duplicates ------------------------

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

    def release_sources(self, release_id: int) -> list[tuple[int, str]]:
        """(source id, URL) of every source a release was seen on."""
        with transaction(self.engine) as conn:
            return links.sources_of(conn, release_id)

    def due_sources(self, now: datetime) -> list[Source]:
        with transaction(self.engine) as conn:
            return sources.due_sources(conn, now)

    def record_poll(self, source: Source) -> bool:
        """Save a poll's health and cache fields only; False if the source is gone."""
        with transaction(self._writer) as conn:
            return sources.record_poll(conn, source)

    def record_polls(self, polled: Iterable[Source]) -> None:
        """:meth:`record_poll` for many sources in one transaction and one executemany
        statement (a cycle's worth of 304s is then one commit, not a thousand)."""
        with transaction(self._writer) as conn:
            sources.record_polls(conn, list(polled))

    # ---- sources ------------------------------------------------------------------------

    def add_source(self, source: Source) -> Source:
        with _url_clash(source.url), transaction(self._writer) as conn:
            return sources.add_source(conn, source)

    def list_sources(self) -> list[Source]:
        with transaction(self.engine) as conn:
            return sources.list_sources(conn)

    def get_source(self, source_id: int) -> Source:
        with transaction(self.engine) as conn:
            return sources.get_source(conn, source_id)

    def update_source(self, source: Source) -> Source:
        with _url_clash(source.url), transaction(self._writer) as conn:
            return sources.update_source(conn, source)

    def remove_source(self, source_id: int) -> Source:
        with transaction(self._writer) as conn:
            return sources.remove_source(conn, source_id)

    # ---- subscriptions ------------------------------------------------------------------

    def upsert_subscription(self, sub: Subscription) -> Subscription:
        with transaction(self._writer) as conn:
            return subscriptions.upsert_subscription(conn, sub)

    def list_subscriptions(self, active_only: bool = False) -> list[Subscription]:
        with transaction(self.engine) as conn:
            return subscriptions.list_subscriptions(conn, active_only)

    def remove_subscription(self, channel_id: str) -> Subscription:
        with transaction(self._writer) as conn:
            return subscriptions.remove_subscription(conn, channel_id)

    def mark_subscription_broken(self, subscription_id: int, reason: str) -> bool:
        """Set ``broken_reason``; True only the first time (so admins are told once)."""
        with transaction(self._writer) as conn:
            return subscriptions.mark_broken(conn, subscription_id, reason)

    def delivery_floor(self, subscription_id: int) -> datetime | None:
        """Scheduled times at or before this need no digest: the subscription did not
        exist yet, or a later digest was already posted. None when the subscription is gone."""
        with transaction(self.engine) as conn:
            created = subscriptions.created_at(conn, subscription_id)
            sent = digests.last_sent_at(conn, subscription_id)
        if created is None:
            return None
        return max(created, sent) if sent else created

    # ---- digests sent -------------------------------------------------------------------

    def claim_digest(
        self,
        subscription_id: int,
        period_start: date,
        period_end: date,
        claimed_by: str,
        stale_after: timedelta,
    ) -> bool:
        with transaction(self._writer) as conn:
            return digests.claim_digest(
                conn, subscription_id, period_start, period_end, claimed_by, stale_after
            )

    def complete_digest(
        self, subscription_id: int, period_start: date, message_ts: str | None
    ) -> None:
        with transaction(self._writer) as conn:
            digests.complete_digest(conn, subscription_id, period_start, message_ts)

    def fail_digest(self, subscription_id: int, period_start: date, error: str) -> None:
        with transaction(self._writer) as conn:
            digests.fail_digest(conn, subscription_id, period_start, error)

    def last_digest(self, subscription_id: int) -> date | None:
        with transaction(self.engine) as conn:
            return digests.last_digest(conn, subscription_id)

    def previous_values(
        self, units_by_indicator: dict[str, str], before: date
    ) -> dict[str, StoredFigure]:
        """Each indicator's newest figure (in its catalog unit) dated before ``before``."""
        with transaction(self.engine) as conn:
            return moves.previous_values(conn, units_by_indicator, before)

    # ---- audit --------------------------------------------------------------------------

    def record_audit(self, entry: AuditEntry) -> AuditEntry:
        with transaction(self._writer) as conn:
            return audit.record_audit(conn, entry)

    def audit_log(self, limit: int = 50) -> list[AuditEntry]:
        with transaction(self.engine) as conn:
            return audit.audit_log_entries(conn, limit)


def open_store(database_url: str, *, migrate: bool = True) -> Store:
    """Connect, and bring the schema to head (or, with ``migrate=False``, insist it is)."""
    engine = make_engine(database_url)
    try:
        if migrate:
            upgrade(engine)
        else:
            require_head(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)


@contextmanager
def _url_clash(url: str) -> Iterator[None]:
    """A uniqueness violation that slipped past the pre-check (a race) as a clear error."""
    try:
        yield
    except StorageError as exc:
        if isinstance(exc.__cause__, IntegrityError):
            raise StorageError(f"A source with URL {url} already exists") from exc.__cause__
        raise
