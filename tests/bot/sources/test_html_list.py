"""HTML list pages and their articles: an NDA-like pair served in GBK."""

from __future__ import annotations

from datetime import date

import pytest

from bot.fetch.client import Fetcher
from bot.model import Source
from bot.sources.base import ListedItem, SourceFormatError
from bot.sources.html_list import HtmlListAdapter
from tests.bot.sources.conftest import Serve, fixture_bytes, make_source

LIST_PATH = "/sjj/swdt/xwfb/list/index_pc_1.html"
ARTICLE_PATH = "/sjj/swdt/xwfb/0401/20240329101500001_pc.html"
NDA = {
    "item": "ul.u-list > li",
    "link": "a[title]",
    "date": "span",
    "remove": ["div.popbox"],
    "body": ["div.article", "div.detail"],
    "attachments": "div.filelist a",
}


def gbk(name: str) -> bytes:
    return fixture_bytes(name).decode("utf-8").encode("gbk")


def nda_items(serve: Serve, fetcher: Fetcher, **settings: object) -> list[ListedItem]:
    url = serve(LIST_PATH, gbk("nda_list.html"))
    source = make_source(url, "html", **{**NDA, **settings})
    return HtmlListAdapter().list_items(fetcher.get(url), source)


def nda_article(serve: Serve, fetcher: Fetcher, item_date: date | None, **settings: object):
    url = serve(ARTICLE_PATH, gbk("nda_article.html"))
    item = ListedItem(url=url, title="示例数据局召开2024年数据要素工作会议", published=item_date)
    source = Source(url=url, kind="html", name="nda", settings={**NDA, **settings})
    return HtmlListAdapter().load_item(item, fetcher, source)


def test_gbk_list_page_yields_titles_and_dates(serve: Serve, fetcher: Fetcher) -> None:
    items = nda_items(serve, fetcher)
    assert items[0].title == "示例数据局召开2024年数据要素工作会议"
    assert items[0].published == date(2024, 3, 29)
    assert [i.published for i in items] == sorted((i.published for i in items), reverse=True)


def test_title_attribute_beats_truncated_link_text(serve: Serve, fetcher: Fetcher) -> None:
    titles = [i.title for i in nda_items(serve, fetcher)]
    assert "关于公共数据资源开发利用的若干意见（全文）" in titles


def test_pc_and_mobile_twins_are_listed_once(serve: Serve, fetcher: Fetcher) -> None:
    urls = [i.url for i in nda_items(serve, fetcher)]
    assert len([u for u in urls if "20240325090000002" in u]) == 1
    assert not any(u.endswith("_mobile.html") for u in urls)


def test_popbox_is_removed_before_reading_items(serve: Serve, fetcher: Fetcher) -> None:
    first = nda_items(serve, fetcher, link="a[href]")[0]
    assert first.url.endswith("20240329101500001_pc.html")
    assert first.published == date(2024, 3, 29)  # not the popbox's 2024.01.01


def test_links_resolve_against_the_page_and_scripts_are_skipped(
    serve: Serve, fetcher: Fetcher
) -> None:
    items = nda_items(serve, fetcher)
    assert items[0].url.endswith("/sjj/swdt/xwfb/0401/20240329101500001_pc.html")
    assert items[0].parent_url is not None and items[0].parent_url.endswith(LIST_PATH)
    assert len(items) == 5
    assert all(i.url.startswith("http") for i in items)


def test_folder_date_in_url_is_not_the_publication_date(serve: Serve, fetcher: Fetcher) -> None:
    item = next(i for i in nda_items(serve, fetcher) if "0402" in i.url)
    assert item.published == date(2024, 3, 25)


def test_default_selectors_find_the_list(serve: Serve, fetcher: Fetcher) -> None:
    url = serve(LIST_PATH, gbk("nda_list.html"))
    items = HtmlListAdapter().list_items(fetcher.get(url), make_source(url, "html"))
    assert items[0].published == date(2024, 3, 29)
    assert "首页" not in [i.title for i in items]


def test_selector_matching_nothing_is_a_format_error(serve: Serve, fetcher: Fetcher) -> None:
    with pytest.raises(SourceFormatError, match=r"no items matched selector 'ul\.news > li'"):
        nda_items(serve, fetcher, item="ul.news > li")


def test_article_takes_meta_title_body_selector_and_attachments(
    serve: Serve, fetcher: Fetcher
) -> None:
    document = nda_article(serve, fetcher, date(2024, 3, 29))
    assert document.title == "示例数据局召开2024年数据要素工作会议"
    assert (
        document.text.splitlines()[1]
        == "会议指出，2023年全国数据生产总量达到32.85泽字节，同比增长22.44%。"
    )
    assert "分享到微信" not in document.text and "版权所有" not in document.text
    assert document.attachments[0].endswith("/sjj/files/20240328/plan.pdf")
    assert document.attachments[0].startswith("http://127.0.0.1:")
    assert document.attachments[1] == "https://files.example.gov.cn/table.pdf"


def test_item_date_wins_over_meta_pubdate(serve: Serve, fetcher: Fetcher) -> None:
    assert nda_article(serve, fetcher, date(2024, 3, 29)).published == date(2024, 3, 29)


def test_meta_pubdate_is_used_when_item_has_no_date(serve: Serve, fetcher: Fetcher) -> None:
    assert nda_article(serve, fetcher, None).published == date(2024, 3, 28)


def test_body_selectors_fall_back_in_order(serve: Serve, fetcher: Fetcher) -> None:
    document = nda_article(serve, fetcher, None, body=["div.detail", "div.article"])
    assert document.text.startswith("3月28日，示例数据局召开")


def test_without_body_selector_trafilatura_reads_the_article(
    serve: Serve, fetcher: Fetcher
) -> None:
    document = nda_article(serve, fetcher, None, body=[])
    assert "32.85泽字节" in document.text
    assert "版权所有" not in document.text
