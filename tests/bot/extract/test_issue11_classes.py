"""Classes of error from issue 11: explanations that are no figures, owners a Chinese share or
count leans on, and 将 read as 把. Sentences written for these tests."""

from __future__ import annotations

from bot.extract import extract
from bot.extract.commitment_cues import is_commitment
from bot.model import Document, Figure


def _figures(text: str) -> list[tuple[float, str, str]]:
    result = extract(Document(text=text, kind="txt"))
    return [(f.value, f.unit, f.subject) for f in result.figures]


def test_a_count_restating_a_value_in_other_words_is_no_figure() -> None:
    text = (
        "China's intelligent computing capacity reached 90 EFLOPS at the end of 2024, "
        "or 90 quintillion floating-point operations per second."
    )
    assert [(v, u) for v, u, _ in _figures(text)] == [(9e19, "FLOPS")]


def test_a_unit_spelled_out_in_parentheses_is_no_figure() -> None:
    text = "2024年,全省算力总规模达到15EFlops(每秒1500亿亿次浮点运算),同比增长20%。"
    assert [u for _, u, _ in _figures(text)].count("count") == 0


def test_a_size_comparison_is_skipped_and_the_change_keeps_its_level() -> None:
    text = "2024年,全省人均数据存储量约为2.5太字节(TB),相当于500多部高清电影,同比增长18.6%。"
    figures = _figures(text)
    assert all(u != "count" for _, u, _ in figures)
    change = next(s for v, _, s in figures if v == 18.6)
    assert "人均" in change


def test_a_share_named_by_its_measure_takes_the_clause_before_as_owner() -> None:
    text = "其中,地方国有企业算力规模同比增长近2倍,智能算力占比为35.5%。"
    share = next(s for v, _, s in _figures(text) if v == 35.5)
    assert "地方国有企业" in share


def test_a_bare_head_walks_back_to_the_enumerated_owner() -> None:
    text = (
        "从内部构成看,电子元器件制造业规模最大,增加值为1200亿元,占全部增加值的比重为30.1%;"
        "其次是软件开发业,增加值为900亿元,所占比重为22.6%。"
    )
    share = next(s for v, _, s in _figures(text) if v == 22.6)
    assert "软件开发业" in share


def test_a_count_of_bodies_says_what_they_did() -> None:
    text = "截至5月底,27个省(区、市)均完成数据管理机构组建,其中12个地区还将算力统筹纳入职责范围。"
    subjects = {v: s for v, _, s in _figures(text)}
    assert "机构组建" in subjects[27]
    assert "算力统筹" in subjects[12]


def test_disposal_jiang_after_a_count_is_no_cue() -> None:
    status = "截至目前,15个城市还将公共数据运营纳入年度考核,机构职能进一步强化。"
    assert not is_commitment(status, "zh")
    assert is_commitment("国家数据局将把数据产业纳入重点支持范围。", "zh")


def _periods(text: str) -> dict[float, str | None]:
    result = extract(Document(text=text, kind="txt"))
    return {f.value: f.period for f in result.figures}


def test_a_year_naming_the_whole_is_not_the_period() -> None:
    text = (
        "Online retail sales came to 9.8 trillion yuan in the first three quarters of 2025. "
        "This represents about 64 percent of the total recorded for all of 2024."
    )
    assert not (_periods(text)[64.0] or "").startswith("2024")


def test_a_comparison_base_year_is_past() -> None:
    text = (
        "In March 2021, the programme was launched in eight regions.\n"
        "Over the past three years, the programme has made progress. As of the end of June "
        "this year, 2.1 million racks were in use, with utilization reaching 64.5%, up 5 "
        "percentage points over 2021."
    )
    assert (_periods(text)[2100000.0] or "").startswith("2024")


def test_a_perfect_tense_full_year_is_past() -> None:
    text = (
        "Total data output is expected to have grown by more than 25 percent in 2024. "
        "Data trading exceeded 150 billion yuan last year, the official said."
    )
    assert _periods(text)[150e9] == "2024"


