"""PDF sources: a URL that is itself a PDF (one item), or a page whose PDF links are the items.

CDRF publishes newsletters and reports as PDFs linked straight from a page; there is no
article page in between, so the PDF link *is* the release.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.canonical import canonical_url
from bot.sources.article import pdf_document
from bot.sources.base import (
    ListedItem,
    SourceFormatError,
    absolute_link,
    find_date,
    is_pdf,
    newest_first,
    one_line,
)
from bot.sources.html_list import parse_page

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

    from bot.fetch.client import Fetcher
    from bot.fetch.response import FetchResponse
    from bot.model import Document, Source

DEFAULT_LINKS = 'a[href$=".pdf"], a[href$=".PDF"]'


class PdfLinksAdapter:
    """PDF files: the source itself, or each PDF link (``link`` setting) on its page."""

    kind = "pdf"

    def list_items(self, response: FetchResponse, source: Source) -> list[ListedItem]:
        if is_pdf(response.content):
            return [ListedItem(url=response.url, kind="pdf", parent_url=None)]
        tree = parse_page(response, source.settings)
        selector = source.settings.get("link") or DEFAULT_LINKS
        seen: set[str] = set()
        items = []
        for link in tree.css(selector):
            url = absolute_link(link.attributes.get("href"), response.url)
            key = canonical_url(url)
            if url is None or key is None or key in seen:
                continue
            seen.add(key)
            items.append(
                ListedItem(
                    url=url,
                    title=one_line(link.attributes.get("title")) or one_line(link.text()),
                    published=find_date(_context(link)),
                    kind="pdf",
                    parent_url=response.url,
                )
            )
        if not items:
            raise SourceFormatError(f"no PDF links matched '{selector}' at {response.url}")
        return newest_first(items)

    def load_item(self, item: ListedItem, fetcher: Fetcher, source: Source) -> Document:
        response = fetcher.get(item.url)
        return pdf_document(response, item)


def _context(link: LexborNode) -> str:
    """The text around a link (its parent's), where list pages put the date."""
    parent = link.parent
    return (parent.text() if parent is not None else "") or link.text()
