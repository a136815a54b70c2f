"""Classes of commitment the held-out releases showed (sentences written here).

Numbered task lists (一是/二要/第三), meeting directives in English readouts, target-year
outcomes ("will have taken shape") and past achievements that read like tasks.
"""

from __future__ import annotations

from bot.extract.commitment_cues import is_commitment, is_task_heading
from bot.extract.commitments import find_commitments
from bot.extract.segments import segment


def found(text: str, language: str) -> list[tuple[str, str | None]]:
    return [(c.text, c.area) for c in find_commitments(segment(text, language), language)]


def test_sentences_under_a_task_heading_are_tasks_with_its_area() -> None:
    text = (
        "会议部署了下半年工作。一是夯实标准体系。编制行业数据分类目录。组织开展标准符合性评估。"
        "二是扩大试点范围。在港口和电网领域选取一批场景。\n\n"
        "与会人员参观了展厅。"
    )
    assert found(text, "zh") == [
        ("编制行业数据分类目录。", "夯实标准体系"),
        ("组织开展标准符合性评估。", "夯实标准体系"),
        ("在港口和电网领域选取一批场景。", "扩大试点范围"),
    ]


def test_a_heading_in_its_own_paragraph_governs_the_next_one() -> None:
    text = "第一,健全登记制度。\n\n制定数据产品登记规则,统一登记编码。\n\n与会人员参观了展厅。"
    assert found(text, "zh") == [("制定数据产品登记规则,统一登记编码。", "健全登记制度")]


def test_task_heading_after_a_colon_and_alone() -> None:
    assert is_task_heading("抓好以下三方面工作:一要稳步推进试点。") == "稳步推进试点"
    assert is_task_heading("三要实干善为推进创新发展。") == "实干善为推进创新发展"
    assert is_task_heading("一是推动数据要素流通,二是加强安全。") is None


def test_past_achievements_under_a_task_list_are_not_tasks() -> None:
    text = "一是完善机构体系。各省均完成机构组建。设立数据发展促进中心。"
    assert found(text, "zh") == [("设立数据发展促进中心。", "完善机构体系")]


def test_meeting_directives_are_commitments() -> None:
    for sentence in (
        "The meeting called for steps to widen access to anonymised health data.",
        "The meeting proposed that county governments share land records online.",
        "It emphasized the need to tighten audits of data brokers.",
        "Main tasks include setting up a registry of industrial data assets.",
        "By the end of 2027, a unified data labelling market will have taken shape.",
        "The guidelines also encourage banks to pilot data-backed lending.",
    ):
        assert is_commitment(sentence, "en"), sentence


def test_review_and_events_are_not_commitments() -> None:
    assert not is_commitment("会议总结了全年工作,推动各项任务落地。", "zh")
    assert not is_commitment("会议指出,2024年,全市推动数据工作取得新进展。", "zh")
    assert not is_commitment("The report had called growth steady.", "en")


def test_quoted_sentence_is_not_a_heading() -> None:
    text = "余局长介绍了进展。“下一步我们还将推动这些规范上升为国家标准。”她说。"
    assert any("上升为国家标准" in t for t, _ in found(text, "zh"))
