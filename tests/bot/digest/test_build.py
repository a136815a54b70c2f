"""What a digest contains: grouping, key figures, commitments, moved indicators, filters."""

from __future__ import annotations

from datetime import date

from bot.digest.build import UNSOURCED, Digest, build_digest, key_figures
from bot.digest.filters import DigestFilters
from bot.model import Change, Commitment
from bot.services import Services
from tests.support.digest_data import add_source, figure, release, store_releases

WEEK = (date(2024, 11, 18), date(2024, 11, 24))


def _build(services: Services, filters: DigestFilters | None = None) -> Digest:
    return build_digest(services.store, *WEEK, filters)


def test_groups_by_source_with_the_newest_release_first(services: Services) -> None:
    nda = add_source(services.store, "NDA 国家数据局")
    miit = add_source(services.store, "MIIT")
    store_releases(
        services.store,
        release("old NDA", date(2024, 11, 18), source_id=nda),
        release("MIIT", date(2024, 11, 20), source_id=miit),
        release("new NDA", date(2024, 11, 22), source_id=nda),
        release("by hand", date(2024, 11, 23)),
    )
    digest = _build(services)
    assert list(digest.groups) == ["NDA 国家数据局", "MIIT", UNSOURCED]
    assert [i.release.title for i in digest.groups["NDA 国家数据局"]] == ["new NDA", "old NDA"]


def test_releases_outside_the_week_are_left_out(services: Services) -> None:
    store_releases(
        services.store, release("before", date(2024, 11, 17)), release("after", date(2024, 11, 25))
    )
    assert _build(services).release_count == 0


def test_key_figures_show_one_value_per_series_preferring_one_with_a_period() -> None:
    headline = figure(value=3_300_000, period=None)
    body = figure(value=3_377_000, period="2023")
    assert key_figures(release(figures=[headline, body])) == [body]


def test_key_figures_stop_at_four() -> None:
    ids = ["5g_base_stations", "5g_users", "telecom_revenue", "netizens", "mobile_phone_users"]
    units = {"telecom_revenue": "CNY"}
    figures = [figure(i, 1e6, units.get(i, "count")) for i in ids]
    assert len(key_figures(release(figures=figures))) == 4


def test_untagged_figures_only_fill_up_to_two() -> None:
    tagged = [figure(), figure("5g_users", 8.05e8)]
    untagged = figure(None, 5.61e8, subject="whom")
    assert untagged not in key_figures(release(figures=[*tagged, untagged]))
    assert untagged in key_figures(release(figures=[tagged[0], untagged]))


def test_at_most_three_commitments(services: Services) -> None:
    promises = [Commitment(f"Promise {n}.") for n in range(5)]
    store_releases(services.store, release(commitments=promises))
    assert len(_build(services).items[0].commitments) == 3


def test_chinese_release_gets_english_labels_from_the_catalog(services: Services) -> None:
    zh = release(
        "工信部发布2024年通信业统计公报", language="zh", figures=[figure(subject="5G基站")]
    )
    store_releases(services.store, zh)
    (item,) = _build(services).items
    assert item.release.title == "工信部发布2024年通信业统计公报"
    assert item.labels == ["5G base stations"]


def test_moved_indicator_has_old_and_new_value_with_the_change(services: Services) -> None:
    store_releases(
        services.store,
        release("last year", date(2024, 1, 24), figures=[figure(value=3_377_000, period="2023")]),
        release("this week", date(2024, 11, 20), figures=[figure(value=4_251_000, period="2024")]),
    )
    (move,) = _build(services).moved
    assert (move.old.figure.value, move.new.value) == (3_377_000, 4_251_000)
    assert move.change == Change(25.9, "percent", "")


def test_a_share_moves_in_percentage_points(services: Services) -> None:
    share = {"indicator": "internet_penetration", "unit": "percent"}
    store_releases(
        services.store,
        release(published=date(2024, 3, 1), figures=[figure(value=77.5, period="2023", **share)]),
        release(figures=[figure(value=78.0, period="2024", **share)]),
    )
    assert _build(services).moved[0].change == Change(0.5, "percentage_point", "")


def test_first_value_on_record_has_no_old_value(services: Services) -> None:
    store_releases(services.store, release())
    (move,) = _build(services).moved
    assert move.old is None and move.change is None


def test_repeating_the_stored_value_is_not_a_move(services: Services) -> None:
    store_releases(
        services.store,
        release(published=date(2024, 1, 24)),
        release(published=date(2024, 11, 20)),
    )
    assert _build(services).moved == []


def test_quoting_an_older_period_is_not_a_move(services: Services) -> None:
    store_releases(
        services.store,
        release(published=date(2024, 1, 24), figures=[figure(value=4_251_000, period="2024")]),
        release(figures=[figure(value=1_425_000, period="2021")]),
    )
    assert _build(services).moved == []


def test_a_share_tagged_with_a_count_indicator_does_not_move_it(services: Services) -> None:
    store_releases(services.store, release(figures=[figure(value=33.6, unit="percent")]))
    assert _build(services).moved == []


def test_language_filter(services: Services) -> None:
    store_releases(services.store, release("English"), release("中文", language="zh"))
    digest = _build(services, DigestFilters(languages=("zh",)))
    assert [i.release.title for i in digest.items] == ["中文"]


def test_source_filter_matches_part_of_the_name(services: Services) -> None:
    nda = add_source(services.store, "NDA 国家数据局")
    store_releases(services.store, release("NDA", source_id=nda), release("other"))
    digest = _build(services, DigestFilters(sources=("nda",)))
    assert [i.release.title for i in digest.items] == ["NDA"]


def test_keyword_filter_reads_title_and_text(services: Services) -> None:
    store_releases(
        services.store,
        release("Data exchange opens"),
        release("Other", text="A new DATA EXCHANGE in Shanghai."),
        release("Unrelated"),
    )
    digest = _build(services, DigestFilters(keywords=("data exchange",)))
    assert sorted(i.release.title for i in digest.items) == ["Data exchange opens", "Other"]


def test_indicator_filter_limits_releases_and_moves(services: Services) -> None:
    users = figure("5g_users", 8.05e8, subject="5G users")
    store_releases(services.store, release("both", figures=[figure(), users]), release("stations"))
    digest = _build(services, DigestFilters(indicators=("5g_users",)))
    assert [i.release.title for i in digest.items] == ["both"]
    assert [m.indicator.id for m in digest.moved] == ["5g_users"]


def test_filters_round_trip_through_the_stored_dict() -> None:
    filters = DigestFilters(sources=("nda",), languages=("zh",), skip_empty=True)
    assert DigestFilters.from_dict(filters.to_dict()) == filters
    assert DigestFilters().to_dict() == {}


def test_the_latest_period_of_the_week_is_the_new_value(services: Services) -> None:
    store_releases(
        services.store,
        release("bulletin", date(2024, 11, 18), figures=[figure(value=4_251_000, period="2024")]),
        release("newsletter", date(2024, 11, 22), figures=[figure(value=1_425_000, period="2021")]),
    )
    (move,) = _build(services).moved
    assert move.new.value == 4_251_000


def test_a_target_for_a_later_year_is_not_a_new_value(services: Services) -> None:
    goal = figure(value=26, period="2025")
    store_releases(services.store, release(published=date(2024, 11, 20), figures=[goal]))
    assert _build(services).moved == []
