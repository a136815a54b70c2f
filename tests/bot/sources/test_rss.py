"""Feeds → items: RSS 2.0, RSS 1.0 (RDF), Atom; malformed XML; entity bombs and XXE."""

from __future__ import annotations

import io
import time
import tracemalloc
from datetime import date

import feedparser
import pytest

from bot.fetch.client import Fetcher
from bot.sources.base import ListedItem, SourceFormatError
from bot.sources.rss import (
    FULL_TEXT_CHARS,
    RssAdapter,
    feedparser_items,
    plain_rss_items,
    read_feed,
)
from tests.bot.sources.conftest import Serve, fixture_bytes, make_source

LONG = " ".join(["The office connected another data centre to the national network."] * 12)
ARTICLE = (
    "<html><head><meta name='PubDate' content='2024.03.20'></head><body><h1>Survey results</h1>"
    "<div class='article'><p>Survey of 120 data labelling firms shows revenue up 18 percent.</p>"
    "</div></body></html>"
)
# Entities declared on the DOCTYPE's own line, which feedparser's own stripping misses.
BOMB = (
    '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "lollollollollollollollollollol">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + ']><rss version="2.0"><channel><title>t</title><item><title>&i;</title>'
    "<link>https://data.example.org/x.html</link></item></channel></rss>"
)
XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
    '<rss version="2.0"><channel><title>t</title><item><title>leak &xxe; here</title>'
    "<link>https://data.example.org/x.html</link><description>&xxe;</description>"
    "</item></channel></rss>"
)


def list_feed(serve: Serve, fetcher: Fetcher, body: bytes | str, path: str = "/feed.xml"):
    url = serve(path, body, "application/rss+xml")
    return RssAdapter().list_items(fetcher.get(url), make_source(url, "rss"))


def test_rss2_items_are_newest_first_with_absolute_links(serve: Serve, fetcher: Fetcher) -> None:
    items = list_feed(serve, fetcher, fixture_bytes("rss2.xml"))
    assert [i.published for i in items] == [date(2024, 3, 25), date(2024, 3, 20), date(2024, 3, 1)]
    assert items[0].url.startswith("http://127.0.0.1:")  # relative: against the feed's URL
    assert items[0].url.endswith("/news/2024/report.html")
    assert items[0].guid == "report-2023"
    assert items[0].title == "Data office publishes its 2023 digital economy report"


def test_entry_date_is_the_publishers_local_date(serve: Serve, fetcher: Fetcher) -> None:
    body = fixture_bytes("rss2.xml").replace(b"08:00:00 +0800", b"07:00:00 +0800")
    assert list_feed(serve, fetcher, body)[0].published == date(2024, 3, 25)  # UTC: the 24th


def test_rss2_entry_without_link_is_skipped(serve: Serve, fetcher: Fetcher) -> None:
    items = list_feed(serve, fetcher, fixture_bytes("rss2.xml"))
    assert all("skipped" not in (i.title or "") for i in items)
    assert len(items) == 3


def test_long_description_becomes_the_item_text(serve: Serve, fetcher: Fetcher) -> None:
    body = fixture_bytes("rss2.xml").replace(b"LONGTEXT", LONG.encode())
    items = {i.url.rsplit("/", 1)[-1]: i for i in list_feed(serve, fetcher, body)}
    assert items["plan.html"].text is not None
    assert len(items["plan.html"].text) > FULL_TEXT_CHARS
    assert "<p>" not in items["plan.html"].text
    assert items["report.html"].text is None  # a teaser is not the article


def test_rss1_rdf_feed_is_read(serve: Serve, fetcher: Fetcher) -> None:
    items = list_feed(serve, fetcher, fixture_bytes("rss1.rdf"), "/feed.rdf")
    assert [i.title for i in items] == [
        "Newer release on data infrastructure",
        "Older release on public data authorisation",
    ]
    assert items[0].published == date(2024, 3, 12)


def test_atom_feed_uses_alternate_links_and_marks_pdfs(serve: Serve, fetcher: Fetcher) -> None:
    items = list_feed(serve, fetcher, fixture_bytes("atom.xml"), "/atom.xml")
    assert [i.url.rsplit("/", 1)[-1] for i in items] == ["paper.pdf", "opening.html"]
    assert [i.kind for i in items] == ["pdf", "html"]
    assert items[1].published == date(2024, 3, 23)  # published wins over updated


def test_malformed_xml_without_entries_names_the_line(serve: Serve, fetcher: Fetcher) -> None:
    body = '<?xml version="1.0"?>\n<rss version="2.0">\n<channel><title>x</titel>\n</rss>'
    with pytest.raises(SourceFormatError, match=r"malformed XML at line 3: mismatched tag"):
        list_feed(serve, fetcher, body)


