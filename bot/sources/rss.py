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
_ENTITY_DECLARATIONS = tuple(
    "<!ENTITY".encode(codec)
    for codec in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)


class RssAdapter:
    """Feeds: items from entries; full text from the feed when it carries enough."""

    kind = "rss"

    def list_items(self, response: FetchResponse, source: Source) -> list[ListedItem]:
        parsed = parse_feed(response)
        items = []
        for entry in parsed.entries:
            try:
                item = _item(entry, response.url)
            except (AttributeError, KeyError, TypeError, ValueError) as exc:
                log.warning("%s: skipping a malformed feed entry (%s)", response.url, exc)
                continue
            if item is not None:
                items.append(item)
        return newest_first(items)

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


def parse_feed(response: FetchResponse) -> Any:
    """feedparser's result for the response bytes; SourceFormatError when nothing usable."""
    import feedparser

    if declares_entities(response.content):
        raise SourceFormatError(
            f"refused the feed at {response.url}: it declares XML entities (<!ENTITY>), "
            "which news feeds never need and which can be used to exhaust memory or read files"
        )
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
    for html in candidates:
        text = fragment_text(html) if html else ""
        if len(text) > FULL_TEXT_CHARS:
            return text
    return None
