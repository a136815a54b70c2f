"""English labels: the catalog name, the English subject, or the glossary's rendering."""

from __future__ import annotations

import pytest

from bot.extract import extract
from bot.extract.labels import english_label, load_glossary, render_chinese
from bot.model import Document, Figure


def _figure(subject: str, indicator: str | None = None, unit: str = "count") -> Figure:
    return Figure(subject, 1.0, unit, "1", subject, indicator)


def test_the_glossary_has_at_least_300_terms() -> None:
    assert len(load_glossary().entries) >= 300


@pytest.mark.parametrize(
    ("subject", "label"),
    [
        ("数字经济核心产业增加值", "Value added of core digital-economy industries"),
        ("全国移动通信基站总数", "Mobile base stations (national, total)"),
        ("算力总规模", "Computing power (total)"),
        ("网民规模", "Internet users"),
        ("我国数字经济规模占GDP比重", "China's digital economy as a share of GDP"),
        ("5G行业虚拟专网", "5G industry virtual private networks"),
    ],
)
def test_chinese_subjects_are_rendered_through_the_glossary(subject: str, label: str) -> None:
    assert render_chinese(subject) == (label, True)


def test_the_longest_term_wins() -> None:
    assert render_chinese("数字经济核心产业")[0] == "Core digital-economy industries"


def test_words_the_glossary_lacks_stay_in_chinese() -> None:
    assert render_chinese("算力饕餮指数") == ("Computing power 饕餮 index", False)


def test_a_catalogued_figure_takes_the_catalog_name() -> None:
    figure = _figure("全国移动通信基站总数", "mobile_base_stations")
    assert english_label(figure) == "Mobile base stations"


def test_a_share_of_a_catalogued_count_is_labelled_from_its_subject() -> None:
    figure = _figure("5G基站占比", "5g_base_stations", unit="percent")
    assert english_label(figure) == "Share of 5G base stations"


def test_an_english_subject_is_its_own_label() -> None:
    assert english_label(_figure("data exchanges listed")) == "data exchanges listed"


def test_every_extracted_figure_has_an_english_label() -> None:
    text = (
        "工信部发布通信业统计公报\n\n2026年1月20日\n\n"
        "截至2025年底，全国移动通信基站总数达1265万个。"
        "网络直播用户规模达8.16亿人。"
    )
    figures = extract(Document(text=text, kind="txt")).to_contract()["figures"]
    assert [(f["subject"], f["subject_en"]) for f in figures] == [
        ("全国移动通信基站总数", "Mobile base stations"),
        ("网络直播用户规模", "Live streaming users"),
    ]
