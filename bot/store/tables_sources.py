"""Store methods for the ``sources`` table: administration and poll health."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError

from bot.errors import StorageError
from bot.model import Source
from bot.store import backlog, leases, sources
from bot.store.engine import transaction
from bot.store.tables_base import StoreBase


class SourceTables(StoreBase):
    """Watched sources: what is due, what a poll learnt, what admins changed."""

    def due_sources(self, now: datetime) -> list[Source]:
        with transaction(self.engine) as conn:
            return sources.due_sources(conn, now)

    def record_poll(self, source: Source) -> bool:
        """Save a poll's health and cache fields only; False if the source is gone."""
        with transaction(self._writer) as conn:
            return sources.record_poll(conn, source)

    def record_polls(self, polled: Iterable[Source], *, release_owner: str | None = None) -> None:
        """:meth:`record_poll` for many sources in one transaction and one executemany
        statement (a cycle's worth of 304s is then one commit, not a thousand); with
        ``release_owner``, that owner's poll leases on them are freed in the same commit."""
        polled = list(polled)
        with transaction(self._writer) as conn:
            sources.record_polls(conn, polled)
            if release_owner is not None:
                leases.release_sources(conn, (s.id for s in polled), release_owner)

    def claim_due_sources(
        self, now: datetime, owner: str, until: datetime, limit: int
    ) -> list[Source]:
        """Lease up to ``limit`` due sources to ``owner`` (see :mod:`bot.store.leases`)."""
        with transaction(self._writer) as conn:
            return leases.claim_due_sources(conn, now, owner, until, limit)

    def release_sources(self, ids: Iterable[int], owner: str) -> None:
        """Free ``owner``'s leases on ``ids`` (sources it claimed but will not poll)."""
        with transaction(self._writer) as conn:
            leases.release_sources(conn, ids, owner)

    def source_backlog(self, source_id: int) -> list[tuple[str, dict[str, Any]]]:
        """Listed items still owed for the source, newest first (:mod:`bot.store.backlog`)."""
        with transaction(self.engine) as conn:
            return backlog.pending(conn, source_id)

    def set_source_backlog(
        self, source_id: int, items: list[tuple[str, dict[str, Any]]], now: datetime
    ) -> None:
        """Replace the source's backlog with ``items`` (canonical URL, item), newest first."""
        with transaction(self._writer) as conn:
            backlog.replace(conn, source_id, items, now)

    def backlog_counts(self) -> dict[int, int]:
        """Items owed per source id, for ``source list``."""
        with transaction(self.engine) as conn:
            return backlog.counts(conn)

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


@contextmanager
def _url_clash(url: str) -> Iterator[None]:
    """A uniqueness violation that slipped past the pre-check (a race) as a clear error."""
    try:
        yield
    except StorageError as exc:
        if isinstance(exc.__cause__, IntegrityError):
            raise StorageError(f"A source with URL {url} already exists") from exc.__cause__
        raise
