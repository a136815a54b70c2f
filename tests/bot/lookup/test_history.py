"""One value per period: targets dropped, precise values kept, revisions and conflicts noted."""

from __future__ import annotations

from datetime import date

from bot.lookup.history import build_history, derived_change
from bot.model import Figure, StoredFigure


def _stored(
    value: float,
    period: str | None,
    release: int,
    *,
    source: str = "MIIT",
    unit: str = "count",
    published: date = date(2024, 1, 20),
) -> StoredFigure:
    figure = Figure(
        "5G base stations", value, unit, str(value), "s", "5g_base_stations", period=period
    )
    return StoredFigure(figure, release, f"r{release}", None, published, source)


def test_newest_release_wins_and_the_older_value_is_a_revision() -> None:
    (value,) = build_history([_stored(2.4e6, "2022", 2), _stored(2.2e6, "2022", 1)], "count")
    assert value.figure.figure.value == 2.4e6 and value.revised[0].figure.value == 2.2e6


def test_other_source_with_another_value_is_a_conflict() -> None:
    found = [_stored(2.4e6, "2022", 2), _stored(2.2e6, "2022", 1, source="Xinhua")]
    (value,) = build_history(found, "count")
    assert [c.source_name for c in value.conflicts] == ["Xinhua"]


def test_rounded_restatement_is_neither_revision_nor_conflict() -> None:
    (value,) = build_history([_stored(2.31e6, "2022", 2), _stored(2.312e6, "2022", 1)], "count")
    assert value.revised == [] and value.conflicts == []


def test_within_a_release_the_most_precise_value_wins() -> None:
    (value,) = build_history([_stored(2.31e6, "2022", 1), _stored(2.312e6, "2022", 1)], "count")
    assert value.figure.figure.value == 2.312e6


def test_future_period_is_a_target_not_a_value() -> None:
    assert build_history([_stored(26, "2027", 1)], "count") == []


def test_other_units_are_left_out() -> None:
    assert build_history([_stored(33.6, "2023", 1, unit="percent")], "count") == []


def test_periods_are_newest_first() -> None:
    found = [_stored(v, p, i) for i, (v, p) in enumerate([(1, "2021"), (3, "2023"), (2, "2022")])]
    assert [v.period for v in build_history(found, "count")] == ["2023", "2022", "2021"]


def test_derived_change_between_years_is_relative() -> None:
    history = build_history([_stored(3e6, "2023", 2), _stored(2e6, "2022", 1)], "count")
    change = derived_change(history)
    assert change is not None and (change.value, change.basis) == (50.0, "vs 2022")


def test_derived_change_of_a_share_is_in_points() -> None:
    found = [_stored(77.5, "2023", 2, unit="percent"), _stored(75.6, "2022", 1, unit="percent")]
    change = derived_change(build_history(found, "percent"))
    assert change is not None and (change.value, change.unit) == (1.9, "percentage_point")
