"""Store methods for releases, figures and commitments: add, browse, search, history."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError

from bot import metrics
from bot.errors import StorageError
from bot.model import Commitment, IngestResult, Release, StoredFigure
from bot.store import export, history, moves, releases, search
from bot.store.engine import transaction
from bot.store.tables_base import StoreBase


class ReleaseTables(StoreBase):
    """Releases with their figures and commitments, written in one transaction."""

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
            if found is None:
                metrics.RELEASES_STORED.inc()
                metrics.FIGURES_STORED.inc(len(release.figures))
                metrics.COMMITMENTS_STORED.inc(len(release.commitments))
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

    def iter_figures(
        self, *, since: date | None = None, indicator: str | None = None
    ) -> Iterator[tuple[str, StoredFigure]]:
        """(release language, figure) for every figure, in storage order, page by page
        (one short transaction per page, see bot.store.export)."""
        after = 0
        while True:
            with transaction(self.engine) as conn:
                page = export.export_page(conn, after, since=since, indicator=indicator)
            for _, language, stored in page:
                yield language, stored
            if len(page) < export.EXPORT_PAGE:
                return
            after = page[-1][0]

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

    def previous_values(
        self, units_by_indicator: dict[str, str], before: date
    ) -> dict[str, StoredFigure]:
        """Each indicator's newest figure (in its catalog unit) dated before ``before``."""
        with transaction(self.engine) as conn:
            return moves.previous_values(conn, units_by_indicator, before)
