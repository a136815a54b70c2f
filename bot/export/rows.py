"""Flat rows for export: one per period of an indicator's history, or one per figure.

The history CSV has the series an analyst charts — one value per period, chosen as
``/cdf`` chooses it (:mod:`bot.lookup.history`: newest release wins, most precise statement)
— oldest first, with the release that gave it. ``change`` is the change that release
stated (blank when it stated none), never one computed here.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from bot.extract.catalog import Indicator
from bot.lookup.history import history_of, period_key
from bot.model import StoredFigure
from bot.store import Store

HISTORY_COLUMNS = (
    "period",
    "value",
    "unit",
    "change",
    "change unit",
    "qualifier",
    "release title",
    "release URL",
    "published",
    "source",
)
FIGURE_COLUMNS = (
    "release_id",
    "published",
    "release_title",
    "release_url",
    "source",
    "language",
    "subject",
    "indicator",
    "period",
    "value",
    "unit",
    "qualifier",
    "change",
    "change_unit",
    "change_basis",
    "text",
    "sentence",
)
MAX_HISTORY_PERIODS = 400
"""Periods a history export reads (33 years of months); SQLite caps one compound query at
500 branches and history reads one branch per period (bot.store.history)."""


def history_rows(store: Store, indicator: Indicator) -> list[dict[str, Any]]:
    """The indicator's whole history, oldest period first (see module docstring)."""
    history = history_of(store, indicator.id, indicator.unit, MAX_HISTORY_PERIODS)
    rows = []
    for entry in sorted(history, key=lambda e: period_key(e.period)):
        stored, figure = entry.figure, entry.figure.figure
        change = figure.change
        rows.append(
            {
                "period": entry.period,
                "value": figure.value,
                "unit": figure.unit,
                "change": change.value if change else None,
                "change unit": change.unit if change else None,
                "qualifier": figure.qualifier,
                "release title": stored.release_title,
                "release URL": stored.release_url,
                "published": _day(stored.published),
                "source": stored.source_name,
            }
        )
    return rows


def figure_rows(
    store: Store, *, since: date | None = None, indicator: str | None = None
) -> Iterator[dict[str, Any]]:
    """Every stored figure with its release, in storage order (streamed page by page)."""
    for language, stored in store.iter_figures(since=since, indicator=indicator):
        yield figure_row(stored, language)


def figure_row(stored: StoredFigure, language: str) -> dict[str, Any]:
    figure, change = stored.figure, stored.figure.change
    return {
        "release_id": stored.release_id,
        "published": _day(stored.published),
        "release_title": stored.release_title,
        "release_url": stored.release_url,
        "source": stored.source_name,
        "language": language,
        "subject": figure.subject,
        "indicator": figure.indicator,
        "period": figure.period,
        "value": figure.value,
        "unit": figure.unit,
        "qualifier": figure.qualifier,
        "change": change.value if change else None,
        "change_unit": change.unit if change else None,
        "change_basis": change.basis if change else None,
        "text": figure.text,
        "sentence": figure.sentence,
    }


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None
