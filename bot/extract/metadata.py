"""Guess a release's title and publication date from its raw text.

Only the head of the page is trusted: a date deep in the body is usually the date of an
event the release talks about, not of the release, and a wrong date files the figures
under the wrong week. So each guess returns None rather than reach further down.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice
from typing import TypeGuard

from bot.months import MONTH_ABBREVIATIONS, MONTH_PATTERNS, MONTHS
from bot.text import furniture
from bot.text.clean import Lines, normalise_line
from bot.text.ignorecase import ignorecase_lead
from bot.text.script import script_counts

_HEAD_LINES = 12
_TITLE_MAX_EN = 200
_TITLE_MAX_ZH = 64
_MONTH = rf"(?P<month_name>{'|'.join(MONTH_PATTERNS)})\.?"
_MONTH_STEM = "|".join(MONTH_ABBREVIATIONS)
_FULL_DATE = re.compile(
    r"(?P<y1>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m1>\d{1,2})\s*[-/.月]\s*(?P<d1>\d{1,2})(?!\d)"
    rf"|\b{_MONTH}\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>(?:19|20)\d\d)\b"
    rf"|\b(?P<d3>\d{{1,2}})\s+(?P<month_name3>{_MONTH_STEM})"
    r"[a-z]*\.?,?\s+(?P<y3>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# (?:发布时间|…|date)\s*[:：], written so the engine can jump between the characters a
# label starts with (see ignorecase_lead).
_PUBLISH_LABEL = re.compile(
    ignorecase_lead(
        sorted(
            map(re.escape, [*furniture.DATE_LABELS, *furniture.PUBLISH_ONLY_LABELS]),
            key=len,
            reverse=True,
        )
    )
    + r"\s*[:：]",
    re.IGNORECASE,
)
_WIRE_DATELINE = re.compile(
    r"(?:^|\s|社|网|报)(?:\S{0,6}?)(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:电|讯)"
)
# A non-empty line, cut where str.splitlines() cuts (empty lines are skipped anyway).
_LINE = re.compile(r"[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")
_SENTENCE_END = re.compile(r"[。.!！?？;；:：]$")


def _head(text: str, lines: Lines | None) -> list[str]:
    """The first non-empty lines, normalised; read lazily, the rest of the text untouched."""
    if _shared(lines, text):
        normalised: Iterable[str] = lines.normalised
    else:
        normalised = (normalise_line(line) for line in _lines(text))
    return list(islice(filter(None, normalised), _HEAD_LINES))


def _lines(text: str) -> Iterator[str]:
    """The non-empty lines of ``text.splitlines()``, one at a time."""
    return (match.group() for match in _LINE.finditer(text))


def _shared(lines: Lines | None, text: str) -> TypeGuard[Lines]:
    """Whether ``lines`` (``read_lines(text)``) can stand in for ``_lines(text)``: its
    non-empty raw lines are those, unless ``text`` has a separator only splitlines() cuts at."""
    return lines is not None and not ("\x1c" in text or "\x1d" in text or "\x1e" in text)


def _raw_and_normalised(text: str, lines: Lines | None) -> Iterator[tuple[str, str]]:
    """Each of ``_lines(text)`` with its ``normalise_line``, from ``lines`` when it can."""
    if _shared(lines, text):
        return ((raw, line) for raw, line in zip(lines.raw, lines.normalised, strict=True) if raw)
    return ((raw, normalise_line(raw)) for raw in _lines(text))


def _make_date(year: int | str, month: int | str, day: int | str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _full_date(line: str) -> date | None:
    match = _FULL_DATE.search(line)
    if not match:
        return None
    if match["y1"]:
        return _make_date(match["y1"], match["m1"], match["d1"])
    if match["y2"]:
        return _make_date(match["y2"], MONTHS[match["month_name"].lower()], match["d2"])
    return _make_date(match["y3"], MONTHS[match["month_name3"].lower()[:3]], match["d3"])


def _wire_date(lines: list[str], anchor: date | None) -> date | None:
    """'中新网 1月24日电': the wire date, its year taken from the page date (the page may
    be a later mirror, so the wire date wins; a month after the anchor's is last year)."""
    if anchor is None:
        return None
    for line in lines:
        if "月" not in line:
            continue  # _WIRE_DATELINE needs 月…日电
        match = _WIRE_DATELINE.search(line)
        if match:
            month, day = int(match["m"]), int(match["d"])
            year = anchor.year - 1 if month > anchor.month else anchor.year
            return _make_date(year, month, day)
    return None


def _labelled(line: str) -> bool:
    """``_PUBLISH_LABEL`` ends in a colon, so a line without one is not searched."""
    return (":" in line or "：" in line) and bool(_PUBLISH_LABEL.search(line))


def guess_published(text: str, *, lines: Lines | None = None) -> date | None:
    """The release date: a labelled date line (发布时间:, Updated:), a dateline-only line
    ('Issue 28 · March 25, 2024'), or a wire dateline (1月24日电) dated by one of those.
    ``lines``, if given, is ``read_lines(text)``, shared with the other readers of the head."""
    head = _head(text, lines)
    labelled = next((d for line in head if _labelled(line) and (d := _full_date(line))), None)
    dateline = next(
        (d for line in head if furniture.is_dateline(line) and (d := _full_date(line))), None
    )
    anchor = labelled or dateline
    return _wire_date(head, anchor) or anchor


def _title_like(line: str) -> bool:
    if len(line) > max(_TITLE_MAX_EN, _TITLE_MAX_ZH):
        return False  # too long for a headline in either language: no need to count
    cjk, _ = script_counts(line)
    limit = _TITLE_MAX_ZH if cjk * 3 >= len(line) else _TITLE_MAX_EN
    if len(line) > limit or _SENTENCE_END.search(line):
        return False
    return cjk >= 4 or len(line.split()) >= 2


def guess_title(text: str, *, lines: Lines | None = None) -> str | None:
    """The first line of the page if it reads like a headline, else None.

    Captions, bylines and date lines above the headline are skipped. When the page opens
    with a run of Markdown headings (series name, then article title, as PDF converters
    emit them) the last one is the title; otherwise the first line is.
    """
    run: list[str] = []
    marked = False
    for raw, line in islice(_raw_and_normalised(text, lines), _HEAD_LINES * 4):
        if not line or furniture.is_furniture(line) or furniture.is_page_number(line):
            continue
        if not _title_like(line):
            break
        run.append(line)
        marked = raw.lstrip().startswith("#")
        if not marked:
            break
    if not run:
        return None
    return run[-1] if marked else run[0]
