"""Turn fetched or PDF-extracted text into clean paragraphs, one per line.

Everything downstream (sentence splitting, figures, commitments, the summary) assumes a
line is a paragraph and a sentence never spans two lines, so this module re-joins lines
that PDF extraction broke mid-sentence and removes the page furniture (page numbers,
bylines, datelines, photo captions, share buttons, contact blocks) that would otherwise
become bogus sentences, bogus headings or trap numbers. It never drops a line that
carries a figure: the caption and boilerplate rules give way when one is present.
Each line is looked at once and every pattern is precompiled, so clean-up is linear.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.text import furniture

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_ODD_NEWLINE = re.compile(r"[\r\u2028\u2029\x0b\x0c\x85]")  # what _NEWLINES starts with
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# What ``_SPACES`` would change: an odd space or a run of two (a lone " " it keeps as is).
_ODD_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]|  ")
_NON_ALNUM = re.compile(r"[\W_]+")  # \w is str.isalnum() or "_"
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
# With "  ", what ``normalise_line`` would change: an invisible mark or an odd space. One
# character class, so the engine skips along the line (an alternation would not).
_ODD_CHARS = re.compile(
    r"[\u200b-\u200d\u2060\ufeff\u00ad\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
_TERMINAL = frozenset(".。!！?？:：;；…")
_CLOSERS = "”\"’'」』)）]】"
_SOFT_BREAK_END = frozenset(",，、")
_LIST_START = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|[-•·*▪●])"
)
_FUNCTION_WORD_END = re.compile(
    r"\b(?:the|a|an|of|and|or|to|in|on|at|by|for|from|with|as|that|which|its|their|our|"
    r"this|these|those|is|are|was|were|be|has|have|had|than|into|between|while)$"
)
_ZH_HEADING_MAX = 40
_LABEL_MAX = 120
_TITLE_PROBE = 8


def normalise_line(line: str) -> str:
    """One physical line with odd spaces unified, invisible marks and Markdown '#' removed."""
    if "  " in line or _has_odd_char(line):  # most lines have neither
        line = _INVISIBLE.sub("", line)
        if _ODD_SPACES.search(line):
            line = _SPACES.sub(" ", line)
    line = line.strip()
    return _MARKDOWN_HEADING.sub("", line) if line.startswith("#") else line


def _has_odd_char(line: str) -> bool:
    """``_ODD_CHARS`` found in ``line``; in an ASCII line only its tab can be."""
    return "\t" in line if line.isascii() else bool(_ODD_CHARS.search(line))


def _has_odd_newline(text: str) -> bool:
    """``_ODD_NEWLINE`` found in ``text``: its six characters looked for one by one (each a
    memchr over the whole text, the last three only where a non-ASCII one can be), where the
    regex engine would test its class at every character of the document."""
    return (
        "\r" in text
        or "\x0b" in text
        or "\x0c" in text
        or (not text.isascii() and ("\x85" in text or "\u2028" in text or "\u2029" in text))
    )


def _squash(text: str) -> str:
    """A comparison key that ignores case, spaces and punctuation (for repeated titles)."""
    return _NON_ALNUM.sub("", text.casefold())


def same_key(text: str, key: str, make_key: Callable[[str], str]) -> bool:
    """``make_key(text) == key`` for a key made character by character (case folded,
    punctuation dropped), decided on the text's head when the head already differs: a head's
    key, but for its last character, is a prefix of the whole's (lower() writes a final sigma
    by context). First a few characters, where most lines part from a title, then as many as
    the key could need; a body paragraph is never keyed whole."""
    for size in (_TITLE_PROBE, 2 * len(key) + 16):
        head = text[:size]
        if len(head) < len(text) and not key.startswith(make_key(head)[:-1]):
            return False
    return make_key(text) == key


def _is_label(line: str) -> bool:
    """A short line without sentence punctuation: a title, heading or running header.

    Such a line seen twice is a repeated title or a PDF running header, so later copies go.
    """
    return len(line) <= _LABEL_MAX and line.rstrip(_CLOSERS)[-1:] not in _TERMINAL


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` carries on the sentence that ``previous`` left unfinished.

    A line ending in a comma always continues; otherwise an English line continues when
    the next starts in lowercase or the previous ends on a function word, and a Chinese
    line when the previous is too long, or too punctuated, to be a heading.
    """
    last, first = previous[-1], line[0]
    if last in _SOFT_BREAK_END:
        return not _LIST_START.match(line)
    bare = previous.rstrip(_CLOSERS)
    if not bare or bare[-1] in _TERMINAL or _LIST_START.match(line):
        return False
    if first.islower():
        return True
    if _CJK_CHAR.match(last) or _CJK_CHAR.match(first):
        if not (_CJK_CHAR.match(first) or first.isdigit()):
            return False
        return len(previous) > _ZH_HEADING_MAX or any(mark in previous for mark in "。，,；")
    return bool(_FUNCTION_WORD_END.search(previous))


