"""One entry point from "a path or URL someone typed" to a Document.

The format is decided by the strongest evidence available: the ``%PDF-`` magic bytes
(servers and file names both lie about PDFs), then the Content-Type of a response
(RFC 9110 §8.3), then the file extension, then a sniff for HTML markup. Heavy parsers
(trafilatura, pypdf) are imported only by the loader that needs them so that
``cdfbot extract`` on a .txt file starts instantly.

Whatever the kind, a document must be readable text (:func:`bot.text.readable_problem`:
little junk, some letters or digits), checked on the decoded file before parsing and on the
text that came out of it; otherwise :class:`~bot.errors.UnreadableDocumentError` says "no
readable text in NAME" and nothing is stored. Control characters are stripped from the
text of every kind (:func:`bot.text.strip_controls`), so a stray NUL cannot stop an ingest
on PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bot.errors import DocumentError, UnreadableDocumentError
from bot.fetch.decode import decode
from bot.model import Document
from bot.text import readable_problem, strip_controls

if TYPE_CHECKING:
    from bot.fetch.client import Fetcher

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
SUPPORTED = "use .txt, .html or .pdf"


def load_document(target: str, *, fetcher: Fetcher | None = None) -> Document:
    """Load ``target`` (a local path or an http(s) URL) as a Document.

    Without ``fetcher`` a short-lived one is built from the settings; long-running code
    should pass its shared Fetcher to reuse connections and per-host limits.
    """
    if target.strip().lower().startswith(("http://", "https://")):
        return _load_url(target.strip(), fetcher)
    return _load_file(target)


def _load_file(target: str) -> Document:
    path = Path(target).expanduser()
    if not path.is_file():
        raise DocumentError(f"No such file: {target}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"Cannot read {target}: {exc.strerror or exc}") from None
    suffix = path.suffix.lower()
    kind = _kind(data, content_type=None, suffix=suffix, local=True)
    if kind is None:
        raise DocumentError(f"Unsupported file type {suffix} ({SUPPORTED})")
    return _to_document(data, kind, name=target, url=None, content_type=None)


def _load_url(url: str, fetcher: Fetcher | None) -> Document:
    if fetcher is None:
        from bot.config import load_settings
        from bot.fetch.client import Fetcher

        with Fetcher.from_settings(load_settings()) as own:
            return _load_url(url, own)
    response = fetcher.get(url)
    content_type = response.content_type
    suffix = PurePosixPath(urlsplit(response.url).path).suffix.lower()
    kind = _kind(response.content, content_type=content_type, suffix=suffix, local=False)
    if kind is None:
        shown = _media_type(content_type) or suffix or "unknown"
        raise DocumentError(f"Unsupported content type {shown} at {url} ({SUPPORTED})")
    return _to_document(
        response.content, kind, name=url, url=response.url, content_type=content_type
    )


def _kind(data: bytes, *, content_type: str | None, suffix: str, local: bool) -> str | None:
    """'pdf', 'html' or 'txt' for this content, or None when it is none of them."""
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    media_type = _media_type(content_type)
    if media_type in HTML_TYPES:
        return "html"
    if media_type == "text/plain":
        return "txt"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "txt"
    if suffix == ".pdf" or media_type == "application/pdf":
        return "pdf"  # mislabelled or truncated: pdf_to_document explains the failure
    if media_type and not media_type.startswith("text/"):
        return None
    if local and suffix:
        return None  # URL paths like .aspx say nothing; a local .docx does
    head = data[:1024].lower()
    return "html" if b"<html" in head or b"<!doctype html" in head else "txt"


def _to_document(
    data: bytes, kind: str, *, name: str, url: str | None, content_type: str | None
) -> Document:
    if kind == "pdf":
        from bot.text.pdf import pdf_to_document

        document = pdf_to_document(data, name=name, url=url)
    elif kind == "html":
        from bot.text.html import html_to_document

        html = _readable(decode(data, content_type), name)
        document = html_to_document(html, url, raw_bytes=len(data))
    else:
        text = _readable(decode(data, content_type, markup=False), name)
        text = strip_controls(text).replace("\r\n", "\n").replace("\r", "\n")
        return Document(text=text, kind="txt", url=url, raw_bytes=len(data))
    _readable(document.text, name)
    return document


def _readable(text: str, name: str) -> str:
    problem = readable_problem(text)
    if problem is not None:
        raise UnreadableDocumentError(name, problem)
    return text


def _media_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None
