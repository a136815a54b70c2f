"""Split cleaned text into sentences that remember their paragraph and section heading.

Figures need their sentence (the contract's ``sentence`` field) and the period stated
earlier in the same paragraph; commitments need the heading they sit under (``area``).
Chinese sentences end at 。！？；(and their ASCII twins followed by CJK), English ones at
. ! ? followed by whitespace and a capital, digit or quote, except after common
abbreviations (No., U.S., e.g.) and inside decimals (46.1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extract.wordlists import CUES, alternation
from bot.text.script import script_counts

_NUMBERED_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）])"
)
_HEADING_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][^)）]{1,3}[)）])\s*")
# Sentence ends, each match running from the final mark to the cut: group "gap" is what the
# cut removes (nothing in Chinese, the spaces in English). They start with the mark itself,
# not a lookbehind, so the engine jumps from mark to mark instead of trying every position.
_ZH_END = re.compile(r"(?:[。！？!?；;](?![”’」』）)])|[。！？][”’」』）)](?![。！？]))(?P<gap>)")
_EN_END = re.compile(r"[.!?][\"'”’)]?(?P<gap>\s+)(?=[\"'“‘(]?[A-Z0-9\u3400-\u9fff])")
_ABBREVIATIONS = re.compile(
    rf"(?:\b(?:{alternation(CUES['sentences']['abbreviations_en'])})|\b[A-Z](?:\.[A-Z])*)\.$"
)
_ABBREVIATION_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz."
_HEADING_MAX = 40


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with its position: ``paragraph`` counts from 0, ``heading`` is the
    nearest preceding short line that looks like a section title (or None)."""

    text: str
    paragraph: int
    index_in_paragraph: int
    heading: str | None


def detect_language(text: str) -> str:
    """'zh' when CJK characters make up a fair share of the letters, else 'en'."""
    cjk, latin = script_counts(text[:4000])
    return "zh" if cjk and cjk * 3 >= latin else "en"


def is_heading(line: str, language: str) -> bool:
    """Short lines without sentence-final punctuation, or numbered like 一、 (一) 1. Part II."""
    stripped = line.strip()
    if not stripped or len(stripped) > (_HEADING_MAX if language == "zh" else 90):
        return False
    if _NUMBERED_HEADING.match(stripped):
        return True
    # A quoted sentence ends inside its quote: “…标准。” is a sentence, not a heading.
    if stripped.rstrip('”"’」』)）')[-1:] in tuple("。.!?！？；;:：,，"):
        return False
    if language == "en":
        words = stripped.split()
        return 1 <= len(words) <= 12 and stripped[0].isupper()
    return True


def split_sentences(paragraph: str, language: str) -> list[str]:
    """Sentences of one paragraph, in order, stripped; never splits inside a number."""
    if language == "zh":
        parts = _cut(paragraph, _ZH_END)
    else:
        parts = []
        pending = ""
        for piece in _cut(paragraph, _EN_END):
            candidate = f"{pending} {piece}".strip() if pending else piece
            if _ends_in_abbreviation(candidate.rstrip()):
                pending = candidate
                continue
            parts.append(candidate)
            pending = ""
        if pending:
            parts.append(pending)
    return [p.strip() for p in parts if p and p.strip()]


def _cut(text: str, ends: re.Pattern[str]) -> list[str]:
    """``text`` cut at each match of ``ends``, its "gap" group left out."""
    pieces: list[str] = []
    start = 0
    for match in ends.finditer(text):
        pieces.append(text[start : match.start("gap")])
        start = match.end("gap")
    pieces.append(text[start:])
    return pieces


def _ends_in_abbreviation(text: str) -> bool:
    """``_ABBREVIATIONS.search(text)``, looking only at the trailing run of letters and dots
    (a match is made of them and ends at the end; ``\b`` still sees the character before)."""
    if not text.endswith("."):
        return False
    start = len(text.rstrip(_ABBREVIATION_CHARS))
    return bool(_ABBREVIATIONS.search(text, start))


def segment(text: str, language: str) -> list[Sentence]:
    """All sentences of ``text`` (paragraphs are separated by line breaks)."""
    sentences: list[Sentence] = []
    heading: str | None = None
    paragraph_no = 0
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line:
            continue
        if is_heading(line, language) and paragraph_no > 0:
            heading = _HEADING_NUMBER.sub("", line)
        for index, sentence in enumerate(split_sentences(line, language)):
            sentences.append(Sentence(sentence, paragraph_no, index, heading))
        paragraph_no += 1
    return sentences
