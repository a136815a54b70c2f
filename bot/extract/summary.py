"""A short extractive summary: the release's own sentences that carry its main content.

Digest readers skim, so the summary is 2–4 sentences quoted verbatim (no rewriting that
could misstate a figure), chosen for the figures and commitments they carry, with a
bonus for the lead sentence that news copy puts first, then put back in document order.
Headings, questions, speaker labels and fragments never qualify.
"""

from __future__ import annotations

import re
from collections import Counter

from bot.extract.commitments import ends_in_question, question_paragraphs
from bot.extract.segments import Sentence, is_heading
from bot.model import Commitment, Figure
from bot.text.furniture import carries_figure
from bot.text.ignorecase import ascii_words, caseless, lower_ascii_words

_MAX_CHARS = {"zh": 300, "en": 600}
_MIN_CHARS = {"zh": 12, "en": 40}
_MAX_SENTENCES = 4
_MIN_SENTENCES = 2
_FINAL = re.compile(r"[.!。！”\"’)）]$")
_TURN_TAKING = re.compile(
    r"\binvite\b.{0,40}\banswer\b|\b(?:thank you|thanks) for\b|请.{0,12}回答|感谢.{0,6}提问|谢谢",
    re.IGNORECASE,
)
_SEPARATOR = {"zh": "", "en": " "}
_LEAD_BONUS = 1.5
_COMMITMENT_WEIGHT = 2.0
_NUMBER_WEIGHT = 0.5
_COMMITMENT_SHARE = 2
_OVERLAP_MAX = 0.6
# On lower-cased text, what ``[a-z0-9]+`` with re.IGNORECASE matches (ı and ſ are the only
# lower-case letters it equates with ASCII ones), case-sensitive so the engine skips ahead.
_WORD_TOKEN = re.compile("[a-z0-9ıſ]+")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_TAIL = 3  # _FINAL spans at most 3 characters (a final newline included)


def _eligible(sentence: Sentence, language: str) -> bool:
    text = sentence.text
    if len(text) < _MIN_CHARS.get(language, 40) or ends_in_question(text):
        return False
    if not _FINAL.search(text, max(0, len(text) - _TAIL)) or _turn_taking(text):
        return False
    return not is_heading(text, language)


def _turn_taking(text: str) -> bool:
    """``_TURN_TAKING``, tried only when one of the words it needs is in ``text``: 回答, 提问,
    谢谢, or "invite" or "thank" in caseless text."""
    if "回答" in text or "提问" in text or "谢谢" in text:
        return bool(_TURN_TAKING.search(text))
    low = caseless(text)
    if "invite" in low or "thank" in low:
        return bool(_TURN_TAKING.search(text))
    return False


def _score(sentence: Sentence, carried: int, promised: bool) -> float:
    """Figures carried (capped), a commitment, or at least a number with a unit, which
    keeps the summary useful for figure-heavy copy the figure extractor missed."""
    score = min(carried, 3) + (_COMMITMENT_WEIGHT if promised else 0.0)
    if not carried and carries_figure(sentence.text):
        score += _NUMBER_WEIGHT
    return score


def _tokens(text: str) -> set[str]:
    """The lower-cased ASCII words and digit runs of ``text`` and each of its CJK characters.

    Without ı or ſ the words are the runs of a-z0-9 (``ascii_words``, no match object per
    word); the CJK characters are added run by run, not one match per character."""
    words = lower_ascii_words(text, digits=True)
    if words is not None:
        return set(words)
    low = text.lower()
    if low.isascii():
        return set(ascii_words(low, digits=True))
    if "ı" in low or "ſ" in low:
        tokens = set(_WORD_TOKEN.findall(low))
    else:
        tokens = set(ascii_words(low, digits=True))
    for run in _CJK_RUN.findall(low):
        tokens.update(run)
    return tokens


def _repeats(
    text: str, chosen: list[Sentence], tokens_of: dict[str, set[str]] | None = None
) -> bool:
    """True when most of ``text`` already appears in a chosen sentence (restated leads).

    ``tokens_of`` caches each sentence's tokens across the calls of one selection."""
    if not chosen:
        return False
    cache = {} if tokens_of is None else tokens_of
    tokens = cache.get(text)
    if tokens is None:
        tokens = cache[text] = _tokens(text)
    if not tokens:
        return False
    for other in chosen:
        other_tokens = cache.get(other.text)
        if other_tokens is None:
            other_tokens = cache[other.text] = _tokens(other.text)
        if len(tokens & other_tokens) > _OVERLAP_MAX * min(len(tokens), len(other_tokens)):
            return True
    return False


