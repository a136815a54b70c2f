"""What every source adapter speaks: listed items, the adapter protocol, list-page helpers.

A source is polled in two steps so the poller can skip work: ``list_items`` parses the
feed or list page it already fetched (cheap, one request per poll) and ``load_item``
fetches an article only for items the poller has not seen before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urljoin, urlsplit

from bot.errors import DocumentError
from bot.months import MONTHS
from bot.text import strip_controls
from bot.text.html import parse_date

if TYPE_CHECKING:
    from bot.fetch.client import Fetcher
    from bot.fetch.response import FetchResponse
    from bot.model import Document, Source

SOURCE_KINDS = ("rss", "html", "json", "pdf")
LIST_SETTINGS = {
    "html": ("item", "link", "title", "date"),
    "json": ("items", "title", "url", "date"),
}
"""The settings that say where a list's items are: what detection finds, and what a
redesign breaks (page settings such as ``body`` are about the articles)."""
DETECTED = "detected"
"""The settings key where detection records what it chose (see :func:`effective_settings`)."""
_ENGLISH_DATE = re.compile(
    r"\b(?:(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?"
    r"|(?P<day_first>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month_after>[A-Za-z]{3,9})\.?,?)"
    r"\s+(?P<year>\d{4})\b"
)
_NUMERIC_DATE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
_SKIPPED_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "#")


class SourceFormatError(DocumentError):
    """A feed, list page or JSON list could not be parsed into items; says where and why."""


@dataclass(slots=True)
class ListedItem:
    """One entry of a source's list, before its article is fetched."""

    url: str
    title: str | None = None
    published: date | None = None
    guid: str | None = None
    text: str | None = None
    """Full text when the feed carries it, so ``load_item`` need not fetch the page."""
    kind: str = "html"
    parent_url: str | None = None


class SourceAdapter(Protocol):
    """Turns one kind of source into items, and an item into a Document."""

    kind: str

    def list_items(self, response: FetchResponse, source: Source) -> list[ListedItem]:
        """Items of the fetched list, newest first; a bad item is skipped, never raised."""
        ...

    def load_item(self, item: ListedItem, fetcher: Fetcher, source: Source) -> Document:
        """Fetch the item's article or PDF; the item's date wins over the page's."""
        ...


def find_date(text: str | None) -> date | None:
    """The first date in ``text``: 2024.03.25, 2024-03-25, 2024/3/25, 2024年3月25日,
    March 23, 2026, Mar. 23 2026, 23 Mar 2026, 23rd March, 2026.

    Numeric forms need all three parts, so a title mentioning "2024年3月" is not a date.
    """
    if not text:
        return None
    numeric = _NUMERIC_DATE.search(text)
    if numeric and (parsed := parse_date(numeric.group(0))):
        return parsed
    for match in _ENGLISH_DATE.finditer(text):
        month = MONTHS.get((match["month"] or match["month_after"]).lower())
        if month:
            try:
                return date(int(match["year"]), month, int(match["day"] or match["day_first"]))
            except ValueError:
                continue
    return None


def absolute_link(href: str | None, base: str) -> str | None:
    """``href`` resolved against ``base``; None for script, mail, fragment or non-web links."""
    href = (href or "").strip()
    if not href or href.lower().startswith(_SKIPPED_SCHEMES):
        return None
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return url.split("#", 1)[0]


def link_kind(url: str) -> str:
    """'pdf' when the URL names a PDF file, else 'html' (loaders still sniff the bytes)."""
    return "pdf" if urlsplit(url).path.lower().endswith(".pdf") else "html"


def is_pdf(content: bytes) -> bool:
    """The ``%PDF-`` magic near the start: servers and file names both lie about PDFs."""
    return b"%PDF-" in content[:1024]


def selector_list(value: Any) -> list[str]:
    """A setting given as one selector string or a list of them, as a list."""
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v]


def effective_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """The settings an adapter works with: the configured ones, gaps filled by what
    detection chose (``settings["detected"]["settings"]``), without the record itself."""
    detected = settings.get(DETECTED)
    if not isinstance(detected, dict):
        return settings
    chosen = detected.get("settings")
    configured = {k: v for k, v in settings.items() if k != DETECTED}
    return {**chosen, **configured} if isinstance(chosen, dict) else configured


def newest_first(items: Iterable[ListedItem]) -> list[ListedItem]:
    """Dated items newest first; undated ones after them, in page order (sort is stable)."""
    return sorted(
        items, key=lambda i: (i.published is None, -(i.published or date.min).toordinal())
    )


def one_line(value: str | None) -> str | None:
    """Whitespace collapsed and control characters dropped (a NUL in a feed's title would
    make PostgreSQL refuse the release on every poll); None when nothing is left."""
    if value is None:
        return None
    return " ".join(strip_controls(value).split()) or None
