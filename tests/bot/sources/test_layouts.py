"""List layouts of the mission's sources, found without selectors (issue 12).

The fixtures under ``fixtures/layouts/`` are modelled on what is known of the real pages
(no network here): NDA's ``ul.u-list > li`` with ``YYYY.MM.DD`` spans, anchors without
``title`` and nested 解读 links; Xinhua's ``#list .item`` whose first link is an image;
CDRF's ``.jhtml`` articles and a PDF newsletter; CDF's definition list with English dates;
SCIO's ``/live/YYYY/NNNNN/`` conferences in table rows; a list whose dates sit in the
element after each entry.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.fetch.client import Fetcher
from bot.sources.base import find_date
from bot.sources.detect import detect, html_list, is_confident
from bot.sources.html_list import HtmlListAdapter
from bot.sources.registry import dry_run
from tests.bot.sources.conftest import FIXTURES, Serve, make_source

LAYOUTS = FIXTURES / "layouts"
NDA_RULES = {"item": "ul.u-list > li", "link": "a[href*='_pc.html']", "date": "span"}


def page(name: str) -> bytes:
    return (LAYOUTS / name).read_bytes()


def served(serve: Serve, name: str, path: str = "/list/index.html") -> str:
    return serve(path, page(name))


@pytest.mark.parametrize(
    ("name", "selector", "count", "newest"),
    [
        (
            "nda_list.html",
            "ul.u-list > li",
            6,
            ("关于完善数据流通安全治理更好促进数据要素市场化价值化的实施方案", date(2026, 4, 2)),
        ),
        (
            "xinhua_list.html",
            "div#list > div.item",
            5,
            ("China's digital economy tops 53 trillion yuan in 2025", date(2026, 3, 23)),
        ),
        (
            "cdrf_list.html",
            "div.list-box > div.news",
            5,
            ("中国发展高层论坛2026年年会在京开幕", date(2026, 3, 23)),
        ),
        (
            "cdf_home.html",
            "dl.news > dt",
            5,
            ("CDF 2026 closes with a call for open cooperation", date(2026, 3, 24)),
        ),
        (
            "scio_list.html",
            "table.tbl tbody > tr",
            5,
            ("国务院新闻办就2026年一季度国民经济运行情况举行发布会", date(2026, 4, 16)),
        ),
        (
            "sibling_list.html",
            "div.statements > h3",
            5,
            ("Statement on cross-border data flows", date(2026, 4, 2)),
        ),
        (
            "nda_redesign.html",
            "section.news-box > div.news-card",
            9,
            ("关于加快公共数据资源开发利用的意见", date(2026, 4, 9)),
        ),
    ],
)
def test_detection_finds_every_item_of_each_layout(
    serve: Serve,
    fetcher: Fetcher,
    name: str,
    selector: str,
    count: int,
    newest: tuple[str, date],
) -> None:
    response = fetcher.get(served(serve, name))
    found = html_list(response)
    assert found is not None and is_confident(found)
    assert (found.selector, len(found.items), found.dated) == (selector, count, count)
    assert (found.items[0].title, found.items[0].published) == newest
    assert all(item.title and not item.title.startswith("http") for item in found.items)
    assert detect(response).settings == {"item": selector}


def test_no_navigation_footer_or_pager_link_is_an_item(serve: Serve, fetcher: Fetcher) -> None:
    for name in ("nda_list.html", "xinhua_list.html", "cdrf_list.html", "cdf_home.html"):
        found = html_list(fetcher.get(served(serve, name)))
        assert found is not None
        titles = {item.title for item in found.items}
        assert not titles & {"首页", "Home", "About us", "DRC", "下一页", "基金会动态"}, name


def test_nda_link_is_the_first_pc_link_and_never_the_nested_interpretation(
    serve: Serve, fetcher: Fetcher
) -> None:
    url = served(serve, "nda_list.html")
    items = HtmlListAdapter().list_items(fetcher.get(url), make_source(url, "html", **NDA_RULES))
    by_date = {item.published: item for item in items}
    # the 专家解读 link follows the item's own link, the 解读 tag comes before it
    assert by_date[date(2026, 4, 2)].url.endswith("/0402/20260402101500001_pc.html")
    assert by_date[date(2026, 3, 28)].url.endswith("/0328/20260328090000002_pc.html")
    assert by_date[date(2026, 3, 28)].title == "公共数据资源登记管理暂行办法"
    assert not any("zcjd" in item.url or item.title in ("解读", "专家解读") for item in items)


def test_nda_anchors_without_title_attribute_still_list_every_item(
    serve: Serve, fetcher: Fetcher
) -> None:
    url = served(serve, "nda_list.html")
    response = fetcher.get(url)
    old_rule = {**NDA_RULES, "link": "a[title]"}  # the old default: one anchor has a title
    assert len(HtmlListAdapter().list_items(response, make_source(url, "html", **old_rule))) == 1
    items = HtmlListAdapter().list_items(response, make_source(url, "html", **NDA_RULES))
    assert len(items) == 6
    assert "关于促进企业数据资源开发利用的意见（全文）" in {i.title for i in items}  # title attr
    assert date(2026, 1, 1) not in {i.published for i in items}  # the popbox's date is not it


def test_image_first_item_takes_its_text_link_as_title(serve: Serve, fetcher: Fetcher) -> None:
    url = served(serve, "xinhua_list.html")
    result = dry_run(make_source(url, "auto"), fetcher)
    assert result.kind == "html"
    assert result.note.startswith(
        "found 5 items, newest: China's digital economy tops 53 trillion yuan in 2025 (2026-03-23)"
    )
    assert "http" not in result.note.split("newest: ")[1]


def test_xinhua_configured_selectors_read_title_and_time(serve: Serve, fetcher: Fetcher) -> None:
    url = served(serve, "xinhua_list.html")
    rules = {"item": "#list .item", "link": ".tit a", "date": ".time"}
    items = HtmlListAdapter().list_items(fetcher.get(url), make_source(url, "html", **rules))
    assert [(i.title, i.published) for i in items][-1] == (
        "Rural e-commerce sales rise 9 percent",
        date(2026, 3, 19),
    )


def test_image_only_link_falls_back_to_the_image_alt_text(serve: Serve, fetcher: Fetcher) -> None:
    url = served(serve, "cdf_home.html")
    source = make_source(url, "html", item="div.banner", link="a")
    (item,) = HtmlListAdapter().list_items(fetcher.get(url), source)
    assert item.title == "CDF 2026 opens in Beijing"


def test_cdrf_link_rule_keeps_jhtml_articles_and_the_pdf_newsletter(
    serve: Serve, fetcher: Fetcher
) -> None:
    url = served(serve, "cdrf_list.html", "/jjhdt/")
    rules = {"link": "a[href$='.jhtml'], a[href$='.pdf'], a[href$='.PDF']"}
    found = html_list(fetcher.get(url), rules)
    assert found is not None
    kinds = [(item.url.rsplit("/", 1)[1], item.kind) for item in found.items]
    assert kinds[0] == ("5208.jhtml", "html")
    assert ("2026-02.pdf", "pdf") in kinds


def test_definition_list_dates_are_read_from_the_dd(serve: Serve, fetcher: Fetcher) -> None:
    url = served(serve, "cdf_home.html")
    items = HtmlListAdapter().list_items(fetcher.get(url), make_source(url, "html"))
    assert [i.published for i in items] == [
        date(2026, 3, 24),
        date(2026, 3, 23),
        date(2026, 3, 22),
        date(2025, 3, 23),  # "23 Mar 2025"
        date(2025, 3, 22),
    ]
    assert items[3].url.endswith("/cdf2025en/qybg/6789.htm")


def test_date_in_a_sibling_cell_is_found(serve: Serve, fetcher: Fetcher) -> None:
    url = served(serve, "scio_list.html")
    source = make_source(url, "html", item="td.t")  # the title cell; the date is the next one
    items = HtmlListAdapter().list_items(fetcher.get(url), source)
    assert items[0].published == date(2026, 4, 16)
    assert items[0].url.endswith("/live/2026/35210/index.html")


def test_sibling_date_stops_at_the_next_entry(serve: Serve, fetcher: Fetcher) -> None:
    body = (
        "<div class='l'><h3><a href='/1.html'>First</a></h3>"
        "<h3><a href='/2.html'>Second</a></h3><p>6 March 2026</p>"
        "<h3><a href='/3.html'>Third</a></h3><p>5 March 2026</p></div>"
    )
    url = serve("/l.html", body)
    items = HtmlListAdapter().list_items(fetcher.get(url), make_source(url, "html", item="h3"))
    dates = {i.title: i.published for i in items}
    assert dates == {"First": None, "Second": date(2026, 3, 6), "Third": date(2026, 3, 5)}


def test_maintenance_page_is_no_list(serve: Serve, fetcher: Fetcher) -> None:
    assert html_list(fetcher.get(served(serve, "maintenance.html"))) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 23, 2026", date(2026, 3, 23)),
        ("23 Mar 2026", date(2026, 3, 23)),
        ("Mar. 23 2026", date(2026, 3, 23)),
        ("Posted on 23rd March, 2026", date(2026, 3, 23)),
        ("Sept. 5, 2024", date(2024, 9, 5)),
        ("2026-03-23 10:32:11", date(2026, 3, 23)),
        ("2026.03.23", date(2026, 3, 23)),
        ("May 2024", None),
        ("in 2024 March 5 firms", None),
        ("31 Feb 2026", None),
    ],
)
def test_english_month_dates(text: str, expected: date | None) -> None:
    assert find_date(text) == expected