def _join(previous: str, line: str) -> str:
    """Glue a continuation: no space between CJK, or after a hyphenated word part."""
    if _CJK_CHAR.match(previous[-1]) or _CJK_CHAR.match(line[0]) or previous.endswith("-"):
        return previous + line
    return f"{previous} {line}"


def split_lines(text: str) -> list[str]:
    r"""``text`` cut into physical lines where str.splitlines() cuts it, except at \x1c-\x1e;
    empty lines are kept (they mark paragraph gaps)."""
    if _has_odd_newline(text):
        text = _NEWLINES.sub("\n", text)
    return text.split("\n")


@dataclass(frozen=True, slots=True)
class Lines:
    """A document's physical lines (``split_lines``), raw and normalised.

    The title guess, the date guess and ``clean_text`` all read the head of the document,
    which for a short release is most of it: made once per extract() call, this spares
    them normalising the same lines two or three times. Never kept beyond that call.
    """

    raw: list[str]
    normalised: list[str]


def read_lines(text: str) -> Lines:
    """``text``'s lines for ``clean_text`` and the metadata guesses to share."""
    raw = split_lines(text)
    return Lines(raw, list(map(normalise_line, raw)))


def _next_is_dated_headline(lines: list[str], index: int) -> bool:
    """Whether the next non-empty line after ``lines[index]`` is a dated headline too."""
    for line in lines[index + 1 : index + 4]:
        if line:
            return furniture.is_dated_headline(line)
    return False


def clean_text(text: str, *, title: str | None = None, lines: Lines | None = None) -> str:
    """Cleaned text: paragraphs one per line, a blank line where the source had a gap.

    ``lines``, when given, must be ``read_lines(text)``: its normalised lines are used as is.
    """
    title_key = _squash(title) if title else ""
    title_seen = False
    seen_labels: set[str] = set()
    paragraphs: list[str] = []
    gap_before: list[bool] = []
    gap = False
    in_related = False  # inside a related-news block: its headlines are dropped
    dated_run = False  # the line before was a dated headline of a list of them
    normalised = (
        lines.normalised if lines is not None else list(map(normalise_line, split_lines(text)))
    )
    for index, line in enumerate(normalised):
        if not line or furniture.is_page_number(line):
            gap = gap or not line
            continue
        if furniture.starts_trailer(line):
            break
        if in_related and furniture.is_headline(line):
            continue
        short = len(line) <= furniture.RELATED_LINE_MAX  # headers and headlines are short
        in_related = short and furniture.related_header(line) is not None
        if in_related:
            continue
        if (
            short
            and furniture.is_dated_headline(line)
            and (dated_run or _next_is_dated_headline(normalised, index))
        ):
            dated_run = True
            continue
        dated_run = False
        label = _is_label(line)
        key = _squash(line) if label else ""
        if title_key and (key == title_key if label else same_key(line, title_key, _squash)):
            if title_seen:
                continue
            title_seen = True
        elif furniture.is_furniture(line):
            continue
        if label:
            if key in seen_labels:
                continue
            seen_labels.add(key)
        line = furniture.strip_credit(line)
        if paragraphs and _continues(paragraphs[-1], line):
            paragraphs[-1] = _join(paragraphs[-1], line)
        else:
            paragraphs.append(line)
            gap_before.append(gap)
        gap = False
    out: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if index and gap_before[index]:
            out.append("")
        out.append(paragraph)
    return "\n".join(out)
