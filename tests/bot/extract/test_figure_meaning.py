"""What a user sees of a figure: its change nested, shares and densities named honestly,
and a catalog indicator only where the figure's unit is the indicator's unit."""

from __future__ import annotations

from datetime import date

import pytest

from bot.extract.catalog import load_catalog
from bot.extract.figures import find_figures
from bot.extract.segments import segment
from bot.model import Figure


def figures(text: str, language: str = "en") -> list[Figure]:
    return find_figures(segment(text, language), language, published=date(2024, 9, 20), title=None)


def one(text: str, language: str = "en") -> Figure:
    found = figures(text, language)
    assert len(found) == 1, found
    return found[0]


# --- a period between a value and its change does not stop the change attaching ---------


@pytest.mark.parametrize(
    ("text", "language", "value", "change", "period"),
    [
        (
            "The country had 1.96 million 5G base stations by the end of 2022, up 52 percent "
            "year on year.",
            "en",
            1960000.0,
            (52.0, "percent"),
            "2022",
        ),
        (
            "There were 412 million gigabit broadband users as of June, up 31.5 percent from a "
            "year earlier.",
            "en",
            412000000.0,
            (31.5, "percent"),
            "2024-06",
        ),
        (
            "Mobile phone users totalled 1.71 billion in the first half of 2024, an increase of "
            "12 million.",
            "en",
            1710000000.0,
            (12000000.0, "count"),
            "2024-H1",
        ),
        (
            "Operators had built 2.9 million 5G base stations by the end of 2023, after adding "
            "610,000 during the year.",
            "en",
            2900000.0,
            (610000.0, "count"),
            "2023",
        ),
        (
            "5G基站总数达212.9万个，截至2022年底，同比增长34.3%。",
            "zh",
            2129000.0,
            (34.3, "percent"),
            "2022",
        ),
    ],
)
def test_change_attaches_across_a_period(
    text: str, language: str, value: float, change: tuple[float, str], period: str
) -> None:
    fig = one(text, language)
    assert fig.value == value and fig.period == period
    assert fig.change is not None
    assert (fig.change.value, fig.change.unit) == change


def test_a_different_subject_after_the_period_still_stands_alone() -> None:
    found = figures(
        "Software revenue reached 1.6 trillion yuan by the end of 2023, "
        "and software profits grew 5 percent."
    )
    assert len(found) == 2
    assert found[0].change is None


# --- shares: honest subject, share indicator or none, change nested ------------------------


def test_share_made_up_of_a_whole_with_its_percentage_point_change() -> None:
    fig = one(
        "5G base stations made up 31.2 percent of all mobile base stations, "
        "5.1 percentage points higher than a year earlier."
    )
    assert fig.subject == "share of 5G base stations in all mobile base stations"
    assert (fig.value, fig.unit) == (31.2, "percent")
    assert fig.indicator == "5g_base_station_share"
    assert fig.change is not None
    assert (fig.change.value, fig.change.unit) == (5.1, "percentage_point")
    assert fig.change.basis == "previous year"


@pytest.mark.parametrize(
    ("text", "subject_has", "change"),
    [
        (
            "Online retail sales accounted for 26.4 percent of total retail sales of consumer "
            "goods, 0.3 percentage points lower than a year earlier.",
            "share of Online retail sales in total retail sales",
            -0.3,
        ),
        (
            "Data centre racks represented 35 percent of the world's total.",
            "share of Data centre racks in the world's total",
            None,
        ),
        (
            "Gigabit users accounted for 28.6 percent of all broadband users in the country, "
            "2.2 percentage points more than a year earlier.",
            "share of Gigabit users in all broadband users",
            2.2,
        ),
    ],
)
def test_share_subjects_in_english(text: str, subject_has: str, change: float | None) -> None:
    fig = one(text)
    assert subject_has in fig.subject
    assert fig.unit == "percent"
    assert fig.indicator is None or load_catalog().get(fig.indicator).unit == "percent"
    assert (fig.change.value if fig.change else None) == change


def test_share_leaning_on_the_previous_figure() -> None:
    found = figures("The digital economy reached 50.2 trillion yuan, equal to 41.5 percent of GDP.")
    assert [f.subject for f in found] == ["digital economy", "share of digital economy in GDP"]
    assert [f.indicator for f in found] == ["digital_economy_size", "digital_economy_gdp_share"]


def test_equal_to_without_a_whole_is_not_a_share() -> None:
    found = figures("The office vacancy rate was equal to 3.2 percent.")
    assert not any(f.subject.startswith("share") for f in found)  # (or dropped: no subject)


