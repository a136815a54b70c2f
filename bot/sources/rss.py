"""RSS 0.9x/1.0/2.0 and Atom feeds → items, parsed by feedparser from the fetched bytes.

Two safety rules, both learned by testing feedparser 6 (see tests/bot/sources/test_rss.py):

* feedparser is always given a byte *stream*: given a ``str`` it fetches URLs itself,
  and given ``bytes`` it first tries ``open()`` on them as a file name;
* documents declaring entities are refused. feedparser strips ``<!ENTITY`` lines with a
  regex that misses declarations written on the DOCTYPE's own line; expat then expands a
  "billion laughs" up to its amplification limit (seconds of CPU, tens of MB). No real
  news feed declares entities, so refusing them costs nothing.
"""

from __future__ import annotations

import io
import logging
import re
import time
import xml.sax
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from bot.model import Document
from bot.sources.article import fragment_text, load_article
from bot.sources.base import (
    ListedItem,
    SourceFormatError,
    absolute_link,
    link_kind,
    newest_first,
    one_line,
)

if TYPE_CHECKING:
    from bot.fetch.client import Fetcher
    from bot.fetch.response import FetchResponse
    from bot.model import Source

log = logging.getLogger(__name__)

FULL_TEXT_CHARS = 500
"""A feed's content/summary longer than this (as text) is taken as the full article."""
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_ENTITY = re.compile(r"&#?\w+;")
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']""")
_CHARSET = re.compile(r"charset=[\"']?([A-Za-z0-9._-]+)", re.I)
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC_DATE = "{http://purl.org/dc/elements/1.1/}date"
_DC = "{http://purl.org/dc/elements/1.1/}"
_READ_TAGS = frozenset(
    {"title", "link", "guid", "pubDate", "description", _CONTENT_ENCODED, _DC_DATE}
)
"""The item elements whose text becomes part of an item (each must appear once, as text)."""
_PLAIN_ITEM_TAGS = _READ_TAGS | {
    "category",
    "author",
    "comments",
    "enclosure",
    "source",
    f"{_DC}creator",
    f"{_DC}subject",
}
"""Item elements :func:`plain_rss_items` reads or may ignore; any other sends the feed to
feedparser (which may map it onto a field the bot reads)."""
_ENTITY_DECLARATIONS = tuple(
    "<!ENTITY".encode(codec)
    for codec in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)


class RssAdapter:
    """Feeds: items from entries; full text from the feed when it carries enough."""

    kind = "rss"

    def list_items(self, response: FetchResponse, source: Source) -> list[ListedItem]:
        return newest_first(read_feed(response))

    def load_item(self, item: ListedItem, fetcher: Fetcher, source: Source) -> Document:
        if item.text:
            return Document(
                text=item.text,
                kind="html",
                title=item.title,
                published=item.published,
                url=item.url,
                raw_bytes=len(item.text.encode("utf-8")),
            )
        return load_article(item, fetcher, source)


def read_feed(response: FetchResponse) -> list[ListedItem]:
    """The feed's items in document order: a plain UTF-8 RSS 2.0 feed through
    :func:`plain_rss_items`, anything else through feedparser (:func:`parse_feed`)."""
    refuse_entities(response)
    items = plain_rss_items(response)
    return items if items is not None else feedparser_items(response)


def feedparser_items(response: FetchResponse) -> list[ListedItem]:
    """The feed's items as feedparser reads them (every dialect, malformed XML too)."""
    items = []
    for entry in parse_feed(response).entries:
        try:
            item = _item(entry, response.url)
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            log.warning("%s: skipping a malformed feed entry (%s)", response.url, exc)
            continue
        if item is not None:
            items.append(item)
    return items


def plain_rss_items(response: FetchResponse) -> list[ListedItem] | None:
    """The items of a plain RSS 2.0 feed read with ElementTree (expat, in C) — the same
    items feedparser gives (tests/bot/sources/test_rss.py compares them), at a twentieth
    of its cost; None for anything it does not read exactly as feedparser would, so the
    caller falls back: another dialect or encoding, XML that does not parse, ``xml:base``,
    an element it does not know, markup or entities in a title, nested markup, a date
    only feedparser's own parsers read.

    Most polls of a changed feed parse it; with feedparser that was 40 % of a poll
    cycle's CPU (benchmarks/poll_bench.py)."""
    import xml.etree.ElementTree as ET

    if not _plain_utf8(response):
        return None
    try:
        root = ET.fromstring(response.content)
    except ET.ParseError:
        return None
    channel = root.find("channel")
    if root.tag != "rss" or root.get("version") != "2.0" or channel is None:
        return None
    if any(_XML_BASE in element.attrib for element in root.iter()):
        return None
    items = []
    for element in channel.iter("item"):
        fields: dict[str, Any] = {}
        for child in element:
            if child.tag not in _PLAIN_ITEM_TAGS or (len(child) and child.tag in _READ_TAGS):
                return None
            if child.tag in fields and child.tag in _READ_TAGS:
                return None
            fields[child.tag] = child
        item = _plain_item(fields, response.url)
        if item is False:
            return None
        if item is not None:
            items.append(item)
    return items


