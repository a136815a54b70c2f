"""The scanner finds quantities with their unit, scale and qualifier, and skips traps."""

from __future__ import annotations

import pytest

from bot.extract.numbers import normalize
from bot.extract.quantities import scan


def read(text: str) -> list[tuple[float, str, str | None]]:
    norm = normalize(text)
    return [(q.value, q.unit, q.qualifier) for q in scan(norm)]


def test_space_grouped_thousands_with_tonnes() -> None:
    assert read("The port handled 816 000 t of grain.") == [(816000.0, "t", None)]


def test_per_cent_spelled_apart() -> None:
    assert read("Exports rose 4.5 per cent.") == [(4.5, "percent", None)]


def test_scale_word_and_currency_before() -> None:
    assert read("Revenue hit RMB 2.35 trillion.") == [(2.35e12, "CNY", None)]


def test_dollar_sign_with_scale() -> None:
    assert read("deals worth $3.5 billion were signed") == [(3.5e9, "USD", None)]


def test_chinese_scale_and_classifier() -> None:
    assert read("累计建成5G基站412.3万个") == [(4123000.0, "count", None)]


def test_wan_yi_yuan() -> None:
    assert read("收入达2.1万亿元") == [(2.1e12, "CNY", None)]


def test_chinese_numeral_with_approximate_suffix() -> None:
    assert read("覆盖三十多个城市") == [(30.0, "count", "多")]
    assert read("吸引两千余家企业") == [(2000.0, "count", "余")]


def test_bai_fen_zhi() -> None:
    assert read("占比达到百分之五十") == [(50.0, "percent", None)]


def test_full_width_digits() -> None:
    assert read("用户达１２３万户") == [(1230000.0, "count", None)]


def test_english_words_with_scale_keep_qualifier() -> None:
    assert read("nearly two million charging piles") == [(2e6, "count", "nearly")]


def test_a_quarter_of() -> None:
    assert read("a quarter of firms use cloud services") == [(25.0, "percent", None)]


def test_range_keeps_lower_bound() -> None:
    assert read("growth of 10–15% is expected") == [(10.0, "percent", "range to 15")]
    assert read("增速为8%至12%") == [(8.0, "percent", "range to 12")]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [("more than 300 parks", "more than"), ("超过500家企业", "超过"), ("逾600家", "逾")],
)
def test_qualifiers(text: str, qualifier: str) -> None:
    assert read(text)[0][2] == qualifier


def test_emission_value_unchanged_by_qualifier() -> None:
    assert read("近80%的企业")[0][:2] == (80.0, "percent")


def test_5g_is_a_name() -> None:
    assert read("5G networks cover every county") == []


def test_count_before_5g_noun_is_kept() -> None:
    assert read("It built 420 5G factories") == [(420.0, "count", None)]


def test_year_is_not_a_count() -> None:
    assert read("In 2022 the agency opened") == []


def test_date_inside_a_figure_sentence() -> None:
    assert read("On March 3, 2024, the ministry said 18 provinces joined.") == [
        (18.0, "count", None)
    ]


def test_small_chinese_numeral_is_wording() -> None:
    assert read("三家企业完成改造") == []


def test_bu_chaoguo_is_an_upper_bound_not_more_than() -> None:
    assert read("每个试点给予不超过500万元的资金支持") == [(5e6, "CNY", "不超过")]


def test_bu_shaoyu_is_a_lower_bound() -> None:
    assert read("遴选不少于20个高质量数据集") == [(20.0, "count", "不少于")]


def test_english_upper_bound_phrase() -> None:
    assert read("cut costs by no more than 30 percent") == [(30.0, "percent", "no more than")]


def test_xinhua_headline_scale_abbreviation() -> None:
    assert read("Data trading tops 160 bln yuan") == [(1.6e11, "CNY", None)]


def test_minutes_in_seconds() -> None:
    assert read("通话时长累计完成9477亿分钟") == [(9.477e11 * 60, "second", None)]


def test_hours_in_seconds() -> None:
    assert read("Users spent 28.7 hours online a week.") == [(28.7 * 3600, "second", None)]


def test_round_the_clock_is_not_a_duration() -> None:
    assert read("提供7×24小时不间断服务") == []


def test_threshold_that_defines_a_group_is_not_a_figure() -> None:
    assert read("月收入在5000元以上的网民群体") == []
