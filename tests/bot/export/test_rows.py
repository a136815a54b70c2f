"""Export rows: an indicator's history one row per period, oldest first; every figure."""

from __future__ import annotations

from datetime import date

from bot.export.rows import figure_rows, history_rows
from bot.extract.catalog import load_catalog
from bot.model import Change
from bot.services import Services
from tests.support.digest_data import figure, release, store_releases

FIVE_G = load_catalog().get("5g_base_stations")


def _three_years(services: Services) -> None:
    store_releases(
        services.store,
        release(published=date(2024, 1, 24), figures=[figure(value=3_377_000, period="2023")]),
        release(
            title="工信部发布2024年通信业统计公报",
            published=date(2025, 1, 27),
            figures=[
                figure(value=4_251_000, period="2024", change=Change(874_000, "count", "net")),
                figure(value=33.6, unit="percent", period="2024"),
            ],
        ),
        release(published=date(2023, 1, 20), figures=[figure(value=2_312_000, period="2022")]),
    )


def test_history_is_one_row_per_period_oldest_first(services: Services) -> None:
    _three_years(services)
    assert FIVE_G is not None
    rows = history_rows(services.store, FIVE_G)
    assert [(r["period"], r["value"], r["unit"]) for r in rows] == [
        ("2022", 2_312_000, "count"),
        ("2023", 3_377_000, "count"),
        ("2024", 4_251_000, "count"),
    ]
    assert (rows[2]["change"], rows[2]["change unit"]) == (874_000, "count")
    assert rows[2]["release title"] == "工信部发布2024年通信业统计公报"
    assert rows[2]["published"] == "2025-01-27"


def test_every_figure_is_a_row_with_its_release(services: Services) -> None:
    _three_years(services)
    rows = list(figure_rows(services.store))
    assert len(rows) == 4
    assert {r["unit"] for r in rows} == {"count", "percent"}
    assert all(r["language"] == "en" and r["release_title"] for r in rows)


def test_figures_since_a_date_for_one_indicator(services: Services) -> None:
    _three_years(services)
    store_releases(services.store, release(figures=[figure("netizens", 1.1e9, period="2024")]))
    rows = list(figure_rows(services.store, since=date(2024, 1, 1), indicator="5g_base_stations"))
    assert sorted(r["value"] for r in rows) == [33.6, 3_377_000, 4_251_000]


def test_figures_are_read_page_by_page(services: Services, monkeypatch) -> None:
    from bot.store import export

    monkeypatch.setattr(export, "EXPORT_PAGE", 2)
    _three_years(services)
    assert len(list(figure_rows(services.store))) == 4
