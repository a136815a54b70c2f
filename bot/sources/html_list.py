"""HTML list pages (NDA channel pages and the like) → items, via selectolax selectors.

Settings (all optional; see ``bot/data/sources.toml`` for real ones):
``item`` CSS selector of one entry (default: the best of :data:`CANDIDATE_SELECTORS`),
``link`` within the entry (``a[href]``), ``title`` within the entry (default: the link's
``title`` attribute, then its text), ``date`` within the entry (default: any date in the
entry's text outside the link), ``remove`` selectors deleted first (NDA's ``div.popbox``
repeats each link), and ``body``/``attachments`` for the article page.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from bot.canonical import canonical_url
from bot.fetch.decode import decode
from bot.sources.article import load_article
from bot.sources.base import (
    ListedItem,
    SourceFormatError,
    absolute_link,
    find_date,
    link_kind,
    newest_first,
    one_line,
    selector_list,
)

if TYPE_CHECKING:
    from datetime import date

    from selectolax.lexbor import LexborHTMLParser, LexborNode

    from bot.fetch.client import Fetcher
    from bot.fetch.response import FetchResponse
    from bot.model import Document, Source

log = logging.getLogger(__name__)

CANDIDATE_SELECTORS = (
    "ul.u-list > li",
    ".list li",
    ".news-list li",
    ".news_list li",
    "div.item",
    "li.item",
    ".list-item",
    "article",
    "ul > li",
    "table tr",
    "dl > dd",
)
"""Tried in order when no ``item`` is set; specific ones first so they win ties."""


class HtmlListAdapter:
    """List pages: one item per repeated entry holding a link (and usually a date)."""

    kind = "html"

    def list_items(self, response: FetchResponse, source: Source) -> list[ListedItem]:
        tree = parse_page(response, source.settings)
        selector = source.settings.get("item") or best_item_selector(tree)[0]
        if not selector:
            tried = ", ".join(CANDIDATE_SELECTORS)
            raise SourceFormatError(
                f"no list items found at {response.url} (tried {tried}); set the `item` selector"
            )
        items = items_from(tree, selector, response.url, source.settings)
        if not items:
            raise SourceFormatError(f"no items matched selector '{selector}' at {response.url}")
        return newest_first(items)

    def load_item(self, item: ListedItem, fetcher: Fetcher, source: Source) -> Document:
        return load_article(item, fetcher, source)


def parse_page(response: FetchResponse, settings: dict[str, Any]) -> LexborHTMLParser:
    """The decoded page (GBK and friends via bot.fetch.decode) with ``remove`` applied."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(decode(response.content, response.content_type))
    for selector in selector_list(settings.get("remove")):
        for node in tree.css(selector):
            node.decompose()
    return tree


def items_from(
    tree: LexborHTMLParser, selector: str, base: str, settings: dict[str, Any]
) -> list[ListedItem]:
    """Items of the entries matching ``selector``, each release once (canonical URL)."""
    seen: set[str] = set()
    items = []
    for node in tree.css(selector):
        try:
            item = _item(node, base, settings)
        except (AttributeError, TypeError, ValueError) as exc:
            log.warning("%s: skipping a malformed list entry (%s)", base, exc)
            continue
        key = canonical_url(item.url) if item else None
        if item is None or key is None or key in seen:
            continue
        seen.add(key)
        items.append(item)
    return items


def best_item_selector(tree: LexborHTMLParser) -> tuple[str | None, int]:
    """The candidate selector whose entries hold the most dated links, and that count."""
    best: tuple[str | None, int] = (None, 0)
    for selector in CANDIDATE_SELECTORS:
        dated = sum(
            1 for item in items_from(tree, selector, "http://x.invalid/", {}) if item.published
        )
        if dated > best[1]:
            best = (selector, dated)
    return best


def _item(node: LexborNode, base: str, settings: dict[str, Any]) -> ListedItem | None:
    link = node.css_first(settings.get("link") or "a[href]")
    if link is None:
        return None
    url = absolute_link(link.attributes.get("href"), base)
    if url is None:
        return None
    link_text = one_line(link.text()) or ""
    return ListedItem(
        url=url,
        title=_title(node, link, settings.get("title")) or None,
        published=_date(node, link_text, settings.get("date")),
        kind=link_kind(url),
        parent_url=base,
    )


def _title(node: LexborNode, link: LexborNode, selector: str | None) -> str | None:
    if selector and (chosen := node.css_first(selector)) is not None:
        return one_line(chosen.attributes.get("title") or chosen.text())
    return one_line(link.attributes.get("title")) or one_line(link.text())


def _date(node: LexborNode, link_text: str, selector: str | None) -> date | None:
    if selector:
        chosen = node.css_first(selector)
        return find_date(chosen.text()) if chosen is not None else None
    text = one_line(node.text()) or ""
    return find_date(text.replace(link_text, " ") if link_text else text)
