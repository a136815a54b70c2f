"""summarize: 2–4 of the release's own sentences, figures and commitments first."""

from __future__ import annotations

from bot.extract.segments import segment
from bot.extract.summary import summarize
from bot.model import Commitment, Figure

EN = (
    "Data output keeps growing\n"
    "China's data market expanded quickly last year, officials said on Monday.\n"
    "The weather in Beijing was mild during the press conference on Monday afternoon.\n"
    "Data transactions reached 160 billion yuan, up 30 percent year on year.\n"
    "Reporters asked many questions about the new rules during the briefing.\n"
    "The administration will publish rules on data pricing before the end of the year.\n"
    "What comes next for the data market?"
)


def figure(sentence: str) -> Figure:
    return Figure(
        subject="data transactions",
        value=1.6e11,
        unit="CNY",
        text="160 billion yuan",
        sentence=sentence,
    )


def test_summary_keeps_lead_figure_and_commitment_sentences_in_order() -> None:
    sentences = segment(EN, "en")
    figures = [figure("Data transactions reached 160 billion yuan, up 30 percent year on year.")]
    commitments = [
        Commitment(
            "The administration will publish rules on data pricing before the end of the year."
        )
    ]
    assert summarize(sentences, figures, commitments, "en") == (
        "China's data market expanded quickly last year, officials said on Monday. "
        "Data transactions reached 160 billion yuan, up 30 percent year on year. "
        "The administration will publish rules on data pricing before the end of the year."
    )


def test_summary_skips_headings_and_questions() -> None:
    summary = summarize(segment(EN, "en"), [], [], "en")
    assert "Data output keeps growing" not in summary
    assert "?" not in summary


def test_summary_has_at_least_two_sentences_when_available() -> None:
    first = "The forum opened in Fuzhou on Monday morning."
    second = "It drew visitors from many countries and regions."
    assert summarize(segment(f"{first}\n{second}", "en"), [], [], "en") == f"{first} {second}"


def test_english_summary_is_at_most_600_characters() -> None:
    text = "\n".join(
        f"The ministry will carry out reform task number {i} " + "x" * 200 + "." for i in range(6)
    )
    sentences = segment(text, "en")
    commitments = [Commitment(s.text) for s in sentences]
    assert len(summarize(sentences, [], commitments, "en")) <= 600


def test_over_long_single_sentence_is_shortened() -> None:
    text = "The ministry will " + "expand data pilots, " * 60 + "and report back."
    summary = summarize(segment(text, "en"), [], [], "en")
    assert len(summary) <= 600 and summary.endswith("…")


def test_chinese_summary_is_joined_without_spaces_and_bounded() -> None:
    text = (
        "国家数据局发布了新的统计数据。\n"
        "数据交易规模达到1600亿元,同比增长30%。\n"
        "国家数据局将完善数据交易规则。"
    )
    sentences = segment(text, "zh")
    summary = summarize(sentences, [], [Commitment("国家数据局将完善数据交易规则。")], "zh")
    assert summary == text.replace("\n", "")
    assert len(summary) <= 300


def test_restated_sentence_is_not_repeated() -> None:
    lead = "到2025年,公共数据开放制度初步建立,数据产品不断丰富。"
    text = f"{lead}\n该意见明确:{lead}\n到2030年,公共数据开放体系全面建成。"
    sentences = segment(text, "zh")
    commitments = [Commitment(s.text) for s in sentences]
    summary = summarize(sentences, [], commitments, "zh")
    assert summary.count("初步建立") == 1


def test_empty_document_gives_empty_summary() -> None:
    assert summarize([], [], [], "en") == ""
