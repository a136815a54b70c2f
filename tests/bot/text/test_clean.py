"""clean_text: whitespace, PDF line re-joining and page-furniture removal."""

from __future__ import annotations

import time

from bot.text.clean import clean_text


def test_full_width_and_no_break_spaces_become_plain_spaces() -> None:
    assert clean_text("Data\u3000output\u00a0grew  fast.") == "Data output grew fast."


def test_crlf_line_endings_are_normalised() -> None:
    assert clean_text("First paragraph.\r\nSecond paragraph.\r\n") == (
        "First paragraph.\nSecond paragraph."
    )


def test_page_break_inside_english_sentence_is_rejoined() -> None:
    text = "The plan covers data trading, pricing and\n\n\n\n12\n\nsecurity rules for 2025."
    assert clean_text(text) == "The plan covers data trading, pricing and security rules for 2025."


def test_line_followed_by_lowercase_continuation_is_rejoined() -> None:
    text = "Officials described three new pilot\n\nzones for data exchange."
    assert clean_text(text) == "Officials described three new pilot zones for data exchange."


def test_long_chinese_line_broken_mid_sentence_is_rejoined() -> None:
    first = "国家数据局表示,将会同有关部门加快建设全国一体化数据市场,推动公共数据资源开发利用,完善"
    assert clean_text(f"{first}\n\n数据产权制度。") == f"{first}数据产权制度。"


def test_english_heading_is_not_glued_to_its_paragraph() -> None:
    text = "Computing power keeps growing\n\nThe total reached 280 EFLOPS."
    assert clean_text(text) == "Computing power keeps growing\n\nThe total reached 280 EFLOPS."


def test_chinese_heading_is_not_glued_to_its_paragraph() -> None:
    text = "算力规模持续扩大\n截至去年底,算力总规模达280EFLOPS。"
    assert clean_text(text).splitlines() == [
        "算力规模持续扩大",
        "截至去年底,算力总规模达280EFLOPS。",
    ]


def test_page_number_lines_are_dropped() -> None:
    assert clean_text("Para one.\n- 3 -\nPage 4 of 9\n第5页\nPara two.") == "Para one.\nPara two."


def test_repeated_title_line_keeps_only_the_first() -> None:
    text = (
        "Broadband users top 600 million\nBody text here.\nBroadband users top 600 million\nMore."
    )
    cleaned = clean_text(text, title="Broadband users top 600 million")
    assert cleaned.splitlines() == ["Broadband users top 600 million", "Body text here.", "More."]


def test_english_bylines_are_dropped() -> None:
    text = "By Wang Fang | China Daily\nEditor: Li Hua\nThe ministry released the data."
    assert clean_text(text) == "The ministry released the data."


def test_chinese_bylines_and_editor_lines_are_dropped() -> None:
    text = "记者 张明\n工信部发布了统计公报。\n责任编辑:王丽\n审校:赵强"
    assert clean_text(text) == "工信部发布了统计公报。"


def test_source_and_publish_time_lines_are_dropped() -> None:
    text = "发布时间:2024-03-02 09:15:00 来源:新华网\nSource: Xinhua\n正文第一段。"
    assert clean_text(text) == "正文第一段。"


def test_dateline_only_line_is_dropped() -> None:
    assert clean_text("Issue 7 · June 3, 2024\nThe forum opened.") == "The forum opened."


def test_english_photo_caption_with_agency_credit_is_dropped() -> None:
    text = (
        "Visitors try a VR headset at an expo in Beijing, June 3, 2024. (Xinhua/Zhang Wei)\nBody."
    )
    assert clean_text(text) == "Body."


def test_chinese_photo_captions_are_dropped() -> None:
    text = "工作人员在数据中心巡检。新华社发\n2019-2024年算力规模变化 图自国家数据局网站\n正文。"
    assert clean_text(text) == "正文。"


def test_caption_like_line_carrying_a_figure_is_kept() -> None:
    line = "Exports rose 12 percent to 3 billion yuan in May. (XINHUA)"
    assert clean_text(line) == "Exports rose 12 percent to 3 billion yuan in May."


def test_share_and_print_bars_are_dropped() -> None:
    assert clean_text("Share | Print | Email\n【打印】【关闭】\n分享到:\nBody.") == "Body."


def test_trailing_wire_credit_is_removed_from_the_paragraph() -> None:
    assert clean_text("有关部门将加强协调。(新华社)") == "有关部门将加强协调。"


def test_contact_block_at_the_end_is_dropped() -> None:
    text = "Last paragraph.\n--Media Contact--\nZhao Lei 13800000000\nTel:\n010-12345678"
    assert clean_text(text) == "Last paragraph."


def test_markdown_heading_markers_are_removed() -> None:
    assert clean_text("## Annual Data Forum\nText.") == "Annual Data Forum\nText."


def test_clean_up_is_linear_on_long_input() -> None:
    text = ("Line without an end\n\nand its continuation goes on, " * 4000) + "done."
    started = time.perf_counter()
    clean_text(text)
    assert time.perf_counter() - started < 1.0


def test_sentence_opening_with_by_is_not_a_byline() -> None:
    line = "By China's own count, data output grew fast."
    assert clean_text(line) == line
