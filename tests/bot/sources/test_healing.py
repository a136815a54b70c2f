"""list_source: selectors first, detection when there are none, healing when they break."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bot.fetch.client import Fetcher
from bot.model import Source
from bot.sources.base import effective_settings
from bot.sources.healing import ListNotFoundError, list_source
from bot.sources.registry import adapter_for
from tests.bot.sources.conftest import Serve, fixture_bytes, make_source
from tests.bot.sources.test_layouts import page

TODAY = date(2026, 4, 10)
NDA = {
    "item": "ul.u-list > li",
    "link": "a[href*='_pc.html']",
    "date": "span",
    "remove": ["div.popbox"],
    "body": ["div.article", "div.detail"],
}
LIST_PATH = "/sjj/zwgk/zcjd/list/index_pc_1.html"


def listing(fetcher: Fetcher, source: Source):
    return list_source(adapter_for(source.kind), fetcher.get(source.url), source, TODAY)


def nda_source(serve: Serve, name: str, **settings: object) -> Source:
    return make_source(serve(LIST_PATH, page(name)), "html", **{**NDA, **settings})


def test_working_selectors_are_used_as_they_are(serve: Serve, fetcher: Fetcher) -> None:
    result = listing(fetcher, nda_source(serve, "nda_list.html"))
    assert (len(result.items), result.settings, result.change) == (6, None, None)


def test_list_without_item_selector_records_what_detection_chose(
    serve: Serve, fetcher: Fetcher
) -> None:
    source = make_source(serve("/", page("cdf_home.html")), "html", body=["div.text"])
    result = listing(fetcher, source)
    assert len(result.items) == 5 and result.change is None
    assert result.settings == {
        "body": ["div.text"],
        "detected": {
            "settings": {"item": "dl.news > dt"},
            "found": "in 'dl.news > dt' (5 dated links)",
            "dated": 5,
            "on": "2026-04-10",
        },
    }
    again = listing(
        fetcher, Source(url=source.url, kind="html", name="x", settings=result.settings)
    )
    assert (len(again.items), again.settings) == (5, None)  # the recorded selector, no search


def test_redesign_is_healed_with_a_notice(serve: Serve, fetcher: Fetcher) -> None:
    source = nda_source(serve, "nda_list.html")
    serve(LIST_PATH, page("nda_redesign.html"))
    result = listing(fetcher, source)
    notice = "layout changed: items now found in 'section.news-box > div.news-card' (9 dated links)"
    assert result.change == notice
    assert len(result.items) == 9 and result.items[0].published == date(2026, 4, 9)
    assert result.settings is not None
    # the broken entry rules go (the date was no longer in a span); page rules stay
    assert effective_settings(result.settings) == {
        "item": "section.news-box > div.news-card",
        "remove": ["div.popbox"],
        "body": ["div.article", "div.detail"],
    }
    assert result.settings["detected"]["change"] == notice


def test_link_rule_that_still_fits_is_kept_after_a_redesign(serve: Serve, fetcher: Fetcher) -> None:
    source = nda_source(serve, "nda_list.html", date=None)
    serve(LIST_PATH, page("nda_redesign.html"))
    result = listing(fetcher, source)
    assert result.settings is not None
    assert result.settings["link"] == "a[href*='_pc.html']"
    assert effective_settings(result.settings)["item"] == "section.news-box > div.news-card"


def test_selector_now_matching_only_undated_entries_is_a_redesign(
    serve: Serve, fetcher: Fetcher
) -> None:
    # 'nav a' matched nothing before; now the old item selector would take the nav links
    source = nda_source(serve, "nda_list.html", item="header nav > a", link="a")
    serve(LIST_PATH, page("nda_redesign.html"))
    result = listing(fetcher, source)
    assert result.change is not None and "news-card" in result.change
    assert "首页" not in {item.title for item in result.items}


def test_detected_selector_that_broke_is_detected_again(serve: Serve, fetcher: Fetcher) -> None:
    url = serve(LIST_PATH, page("nda_list.html"))
    first = listing(fetcher, make_source(url, "html", link="a[href*='_pc.html']"))
    assert first.settings is not None
    serve(LIST_PATH, page("nda_redesign.html"))
    second = listing(fetcher, Source(url=url, kind="html", name="x", settings=first.settings))
    assert second.change == (
        "layout changed: items now found in 'section.news-box > div.news-card' (9 dated links)"
    )


def test_no_confident_list_is_a_failure_that_says_why(serve: Serve, fetcher: Fetcher) -> None:
    source = nda_source(serve, "nda_list.html")
    serve(LIST_PATH, page("maintenance.html"))
    with pytest.raises(ListNotFoundError) as raised:
        listing(fetcher, source)
    message = str(raised.value)
    assert "no items matched selector 'ul.u-list > li'" in message
    assert "no other list on the page (no repeated entries with links)" in message


def test_first_detection_without_a_list_fails(serve: Serve, fetcher: Fetcher) -> None:
    source = make_source(serve("/m.html", page("maintenance.html")), "html")
    with pytest.raises(ListNotFoundError, match="no list found at http://127"):
        listing(fetcher, source)


def test_feeds_are_listed_as_they_are(serve: Serve, fetcher: Fetcher) -> None:
    url = serve("/feed.xml", fixture_bytes("rss2.xml"), "application/rss+xml")
    result = listing(fetcher, make_source(url, "rss"))
    assert (len(result.items), result.settings) == (3, None)


def test_renamed_json_fields_are_healed(serve: Serve, fetcher: Fetcher) -> None:
    url = serve("/list.json", fixture_bytes("govcn_list.json"), "application/json")
    source = make_source(url, "json", items="", title="TITLE", url="URL", date="DOCRELPUBTIME")
    assert listing(fetcher, source).settings is None
    renamed = {
        "data": {"rows": [{"headline": f"Policy {n}", "link": f"/p/{n}.htm"} for n in (1, 2)]}
    }
    serve("/list.json", json.dumps(renamed), "application/json")
    result = listing(fetcher, source)
    assert (
        result.change == "layout changed: items now found at 'data.rows' (title=headline, url=link)"
    )
    assert [item.title for item in result.items] == ["Policy 1", "Policy 2"]


def test_empty_json_list_is_a_failure_not_a_change(serve: Serve, fetcher: Fetcher) -> None:
    url = serve("/list.json", "[]", "application/json")
    with pytest.raises(ListNotFoundError, match="no items at"):
        listing(fetcher, make_source(url, "json"))