def test_slightly_malformed_feed_keeps_its_entries(serve: Serve, fetcher: Fetcher) -> None:
    body = fixture_bytes("rss2.xml").replace(b"</channel>", b"<bad attr=></channel>")
    assert len(list_feed(serve, fetcher, body)) == 3


def test_html_page_is_not_a_feed(serve: Serve, fetcher: Fetcher) -> None:
    with pytest.raises(SourceFormatError, match="no RSS or Atom feed"):
        list_feed(serve, fetcher, "<html><body><p>Hello</p></body></html>")


def test_entity_bomb_is_refused_quickly_in_bounded_memory(serve: Serve, fetcher: Fetcher) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(SourceFormatError, match="declares XML entities"):
            list_feed(serve, fetcher, BOMB)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 1.0
    assert peak < 5_000_000


def test_feedparser_alone_would_expand_this_bomb() -> None:
    """Why the pre-screen exists: feedparser's own DOCTYPE stripping misses this layout."""
    tracemalloc.start()
    try:
        feedparser.parse(io.BytesIO(BOMB.encode()))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak > 5_000_000


def test_external_entity_is_refused_and_no_file_is_read(serve: Serve, fetcher: Fetcher) -> None:
    with pytest.raises(SourceFormatError) as caught:
        list_feed(serve, fetcher, XXE)
    assert "root:" not in str(caught.value)


def test_feedparser_alone_does_not_read_external_entities() -> None:
    parsed = feedparser.parse(io.BytesIO(XXE.encode()))
    dumped = repr(parsed.entries)
    assert "root:" not in dumped and "/bin/" not in dumped


def test_load_item_uses_feed_text_without_fetching(http_server, fetcher: Fetcher) -> None:
    item = ListedItem(
        url=http_server.url("/never.html"),
        title="Plan",
        published=date(2024, 3, 1),
        text=LONG,
    )
    document = RssAdapter().load_item(item, fetcher, make_source(item.url, "rss"))
    assert (document.text, document.title, document.published) == (LONG, "Plan", date(2024, 3, 1))
    assert http_server.requests_for("/never.html") == []


def test_load_item_fetches_the_article_when_feed_has_no_text(
    serve: Serve, fetcher: Fetcher
) -> None:
    url = serve("/survey.html", ARTICLE)
    item = ListedItem(url=url, title="Survey results on firms", published=date(2024, 3, 21))
    document = RssAdapter().load_item(item, fetcher, make_source(url, "rss", body="div.article"))
    assert document.text == "Survey of 120 data labelling firms shows revenue up 18 percent."
    assert document.published == date(2024, 3, 21)  # the feed's date wins over the page's
    assert document.title == "Survey results on firms"


def test_html_in_titles_and_descriptions_becomes_text(serve: Serve, fetcher: Fetcher) -> None:
    """feedparser's sanitizer is off (the bot only ever keeps text): markup and scripts in
    HTML titles and descriptions must still not reach an item."""
    script = "&lt;script&gt;steal()&lt;/script&gt;"
    description = f"&lt;p&gt;{LONG}&lt;/p&gt;{script}"
    body = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        '<entry><title type="html">A &lt;b&gt;bold&lt;/b&gt; plan' + script + "</title>"
        '<link href="/news/1.html"/><id>n1</id><updated>2024-03-25T08:00:00+08:00</updated>'
        f'<summary type="html">{description}</summary></entry>'
        "<entry><title>AT&amp;T &amp; Co: 5 &lt; 6</title><link href='/news/2.html'/>"
        "<id>n2</id><updated>2024-03-24T08:00:00+08:00</updated></entry></feed>"
    )
    items = list_feed(serve, fetcher, body, "/atom.xml")
    assert [i.title for i in items] == ["A bold plan", "AT&T & Co: 5 < 6"]
    assert items[0].text == LONG and "steal" not in (items[0].text or "")
    assert items[0].url.endswith("/news/1.html") and items[0].url.startswith("http://")


def _rss(items: str, head: str = '<?xml version="1.0" encoding="utf-8"?>', ns: str = "") -> str:
    return f'{head}<rss version="2.0"{ns}><channel><title>t</title>{items}</channel></rss>'