def _shorten(text: str, limit: int) -> str:
    """Cut an over-long sentence at a clause or word boundary, marked with an ellipsis."""
    cut = text[: limit - 1]
    boundary = max(cut.rfind(mark) for mark in (",", "，", ";", "；", " "))
    return (cut[:boundary] if boundary > limit // 2 else cut).rstrip(" ,，;；") + "…"


def _select(
    ranked: list[Sentence], scores: dict[int, float], promised: set[int], limit: int
) -> list[Sentence]:
    """Greedy pick by score within the length limit; at most two commitment-only sentences
    on the first pass so a release's figures are not crowded out by its promises."""
    chosen: list[Sentence] = []
    length = 0
    tokens_of: dict[str, set[str]] = {}
    picked: set[int] = set()  # ``chosen`` as ids (a sentence is its position), for the test
    for cap in (_COMMITMENT_SHARE, _MAX_SENTENCES):
        for sentence in ranked:
            if len(chosen) == _MAX_SENTENCES:
                return chosen
            if id(sentence) in picked:
                continue
            promise_only = id(sentence) in promised and scores[id(sentence)] <= _COMMITMENT_WEIGHT
            if promise_only and sum(id(s) in promised for s in chosen) >= cap:
                continue
            worthwhile = scores[id(sentence)] > 0 or len(chosen) < _MIN_SENTENCES
            if not worthwhile or length + len(sentence.text) + 1 > limit:
                continue
            # The costliest test last: it only decides between sentences that would fit.
            if not _repeats(sentence.text, chosen, tokens_of):
                chosen.append(sentence)
                picked.add(id(sentence))
                length += len(sentence.text) + 1
    return chosen


def _promised(sentences: list[Sentence], promises: set[str]) -> set[int]:
    """Ids of the sentences a commitment quotes: its text is theirs, or joins them with the
    clauses around them (``find_commitments`` re-joins what the segmenter cut at a semicolon
    and quotes it whole). One pass with set look-ups, where a substring search of every
    sentence in every promise grew with their product."""
    promised: set[int] = set()
    if not promises:
        return promised
    run: list[Sentence] = []
    merged = ""
    for sentence in [*sentences, None]:
        previous = run[-1] if run else None
        if (
            sentence is not None
            and previous is not None
            and previous.paragraph == sentence.paragraph
            and previous.text[-1] in "；;"
        ):
            merged += ("" if previous.text[-1] == "；" else " ") + sentence.text
            run.append(sentence)
            continue
        if run and merged in promises:
            promised.update(id(member) for member in run)
        if sentence is not None:
            run, merged = [sentence], sentence.text
    return promised


def summarize(
    sentences: list[Sentence], figures: list[Figure], commitments: list[Commitment], language: str
) -> str:
    """2–4 sentences in document order within 600 characters (300 for Chinese)."""
    limit = _MAX_CHARS.get(language, 600)
    questions = question_paragraphs(sentences)
    pool = [s for s in sentences if s.paragraph not in questions and _eligible(s, language)]
    if not pool:
        return ""
    position = {id(s): index for index, s in enumerate(sentences)}
    promised = _promised(sentences, {commitment.text for commitment in commitments})
    # A figure's sentence is its sentence's text (or a piece of an over-long one, which
    # carries no whole sentence), so figures are counted by exact text.
    carried = Counter(figure.sentence for figure in figures if figure.sentence)
    scores = {id(s): _score(s, carried[s.text], id(s) in promised) for s in pool}
    scores[id(pool[0])] += _LEAD_BONUS
    ranked = sorted(pool, key=lambda s: (-scores[id(s)], position[id(s)]))
    chosen = _select(ranked, scores, promised, limit)
    if not chosen:
        return _shorten(ranked[0].text, limit)
    chosen.sort(key=lambda s: position[id(s)])
    return _SEPARATOR.get(language, " ").join(s.text for s in chosen)
