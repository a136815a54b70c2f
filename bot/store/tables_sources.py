"""Store methods for the ``sources`` table: administration and poll health."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from bot.errors import StorageError
from bot.model import Source
from bot.store import sources
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

    def record_polls(self, polled: Iterable[Source]) -> None:
        """:meth:`record_poll` for many sources in one transaction and one executemany
        statement (a cycle's worth of 304s is then one commit, not a thousand)."""
        with transaction(self._writer) as conn:
            sources.record_polls(conn, list(polled))

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
