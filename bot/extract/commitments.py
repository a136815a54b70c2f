"""Find the policy commitments of a release: exact sentences, with area and deadline.

Which sentences qualify is decided in ``commitment_cues``; this module decides which
sentences are even candidates (not headings, speaker labels or reporters' questions) and
what area each belongs to. Press-conference transcripts put the reporter's question in
a paragraph of its own, often restating a plan ("the NDA announced it will…"); that is
the journalist's framing, not the body's commitment, so the whole question turn is
skipped, not just its final question sentence.
"""

from __future__ import annotations

import re

from bot.extract.commitment_cues import (
    find_deadline,
    is_commitment,
    is_listed_task,
    is_task_heading,
)
from bot.extract.segments import Sentence, is_heading
from bot.model import Commitment

_QUESTION_END = re.compile(r"[?？][”\"’)）]?$")  # searched from 3 before the end: all it can span
_QUESTION_MARK = re.compile(r"^(?:Q\s*[:：.]|问\s*[:：]|记者\s*[:：]|记者问)", re.IGNORECASE)
_COURTESY = re.compile(r"^(?:thank you|thanks)\b|^谢谢", re.IGNORECASE)
_ORDINAL_LEAD = re.compile(
    r"^(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|One|Two|Three|Four|"
    r"Five|Six|Seven|Firstly|Secondly|Thirdly|Finally|Lastly),\s+"
    r"|^(?:[一二三四五六七八九十]+是|首先|其次|第[一二三四五六七八九十]+)[,，、:：]?"
)
_FRAMING = re.compile(
    r"^(?:(?:more\s+)?efforts will be (?:made|intensified|continued|advanced|stepped up|"
    r"redoubled)\s+(?:to|for)\s+|focus will be placed on\s+|attention will be (?:paid|given) to\s+|"
    r"we (?:will\s+)?(?:focus|concentrate) on\s+|要|将)",
    re.IGNORECASE,
)
_AREA_MAX = 80
_MIN_LENGTH = {"zh": 8, "en": 25}


def question_paragraphs(sentences: list[Sentence]) -> set[int]:
    """Paragraphs that are a reporter's turn: opened by Q:/记者, or ending in a question
    (perhaps followed by a courtesy such as "Thank you.")."""
    by_paragraph: dict[int, list[str]] = {}
    for sentence in sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence.text)
    questions: set[int] = set()
    for paragraph, texts in by_paragraph.items():
        if _QUESTION_MARK.match(texts[0]) or ends_in_question(_last_but_courtesy(texts)):
            questions.add(paragraph)
    return questions


def _last_but_courtesy(texts: list[str]) -> str:
    """The last text that is not a courtesy ("Thank you."), else the last text: read from
    the end, so a paragraph's other sentences are not matched at all."""
    for text in reversed(texts):
        if not _COURTESY.match(text):
            return text
    return texts[-1]


def ends_in_question(text: str) -> bool:
    """``_QUESTION_END`` searched in the last 3 characters (all it can span), and only when
    they hold its question mark."""
    end = text[-3:]
    return ("?" in end or "？" in end) and bool(_QUESTION_END.search(text, max(0, len(text) - 3)))


def _paragraph_topics(sentences: list[Sentence]) -> dict[int, str]:
    """Topic of paragraphs that open with 'First, efforts will be made to X.' → X."""
    topics: dict[int, str] = {}
    for sentence in sentences:
        if sentence.index_in_paragraph != 0:
            continue
        lead = _ORDINAL_LEAD.match(sentence.text)
        if not lead:
            continue
        topic = _FRAMING.sub("", sentence.text[lead.end() :]).rstrip("。.;；!！")
        topic = re.split(r"[,，。;；]", topic, maxsplit=1)[0].strip()
        if len(topic) > _AREA_MAX:
            topic = topic[:_AREA_MAX].rsplit(" ", 1)[0]
        if topic:
            topics[sentence.paragraph] = topic
    return topics


