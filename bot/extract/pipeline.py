"""The extraction pipeline, in the order data flows through it."""

from __future__ import annotations

import logging

from bot.extract.commitments import as_written, find_commitments
from bot.extract.figures import find_figures
from bot.extract.labels import label_figures
from bot.extract.metadata import guess_published, guess_title
from bot.extract.segments import detect_language, segment
from bot.extract.summary import summarize
from bot.model import Document, Extraction
from bot.text.clean import clean_text, read_lines
from bot.text.traditional import looks_traditional, to_simplified

log = logging.getLogger(__name__)

#: The most text one release is read for: 2,000,000 characters, some 400 pages; a release
#: is rarely a twentieth of it. Every stage costs time linear in its input (or is bounded:
#: ``figures._MAX_SENTENCE`` characters per sentence piece, ``restated.RESTATED_NEIGHBOURS``
#: comparisons per figure), so this bounds one extraction to seconds, not minutes. Text
#: past it is cut at a line break and not read; the cut is logged and said in the summary.
MAX_TEXT_CHARS = 2_000_000
#: What the summary says after a cut ({read} and {total} characters, with thousands commas).
CUT_NOTE = "[Only the first {read:,} of {total:,} characters of this release were read.]"


def extract(document: Document) -> Extraction:
    """Extract figures, commitments and a summary from one document; pure, stores nothing.

    A text longer than ``MAX_TEXT_CHARS`` is read up to there (see ``cut``)."""
    raw, total = cut(document.text)
    lines = read_lines(raw)  # the head is read three times: normalised once
    title = document.title or guess_title(raw, lines=lines)
    text = clean_text(raw, title=title, lines=lines)
    language = document.language or detect_language(text)
    published = document.published or guess_published(raw, lines=lines)
    read, read_title = text, title
    if language == "zh" and looks_traditional(text):  # 數據 → 数据: the rules are Simplified
        read = to_simplified(text)
        read_title = to_simplified(title) if title else title
    sentences = segment(read, language)
    figures = label_figures(
        find_figures(sentences, language, published=published, title=read_title)
    )
    commitments = as_written(find_commitments(sentences, language), read, text)
    summary = summarize(sentences, figures, commitments, language)
    if total > len(raw):
        note = CUT_NOTE.format(read=len(raw), total=total)
        summary = f"{summary} {note}" if summary else note
    return Extraction(
        title=title,
        published=published,
        language=language,
        summary=summary,
        figures=figures,
        commitments=commitments,
    )


def cut(text: str) -> tuple[str, int]:
    """``text`` up to ``MAX_TEXT_CHARS`` (at the last line break in its last tenth, so no line
    is read in part when one ends there), and the length of the whole text."""
    total = len(text)
    if total <= MAX_TEXT_CHARS:
        return text, total
    end = text.rfind("\n", MAX_TEXT_CHARS - MAX_TEXT_CHARS // 10, MAX_TEXT_CHARS)
    kept = text[: end if end > 0 else MAX_TEXT_CHARS]
    log.warning(
        "extract: text of %d characters cut to the first %d (MAX_TEXT_CHARS)", total, len(kept)
    )
    return kept, total