DC = ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
CONTENT = ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
READ_PLAINLY = {
    "fixture": fixture_bytes("rss2.xml").decode(),
    "relative link and guid": _rss(
        "<item><title>A</title><link>/a.html</link><guid>a-1</guid>"
        "<pubDate>Mon, 25 Mar 2024 07:00:00 +0800</pubDate></item>"
    ),
    "guid as link": _rss("<item><title>G</title><guid>https://x.example/g.html</guid></item>"),
    "guid that is no link": _rss(
        '<item><title>G</title><guid isPermaLink="false">https://x.example/g.html</guid></item>'
    ),
    "long content": _rss(
        f"<item><title>C</title><link>https://x.example/c</link><description>teaser</description>"
        f"<content:encoded><![CDATA[<p>{LONG}</p><script>x()</script>]]></content:encoded></item>",
        ns=CONTENT,
    ),
    "long description": _rss(
        f"<item><title>D</title><link>https://x.example/d</link>"
        f"<description>&lt;p&gt;{LONG}&lt;/p&gt;</description></item>"
    ),
    "dc date": _rss(
        "<item><title>Dc</title><link>https://x.example/dc</link><dc:creator>NDA</dc:creator>"
        "<dc:date>2024-03-05T01:00:00+08:00</dc:date></item>",
        ns=DC,
    ),
    "ISO pubDate": _rss(
        "<item><title>I</title><link>https://x.example/i</link><pubDate>2024-03-25 08:00</pubDate>"
        "<category>a</category><category>b</category></item>"
    ),
    "ampersand title": _rss(
        "<item><title>AT&amp;T &amp; Co</title><link>https://x.example/t</link></item>"
    ),
    "no declaration": _rss(
        "<item><title>N</title><link>https://x.example/n</link></item>", head=""
    ),
}
LEFT_TO_FEEDPARSER = {
    "markup in a title": _rss(
        "<item><title>A &lt;b&gt;bold&lt;/b&gt; plan</title><link>https://x.example/b</link></item>"
    ),
    "entity in a title": _rss(
        "<item><title>5 &amp;lt; 6</title><link>https://x.example/e</link></item>"
    ),
    "GBK": _rss(
        "<item><title>数据</title><link>https://x.example/g</link></item>",
        head='<?xml version="1.0" encoding="gbk"?>',
    ),
    "unknown element": _rss(
        '<item><title>M</title><link>https://x.example/m</link><media:content url="x"/></item>',
        ns=' xmlns:media="http://search.yahoo.com/mrss/"',
    ),
    "nested markup": _rss(
        "<item><title>X</title><link>https://x.example/x</link>"
        "<description><p>inline</p></description></item>"
    ),
    "xml:base": _rss('<item xml:base="https://y.example/"><title>B</title><link>b</link></item>'),
    "two links": _rss(
        "<item><title>T</title><link>https://x.example/1</link><link>/2</link></item>"
    ),
    "odd date": _rss(
        "<item><title>O</title><link>https://x.example/o</link><pubDate>25/03/2024</pubDate></item>"
    ),
    "malformed": _rss("<item><title>M</title><link>https://x.example/m</link></item>")[:-20],
    "atom": fixture_bytes("atom.xml").decode(),
    "rss 1.0": fixture_bytes("rss1.rdf").decode(),
}


def _response(body: str, content_type: str = "application/rss+xml"):
    import httpx

    from bot.fetch.response import FetchResponse

    encoding = "gbk" if 'encoding="gbk"' in body else "utf-8"
    return FetchResponse(
        url="https://feeds.example.org/news/feed.xml",
        status=200,
        headers=httpx.Headers({"content-type": content_type}),
        content=body.encode(encoding),
    )


@pytest.mark.parametrize("name", READ_PLAINLY)
def test_plain_rss_reader_gives_exactly_what_feedparser_gives(name: str) -> None:
    response = _response(READ_PLAINLY[name])
    plain = plain_rss_items(response)
    assert plain is not None, "read without feedparser"
    assert plain == feedparser_items(response)


@pytest.mark.parametrize("name", LEFT_TO_FEEDPARSER)
def test_plain_rss_reader_leaves_what_it_cannot_read_exactly(name: str) -> None:
    assert plain_rss_items(_response(LEFT_TO_FEEDPARSER[name])) is None


def test_plain_rss_reader_trusts_no_charset_but_utf8() -> None:
    body = READ_PLAINLY["no declaration"]
    assert plain_rss_items(_response(body, "text/xml; charset=GB2312")) is None
    assert plain_rss_items(_response(body, "text/xml; charset=utf-8")) is not None


def test_every_feed_is_read_alike_whichever_reader(serve: Serve, fetcher: Fetcher) -> None:
    for name, body in {**READ_PLAINLY, **LEFT_TO_FEEDPARSER}.items():
        if name == "malformed":
            continue
        response = _response(body)
        assert read_feed(response) == feedparser_items(response), name
