"""Traditional Chinese releases (Hong Kong outlets) are read as Simplified (sentences here)."""

from __future__ import annotations

from bot.extract import extract
from bot.model import Document
from bot.text.traditional import looks_traditional, to_simplified

HK = (
    "香港媒體報道數據產業\n\n"
    "國家數據局表示,2024年全國數據交易規模達到1600億元,同比增長30%。\n\n"
    "國家數據局將加快制定數據產權制度,推動數據要素市場發展。"
)


def test_traditional_text_is_detected_and_simplified_text_is_not() -> None:
    assert looks_traditional(HK)
    assert not looks_traditional("国家数据局表示,全国数据交易规模达到1600亿元。")
    assert not looks_traditional("国家数据局表示,香港「數據」一词写法不同。")


def test_conversion_keeps_length_and_reads_simplified() -> None:
    assert to_simplified("數字經濟規模達53.9萬億元") == "数字经济规模达53.9万亿元"


def test_figures_get_simplified_subjects_and_commitments_stay_as_written() -> None:
    result = extract(Document(text=HK, kind="txt", language="zh"))
    (level,) = [f for f in result.figures if f.unit == "CNY"]
    assert level.value == 1.6e11 and "数据交易" in level.subject
    assert level.change is not None and level.change.value == 30
    (commitment,) = result.commitments
    assert commitment.text == "國家數據局將加快制定數據產權制度,推動數據要素市場發展。"
