"""What kind of source a fetched URL is, from its bytes, with suggested settings.

Used by ``source add``/``source test`` so an admin pastes a URL and gets a working
source, or a plain reason why not. The evidence is the content, never the URL's shape:
NDA list pages end in ``.html`` and gov.cn serves JSON as ``text/plain``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.fetch.decode import decode
from bot.sources.base import SourceFormatError, is_pdf

if TYPE_CHECKING:
    from bot.fetch.response import FetchResponse
    from bot.sources.html_list import FoundList

MIN_LIST_LINKS = 5
MIN_PDF_LINKS = 2
_FEED_ROOTS = {b"rss": "RSS", b"feed": "Atom", b"rdf": "RSS 1.0 (RDF)"}
_FIRST_ELEMENT = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_PROLOG_JUNK = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>", re.S)
_TITLE_FIELD = re.compile(r"title|name|subject|headline|标题", re.I)
_URL_FIELD = re.compile(r"url|link|href|path", re.I)
_DATE_FIELD = re.compile(r"date|time|pub|created|updated", re.I)


@dataclass(frozen=True, slots=True)
class Detection:
    """A detected kind, why it was chosen, and settings that make the adapter work."""

    kind: str
    explanation: str
    settings: dict[str, Any] = field(default_factory=dict)
    found: str = ""
    """Where the items are and on what evidence, for admins: "in 'ul.u-list > li' (9 dated
    links)", "at 'data.rows' (title=headline, url=link)"; empty for feeds and PDFs."""


def detect_kind(response: FetchResponse) -> tuple[str, str]:
    """(kind, human explanation) for the response; SourceFormatError when none fits."""
    found = detect(response)
    return found.kind, found.explanation


def detect(response: FetchResponse, settings: dict[str, Any] | None = None) -> Detection:
    """Feed, PDF, JSON list, HTML list or page of PDF links — first that fits wins;
    ``settings`` given (a ``link`` rule, ``remove``) are honoured by the HTML list search."""
    data = response.content
    if is_pdf(data):
        return Detection("pdf", f"{response.url} is a PDF file")
    if root := feed_root(data):
        return Detection("rss", f"{_FEED_ROOTS[root]} feed")
    if (json_found := _detect_json(response)) is not None:
        return json_found
    if (html_found := _detect_html(response, settings or {})) is not None:
        return html_found
    raise SourceFormatError(f"no feed, list or PDF found at {response.url}")


def feed_root(data: bytes) -> bytes | None:
    """b'rss', b'feed' or b'rdf' when the XML document's root element is a feed's."""
    head = data[:8192].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return None
    match = _FIRST_ELEMENT.search(_PROLOG_JUNK.sub(b"", head))
    if not match:
        return None
    local = match.group(1).rsplit(b":", 1)[-1].lower()
    return local if local in _FEED_ROOTS else None


def _detect_json(response: FetchResponse) -> Detection | None:
    text = decode(response.content, response.content_type, markup=False).strip().lstrip("\ufeff")
    if not text.startswith(("[", "{")):
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return None
    found = _find_list(data, "", depth=0)
    if found is None:
        return None
    path, sample = found
    keys = [str(k) for k in sample[0]]
    mapping = {
        "title": next((k for k in keys if _TITLE_FIELD.search(k)), None),
        "url": next((k for k in keys if _URL_FIELD.search(k)), None),
        "date": next((k for k in keys if _DATE_FIELD.search(k)), None),
    }
    if not mapping["title"] or not mapping["url"]:
        return None
    settings = {"items": path, **{k: v for k, v in mapping.items() if v}}
    where = f"at '{path}'" if path else "at the top level"
    fields = ", ".join(f"{k}={v}" for k, v in mapping.items() if v)
    return Detection("json", f"JSON list {where} ({fields})", settings, f"{where} ({fields})")


def _find_list(data: Any, path: str, depth: int) -> tuple[str, list[dict[str, Any]]] | None:
    """The first list of (mostly) objects, shallowest first, up to three levels down; the
    objects of its first ten entries are returned as a sample."""
    if isinstance(data, list):
        sample = data[:10]
        dicts = [e for e in sample if isinstance(e, dict)]
        return (path, dicts) if dicts and 2 * len(dicts) > len(sample) else None
    if not isinstance(data, dict) or depth >= 3:
        return None
    for key, value in data.items():
        if isinstance(value, list) and (found := _find_list(value, _join(path, key), depth + 1)):
            return found
    for key, value in data.items():
        if isinstance(value, dict) and (found := _find_list(value, _join(path, key), depth + 1)):
            return found
    return None


def _join(path: str, key: object) -> str:
    return f"{path}.{key}" if path else str(key)


def html_list(response: FetchResponse, settings: dict[str, Any] | None = None) -> FoundList | None:
    """The list :func:`~bot.sources.html_list.find_list` finds on an HTML page, if any."""
    from bot.sources.html_list import find_list, parse_page

    settings = settings or {}
    tree = parse_page(response, settings)
    return find_list(tree, response.url, settings) if tree.body is not None else None


def is_confident(
    found: FoundList | None, settings: dict[str, Any] | None = None, *, need_dates: bool = False
) -> bool:
    """Enough to poll on: :data:`MIN_LIST_LINKS` dated links — or, when a ``link`` rule
    names the items (SCIO's ``/live/`` links), that many links matching it, unless
    ``need_dates`` (the source's list had dates: undated entries now are not it)."""
    if found is None:
        return False
    if found.dated >= MIN_LIST_LINKS:
        return True
    by_rule = bool((settings or {}).get("link")) and len(found.items) >= MIN_LIST_LINKS
    return by_rule and not need_dates


def _detect_html(response: FetchResponse, settings: dict[str, Any]) -> Detection | None:
    from bot.sources.html_list import parse_page
    from bot.sources.pdf_links import DEFAULT_LINKS

    found = html_list(response, settings)
    if is_confident(found, settings):
        assert found is not None
        return Detection(
            "html",
            f"HTML list: {found.evidence} in '{found.selector}'",
            {"item": found.selector},
            f"in '{found.selector}' ({found.evidence})",
        )
    tree = parse_page(response, {})
    pdfs = len({n.attributes.get("href") for n in tree.css(DEFAULT_LINKS)})
    if pdfs >= MIN_PDF_LINKS:
        return Detection("pdf", f"HTML page linking {pdfs} PDF files")
    return None