def _counts(text: str) -> dict[float, str]:
    result = extract(Document(text=text, kind="txt"))
    return {f.value: f.subject for f in result.figures}


def test_a_bare_count_after_a_level_verb_counts_the_plural_subject() -> None:
    text = (
        "Listed data assets in China hit 3,215 by the end of June 2025, "
        "up 41 percent year on year, the ministry said."
    )
    result = extract(Document(text=text, kind="txt"))
    figure = next(f for f in result.figures if f.value == 3215)
    assert "data assets" in figure.subject
    assert figure.change is not None and figure.change.value == 41


def test_a_bare_number_without_a_plural_subject_stays_out() -> None:
    assert 50 not in _counts("The manufacturing index stood at 50 in March.")


def test_from_a_place_count_is_no_change_start() -> None:
    counts = _counts("Delegates came from 45 countries and regions.")
    assert "countries" in counts[45]


def test_from_in_a_change_still_starts_it() -> None:
    text = "The share of online sales rose from 24.9 percent in 2021 to 27.6 percent in 2023."
    assert 24.9 not in _counts(text)


def test_an_appositive_after_a_counted_noun_is_passed_over() -> None:
    text = "About 120 institutions, including universities and hospitals, joined the alliance."
    assert "joined the alliance" in _counts(text)[120]


def _figure_by_value(text: str, value: float) -> Figure:
    result = extract(Document(text=text, kind="txt"))
    return next(f for f in result.figures if f.value == value)


def test_a_with_phrase_measure_belongs_to_the_first_figure() -> None:
    text = (
        "From 2019 to 2024, the scale of China's cloud computing market grew by 450 billion "
        "yuan, with a compound annual growth rate of 38.2 percent."
    )
    figure = _figure_by_value(text, 38.2)
    assert "cloud computing" in figure.subject
    assert (figure.period or "").startswith("2019")


def test_an_estimated_value_belongs_to_what_was_counted() -> None:
    text = (
        "The number of AI start-ups in the province reached 1,250 in 2024, "
        "with a combined value of 800 billion yuan."
    )
    assert "AI start-ups" in _figure_by_value(text, 800e9).subject


def test_a_participle_after_an_adverb_is_an_adjective() -> None:
    text = (
        "By 2026, the proportion of renewable power in newly built computing centres "
        "will exceed 70 percent, the plan says."
    )
    assert "renewable" in _figure_by_value(text, 70.0).subject


def test_contribute_a_percentage_of_a_whole_is_a_share() -> None:
    text = "The plan aims for digital trade to contribute over 45 percent of total services trade."
    assert "digital trade" in _figure_by_value(text, 45.0).subject


def test_a_change_after_a_unit_complement_nests_under_its_level() -> None:
    text = "The province stored 2.4 exabytes of data in 2024, an increase of 31 percent."
    figure = _figure_by_value(text, 2.4e18)
    assert figure.change is not None and figure.change.value == 31


def test_a_year_after_xiangdangyu_is_a_comparison_base() -> None:
    text = "2025年上半年,全省数据交易额58.3亿元,相当于2024年全年的1.2倍。"
    assert (_figure_by_value(text, 5.83e9).period or "").startswith("2025")


def test_a_one_word_object_of_a_making_verb_says_so() -> None:
    text = "The province generated 2.1 zettabytes of data in 2024, up 18 percent year on year."
    figure = _figure_by_value(text, 2.1e21)
    assert figure.subject.startswith("data generated")
    assert figure.change is not None and figure.change.value == 18


def test_a_noun_object_takes_the_verbs_subject_as_owner() -> None:
    text = "The province's software industry generated a revenue of 420 billion yuan in 2024."
    assert "software industry" in _figure_by_value(text, 420e9).subject


def test_a_figure_stated_again_later_in_the_body_is_reported_once() -> None:
    text = (
        "2024年,全国移动互联网接入流量达3376亿GB。\n"
        "从流量看,2024年全国移动互联网接入流量达3376亿GB,同比增长11.6%。"
    )
    result = extract(Document(text=text, kind="txt"))
    same = [f for f in result.figures if f.value == 3376e8 * 1e9]
    assert len(same) == 1
    assert same[0].change is not None and same[0].change.value == 11.6


