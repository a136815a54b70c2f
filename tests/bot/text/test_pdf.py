"""PDF → Document with pypdf; fixtures are generated with reportlab in each test."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from bot.errors import DocumentError
from bot.text.pdf import pdf_to_document


def make_pdf(
    pages: list[list[str]], title: str | None = None, encrypt: object | None = None
) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=encrypt)
    if title:
        pdf.setTitle(title)
    for lines in pages:
        for row, line in enumerate(lines):
            pdf.drawString(72, 780 - 16 * row, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


TWO_PAGES = [
    ["Provincial digital economy bulletin", "Broadband users reached 63 million in 2023."],
    ["The province had 338,000 5G base stations at year end."],
]


def test_text_of_all_pages_joined_by_blank_lines() -> None:
    document = pdf_to_document(make_pdf(TWO_PAGES))
    assert document.text == (
        "Provincial digital economy bulletin\nBroadband users reached 63 million in 2023."
        "\n\nThe province had 338,000 5G base stations at year end."
    )
    assert document.kind == "pdf"


def test_title_from_metadata() -> None:
    assert pdf_to_document(make_pdf(TWO_PAGES, title="Bulletin 2023")).title == "Bulletin 2023"


def test_title_from_first_line_when_metadata_is_useless() -> None:
    document = pdf_to_document(make_pdf(TWO_PAGES, title="Microsoft Word - draft3.docx"))
    assert document.title == "Provincial digital economy bulletin"


def test_restriction_only_encryption_is_readable() -> None:
    encryption = StandardEncryption(userPassword="", ownerPassword="owner", canPrint=0)
    assert "63 million" in pdf_to_document(make_pdf(TWO_PAGES, encrypt=encryption)).text


def test_password_protected_pdf_is_refused() -> None:
    with pytest.raises(DocumentError, match="password-protected"):
        pdf_to_document(make_pdf(TWO_PAGES, encrypt="secret"), name="locked.pdf")


def test_pdf_without_text_is_refused() -> None:
    with pytest.raises(DocumentError, match="no text layer"):
        pdf_to_document(make_pdf([[]]))


@pytest.mark.parametrize("data", [b"<html>not a pdf</html>", b"%PDF-1.7\nbroken"])
def test_non_pdf_bytes_are_refused(data: bytes) -> None:
    with pytest.raises(DocumentError, match=r"^x\.pdf is not a readable PDF"):
        pdf_to_document(data, name="x.pdf")
