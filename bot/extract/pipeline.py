"""The extraction pipeline, in the order data flows through it."""

from __future__ import annotations

from bot.extract.commitments import as_written, find_commitments
from bot.extract.figures import find_figures
from bot.extract.metadata import guess_published, guess_title
from bot.extract.segments import detect_language, segment
from bot.extract.summary import summarize
from bot.model import Document, Extraction
from bot.text.clean import clean_text, read_lines
from bot.text.traditional import looks_traditional, to_simplified


def extract(document: Document) -> Extraction:
    """Extract figures, commitments and a summary from one document; pure, stores nothing."""
    lines = read_lines(document.text)  # the head is read three times: normalised once
    title = document.title or guess_title(document.text, lines=lines)
    text = clean_text(document.text, title=title, lines=lines)
    language = document.language or detect_language(text)
    published = document.published or guess_published(document.text, lines=lines)
    read, read_title = text, title
    if language == "zh" and looks_traditional(text):  # 數據 → 数据: the rules are Simplified
        read = to_simplified(text)
        read_title = to_simplified(title) if title else title
    sentences = segment(read, language)
    figures = find_figures(sentences, language, published=published, title=read_title)
    commitments = as_written(find_commitments(sentences, language), read, text)
    summary = summarize(sentences, figures, commitments, language)
    return Extraction(
        title=title,
        published=published,
        language=language,
        summary=summary,
        figures=figures,
        commitments=commitments,
    )
