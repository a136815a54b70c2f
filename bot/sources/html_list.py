"""HTML list pages (NDA channel pages and the like) → items, via selectolax selectors.

Settings (all optional; see ``bot/data/sources.toml`` for real ones):
``item`` CSS selector of one entry (default: the list :func:`find_list` finds), ``link``
within the entry (``a[href]``: the first matching link whose text is a title, not a label
such as 解读 or "More", nor an image), ``title`` within the entry (default: the chosen
link's ``title`` attribute, then its text, then an image's ``alt``), ``date`` within the
entry (default: any date in the entry's text outside the link; when the entry has none,
the elements after it up to the next entry — the ``dd`` of a ``dt``, the next cell),
``remove`` selectors deleted first (NDA's ``div.popbox`` repeats each link), and
``body``/``attachments``/``subpages`` for the article page.

Finding the list: every element whose children repeat (at least :data:`MIN_GROUP` of one
tag, with links) proposes a selector for them — ``ul.u-list > li``, ``dl.news > dt``,
``div#list > div.item`` — and the one whose entries yield the most dated links wins.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.canonical import canonical_url
from bot.fetch.decode import decode
from bot.sources.article import load_article
from bot.sources.base import (
    ListedItem,
    SourceFormatError,
    absolute_link,
    effective_settings,
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

MIN_GROUP = 3
"""Fewer repeated entries than this are not a list (a header's two links, a pager)."""
SIBLINGS_FOR_DATE = 3
"""Elements after an undated entry searched for its date (``dt`` → ``dd``, a next cell)."""
DEFAULT_LINK = "a[href]"
_NOT_CONTENT = frozenset(
    {"script", "style", "noscript", "template", "head", "select", "option", "svg", "iframe"}
)
_IDENT = re.compile(r"-?[A-Za-z_][\w-]*")
_LABEL = re.compile(
    r"[\[【(（<]?\s*(?:专家解读|政策解读|图文解读|文字解读|视频解读|解读|图解|视频|音频|更多|详情|"
    r"详细|下载|附件|原文|全文|查看|阅读全文|more|read more|details?|download|pdf|full text)"
    r"\s*[\]】)）>»]*",
    re.I,
)
_RELATED = re.compile(r"[\[【(（]?\s*(?:专家解读|政策解读|图文解读|解读|图解)")
"""A link text that opens like this points to a related page (the interpretation of a
policy), so it loses to a plain title link in the same entry — but wins when alone."""
_PUNCTUATION_ONLY = re.compile(r"[\W_]*")


class HtmlListAdapter:
    """List pages: one item per repeated entry holding a link (and usually a date)."""

    kind = "html"

    def list_items(self, response: FetchResponse, source: Source) -> list[ListedItem]:
        settings = effective_settings(source.settings)
        tree = parse_page(response, settings)
        selector = settings.get("item")
        if not selector:
            found = find_list(tree, response.url, settings)
            if found is None:
                raise SourceFormatError(
                    f"no list found at {response.url}: no repeated entries with links; "
                    "set the `item` selector"
                )
            return found.items
        items = items_from(tree, selector, response.url, settings)
        if not items:
            raise SourceFormatError(f"no items matched selector '{selector}' at {response.url}")
        return newest_first(items)

    def load_item(self, item: ListedItem, fetcher: Fetcher, source: Source) -> Document:
        return load_article(item, fetcher, source)


@dataclass(frozen=True, slots=True)
class FoundList:
    """The list :func:`find_list` chose: its selector and its items, newest first."""

    selector: str
    items: list[ListedItem]

    @property
    def dated(self) -> int:
        return sum(1 for item in self.items if item.published)

    @property
    def evidence(self) -> str:
        """ "9 dated links" (or "12 links" for a list without dates)."""
        if self.dated:
            return f"{self.dated} dated link{'s' if self.dated != 1 else ''}"
        return f"{len(self.items)} link{'s' if len(self.items) != 1 else ''}"


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


def find_list(
    tree: LexborHTMLParser, base: str, settings: dict[str, Any] | None = None
) -> FoundList | None:
    """The page's list: of the selectors :func:`candidate_selectors` proposes, the one
    whose entries give the most dated links (then the most links, then the shallowest
    entries, so ``li`` beats the ``div.title`` inside each ``li``); None when no selector
    gives :data:`MIN_GROUP` links. The item-level settings (``link``, ``title``,
    ``date``) are honoured, so a ``link`` rule narrows what counts."""
    settings = {k: v for k, v in (settings or {}).items() if k != "item"}
    best: tuple[tuple[int, int, int], str, list[ListedItem]] | None = None
    for selector, depth in candidate_selectors(tree):
        items = items_from(tree, selector, base, settings)
        key = (sum(1 for item in items if item.published), len(items), -depth)
        if len(items) >= MIN_GROUP and (best is None or key > best[0]):
            best = (key, selector, items)
    return FoundList(best[1], newest_first(best[2])) if best else None


def candidate_selectors(tree: LexborHTMLParser) -> list[tuple[str, int]]:
    """(selector, depth) for every run of at least :data:`MIN_GROUP` children of one tag
    (and, when most of them share one, one class) that hold links, in page order."""
    body = tree.body
    if body is None:
        return []
    found: dict[str, int] = {}
    stack: list[tuple[LexborNode, int]] = [(body, 0)]
    while stack:
        parent, depth = stack.pop()
        by_tag: dict[str, list[LexborNode]] = {}
        for child in parent.iter(include_text=False):
            if child.tag and child.tag not in _NOT_CONTENT and not child.tag.startswith("-"):
                by_tag.setdefault(child.tag, []).append(child)
        for members in by_tag.values():
            stack.extend((child, depth + 1) for child in reversed(members))
            linked = [m for m in members if m.tag == "a" or m.css_first("a[href]") is not None]
            if len(linked) >= MIN_GROUP:
                selector = f"{_parent_selector(parent)} > {_member_selector(linked)}"
                found.setdefault(selector, depth + 1)
    return list(found.items())


def _parent_selector(node: LexborNode) -> str:
    """``tag#id``, ``tag.class`` or ``tag``; a bare tag is qualified by its nearest ancestor
    with an id or class (``div.news ul``), so the selector does not also take the site's
    navigation lists."""
    own = _node_selector(node)
    if own != node.tag:
        return own
    ancestor = node.parent
    while ancestor is not None and ancestor.tag not in (None, "html", "body", "-document"):
        named = _node_selector(ancestor)
        if named != ancestor.tag:
            return f"{named} {own}"
        ancestor = ancestor.parent
    return own


def _node_selector(node: LexborNode) -> str:
    attributes = node.attributes
    ident = (attributes.get("id") or "").strip()
    if _IDENT.fullmatch(ident):
        return f"{node.tag}#{ident}"
    classes = [c for c in (attributes.get("class") or "").split() if _IDENT.fullmatch(c)]
    return f"{node.tag}.{classes[0]}" if classes else str(node.tag)


def _member_selector(members: list[LexborNode]) -> str:
    """``tag.class`` when one class is on more than half of the members, else ``tag``
    (an odd ``li.first`` does not split the list)."""
    tag = str(members[0].tag)
    counts = Counter(
        c
        for m in members
        for c in dict.fromkeys((m.attributes.get("class") or "").split())
        if _IDENT.fullmatch(c)
    )
    common = [c for c, n in counts.most_common() if 2 * n > len(members) and n >= MIN_GROUP]
    return f"{tag}.{common[0]}" if common else tag


def _item(node: LexborNode, base: str, settings: dict[str, Any]) -> ListedItem | None:
    chosen = _pick_link(node, settings.get("link") or DEFAULT_LINK, base)
    if chosen is None:
        return None
    url, link = chosen
    link_text = one_line(link.text()) or ""
    return ListedItem(
        url=url,
        title=_title(node, link, settings.get("title")) or None,
        published=_date(node, link_text, settings.get("date")),
        kind=link_kind(url),
        parent_url=base,
    )


def _pick_link(node: LexborNode, selector: str, base: str) -> tuple[str, LexborNode] | None:
    """The entry's first link (matching ``selector``) that is titled; failing that, its
    first related link (解读…), then its first link of any kind."""
    links = [node] if node.tag == "a" and node.css_matches(selector) else node.css(selector)
    first: tuple[str, LexborNode] | None = None
    related: tuple[str, LexborNode] | None = None
    for link in links:
        url = absolute_link(link.attributes.get("href"), base)
        if url is None:
            continue
        first = first or (url, link)
        label = _label(link)
        if not _is_title(label):
            continue
        if not _RELATED.match(label or ""):
            return url, link
        related = related or (url, link)
    return related or first


def _label(link: LexborNode) -> str | None:
    return one_line(link.attributes.get("title")) or one_line(link.text())


def _is_title(label: str | None) -> bool:
    """A link text that names an item — not empty (an image link), not a label."""
    return bool(label) and not (_LABEL.fullmatch(label) or _PUNCTUATION_ONLY.fullmatch(label))


def _title(node: LexborNode, link: LexborNode, selector: str | None) -> str | None:
    if selector and (chosen := node.css_first(selector)) is not None:
        return one_line(chosen.attributes.get("title") or chosen.text())
    label = _label(link)
    if _is_title(label):
        return label
    image = link.css_first("img[alt]") or node.css_first("img[alt]")
    alt = one_line(image.attributes.get("alt")) if image is not None else None
    return alt or label


def _date(node: LexborNode, link_text: str, selector: str | None) -> date | None:
    """In the entry; else in the elements after it, up to the next entry."""
    found = _date_in(node, link_text, selector)
    if found is not None:
        return found
    signature = (node.tag, node.attributes.get("class"))
    sibling, seen = node.next, 0
    while sibling is not None and seen < SIBLINGS_FOR_DATE:
        if sibling.is_element_node:
            if (sibling.tag, sibling.attributes.get("class")) == signature:
                return None
            if (found := _date_in(sibling, "", selector)) is not None:
                return found
            seen += 1
        sibling = sibling.next
    return None


def _date_in(node: LexborNode, link_text: str, selector: str | None) -> date | None:
    if selector:  # the first match holding a date (NDA's first span may be a tag)
        chosen = node.css(selector) or ([node] if node.css_matches(selector) else [])
        return next((found for n in chosen if (found := find_date(n.text()))), None)
    text = one_line(node.text()) or ""
    return find_date(text.replace(link_text, " ") if link_text else text)
