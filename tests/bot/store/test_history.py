"""figures_by_period: the newest releases of each of an indicator's latest periods, on SQLite
and PostgreSQL (the store fixture runs both)."""

from __future__ import annotations

from datetime import date

from bot.lookup.history import history_of
from bot.store import Store
from tests.bot.store.factories import make_figure, make_release

INDICATOR = "digital_economy_scale"


def _add(store: Store, period: str | None, value: float, published: date, **figure: object) -> int:
    release = make_release(
        published=published,
        figures=[make_figure(period=period, value=value, change=None, **figure)],
    )
    result = store.add_release(release)
    assert result.release.id is not None
    return result.release.id


def test_dense_period_does_not_hide_older_periods(store):
    for day in range(1, 30):  # 29 releases restating 2023, newer than every other period
        _add(store, "2023", 5.39e13, date(2024, 6, day))
    for year in range(2015, 2023):
        _add(store, str(year), 1e13 + year, date(year + 1, 3, 1))
    periods = {s.figure.period for s in store.figures_by_period(INDICATOR, "CNY")}
    assert periods == {str(year) for year in range(2015, 2024)}


def test_keeps_the_newest_releases_of_each_period(store):
    ids = [_add(store, "2023", 5.0 + i, date(2024, 5, i + 1)) for i in range(5)]
    found = store.figures_by_period(INDICATOR, "CNY", releases_per_period=3)
    assert [s.release_id for s in found] == [ids[4], ids[3], ids[2]]


def test_keeps_only_the_latest_periods(store):
    for year in range(2010, 2024):
        _add(store, str(year), float(year), date(year + 1, 1, 10))
    found = store.figures_by_period(INDICATOR, "CNY", max_periods=4)
    assert [s.figure.period for s in found] == ["2023", "2022", "2021", "2020"]


def test_targets_and_other_units_take_no_slot(store):
    _add(store, "2023", 5.39e13, date(2024, 5, 1))
    _add(store, "2027", 7e13, date(2024, 5, 2))  # a goal, not a value
    _add(store, "2023", 9.9, date(2024, 5, 3), unit="percent")  # a share, not the scale
    found = store.figures_by_period(INDICATOR, "CNY", max_periods=1)
    assert [(s.figure.period, s.figure.value) for s in found] == [("2023", 5.39e13)]


def test_undated_figure_is_dropped_when_its_release_dates_one(store):
    headline = make_figure(period=None, value=5.4e13, change=None)
    body = make_figure(period="2023", value=5.39e13, change=None)
    store.add_release(make_release(published=date(2024, 5, 1), figures=[headline, body]))
    alone = _add(store, None, 4.1e13, date(2022, 5, 1))
    found = store.figures_by_period(INDICATOR, "CNY")
    assert [(s.release_id, s.figure.period) for s in found if s.figure.period is None] == [
        (alone, None)
    ]


def test_history_of_flags_a_revision_from_an_older_release(store):
    _add(store, "2023", 5.0e13, date(2024, 3, 1))
    _add(store, "2023", 5.39e13, date(2024, 9, 1))
    (latest,) = history_of(store, INDICATOR, "CNY")
    assert latest.figure.figure.value == 5.39e13
    assert [r.figure.value for r in latest.revised] == [5.0e13]
