"""segment / split_sentences: the behaviour clean-up and commitments rely on."""

from __future__ import annotations

from bot.extract.segments import split_sentences


def test_chinese_quote_closing_after_full_stop_stays_with_its_sentence() -> None:
    text = "“我们会继续推出新场景。”他说。"
    assert split_sentences(text, "zh") == ["“我们会继续推出新场景。”", "他说。"]


def test_chinese_full_stop_after_closing_quote_is_not_a_sentence() -> None:
    assert split_sentences("他说:“好。”。下一句。", "zh") == ["他说:“好。”。", "下一句。"]
