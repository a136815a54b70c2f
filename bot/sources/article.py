"""An item's page (HTML or PDF) → Document, honouring the source's selectors.

Shared by every adapter, because feeds, JSON lists and list pages all end in the same
kind of article page. A configured ``body`` selector wins over trafilatura: on a known
site it is exact, while trafilatura may drop short paragraphs or keep a sidebar.

``subpages`` (a link selector) is for releases whose text sits on pages of their own: a
SCIO press conference at ``/live/2025/35012/`` is a landing page linking its transcript
pages in the same folder. When the page's own text is short, up to :data:`MAX_SUBPAGES`
such links *inside the article's folder* are fetched and their text appended, in page order.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from bot.canonical import canonical_url
from bot.errors import CdfBotError, UnreadableDocumentError
from bot.fetch.decode import decode
from bot.sources.base import (
    ListedItem,
    absolute_link,
    find_date,
    is_pdf,
    one_line,
    selector_list,
)
from bot.text import readable_problem
from bot.text.html import block_text, read_metas

if TYPE_CHECKING:
    from datetime import date

    from selectolax.lexbor import LexborHTMLParser, LexborNode

    from bot.fetch.client import Fetcher
    from bot.fetch.response import FetchResponse
    from bot.model import Document, Source

log = logging.getLogger(__name__)

MAX_SUBPAGES = 5
SUBPAGES_BELOW_CHARS = 1500
"""A page with at least this much text of its own is the article: its sub-pages are not read."""
DEFAULT_ATTACHMENTS = 'div.filelist a, a[href$=".pdf"], a[href$=".PDF"]'
TITLE_METAS = ("articletitle", "og:title")
DATE_METAS = ("pubdate", "article:published_time")
BLOCKS = "p, div, li, tr, h1, h2, h3, h4, h5, h6, table, section, article, blockquote, pre"
_TRUNCATED = re.compile(r"(?:…|\.\.\.)\s*$")


def load_article(item: ListedItem, fetcher: Fetcher, source: Source) -> Document:
    """Fetch ``item.url`` and turn the page (or PDF, whatever its link said) into a Document;
    with ``subpages`` set, a short page gets the text of its sub-pages appended."""
    response = fetcher.get(item.url)
    document = document_from_response(response, item, source.settings)
    selector = source.settings.get("subpages")
    if selector and document.kind == "html" and len(document.text) < SUBPAGES_BELOW_CHARS:
        _append_subpages(document, response, fetcher, source.settings, selector)
    problem = readable_problem(document.text)
    if problem is not None:  # binary junk or an empty page: the same rule as the loader's
        raise UnreadableDocumentError(item.url, problem)
    return document


def _append_subpages(
    document: Document,
    response: FetchResponse,
    fetcher: Fetcher,
    settings: dict[str, Any],
    selector: str,
) -> None:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(decode(response.content, response.content_type))
    page_parts = urlsplit(response.url)
    folder = page_parts.path.rsplit("/", 1)[0] + "/"
    seen = {canonical_url(response.url), canonical_url(document.url or response.url)}
    texts = [document.text] if document.text.strip() else []
    fetched = 0
    for node in tree.css(selector):
        url = absolute_link(node.attributes.get("href"), response.url)
        key = canonical_url(url) if url else None
        parts = urlsplit(url or "")
        if key is None or key in seen or parts.netloc != page_parts.netloc:
            continue
        sub_path = parts.path
        if not sub_path.startswith(folder):
            continue
        seen.add(key)
        if sub_path.lower().endswith(".pdf"):
            continue  # an attachment, ingested as a release of its own
        if fetched == MAX_SUBPAGES:
            break
        fetched += 1
        try:
            page = fetcher.get(url)
            if is_pdf(page.content):
                continue
            html = decode(page.content, page.content_type)
            sub = html_document(html, page.url, ListedItem(url=page.url), settings, raw_bytes=0)
        except CdfBotError as exc:
            log.info("%s: sub-page %s skipped (%s)", response.url, url, exc)
            continue
        if sub.text.strip() and sub.text not in texts:
            texts.append(sub.text)
            document.raw_bytes += len(page.content)
    document.text = "\n\n".join(texts)


def document_from_response(
    response: FetchResponse, item: ListedItem, settings: dict[str, Any]
) -> Document:
    """The Document of an article response; the item's date and full title win."""
    if is_pdf(response.content):
        return pdf_document(response, item)
    html = decode(response.content, response.content_type)
    return html_document(html, response.url, item, settings, raw_bytes=len(response.content))


