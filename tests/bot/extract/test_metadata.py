"""guess_title / guess_published: headline and release date from the head of the page."""

from __future__ import annotations

from datetime import date

from bot.extract.metadata import guess_published, guess_title


def test_title_is_the_first_headline_like_line() -> None:
    assert guess_title("Data trading tops 100 billion yuan\nThe market grew.") == (
        "Data trading tops 100 billion yuan"
    )


def test_title_skips_a_photo_caption_above_it() -> None:
    text = "A worker checks servers. (Xinhua/Li Ming)\nComputing hubs expand in west China\nBody."
    assert guess_title(text) == "Computing hubs expand in west China"


def test_last_of_leading_markdown_headings_is_the_title() -> None:
    text = "## Newsletter Issue 9\n## Forum on Data Markets (Keynote)\nThe forum opened today."
    assert guess_title(text) == "Forum on Data Markets (Keynote)"


def test_no_title_when_page_opens_with_a_sentence() -> None:
    assert guess_title("China will expand 5G coverage to all villages, the ministry said.") is None


def test_speaker_label_is_not_a_title() -> None:
    assert guess_title("Reporter:\nWhat comes next?") is None


def test_chinese_headline_is_a_title() -> None:
    assert guess_title("工信部:前三季度电信业务收入同比增长3%\n正文。") == (
        "工信部:前三季度电信业务收入同比增长3%"
    )


def test_published_from_labelled_iso_date() -> None:
    assert guess_published("Title\nUpdated: 2024-08-13 10:35\nBody.") == date(2024, 8, 13)


def test_published_from_chinese_publish_time_line() -> None:
    assert guess_published("标题\n发布时间:2024-01-24 08:00\n正文。") == date(2024, 1, 24)


def test_published_from_dateline_with_month_name() -> None:
    assert guess_published("Issue 12 · Aug 13, 2024\nText.") == date(2024, 8, 13)


def test_published_from_chinese_date_line() -> None:
    assert guess_published("日期:2023年11月5日\n正文。") == date(2023, 11, 5)


def test_wire_dateline_wins_over_a_later_mirror_date() -> None:
    text = "标题\n发布时间:2024-03-10 06:00:00\n中新网 2月26日电 工信部发布数据。"
    assert guess_published(text) == date(2024, 2, 26)


def test_wire_dateline_after_the_page_month_belongs_to_last_year() -> None:
    text = "发布时间:2024-01-05 06:00:00\n新华社北京12月28日电 会议召开。"
    assert guess_published(text) == date(2023, 12, 28)


def test_date_of_an_event_in_the_body_is_not_the_release_date() -> None:
    assert guess_published("The summit runs on May 24, 2024 in Fuzhou, officials said.") is None


def test_invalid_date_is_ignored() -> None:
    assert guess_published("Updated: 2024-02-30\nBody.") is None
