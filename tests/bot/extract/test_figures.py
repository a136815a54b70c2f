"""End to end on sentences written for these tests: values, subjects, periods, changes."""

from __future__ import annotations

from datetime import date

from bot.extract.figures import find_figures
from bot.extract.segments import segment
from bot.model import Figure


def figures(text: str, language: str = "en", title: str | None = None) -> list[Figure]:
    published = date(2024, 9, 20)
    return find_figures(segment(text, language), language, published=published, title=title)


def one(text: str, language: str = "en") -> Figure:
    found = figures(text, language)
    assert len(found) == 1, found
    return found[0]


def test_count_subject_after_number_and_nested_change() -> None:
    fig = one(
        "By the end of 2023, operators had built 4.12 million 5G base stations, "
        "up 21% year on year."
    )
    assert (fig.value, fig.unit, fig.period) == (4120000.0, "count", "2023")
    assert "5G base stations" in fig.subject
    assert fig.indicator == "5g_base_stations"
    assert fig.change is not None
    assert (fig.change.value, fig.change.unit) == (21.0, "percent")


def test_subject_before_verb() -> None:
    fig = one("In 2023, the country's online retail sales hit RMB 15.1 trillion.")
    assert fig.value == 1.51e13 and fig.unit == "CNY"
    assert "online retail sales" in fig.subject
    assert fig.indicator == "online_retail_sales"


def test_decrease_is_negative() -> None:
    fig = one("2023年,移动语音业务收入比上年下降3.4%。", "zh")
    assert fig.value == -3.4
    assert "移动语音" in fig.subject


def test_chinese_subject_before_da() -> None:
    fig = one("截至2024年6月,我国网民规模达11亿人,较2023年12月增长742万人。", "zh")
    assert (fig.value, fig.period) == (1.1e9, "2024-06")
    assert "网民" in fig.subject and fig.indicator == "netizens"
    assert fig.change is not None and fig.change.value == 7420000.0


def test_percentage_points_change_nested() -> None:
    fig = one("农村地区互联网普及率为63.8%,较上年提升2.2个百分点。", "zh")
    assert fig.change is not None
    assert (fig.change.value, fig.change.unit) == (2.2, "percentage_point")


def test_respectively_pairs_items_with_values() -> None:
    found = figures(
        "The adoption rate of cloud services and the share of digital design tools "
        "reached 58.4% and 80.1%, respectively."
    )
    assert [f.value for f in found] == [58.4, 80.1]
    assert "cloud" in found[0].subject and "design tools" in found[1].subject


def test_chinese_fenbie_list() -> None:
    found = figures("东部、西部地区算力规模分别达到120 EFLOPS、45 EFLOPS。", "zh")
    assert [f.value for f in found] == [1.2e20, 4.5e19]
    assert found[0].subject.startswith("东部") and found[1].subject.startswith("西部")


def test_changes_pair_one_to_one() -> None:
    found = figures(
        "企业完成固定语音和移动语音业务收入150亿元和980亿元,比上年分别下降6%和3%。", "zh"
    )
    assert [(f.value, f.change.value if f.change else None) for f in found] == [
        (1.5e10, -6.0),
        (9.8e10, -3.0),
    ]


def test_period_carries_within_paragraph() -> None:
    found = figures(
        "By the end of 2023, the rollout was complete. Rural penetration rose to 66.5%."
    )
    assert found[0].period == "2023"


def test_month_without_year_takes_release_year() -> None:
    assert one("As of June, users of online payment reached 969 million.").period == "2024-06"


def test_share_inherits_previous_subject() -> None:
    found = figures(
        "There were 12.1 million base stations, of which 4.04 million 5G base stations were "
        "in use, accounting for 33.4 percent of the total."
    )
    assert found[-1].value == 33.4 and "5G" in found[-1].subject


def test_title_figure_reported_once() -> None:
    title = "China's computing power reaches 246 EFLOPS"
    text = f"{title}\nThe country's total computing power reached 246 EFLOPS by June."
    found = figures(text, title=title)
    assert len(found) == 1 and found[0].sentence.startswith("The country's")


def test_standalone_change_has_its_own_subject() -> None:
    fig = one("按照上年价格计算的电信业务总量同比增长16.8%。", "zh")
    assert fig.value == 16.8 and "电信业务总量" in fig.subject and fig.change is None


def test_date_inside_sentence_is_not_reported() -> None:
    found = figures("On May 24, 2024, the agency said 17 provinces had set up data bureaus.")
    assert [f.value for f in found] == [17.0]


def test_plan_name_years_are_not_figures() -> None:
    found = figures('The "Data Elements x" three-year action plan (2024-2026) names 12 sectors.')
    assert [f.value for f in found] == [12.0]


def test_from_value_is_not_reported() -> None:
    found = figures("宽带业务收入占比由上年的15.2%提升至15.6%。", "zh")
    assert [f.value for f in found] == [15.6]


def test_long_run_on_input_stays_fast() -> None:
    import time

    text = ", ".join(f"{i} firms and 2024-05-{i % 28 + 1:02d}" for i in range(8000))
    start = time.perf_counter()
    found = figures(text)
    assert time.perf_counter() - start < 5.0
    assert len(found) > 7000


def test_a_count_in_wan_never_becomes_the_reference_year() -> None:
    text = "“.CN”域名数量为2071万个。\n上半年，网络购物用户规模达9.36亿人。"
    found = find_figures(segment(text, "zh"), "zh", published=None, title=None)
    shoppers = next(f for f in found if f.value == 9.36e8)
    assert shoppers.period is None or not shoppers.period.startswith("2071")


def test_bare_count_after_an_expected_verb() -> None:
    fig = one("By 2027, the number of data enterprises is expected to surpass 600,000.")
    assert (fig.value, fig.unit, fig.period) == (600000.0, "count", "2027")


def test_bare_count_after_number_as_a_verb() -> None:
    fig = one("Foreign-invested firms in the sector now number more than 4,300.")
    assert (fig.value, fig.unit, fig.qualifier) == (4300.0, "count", "more than")


def test_share_governed_by_a_verb_is_named_by_its_of_phrase() -> None:
    fig = one(
        "We will strive to have more than 70 percent of large industrial enterprises "
        "complete digital transformation by 2027."
    )
    assert fig.subject.startswith("large industrial enterprises")
    assert (fig.value, fig.qualifier, fig.period) == (70.0, "more than", "2027")


def test_chinese_clause_of_a_bare_copula_takes_the_clause_before() -> None:
    found = figures("其中，遭遇个人信息泄露的网民比例最高，为18.9%。", "zh")
    assert [f.value for f in found] == [18.9]
    assert "个人信息泄露" in found[0].subject


def test_subject_before_an_expected_verb_phrase() -> None:
    fig = one("Enterprise spending on data services is expected to grow by 10-15 percent a year.")
    assert fig.subject == "Enterprise spending on data services"


def test_funds_are_named_by_what_they_support() -> None:
    found = figures("三年内安排约100亿元支持公共数据基础设施建设。", "zh")
    assert [(f.value, f.unit, f.subject) for f in found] == [(1e10, "CNY", "公共数据基础设施建设")]
