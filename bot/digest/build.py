"""Use case: a period (and a subscription's filters) → a :class:`Digest`.

Rendering and delivery live elsewhere (``bot.render.digest``, ``bot.digest.delivery``); this
module only decides *what* a digest contains, so a preview and the posted digest are
built by the same call and can never differ.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from bot.digest.filters import DigestFilters
from bot.extract.catalog import Catalog, Indicator, load_catalog
from bot.model import Change, Commitment, Figure, Release, StoredFigure
from bot.store import Store

KEY_FIGURES_PER_RELEASE = 4
MIN_KEY_FIGURES = 2
COMMITMENTS_PER_RELEASE = 3
TITLE_LABELS = 4
UNSOURCED = "Ingested by hand"

__all__ = ["Digest", "DigestFilters", "DigestItem", "Move", "build_digest", "key_figures"]


@dataclass(slots=True)
class DigestItem:
    """One release as the digest shows it."""

    release: Release
    figures: list[Figure]
    commitments: list[Commitment]
    labels: list[str] = field(default_factory=list)
    """English names of the catalogued indicators the release reports (for Chinese titles)."""


@dataclass(slots=True)
class Move:
    """A catalogued indicator with a new value this period, and the value it had before."""

    indicator: Indicator
    new: Figure
    release: Release
    old: StoredFigure | None

    @property
    def change(self) -> Change | None:
        """Old → new: percentage points for shares, a relative change for everything else."""
        if self.old is None:
            return None
        before, after = self.old.figure.value, self.new.value
        if self.new.unit == "percent":
            return Change(round(after - before, 2), "percentage_point", "")
        if before == 0:
            return None
        return Change(round((after - before) / abs(before) * 100, 1), "percent", "")


@dataclass(slots=True)
class Digest:
    start: date
    end: date
    groups: dict[str, list[DigestItem]] = field(default_factory=dict)
    moved: list[Move] = field(default_factory=list)
    filters: DigestFilters = field(default_factory=DigestFilters)

    @property
    def items(self) -> list[DigestItem]:
        return [item for items in self.groups.values() for item in items]

    @property
    def release_count(self) -> int:
        return sum(len(items) for items in self.groups.values())

    @property
    def figure_count(self) -> int:
        return sum(len(item.release.figures) for item in self.items)

    @property
    def commitment_count(self) -> int:
        return sum(len(item.release.commitments) for item in self.items)


def last_week(today: date | None = None) -> tuple[date, date]:
    """The seven days ending today, inclusive."""
    end = today or datetime.now(UTC).date()
    return end - timedelta(days=6), end


def tracked(figure: Figure, catalog: Catalog) -> Indicator | None:
    """The catalog indicator this figure is a value *of* (same unit), else None.

    A figure tagged ``5g_base_stations`` with unit ``percent`` is a share of stations,
    not the station count the indicator's history holds.
    """
    indicator = catalog.get(figure.indicator) if figure.indicator else None
    return indicator if indicator is not None and indicator.unit == figure.unit else None


def key_figures(release: Release, catalog: Catalog | None = None) -> list[Figure]:
    """2–4 figures a reader should see: one value per catalogued series, in document order,
    then other tagged figures, then untagged ones only up to :data:`MIN_KEY_FIGURES`.

    A release often repeats a series ("passes 3.3 million" in the headline, "3.377 million
    in 2023" in the body): the value with a period, then with a change, is the one shown.
    Untagged subjects are the extractor's least reliable output, hence last.
    """
    catalog = catalog or load_catalog()
    best: dict[str, Figure] = {}
    tagged: list[Figure] = []
    untagged: list[Figure] = []
    for figure in release.figures:
        series = tracked(figure, catalog)
        if series is None:
            (tagged if figure.indicator else untagged).append(figure)
        elif series.id not in best or _detail(figure) > _detail(best[series.id]):
            best[series.id] = figure
    chosen = [*best.values(), *tagged][:KEY_FIGURES_PER_RELEASE]
    return chosen + untagged[: max(0, MIN_KEY_FIGURES - len(chosen))]


def _detail(figure: Figure) -> tuple[bool, bool]:
    return figure.period is not None, figure.change is not None


def build_digest(
    store: Store, start: date, end: date, filters: DigestFilters | None = None
) -> Digest:
    """Releases dated ``start``–``end`` inclusive (published, else fetched) that pass
    ``filters``, grouped by source, plus the catalogued indicators they moved."""
    filters = filters or DigestFilters()
    catalog = load_catalog()
    window = store.releases_between(
        datetime.combine(start, time.min), datetime.combine(end, time.max)
    )
    chosen = [r for r in window if filters.admits(r)]
    groups: dict[str, list[DigestItem]] = {}
    for release in chosen:  # newest first, as the store returns them
        item = DigestItem(
            release,
            key_figures(release, catalog),
            release.commitments[:COMMITMENTS_PER_RELEASE],
            _labels(release, catalog),
        )
        groups.setdefault(release.source_name or UNSOURCED, []).append(item)
    # Groups were created newest release first; the stable sort only moves UNSOURCED last.
    order = sorted(groups, key=lambda name: name == UNSOURCED)
    return Digest(
        start=start,
        end=end,
        groups={name: groups[name] for name in order},
        moved=_moves(store, chosen, start, filters, catalog),
        filters=filters,
    )


def _labels(release: Release, catalog: Catalog) -> list[str]:
    names: list[str] = []
    for figure in release.figures:
        series = tracked(figure, catalog)
        if series and series.name_en not in names:
            names.append(series.name_en)
    return names[:TITLE_LABELS]


def _moves(
    store: Store, chosen: list[Release], start: date, filters: DigestFilters, catalog: Catalog
) -> list[Move]:
    """The newest value of each catalogued indicator in the period, against its last one.

    "Newest" is the latest period, then the latest release: a newsletter quoting 2021
    figures this week must not hide the 2024 value a bulletin published on Monday.
    Targets (a period after the release's year) are promises, not values, and skipped.
    """
    newest: dict[str, Move] = {}
    for release in chosen:  # newest release first
        for figure in release.figures:
            series = tracked(figure, catalog)
            if series is None or (filters.indicators and series.id not in filters.indicators):
                continue
            if _is_target(figure, release):
                continue
            current = newest.get(series.id)
            if current is None or (_year(figure.period) or "") > (_year(current.new.period) or ""):
                newest[series.id] = Move(series, figure, release, None)
    previous = store.previous_values({i: m.new.unit for i, m in newest.items()}, start)
    moved: list[Move] = []
    for indicator_id, move in newest.items():
        move.old = previous.get(indicator_id)
        if _is_news(move):
            moved.append(move)
    return moved


def _is_news(move: Move) -> bool:
    """False for a repeat of the stored value, or an older period quoted again."""
    if move.old is None:
        return True
    old, new = move.old.figure, move.new
    if old.value == new.value and old.period == new.period:
        return False
    old_year, new_year = _year(old.period), _year(new.period)
    return not (old_year and new_year and new_year < old_year)


def _is_target(figure: Figure, release: Release) -> bool:
    """A period after the release's own year is a goal ("26 per 10,000 people by 2025")."""
    dated = release.published or (release.fetched_at.date() if release.fetched_at else None)
    year = _year(figure.period)
    return bool(dated and year and int(year) > dated.year)


def _year(period: str | None) -> str | None:
    head = (period or "")[:4]
    return head if head.isdigit() else None
