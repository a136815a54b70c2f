"""The extraction pipeline, in the order data flows through it."""

from __future__ import annotations

from bot.extract.commitments import find_commitments
from bot.extract.figures import find_figures
from bot.extract.metadata import guess_published, guess_title
from bot.extract.segments import detect_language, segment
from bot.extract.summary import summarize
from bot.model import Document, Extraction
from bot.text.clean import clean_text, read_lines


def extract(document: Document) -> Extraction:
    """Extract figures, commitments and a summary from one document; pure, stores nothing."""
    lines = read_lines(document.text)  # the head is read three times: normalised once
    title = document.title or guess_title(document.text, lines=lines)
    text = clean_text(document.text, title=title, lines=lines)
    language = document.language or detect_language(text)
    published = document.published or guess_published(document.text, lines=lines)
    sentences = segment(text, language)
    figures = find_figures(sentences, language, published=published, title=title)
    commitments = find_commitments(sentences, language)
    summary = summarize(sentences, figures, commitments, language)
    return Extraction(
        title=title,
        published=published,
        language=language,
        summary=summary,
        figures=figures,
        commitments=commitments,
    )