@pytest.mark.parametrize(
    ("text", "subject", "indicator"),
    [
        ("5G基站占移动基站总数的29.1%。", "5G基站占移动基站总数的比重", "5g_base_station_share"),
        ("其中，农村网民占网民整体的28.8%。", "农村网民占网民整体的比重", None),
        ("数字经济规模占GDP比重达41.5%。", "数字经济规模占GDP比重", "digital_economy_gdp_share"),
    ],
)
def test_share_subjects_in_chinese(text: str, subject: str, indicator: str | None) -> None:
    fig = one(text, "zh")
    assert fig.subject == subject and fig.unit == "percent"
    assert fig.indicator == indicator


def test_chinese_share_after_a_level_nests_its_change() -> None:
    found = figures(
        "截至2023年底，5G基站为337.7万个，占移动基站总数的29.1%，比上年末提高7.8个百分点。", "zh"
    )
    share = found[-1]
    assert share.subject == "5G基站占移动基站总数的比重"
    assert share.change is not None and share.change.unit == "percentage_point"


# --- densities are not counts ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "subject", "period"),
    [
        (
            "By 2025, China aims to have 26 5G base stations for every 10,000 people.",
            "en",
            "5G base stations per 10,000 people",
            "2025",
        ),
        (
            "China aims to have 26 5G base stations per 10,000 people by 2025.",
            "en",
            "5G base stations per 10,000 people",
            "2025",
        ),
        (
            "The number of 5G base stations per 10,000 people reached 24 in 2023.",
            "en",
            "number of 5G base stations per 10,000 people",
            "2023",
        ),
        ("到2025年，每万人拥有5G基站数达到26个。", "zh", "每万人拥有5G基站数", "2025"),
    ],
)
def test_density_is_named_and_not_a_count(
    text: str, language: str, subject: str, period: str
) -> None:
    fig = one(text, language)
    assert (fig.subject, fig.value, fig.unit, fig.period) == (
        subject,
        26.0 if "26" in text else 24.0,
        "count",
        period,
    )
    assert fig.indicator == "5g_base_stations_per_10k"


def test_density_without_a_density_indicator_gets_none() -> None:
    fig = one("There were 35 gigabit broadband ports for every 100 households.")
    assert "per 100 households" in fig.subject
    assert fig.indicator is None


# --- an indicator only for a compatible unit ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Cloud computing revenue grew 37.5 percent.",
        "China's online retail sales were about 2.17 trillion U.S. dollars.",
        "5G base stations were 29 percent of the total.",
        "云计算业务收入比上年增长37.5%。",
    ],
)
def test_indicator_needs_the_catalog_unit(text: str) -> None:
    language = "zh" if "云" in text else "en"
    for fig in figures(text, language):
        if fig.indicator is not None:
            assert load_catalog().get(fig.indicator).unit == fig.unit, fig


def test_catalog_match_filters_by_unit_and_density() -> None:
    catalog = load_catalog()
    assert catalog.match_subject("5G base stations", "en", unit="percent") is None
    assert catalog.match_subject("5G base stations", "en", unit="count").id == "5g_base_stations"
    assert catalog.match_subject("5G基站 per 10,000 people", "zh", unit="count") is None
    found = catalog.match_subject("share of China's digital economy in GDP", "en", unit="percent")
    assert found is not None and found.id == "digital_economy_gdp_share"


# --- subjects without verbs, datelines or pronouns -----------------------------------------


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        (
            "Fixed broadband users totalled 630 million, of whom 207 million were gigabit "
            "broadband users.",
            "gigabit broadband users",
        ),
        (
            "SHENZHEN, May 3 — China's total computing power reached 280 EFLOPS.",
            "China's total computing power",
        ),
        (
            "BEIJING, Jan. 19 (Xinhua) -- China's online retail sales hit 15.42 trillion yuan.",
            "China's online retail sales",
        ),
        (
            "Output rose to 40 ZB, while total data storage capacity reached 1.9 ZB.",
            "total data storage capacity",
        ),
    ],
)
def test_subject_is_the_noun_phrase(text: str, subject: str) -> None:
    assert figures(text)[-1].subject == subject


# --- a value restated precisely in the same sentence is reported once, precisely ----------


def test_rounded_value_followed_by_its_exact_form_is_reported_once() -> None:
    found = one(
        "截至2023年12月，我国网民规模近11亿人（10.92亿人），较2022年12月增长2480万人。", "zh"
    )
    assert found.value == 1.092e9
    assert found.qualifier is None


def test_exact_form_inherits_the_change_stated_for_the_rounded_one() -> None:
    found = one(
        "截至2023年12月，我国网民规模近11亿人（10.92亿人），较2022年12月增长2480万人。", "zh"
    )
    assert found.change is not None and found.change.value == 2.48e7


def test_two_different_values_of_one_subject_are_both_kept() -> None:
    text = "Mobile users numbered 1.69 billion in 2022 and 1.73 billion in 2023."
    assert len(figures(text)) == 2
