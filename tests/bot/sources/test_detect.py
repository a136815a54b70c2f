"""Detection of each kind from content, with suggested settings."""

from __future__ import annotations

import json

import pytest

from bot.fetch.client import Fetcher
from bot.sources.base import SourceFormatError
from bot.sources.detect import detect, detect_kind
from tests.bot.sources.conftest import Serve, fixture_bytes
from tests.bot.sources.test_pdf_links import PAGE, make_pdf


@pytest.mark.parametrize(
    ("name", "label"),
    [("rss2.xml", "RSS feed"), ("rss1.rdf", "RSS 1.0 (RDF) feed"), ("atom.xml", "Atom feed")],
)
def test_feeds_are_detected_by_root_element(
    serve: Serve, fetcher: Fetcher, name: str, label: str
) -> None:
    url = serve(f"/{name}", fixture_bytes(name), "text/xml")
    assert detect_kind(fetcher.get(url)) == ("rss", label)


def test_pdf_is_detected_by_magic_bytes_despite_its_label(serve: Serve, fetcher: Fetcher) -> None:
    url = serve("/download.aspx", make_pdf("Report"), "application/octet-stream")
    assert detect_kind(fetcher.get(url))[0] == "pdf"


def test_json_list_is_detected_with_its_field_mapping(serve: Serve, fetcher: Fetcher) -> None:
    url = serve("/list.json", fixture_bytes("govcn_list.json"), "text/plain")
    found = detect(fetcher.get(url))
    assert found.kind == "json"
    assert found.settings == {"items": "", "title": "TITLE", "url": "URL", "date": "DOCRELPUBTIME"}


def test_nested_json_list_suggests_its_path(serve: Serve, fetcher: Fetcher) -> None:
    body = json.dumps(
        {"code": 0, "data": {"rows": [{"headline": "A", "link": "/a", "pubDate": 1}]}}
    )
    found = detect(fetcher.get(serve("/api", body, "application/json")))
    assert found.settings == {
        "items": "data.rows",
        "title": "headline",
        "url": "link",
        "date": "pubDate",
    }


def test_html_list_is_detected_with_its_item_selector(serve: Serve, fetcher: Fetcher) -> None:
    body = fixture_bytes("nda_list.html").decode("utf-8").encode("gbk")
    found = detect(fetcher.get(serve("/list/index_pc_1.html", body)))
    assert (found.kind, found.settings) == ("html", {"item": "ul.u-list > li"})
    assert "5 dated links" in found.explanation


def test_page_of_pdf_links_is_detected_as_pdf(serve: Serve, fetcher: Fetcher) -> None:
    assert detect_kind(fetcher.get(serve("/newsletters/", PAGE)))[0] == "pdf"


def test_plain_article_page_is_not_a_source(serve: Serve, fetcher: Fetcher) -> None:
    url = serve("/article.html", "<html><body><h1>Hi</h1><p>One story.</p></body></html>")
    with pytest.raises(SourceFormatError, match="no feed, list or PDF found at http://127"):
        detect_kind(fetcher.get(url))
