"""An indicator's figures → one value per period, with revisions and conflicts kept.

Releases restate, round and revise. The rules, each for a reason a reader would give:

* Only figures in the indicator's catalog unit count (a share of 5G base stations in
  percent is not the number of 5G base stations, a growth rate is not a volume).
* A figure whose period lies after its release's year is a target, not a value.
* A figure without a period is dropped when its release also gives a dated one for the
  indicator (a headline's "3.3 million" restating "3.377 million in 2023").
* Within one release, the most precise statement of a period wins (no qualifier, most
  significant digits); across releases, the newest release wins.
* An older release that said something else (beyond :data:`SAME_VALUE` relative
  difference, i.e. more than rounding) is a *revision* when it came from the same source,
  a *conflict* shown side by side when it came from another source.

:func:`history_of` reads what these rules need from the store: the newest releases of
each of the latest :data:`HISTORY_PERIODS` periods (``Store.figures_by_period``), not the
newest N figures, which for a dense series cover one or two periods.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from bot.model import Change, StoredFigure

if TYPE_CHECKING:
    from bot.store import Store

SAME_VALUE = 0.01
HISTORY_PERIODS = 24
"""Periods an answer reads: the chart draws at most this many points."""
RELEASES_PER_PERIOD = 3
"""The newest release per period is the value; two older ones reveal revisions/conflicts."""
_YEAR = re.compile(r"(\d{4})")
_PERIOD = re.compile(r"(\d{4})(?:[-/](Q?)(\d{1,4}))?")


@dataclass(slots=True)
class PeriodValue:
    """The value of one period, and what else was said about it."""

    period: str
    figure: StoredFigure
    revised: list[StoredFigure] = field(default_factory=list)
    conflicts: list[StoredFigure] = field(default_factory=list)


def history_of(
    store: Store, indicator: str, unit: str | None, periods: int = HISTORY_PERIODS
) -> list[PeriodValue]:
    """One value per period for the indicator's latest ``periods`` periods, newest first."""
    found = store.figures_by_period(
        indicator, unit, max_periods=periods, releases_per_period=RELEASES_PER_PERIOD
    )
    return build_history(found, unit)


def build_history(figures: list[StoredFigure], unit: str | None = None) -> list[PeriodValue]:
    """Periods newest first; ``figures`` arrive newest release first (as the store gives)."""
    figures = [f for f in _in_unit(figures, unit) if not _is_target(f)]
    dated = {f.release_id for f in figures if f.figure.period}
    figures = [f for f in figures if f.figure.period or f.release_id not in dated]
    by_period: dict[str, list[StoredFigure]] = {}
    for stored in figures:
        by_period.setdefault(period_label(stored), []).append(stored)
    values = [_period_value(label, found) for label, found in by_period.items()]
    return sorted(values, key=lambda v: period_key(v.period), reverse=True)


def period_label(stored: StoredFigure) -> str:
    """The figure's period, else its release date (ISO), else 'undated'."""
    if stored.figure.period:
        return stored.figure.period
    return stored.published.isoformat() if stored.published else "undated"


def derived_change(history: list[PeriodValue]) -> Change | None:
    """Latest vs the previous period of the same kind (year vs year, month vs month).

    Used only when the release states no change itself; percentage points for shares.
    """
    if len(history) < 2:
        return None
    latest = history[0]
    kind = _kind(latest.period)
    previous = next((v for v in history[1:] if _kind(v.period) == kind), None)
    if previous is None:
        return None
    new, old = latest.figure.figure.value, previous.figure.figure.value
    basis = f"vs {previous.period}"
    if latest.figure.figure.unit == "percent":
        return Change(round(new - old, 2), "percentage_point", basis)
    if old == 0:
        return None
    return Change(round((new - old) / abs(old) * 100, 1), "percent", basis)


def period_key(period: str) -> tuple[int, int, str]:
    """Chronological order: '2023' after '2023-Q4' and '2023-12' (a year closes last)."""
    match = _PERIOD.search(period)
    if not match:
        return (0, 0, period)
    year = int(match.group(1))
    if match.group(3) is None:
        return (year, 100, period)
    number = int(match.group(3))
    if match.group(2):
        return (year, number * 3, period)
    return (year, number if number <= 12 else 100, period)


def _kind(period: str) -> str:
    return re.sub(r"\d", "9", period)


def _in_unit(figures: list[StoredFigure], unit: str | None) -> list[StoredFigure]:
    if not figures or unit is None:
        return figures
    return [f for f in figures if f.figure.unit == unit]


def _is_target(stored: StoredFigure) -> bool:
    period = _YEAR.search(stored.figure.period or "")
    return bool(period and stored.published and int(period.group(1)) > stored.published.year)


def _precision(stored: StoredFigure) -> tuple[bool, int, int]:
    """Sort key: unqualified first, then most significant digits, then document order."""
    digits = f"{abs(stored.figure.value):.12g}".split("e")[0].replace(".", "").strip("0")
    return (bool(stored.figure.qualifier), -len(digits), 0)


def _period_value(label: str, found: list[StoredFigure]) -> PeriodValue:
    per_release: dict[int, StoredFigure] = {}
    for stored in found:
        best = per_release.get(stored.release_id)
        if best is None or _precision(stored) < _precision(best):
            per_release[stored.release_id] = stored
    winner, *older = per_release.values()
    if winner.figure.change is None:
        winner = _with_stated_change(winner, found)
    value = PeriodValue(label, winner)
    seen_sources = {winner.source_name}
    for stored in older:
        if _same(stored.figure.value, winner.figure.value):
            continue
        if stored.source_name == winner.source_name:
            value.revised.append(stored)
        elif stored.source_name not in seen_sources:
            seen_sources.add(stored.source_name)
            value.conflicts.append(stored)
    return value


def _with_stated_change(winner: StoredFigure, found: list[StoredFigure]) -> StoredFigure:
    """Borrow the change another statement of the same release gives for this period."""
    for other in found:
        if other.release_id == winner.release_id and other.figure.change is not None:
            figure = replace(winner.figure, change=other.figure.change)
            return replace(winner, figure=figure)
    return winner


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= SAME_VALUE * max(abs(a), abs(b))