def pdf_document(response: FetchResponse, item: ListedItem) -> Document:
    """A PDF item; a descriptive link text beats the PDF's often useless metadata title."""
    from bot.text.pdf import pdf_to_document

    document = pdf_to_document(response.content, name=item.url, url=response.url)
    if item.title and not _generic_label(item.title):
        document.title = item.title
    document.published = item.published or document.published
    return document


def html_document(
    html: str, url: str, item: ListedItem, settings: dict[str, Any], *, raw_bytes: int
) -> Document:
    """Title, date, body and attachments of an article page, per ``settings``."""
    from selectolax.lexbor import LexborHTMLParser

    from bot.model import Document
    from bot.text.html import html_to_document

    tree = LexborHTMLParser(html)
    for selector in selector_list(settings.get("remove")):
        for node in tree.css(selector):
            node.decompose()
    metas = read_metas(tree, keys=("name", "property"))
    title = _title(tree, metas, item)
    published = item.published or _meta_date(metas)
    attachments = attachment_links(tree, url, settings.get("attachments"))
    body = _body_text(tree, selector_list(settings.get("body")))
    if body:
        return Document(
            text=body,
            kind="html",
            title=title,
            published=published,
            url=url,
            raw_bytes=raw_bytes,
            attachments=attachments,
        )
    document = html_to_document(tree.html or html, url, raw_bytes=raw_bytes)
    document.title = title or document.title
    document.published = published or document.published
    document.attachments = attachments
    return document


def attachment_links(tree: LexborHTMLParser, base: str, selector: Any = None) -> list[str]:
    """Absolute URLs of the page's attachment links, in page order, each once."""
    found: dict[str, None] = {}
    for css in selector_list(selector) or [DEFAULT_ATTACHMENTS]:
        for node in tree.css(css):
            url = absolute_link(node.attributes.get("href"), base)
            if url:
                found.setdefault(url, None)
    return list(found)


def node_text(node: LexborNode) -> str:
    """Visible text of ``node``, one line per block element or ``<br>``."""
    return block_text(node, drop="script, style, noscript, template", blocks=BLOCKS, cell_gap=False)


def fragment_text(html: str) -> str:
    """Visible text of an HTML fragment, such as a feed's description."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(f"<div>{html}</div>")
    root = tree.body or tree.root
    return node_text(root) if root is not None else ""


def _body_text(tree: LexborHTMLParser, selectors: list[str]) -> str:
    """Text of the first selector (in the given order of preference) that has any."""
    for selector in selectors:
        node = tree.css_first(selector)
        if node is not None and (text := node_text(node)):
            return text
    return ""


def _title(tree: LexborHTMLParser, metas: dict[str, str], item: ListedItem) -> str | None:
    """Page meta, then the listed title unless cut short ("…"), then ``<h1>``, ``<title>``."""
    for key in TITLE_METAS:
        if metas.get(key):
            return one_line(metas[key])
    if item.title and not _TRUNCATED.search(item.title):
        return item.title
    for selector in ("h1", "title"):
        node = tree.css_first(selector)
        if node is not None and (text := one_line(node.text())):
            return text
    return item.title


def _meta_date(metas: dict[str, str]) -> date | None:
    for key in DATE_METAS:
        if parsed := find_date(metas.get(key)):
            return parsed
    return None


def _generic_label(title: str) -> bool:
    label = title.strip().lower()
    return len(label) < 4 or label.endswith(".pdf") or label in {"download", "下载", "附件"}
