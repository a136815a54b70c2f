"""find_commitments: forward-looking policy sentences, with area and deadline."""

from __future__ import annotations

import pytest

from bot.extract.commitments import find_commitments
from bot.extract.segments import segment


def texts(text: str, language: str = "en") -> list[str]:
    return [c.text for c in find_commitments(segment(text, language), language)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry will roll out a national action plan on industrial data next year.",
        "China aims to raise the output of its data industry by 20 percent annually by 2027.",
        "Efforts should be made to improve the data property rights system.",
        "We are stepping up work on rules for cross-border data flows.",
        "Local governments are encouraged to open more public data to businesses.",
        "The guideline calls for building a unified national computing power network.",
        "Wang said the administration would publish guidance on data pricing this year.",
        "There's also an active push to build trusted data spaces in key industries.",
        "The agency is working with the goal of linking all computing hubs by a fast network.",
        "Computing power is expected to exceed 300 EFLOPS by 2025, according to the action plan.",
    ],
)
def test_english_forward_looking_sentence_is_a_commitment(sentence: str) -> None:
    assert texts(sentence) == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "China had 1.09 billion internet users by the end of 2023, the report said.",
        "Online retail sales rose 11 percent in 2023, the ministry said.",
        "The report outlined plans for eight computing hubs in the west.",
        "The plan to build eight hubs was launched by the State Council in 2022.",
        "Data output is expected to have grown by 25 percent last year.",
        "Demand for chips is expected to rise further, analysts at the firm wrote in a note.",
        "The country's three-year plan to boost data use was launched in 2023.",
    ],
)
def test_english_statement_of_fact_is_not_a_commitment(sentence: str) -> None:
    assert texts(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The expo will be held in Hangzhou from May 10 to 12.",
        "More than 500 companies will attend the forum next week.",
        "The three-day conference, which will open on Monday, will feature 40 sessions.",
    ],
)
def test_event_logistics_are_not_commitments(sentence: str) -> None:
    assert texts(sentence) == []


def test_expert_forecast_is_not_a_commitment() -> None:
    text = (
        "The new rules will help unlock the value of data, "
        "said Li Ming, a professor at a university."
    )
    assert texts(text) == []


def test_effect_of_a_move_is_not_a_commitment() -> None:
    assert texts("The move will help cut costs for small firms across the country.") == []


def test_reporters_question_turn_is_skipped_entirely() -> None:
    text = (
        "Reporter:\n"
        "The agency said it will publish new rules this year. When will they come out? Thank you.\n"
        "Spokesperson:\n"
        "We will publish the rules on data pricing before the end of the year."
    )
    assert texts(text) == ["We will publish the rules on data pricing before the end of the year."]


def test_question_sentence_is_never_a_commitment() -> None:
    assert texts("Will the ministry expand the pilot program to more provinces?") == []


def test_headline_without_punctuation_is_not_a_commitment() -> None:
    assert texts("China will build national data infrastructure\nBody text follows here.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "工业和信息化部将加快推进5G网络向乡镇延伸。",
        "到2027年,全国数据产业规模年均增速超过15%。",
        "会议强调,要健全数据基础制度。",
        "方案提出,推动算力基础设施高质量发展。",
        "加快构建全国一体化算力网。",
        "下一步,我们将持续完善数据产权制度。",
    ],
)
def test_chinese_policy_sentence_is_a_commitment(sentence: str) -> None:
    assert texts(sentence, "zh") == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "截至2023年底,我国已建成5G基站337.7万个。",
        "近年来,各地加快推进数字政府建设,成效显著。",
        "2023年,全国移动互联网用户净增6316万户,推动移动流量快速增长。",
        "数据要素是数字经济的重要组成部分。",
    ],
)
def test_chinese_statement_of_fact_is_not_a_commitment(sentence: str) -> None:
    assert texts(sentence, "zh") == []


def test_chinese_forecast_is_not_a_commitment() -> None:
    assert texts("预计到2025年,我国数据产业规模将突破2万亿元。", "zh") == []


def test_chinese_event_announcement_is_not_a_commitment() -> None:
    assert texts("大会将于9月在贵阳举办。", "zh") == []


def test_policy_verb_inside_a_document_title_does_not_count() -> None:
    assert texts("两部门近日联合发布《关于加快数据标注产业发展的意见》。", "zh") == []


def test_repeated_sentence_is_reported_once() -> None:
    sentence = "国家数据局将推进公共数据开放。"
    assert texts(f"{sentence}\n{sentence}", "zh") == [sentence]


def test_deadline_is_the_target_year() -> None:
    text = "China plans to complete a national data infrastructure by 2029."
    (commitment,) = find_commitments(segment(text, "en"), "en")
    assert commitment.deadline == "2029"


def test_deadline_of_a_range_is_its_last_year() -> None:
    text = "Efforts will be made to finish the design between 2024 and 2026."
    (commitment,) = find_commitments(segment(text, "en"), "en")
    assert commitment.deadline == "2026"


def test_chinese_deadline_from_target_year() -> None:
    (commitment,) = find_commitments(segment("到2030年,数据市场体系全面建成。", "zh"), "zh")
    assert commitment.deadline == "2030"


def test_no_deadline_when_none_is_stated() -> None:
    (commitment,) = find_commitments(segment("The ministry will expand the pilot.", "en"), "en")
    assert commitment.deadline is None


def test_area_is_the_section_heading() -> None:
    text = "数据市场运行平稳。\n数据交易\n国家数据局将完善数据交易规则。"
    (commitment,) = find_commitments(segment(text, "zh"), "zh")
    assert commitment.area == "数据交易"


def test_area_is_the_topic_of_an_ordinal_lead() -> None:
    text = "Third, efforts will be made to expand computing networks. The ministry will add hubs."
    commitments = find_commitments(segment(text, "en"), "en")
    assert [c.area for c in commitments] == ["expand computing networks"] * 2


def test_title_lines_above_the_body_are_not_an_area() -> None:
    text = "Data Forum Keynote\nThe ministry will expand the data pilot."
    (commitment,) = find_commitments(segment(text, "en"), "en")
    assert commitment.area is None


def test_chinese_commitment_is_quoted_up_to_its_full_stop_across_semicolons() -> None:
    text = "到2025年,数据产权制度初步建立；到2030年,数据市场体系全面建成。"
    assert texts(text, "zh") == [text]


def test_year_after_the_modal_is_the_deadline() -> None:
    text = "The plan, released in 2022, says the ministry will cover all villages in 2026."
    (commitment,) = find_commitments(segment(text, "en"), "en")
    assert commitment.deadline == "2026"