def test_different_owners_of_one_value_stay_apart() -> None:
    text = "2024年,北京市5G基站占移动基站比重为38%。\n同期,上海市5G基站占移动基站比重为38%。"
    result = extract(Document(text=text, kind="txt"))
    assert len([f for f in result.figures if f.value == 38]) == 2


def test_a_size_comparison_with_a_verb_after_xiangdangyu_is_no_figure() -> None:
    text = "2024年,全省数据存储总量达到1.2EB,相当于存储2000多万部高清电影。"
    assert all(u != "count" for _, u, _ in _figures(text))


def test_a_task_may_open_with_the_field_it_applies_to() -> None:
    assert is_commitment("在教育、养老等领域遴选不少于15个数据应用试点项目。", "zh")
    assert is_commitment("围绕先进制造业集群,培育50家以上数据服务企业。", "zh")
    assert not is_commitment("在2023年建设5G基站30万个。", "zh")


def test_a_policy_verb_in_a_report_of_results_is_no_task() -> None:
    report = "省数据局扎实推进公共数据开放,形成了覆盖全省的开放体系。"
    assert not is_commitment(report, "zh")
    assert not is_commitment("省数据局指导杭州、宁波等5个城市探索数据资产入表。", "zh")
    assert is_commitment("省数据局将推进公共数据开放。", "zh")


def test_a_hyphenated_percentage_qualifies_the_noun_after_it() -> None:
    text = (
        "By June 2025, the province reported a 92.4-percent fibre coverage rate of rural "
        "villages, an increase of 3.1 percent year on year."
    )
    figure = _figure_by_value(text, 92.4)
    assert figure.unit == "percent"
    assert "fibre coverage rate" in figure.subject
    assert figure.change is not None and figure.change.value == 3.1


def test_in_the_period_between_a_level_and_its_change_is_its_period() -> None:
    text = (
        "Cross-border data services also expanded. Their export value came to 96 billion "
        "yuan in the same period, an increase of 8.3 percent."
    )
    figure = _figure_by_value(text, 96e9)
    assert figure.change is not None and figure.change.value == 8.3


def test_growing_at_a_rate_names_the_growth_rate_of_what_grows() -> None:
    text = (
        "By 2028, the smart-city market is expected to grow at an average annual rate "
        "of 15 percent."
    )
    subject = _figure_by_value(text, 15.0).subject
    assert subject.startswith("average annual growth rate of") and "smart-city market" in subject


def test_cutting_an_object_by_a_range_is_a_decrease_of_both_ends() -> None:
    text = (
        "We will cut the cost of cross-border data transfers for small firms by 15% to 25% by 2027."
    )
    result = extract(Document(text=text, kind="txt"))
    values = sorted(f.value for f in result.figures)
    assert values == [-25.0, -15.0]
    assert len({f.subject for f in result.figures}) == 1


def test_raising_an_object_by_points_is_an_increase() -> None:
    text = "The plan aims to raise the utilization rate of data centres by 5 percentage points."
    assert 5.0 in [v for v, _, _ in _figures(text)]


def test_how_long_an_event_lasts_is_no_figure() -> None:
    assert _figures("The press conference will last about 90 minutes.") == []


def test_a_with_phrase_without_an_earlier_figure_takes_the_clause_subject() -> None:
    text = (
        "China's computing services market expanded quickly in 2024, with total contracts "
        "exceeding 95 billion yuan, the report said."
    )
    subject = _figure_by_value(text, 95e9).subject
    assert subject == "total contracts of China's computing services market"


def test_a_named_part_of_which_keeps_the_whole() -> None:
    text = "About 2,400 data exchanges operate worldwide, of which Europe accounts for 18 percent."
    subject = _figure_by_value(text, 18.0).subject
    assert "Europe" in subject and "data exchanges" in subject


def test_a_frame_must_close_before_its_task_verb() -> None:
    report = "在数据安全方面,省网信办发布了一批技术规范,并且组织开展试点验证。"
    assert not is_commitment(report, "zh")