def _whole_sentences(sentences: list[Sentence]) -> list[Sentence]:
    """Re-join clauses the segmenter split at a semicolon: a commitment is quoted up to its
    full stop, as a reader (and the gold annotation) would quote it."""
    merged: list[Sentence] = []
    for sentence in sentences:
        previous = merged[-1] if merged else None
        if previous and previous.paragraph == sentence.paragraph and previous.text[-1] in "；;":
            joiner = "" if previous.text[-1] == "；" else " "
            text = previous.text + joiner + sentence.text
            # What dataclasses.replace gives, without its look-up of the fields on each call.
            merged[-1] = Sentence(
                text, previous.paragraph, previous.index_in_paragraph, previous.heading
            )
        else:
            merged.append(sentence)
    return merged


def _is_candidate(sentence: Sentence, language: str, heading_like: bool) -> bool:
    """``heading_like``: ``is_heading`` of the sentence, which the caller needs too."""
    text = sentence.text
    if len(text) < _MIN_LENGTH.get(language, 25) or ends_in_question(text):
        return False
    if text.endswith((":", "：")):
        return False
    return not heading_like


def find_commitments(sentences: list[Sentence], language: str) -> list[Commitment]:
    """Commitments in document order; a sentence repeated word for word is reported once.

    ``area`` is the topic set by an ordinal lead ('Third, efforts will be made to …') of
    the paragraph, else the section heading the sentence sits under, else None; headings
    above the first body sentence are the page's titles, not sections, so they never count.
    Under a Chinese task-list heading (一是…。) the sentences that follow in its paragraph
    (or, when the heading is a paragraph of its own, in the next one) are tasks with the
    heading's topic as area; the heading alone is not reported.
    """
    sentences = _whole_sentences(sentences)
    questions = question_paragraphs(sentences)
    topics = _paragraph_topics(sentences)
    body_started = False
    sections: set[str] = set()
    seen: set[str] = set()
    found: list[Commitment] = []
    task_area: str | None = None
    task_paragraphs: set[int] = set()
    for sentence in sentences:
        if language == "zh":
            heading_topic = is_task_heading(sentence.text)
            if heading_topic is not None:
                task_area = heading_topic
                task_paragraphs = {sentence.paragraph, sentence.paragraph + 1}
                if sentence.index_in_paragraph != 0:
                    task_paragraphs = {sentence.paragraph}
                body_started = True
                continue
            if sentence.paragraph not in task_paragraphs:
                task_area = None
            else:  # the tasks are in this paragraph: the list ends with it
                task_paragraphs = {sentence.paragraph}
        heading_like = is_heading(sentence.text, language)
        candidate = _is_candidate(sentence, language, heading_like)
        if body_started and sentence.heading and heading_like:
            sections.add(sentence.heading)
        body_started = body_started or candidate
        if not candidate or sentence.paragraph in questions or sentence.text in seen:
            continue
        listed = task_area is not None and is_listed_task(sentence.text)
        if not listed and not is_commitment(sentence.text, language):
            continue
        seen.add(sentence.text)
        heading = sentence.heading if sentence.heading in sections else None
        area = (task_area if listed else None) or topics.get(sentence.paragraph) or heading
        found.append(
            Commitment(sentence.text, area=area, deadline=find_deadline(sentence.text, language))
        )
    return found


def as_written(commitments: list[Commitment], read: str, original: str) -> list[Commitment]:
    """Commitments quoted as the release wrote them: found in ``read`` (a Traditional release
    converted to Simplified, character for character), quoted from ``original`` at the same
    place. Where the conversion changed the length, or a quote is not found, it stays."""
    if read is original or len(read) != len(original):
        return commitments
    quoted: list[Commitment] = []
    for commitment in commitments:
        start = read.find(commitment.text)
        if start >= 0:
            text = original[start : start + len(commitment.text)]
            commitment = Commitment(text, commitment.area, commitment.deadline)
        quoted.append(commitment)
    return quoted
