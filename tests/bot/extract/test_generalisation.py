"""One test per general rule added for releases nobody here has seen (sentences written here).

Each rule fixed a failure class on the held-out-style fixtures in ``heldout/``: where the
reference year comes from, what counts as a comparison basis, which bare numbers are
counts, whose subject a value takes in English and Chinese clauses, and which headline
figures are rounded copies of body figures.
"""

from __future__ import annotations

from datetime import date

from bot.extract import extract
from bot.extract.commitment_cues import is_commitment
from bot.extract.figures import find_figures
from bot.extract.quantities import scan
from bot.extract.segments import segment
from bot.model import Document, Figure


def figures(text: str, language: str = "en", published: date | None = None) -> list[Figure]:
    return find_figures(segment(text, language), language, published=published, title=None)


def find(found: list[Figure], value: float) -> Figure:
    matches = [f for f in found if f.value == value]
    assert len(matches) == 1, found
    return matches[0]


# --- periods -------------------------------------------------------------------------


def test_target_year_does_not_set_the_reference_year() -> None:
    found = figures(
        "Sales rose in the first half of 2024.\n"
        "As of September, the platforms served 61 million users.\n"
        "The plan aims for 90 million users by 2026."
    )
    assert find(found, 61e6).period == "2024-09"


def test_jiezhi_year_sets_the_reference_year() -> None:
    found = figures("截至2024年6月，会员规模达3.2亿人。\n上半年新增会员512万人。", "zh")
    assert find(found, 5.12e6).period == "2024-H1"


def test_over_the_end_of_a_year_is_a_basis() -> None:
    found = figures(
        "By the end of 2023, smart meters numbered 610 million.\n"
        "Connected sensors reached 1.2 billion, a net increase of 130 million over the end "
        "of 2022."
    )
    assert find(found, 1.2e9).period == "2023"


def test_increase_on_a_year_is_a_basis() -> None:
    found = figures(
        "In 2024, platform trading exceeded 52 billion yuan, up 18% on 2023. "
        "Exchange trading came to roughly 9 billion yuan."
    )
    assert find(found, 9e9).period == "2024"


# --- quantities and traps ------------------------------------------------------------


def test_over_inside_a_word_is_not_a_qualifier() -> None:
    (quantity,) = scan("The scheme seeks to cover 35 percent of small firms.")
    assert quantity.qualifier is None


def test_fraction_after_share_verb_is_a_percent() -> None:
    (quantity,) = scan("Cloud services accounted for about a third.")
    assert quantity.unit == "percent" and round(quantity.value, 1) == 33.3


def test_bare_number_after_change_word_nests_as_change() -> None:
    text = "Operators ran 2.5 million mobile towers, up 312,000 from a year earlier."
    fig = find(figures(text), 2.5e6)
    assert fig.change is not None and fig.change.value == 312000.0


def test_bare_number_whose_clause_says_number_of() -> None:
    found = figures("The number of certified data brokers has exceeded 275, officials said.")
    assert find(found, 275.0).unit == "count"


def test_quoted_noun_after_count() -> None:
    fig = find(figures('Regulators have named 138 "lighthouse factories" so far.'), 138.0)
    assert "lighthouse factories" in fig.subject


def test_duration_is_not_a_count() -> None:
    assert figures("The city has led the ranking for 9 consecutive years.") == []


def test_denominator_after_per_is_not_a_count() -> None:
    assert figures("The region has the most towers per 10,000 people.") == []


def test_chinese_top_n_ranking_is_not_a_count() -> None:
    assert scan("三省收入位居全国前3名") == []


def test_net_increase_nests_under_level() -> None:
    text = "Connected sensors reached 820 million, a net increase of 95 million."
    fig = find(figures(text), 8.2e8)
    assert fig.change is not None and fig.change.value == 95e6


def test_same_period_comparison_nests_under_level() -> None:
    fig = find(figures("户均流量达21.5GB，比上年同期增长6.1%。", "zh"), 21.5e9)
    assert fig.change is not None and fig.change.value == 6.1


# --- English subjects ----------------------------------------------------------------


def test_main_subject_spans_and_when_only_verbs_follow() -> None:
    fig = find(figures("Income from storage and edge services came in at 93 billion yuan."), 93e9)
    assert fig.subject.startswith("Income from storage")


def test_participle_clause_takes_the_main_subject() -> None:
    fig = find(figures("Total storage capacity ranked third globally, reaching 1.2 ZB."), 1.2e21)
    assert "storage capacity" in fig.subject


def test_bare_head_after_verb_keeps_its_owner() -> None:
    fig = find(figures("The cable sector generated revenue of 88 billion yuan."), 88e9)
    assert "cable sector" in fig.subject and "revenue" in fig.subject


def test_reporting_verb_is_not_a_subject() -> None:
    fig = find(figures("An analyst said a quarter of the new servers were idle."), 25.0)
    assert "servers" in fig.subject


def test_share_governed_by_a_verb_takes_its_of_phrase() -> None:
    fig = find(figures("The ministry aims to reach 60 percent of rural clinics."), 60.0)
    assert "rural clinics" in fig.subject


# --- Chinese subjects ----------------------------------------------------------------


def test_parenthesis_stays_inside_the_subject_clause() -> None:
    fig = one_zh("以电商为主的企业（包括零售、团购等）业务收入同比增长4.2%。")
    assert "以电商为主的企业" in fig.subject


def test_qualifier_before_the_verb_is_kept() -> None:
    fig = one_zh("西部地区完成业务收入980亿元。")
    assert "西部地区" in fig.subject


def test_level_after_change_and_zhi_takes_clause_subject() -> None:
    found = figures("全年毛利率提高0.4个百分点至21.3%。", "zh")
    assert "毛利率" in find(found, 21.3).subject


def test_verb_initial_clause_leans_on_previous_subject() -> None:
    found = figures("云服务收入5120亿元，高出行业平均水平2.1个百分点。", "zh")
    assert "云服务" in find(found, 2.1).subject


def one_zh(text: str) -> Figure:
    found = figures(text, "zh")
    assert len(found) == 1, found
    return found[0]


# --- titles and commitments -------------------------------------------------------------


def test_rounded_headline_figure_is_not_reported_twice() -> None:
    text = "Fibre ports top 1.1 billion\n\nFibre ports numbered 1.136 billion at the end of June."
    values = [f.value for f in extract(Document(text=text, kind="txt")).figures]
    assert values == [1.136e9]


def test_headline_change_repeating_a_nested_change_is_dropped() -> None:
    text = "前三季度服务收入同比增长4.4%\n\n前三季度，服务收入完成2100亿元，同比增长4.4%。"
    found = extract(Document(text=text, kind="txt", language="zh")).figures
    assert [f.value for f in found] == [2.1e11]


def test_passing_the_question_is_not_a_commitment() -> None:
    assert not is_commitment("I will ask Ms. Wang to take this question.", "en")


def test_press_logistics_are_not_commitments() -> None:
    assert not is_commitment("The full transcript will be posted on the website.", "en")
