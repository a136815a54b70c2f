"""HTML page → Document: the article body, its title, publication date and language.

Body text comes from trafilatura tuned for precision: a digest must not quote a site's
menu or copyright line as if the release said it. Tables are kept, because statistical
releases put their figures in them; trafilatura renders each row on its own line
(``| 5G base stations | 3.38 million |``) and only its Markdown separator rows are
dropped. When trafilatura finds no article (short notices, odd layouts) the visible
text of ``<body>`` without navigation, header and footer is used instead.

Control characters are stripped from the page before parsing and from every text
:func:`block_text` returns (:func:`bot.text.strip_controls`: PostgreSQL refuses NUL, and
lxml under trafilatura refuses control characters). Text is not cleaned further here;
``bot.text.clean`` does that in the extraction pipeline.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from bot.model import Document
from bot.text import strip_controls
from bot.text.script import script_counts

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

TITLE_KEYS = ("og:title", "articletitle")
PUBLISHED_KEYS = (
    "pubdate",
    "publishdate",
    "article:published_time",
    "firstpublishedtime",
    "dcterms.issued",
    "dc.date.issued",
    "dc.date",
    "date",
)
NOISE = "nav, header, footer, script, style, noscript, template, iframe, svg"
BLOCKS = (
    "address, article, aside, blockquote, dd, div, dl, dt, fieldset, figcaption, figure, "
    "form, h1, h2, h3, h4, h5, h6, hr, li, main, ol, p, pre, section, table, tr, ul"
)
_BREAK = "\ue000"  # private-use marker for block boundaries, never present in real text
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})|^(\d{4})(\d{2})(\d{2})")
_SEPARATOR_ROW = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+\s*$")


def html_to_document(
    html: str, url: str | None = None, *, raw_bytes: int | None = None
) -> Document:
    """Extract the article of ``html`` (fetched from ``url``, if known) as a Document."""
    from selectolax.lexbor import LexborHTMLParser

    html = strip_controls(html)
    tree = LexborHTMLParser(html)
    metas = read_metas(tree)
    title = _title(tree, metas)  # before _visible_text, which prunes the tree
    text = _article_text(html, url) or _visible_text(tree)
    return Document(
        text=text,
        kind="html",
        title=title,
        published=_published(metas),
        language=_language(tree, metas, text),
        url=url,
        raw_bytes=len(html.encode("utf-8")) if raw_bytes is None else raw_bytes,
    )


def parse_date(value: str) -> date | None:
    """A date from 2024-03-15, 2024/3/15, 2024.03.15, 2024年3月15日 or 20240315 forms."""
    match = _DATE.search(value.strip())
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups() if g is not None)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _article_text(html: str, url: str | None) -> str:
    import trafilatura

    extracted = trafilatura.extract(
        html,
        url=url,
        output_format="txt",
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        include_links=False,
        include_images=False,
        deduplicate=False,
    )
    if not extracted:
        return ""
    lines = [line.rstrip() for line in extracted.splitlines()]
    return "\n".join(line for line in lines if not _SEPARATOR_ROW.match(line)).strip()


def _visible_text(tree: LexborHTMLParser) -> str:
    body = tree.body
    return block_text(body, drop=NOISE) if body is not None else ""


def block_text(node: LexborNode, *, drop: str, blocks: str = BLOCKS, cell_gap: bool = True) -> str:
    """Visible text of ``node`` (pruned in place), one line per block element or ``<br>``.

    ``drop`` names the elements removed first; ``cell_gap`` keeps table cells apart.
    Shared with the source adapters, which read configured body selectors the same way.
    """
    for junk in node.css(drop):
        junk.decompose()
    for br in node.css("br"):
        br.replace_with(_BREAK)
    for block in node.css(blocks):
        block.insert_before(_BREAK)
        block.insert_after(_BREAK)
    if cell_gap:
        for cell in node.css("td, th"):
            cell.insert_after(" ")
    raw = strip_controls(node.text(deep=True, separator=""))
    lines = (" ".join(part.split()) for part in raw.split(_BREAK))
    return "\n".join(line for line in lines if line)


def read_metas(
    tree: LexborHTMLParser, *, keys: tuple[str, str] = ("property", "name")
) -> dict[str, str]:
    """``<meta>`` contents by lower-cased property/name (the first of ``keys`` present wins;
    the first tag with a key wins)."""
    metas: dict[str, str] = {}
    for node in tree.css("meta[content]"):
        key = node.attributes.get(keys[0]) or node.attributes.get(keys[1]) or ""
        value = (node.attributes.get("content") or "").strip()
        if key and value:
            metas.setdefault(key.strip().lower(), value)
    return metas


def _title(tree: LexborHTMLParser, metas: dict[str, str]) -> str | None:
    for key in TITLE_KEYS:
        if metas.get(key):
            return _one_line(metas[key])
    for selector in ("title", "h1"):
        node = tree.css_first(selector)
        if node is not None and node.text(strip=True):
            return _one_line(node.text())
    return None


def _published(metas: dict[str, str]) -> date | None:
    for key in PUBLISHED_KEYS:
        if key in metas and (parsed := parse_date(metas[key])):
            return parsed
    return None


def _language(tree: LexborHTMLParser, metas: dict[str, str], text: str) -> str | None:
    """The declared language (``<html lang>``, then Content-Language), primary subtag only.

    Templates often say ``lang="en"`` on Chinese pages; when the text's script contradicts
    the declaration, None is returned so the pipeline's detector decides from the text.
    """
    html = tree.css_first("html")
    declared = (html.attributes.get("lang") if html is not None else None) or metas.get(
        "content-language"
    )
    if not declared:
        return None
    language = declared.strip().replace("_", "-").split("-")[0].lower() or None
    cjk, latin = script_counts(text[:4000])
    if (language == "en" and cjk and cjk * 3 >= latin) or (language == "zh" and latin and not cjk):
        return None
    return language


def _one_line(value: str) -> str:
    return " ".join(value.split())
