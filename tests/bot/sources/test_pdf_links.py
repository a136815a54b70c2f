"""PDF sources: a PDF URL itself, or a page whose PDF links are the releases."""

from __future__ import annotations

import io
from datetime import date

import pytest
from reportlab.pdfgen import canvas

from bot.fetch.client import Fetcher
from bot.sources.base import SourceFormatError
from bot.sources.pdf_links import PdfLinksAdapter
from tests.bot.sources.conftest import Serve, make_source

PAGE = """<html><body><h1>Newsletters</h1><ul>
<li><a href="/files/newsletter-2024-03.pdf">Newsletter, March 2024</a> <span>2024-03-28</span></li>
<li><a href="/files/newsletter-2024-02.pdf">Newsletter, February 2024</a>
    <span>2024-02-27</span></li>
<li><a href="/files/newsletter-2024-02.pdf#page=2">Newsletter, February (page 2)</a></li>
<li><a href="/about.html">About us</a></li>
</ul></body></html>"""


def make_pdf(*lines: str) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for number, line in enumerate(lines):
        pdf.drawString(72, 720 - 18 * number, line)
    pdf.save()
    return buffer.getvalue()


def test_pdf_url_is_a_single_item(serve: Serve, fetcher: Fetcher) -> None:
    url = serve("/report.pdf", make_pdf("Annual report"), "application/pdf")
    items = PdfLinksAdapter().list_items(fetcher.get(url), make_source(url, "pdf"))
    assert [(i.url, i.kind) for i in items] == [(url, "pdf")]


def test_page_pdf_links_are_items_once_each(serve: Serve, fetcher: Fetcher) -> None:
    url = serve("/newsletters/", PAGE)
    items = PdfLinksAdapter().list_items(fetcher.get(url), make_source(url, "pdf"))
    assert [i.title for i in items] == ["Newsletter, March 2024", "Newsletter, February 2024"]
    assert [i.published for i in items] == [date(2024, 3, 28), date(2024, 2, 27)]
    assert all(i.kind == "pdf" and i.parent_url == url for i in items)


def test_page_without_pdf_links_is_a_format_error(serve: Serve, fetcher: Fetcher) -> None:
    url = serve("/empty/", "<html><body><a href='/a.html'>A</a></body></html>")
    with pytest.raises(SourceFormatError, match="no PDF links"):
        PdfLinksAdapter().list_items(fetcher.get(url), make_source(url, "pdf"))


def test_load_item_reads_the_pdf_with_the_link_title_and_date(
    serve: Serve, fetcher: Fetcher
) -> None:
    pdf = make_pdf("Digital economy newsletter", "Data centre racks grew by 91,000 in March.")
    serve("/files/newsletter-2024-03.pdf", pdf, "application/pdf")
    url = serve("/newsletters/", PAGE)
    adapter = PdfLinksAdapter()
    item = adapter.list_items(fetcher.get(url), make_source(url, "pdf"))[0]
    document = adapter.load_item(item, fetcher, make_source(url, "pdf"))
    assert document.kind == "pdf"
    assert "Data centre racks grew by 91,000 in March." in document.text
    assert (document.title, document.published) == ("Newsletter, March 2024", date(2024, 3, 28))
