"""The :class:`Store` facade: transaction boundaries around the query modules.

Each public method is one transaction. Reads use a plain BEGIN; writes use the writer
engine (``BEGIN IMMEDIATE`` on SQLite, see :mod:`bot.store.engine`). SQLAlchemy errors come
out as :class:`~bot.errors.StorageError`; missing rows as :class:`~bot.errors.NotFoundError`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from bot.errors import StorageError
from bot.model import AuditEntry, IngestResult, Release, Source, StoredFigure, Subscription
from bot.store import audit, digests, releases, sources, subscriptions
from bot.store.engine import make_engine, transaction, writer
from bot.store.migrate import require_head, upgrade


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

    def figures_for_indicator(self, indicator: str, limit: int = 200) -> list[StoredFigure]:
        with transaction(self.engine) as conn:
            return releases.figures_for_indicator(conn, indicator, limit)

    def figures_matching_subject(self, words: str, limit: int = 50) -> list[StoredFigure]:
        with transaction(self.engine) as conn:
            return releases.figures_matching_subject(conn, words, limit)

    def search_releases(self, words: str, limit: int = 20) -> list[Release]:
        with transaction(self.engine) as conn:
            return releases.search_releases(conn, words, limit)

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
