"""Helpers every adapter relies on: dates in list text, link resolution, ordering."""

from __future__ import annotations

from datetime import date

import pytest

from bot.sources.base import ListedItem, absolute_link, find_date, newest_first, one_line

BASE = "https://www.example.gov.cn/sjj/swdt/xwfb/list/index_pc_1.html"


@pytest.mark.parametrize(
    "text",
    [
        "2024.03.25",
        "发布时间：2024-03-25 10:00",
        "2024/3/25",
        "2024年3月25日",
        "Mar 25, 2024",
        "March 25 2024",
    ],
)
def test_find_date_reads_every_list_date_form(text: str) -> None:
    assert find_date(text) == date(2024, 3, 25)


def test_find_date_ignores_a_year_and_month_without_a_day() -> None:
    assert find_date("关于2024年3月数据要素工作安排") is None


@pytest.mark.parametrize("href", ["javascript:void(0)", "mailto:office@example.org", "#top", ""])
def test_absolute_link_skips_links_that_are_not_pages(href: str) -> None:
    assert absolute_link(href, BASE) is None


def test_absolute_link_resolves_relative_paths_against_the_page() -> None:
    assert absolute_link("../0401/a_pc.html#x", BASE) == (
        "https://www.example.gov.cn/sjj/swdt/xwfb/0401/a_pc.html"
    )


def test_newest_first_puts_undated_items_last_in_page_order() -> None:
    items = [
        ListedItem("https://a.example/1"),
        ListedItem("https://a.example/2", published=date(2024, 1, 1)),
        ListedItem("https://a.example/3"),
        ListedItem("https://a.example/4", published=date(2024, 3, 1)),
    ]
    assert [i.url[-1] for i in newest_first(items)] == ["4", "2", "1", "3"]


def test_a_title_loses_its_control_characters() -> None:
    assert one_line("5G\x00 base\x07 stations\x1b") == "5G base stations"


def test_a_title_of_control_characters_only_is_none() -> None:
    assert one_line("\x00\x01") is None