def _plain_item(fields: dict[str, Any], base: str) -> ListedItem | bool | None:
    """One ``<item>``: a ListedItem, None when it has no link (skipped, as with
    feedparser), or False when only feedparser can read it. Links and guids are resolved
    as feedparser resolves them (its own function), then as every link is."""
    from feedparser.urls import make_safe_absolute_uri

    text = {tag: (element.text or "").strip() for tag, element in fields.items()}
    title = text.get("title") or None
    if title and (_TAG.search(title) or "<" in title or _ENTITY.search(title)):
        return False  # feedparser may take it for HTML
    guid = text.get("guid")
    attributes = {k.lower(): v for k, v in fields["guid"].attrib.items()} if guid else {}
    permalink = attributes.get("ispermalink", "true") == "true"
    if guid and permalink:  # feedparser resolves a permalink guid, and links it
        guid = make_safe_absolute_uri(base, guid)
    link = text.get("link", guid if permalink else None)
    url = absolute_link(make_safe_absolute_uri(base, link) if link else None, base)
    if url is None:
        return None
    published = None
    for tag in ("pubDate", _DC_DATE):
        if text.get(tag):
            published = _local_date(text[tag])
            if published is None:
                return False
            break
    html = [text.get(_CONTENT_ENCODED, ""), text.get("description", "")]
    return ListedItem(
        url=url,
        title=one_line(title),
        published=published,
        guid=guid or None,
        text=_long_text(html),
        kind=link_kind(url),
        parent_url=base,
    )


def _plain_utf8(response: FetchResponse) -> bool:
    """UTF-8 by both the XML declaration and the HTTP charset (when either says)."""
    head = response.content[:200]
    declared = _XML_ENCODING.search(head)
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        return False
    charset = _CHARSET.search(response.content_type or "")
    return charset is None or charset.group(1).lower() in ("utf-8", "utf8")


def refuse_entities(response: FetchResponse) -> None:
    """SourceFormatError for a document that declares XML entities (module docstring)."""
    if declares_entities(response.content):
        raise SourceFormatError(
            f"refused the feed at {response.url}: it declares XML entities (<!ENTITY>), "
            "which news feeds never need and which can be used to exhaust memory or read files"
        )


def parse_feed(response: FetchResponse) -> Any:
    """feedparser's result for the response bytes; SourceFormatError when nothing usable."""
    import feedparser

    refuse_entities(response)
    headers = {"content-location": response.url}
    if response.content_type:
        headers["content-type"] = response.content_type
    # feedparser's sanitizer and relative-URI pass each re-parse every HTML field in pure
    # Python (4-5x the cost of a feed with HTML descriptions); the bot needs neither: feed
    # HTML only ever becomes text (fragment_text drops scripts and styles), titles with
    # markup are reduced to text in _title, links are resolved by absolute_link, and
    # everything shown in Slack is escaped there.
    parsed = feedparser.parse(
        io.BytesIO(response.content),
        response_headers=headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    if parsed.entries:
        return parsed
    if parsed.bozo:
        raise SourceFormatError(_bozo_message(parsed.get("bozo_exception"), response.url))
    if not parsed.version:
        raise SourceFormatError(f"no RSS or Atom feed at {response.url}")
    return parsed


def declares_entities(data: bytes) -> bool:
    """True when the document declares an entity (in any encoding expat accepts)."""
    return any(marker in data for marker in _ENTITY_DECLARATIONS)


def _bozo_message(exc: object, url: str) -> str:
    if isinstance(exc, xml.sax.SAXParseException):
        return f"malformed XML at line {exc.getLineNumber()}: {exc.getMessage()} ({url})"
    return f"unreadable feed at {url}: {exc}"


def _item(entry: Any, base: str) -> ListedItem | None:
    link = entry.get("link") or next(
        (ln.get("href") for ln in entry.get("links", []) if ln.get("href")), None
    )
    url = absolute_link(link, base)
    if url is None:
        return None
    return ListedItem(
        url=url,
        title=_title(entry),
        published=_entry_date(entry),
        guid=entry.get("id") or None,
        text=_full_text(entry),
        kind=link_kind(url),
        parent_url=base,
    )


def _title(entry: Any) -> str | None:
    """The entry's title as one line of text; an HTML title's tags are dropped."""
    title = entry.get("title")
    detail = entry.get("title_detail") or {}
    if title and detail.get("type") in _HTML_TYPES and _TAG.search(title):
        title = fragment_text(title)
    return one_line(title)


def _entry_date(entry: Any) -> date | None:
    """The publisher's own calendar date: feedparser's ``*_parsed`` are in UTC, which
    moves a Beijing release at 07:00 on the 25th back to the 24th."""
    for key in ("published", "updated", "created"):
        if local := _local_date(entry.get(key)):
            return local
        value = entry.get(f"{key}_parsed")
        if isinstance(value, time.struct_time):
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _local_date(value: object) -> date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        return None


def _full_text(entry: Any) -> str | None:
    """The entry's content (or summary) as text, when long enough to be the article."""
    candidates = [c.get("value", "") for c in entry.get("content", [])]
    candidates.append(entry.get("summary", ""))
    return _long_text(candidates)


def _long_text(candidates: list[str]) -> str | None:
    """The first of ``candidates`` (HTML) whose text is long enough to be the article."""
    for html in candidates:
        if len(html) <= FULL_TEXT_CHARS:
            continue  # its text is no longer than its markup: a teaser, not worth parsing
        text = fragment_text(html)
        if len(text) > FULL_TEXT_CHARS:
            return text
    return None
