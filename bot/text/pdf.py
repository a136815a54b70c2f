"""PDF bytes → Document, with pypdf.

Many official PDFs are "encrypted" only to forbid printing or copying, with an empty
user password; those are opened. PDFs that need a real password, have no text layer
(scans) or whose text layer decodes to junk (fonts without a Unicode map) are refused
with a DocumentError, because extracting figures from junk would be worse than nothing.
Control characters (NUL among them, which PostgreSQL refuses) are stripped from the text
and title of the PDFs accepted (:func:`bot.text.strip_controls`).
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from bot.errors import DocumentError
from bot.model import Document
from bot.text import strip_controls

if TYPE_CHECKING:
    from pypdf import PageObject

TITLE_MAX_CHARS = 200
_JUNK = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]")
_JUNK_SHARE = 0.2
# Producer tools leave these as "titles"; they say nothing about the content.
_USELESS_TITLE = re.compile(
    r"^(?:untitled|microsoft word\b.*|.*\.(?:docx?|wps|pdf|indd))$", re.IGNORECASE
)


def pdf_to_document(data: bytes, *, name: str = "document.pdf", url: str | None = None) -> Document:
    """Text of every page of the PDF in ``data``; ``name`` labels error messages."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    if b"%PDF-" not in data[:1024]:
        raise DocumentError(f"{name} is not a readable PDF")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(f"{name} is password-protected; cannot read it")
        pages = [_page_text(page) for page in reader.pages]
        metadata_title = reader.metadata.title if reader.metadata else None
    except DocumentError:
        raise
    except DependencyError:
        raise DocumentError(f"{name} is AES-encrypted; reading it needs 'cryptography'") from None
    except (PyPdfError, ValueError, TypeError, KeyError, OSError) as exc:
        raise DocumentError(f"{name} is not a readable PDF ({exc})") from None
    text = "\n\n".join(page for page in pages if page)
    if not text:
        raise DocumentError(f"{name} has no text layer (a scan?); it needs OCR first")
    if len(_JUNK.findall(text)) > _JUNK_SHARE * len(text):
        raise DocumentError(f"{name} is not a readable PDF (its text layer is garbled)")
    text = strip_controls(text)
    title = _title(metadata_title, text)
    return Document(
        text=text,
        kind="pdf",
        title=strip_controls(title) or None if title else None,
        url=url,
        raw_bytes=len(data),
    )


def _page_text(page: PageObject) -> str:
    try:
        return (page.extract_text() or "").strip()
    except (ValueError, KeyError, TypeError, ZeroDivisionError):
        return ""  # one broken page should not hide the others


def _title(metadata_title: object, text: str) -> str | None:
    if isinstance(metadata_title, str):
        title = " ".join(metadata_title.split())
        if title and not _USELESS_TITLE.match(title):
            return title
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first[:TITLE_MAX_CHARS] or None
