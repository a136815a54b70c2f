"""Recognise page furniture: lines that belong to the page, not to the release.

Page numbers, bylines, source and date lines, photo captions, share/print buttons and
the contact block at the end of newsletters all look like short paragraphs; left in,
they become fake headings, fake sentences and trap numbers (postal codes, phone
numbers). Each predicate looks at one already-normalised line. Caption and byline rules
give way when the line carries a figure, because losing a figure costs more than
keeping a caption.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources

from bot.months import MONTH_ABBREVIATIONS
from bot.text.ignorecase import caseless
from bot.text.script import ascii_without_digits

# Label and share-bar words are data (bot/data/furniture.toml); bot/extract/metadata.py reads
# the date-line labels from here too.
_LABELS = tomllib.loads(
    resources.files("bot").joinpath("data/furniture.toml").read_text(encoding="utf-8")
)["furniture"]
DATE_LABELS: tuple[str, ...] = tuple(_LABELS["date_labels"])
PUBLISH_ONLY_LABELS: tuple[str, ...] = tuple(_LABELS["publish_only_labels"])
_RELATED_HEADERS = frozenset(_LABELS["related_headers"])
_RELATED_PREFIXES = tuple(_LABELS["related_header_prefixes"])


def _alternation(words: list[str]) -> str:
    """``w1|w2|…``, each word escaped, longer words first (as bot.extract.wordlists does)."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


# The month stems (jan … dec): every English month name starts with one, ``[a-z]*`` reads on.
_MONTH_STEM = "|".join(MONTH_ABBREVIATIONS)
_FIGURE_UNITS = (
    r"%|％|percent|per cent|percentage points?|million|billion|trillion|"
    r"万|亿|个百分点|[KMGTPEZ]?FLOPS|[KMGTPEZ]B\b|zettabytes?|exabytes?|yuan|元"
)
# A number's digits, separators and spaces taken whole (possessive: no unit starts with any
# of them, so giving some back cannot help), from the first digit of a run only (a later one
# reaches the same end). ``carries_figure`` answers as its search would, in linear time.
_FIGURE = re.compile(
    r"\d(?<!\d\d)[\d,.]*+\s*+(?:" + _FIGURE_UNITS + ")",
    re.IGNORECASE,
)
# Each maximal run of digits, commas and points that holds a digit, found once: it starts
# where no comma or point stands before it (possessive, so a run of points without a digit
# fails at its first character and the rest are rejected by the lookbehind).
_DIGIT_RUN = re.compile(r"(?<![\d,.])[,.]*+\d[\d,.]*+")
_UNIT_AFTER_RUN = re.compile(r"\s*+(?:" + _FIGURE_UNITS + ")", re.IGNORECASE)
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?\d{1,4}(?:\s*[-–—])?$|^(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?$"
    r"|^第\s*\d+\s*页(?:\s*[/／,，]?\s*共\s*\d+\s*页)?$|^\d{1,4}\s*/\s*\d{1,4}$",
    re.IGNORECASE,
)
_TRAILER = re.compile(
    r"^[-–—=*\s]*(?:media|press)?\s*contacts?(?:\s+us)?[-–—=*\s:：]*$|^[-–—\s]*(?:媒体联系人?|联系方式)"
    r"[-–—\s:：]*$",
    re.IGNORECASE,
)
_LABELLED = re.compile(
    rf"^[(（【\[]?\s*(?:{_alternation([*_LABELS['byline_labels'], *DATE_LABELS])})"
    r"\s*[:：|丨]",
    re.IGNORECASE,
)
_CREDITS_INSIDE = re.compile(
    r"^[(（【\[].{0,60}\b(?:authors?|editors?|reviewers?|reporters?)\s*:.*[)）】\]]$"
    r"|^[(（【\[]\s*(?:责任编辑|编辑|记者|作者)[^)）】\]]{0,30}[)）】\]]$",
    re.IGNORECASE,
)
_BY = re.compile(r"^(?i:by|written by|reported by)\s+[A-Z][\w.'’-]*(?:[\s,&|]+\S+){0,12}$")
_NAME_LIST = re.compile(
    r"^[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}(?:, [A-Z][a-z]+(?: [A-Z][a-z]+){1,2})+$"
)
_ZH_REPORTER = re.compile(r"^(?:本报|新华社|中新网|中新社)?(?:特约)?记者\s*\S{2,12}$")
_CONTACT = re.compile(
    r"^(?:tel|telephone|phone|fax|website|web|e-?mail|address|电话|传真|邮\s*编|网址|电邮|地址)"
    r"\s*[:：]\s*\S{0,40}$|^[\d\s()+\-/]{7,}$",
    re.IGNORECASE,
)
_SHARE_WORDS = frozenset(_LABELS["share_words"])
_SHARE_SPLIT = re.compile(r"[\s|/·•:：,，【】\[\]]+")
_DATE = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
    rf"|(?:{_MONTH_STEM})[a-z]*\.?\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+(?:{_MONTH_STEM})[a-z]*\.?,?\s+\d{{4}}"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|星期[一二三四五六日天]|\d{1,2}:\d{2}(?::\d{2})?",
    re.IGNORECASE,
)
_DATELINE_REST = re.compile(
    r"(?:source|来源)\s*[:：].*$|(?:issue|vol\.?|no\.)\s*\d+|updated|published|posted|"
    r"[\s·•|/,，\-–—_:：()（）]+",
    re.IGNORECASE,
)
# A necessary condition for ``is_dateline``: the line is a run of dates and dateline parts.
# Atomic and possessive, so it never backtracks: one pass that fails where prose begins.
_DATELINE_ONLY = re.compile(rf"(?>{_DATE.pattern}|{_DATELINE_REST.pattern})*+", re.IGNORECASE)
_EN_CAPTION = re.compile(
    r"^(?:photo|photos|file photo|graphic|image|picture|video)\s*[:：/]"
    r"|\b(?:photo taken on|photo shows|is pictured|are pictured|poses for a photo)\b"
    r"|[.!]\s*\((?:[^()]*/[^()]*|[A-Z][A-Z .'&-]{2,}|(?:photo|file photo|image)[^()]*)\)$",
    re.IGNORECASE,
)
_ZH_CAPTION = re.compile(
    r"(?:^|[。\s])(?:\S{0,12}(?:供图|摄)|图自\S*|图片来源\S*|中新网|新华社发|视觉中国|资料图)$"
    r"|\s图自\S+|^图为|^(?:图|图片)\s*[:：]"
)
_TRAILING_CREDIT = re.compile(
    r"(?<=[。.!?！？”\"])\s*[（(](?:新华社|中新社|中新网|完|记者[^)）]{1,12}|Xinhua|XINHUA|"
    r"CGTN|China Daily|IANS|Reuters|AFP|AP)[)）]$"
)
_CAPTION_MAX = 400
# A related-news block: its header ("相关新闻", "Related:", "More from X") and the headline
# lines under it. A headline is short and ends without sentence punctuation (a date or a
# bullet around it allowed); a body paragraph after the block ends the block.
_RELATED_HEADER_MAX = 40
_HEADLINE_MAX = 120
#: The longest line that can open a related-news block or be one of its dated headlines.
RELATED_LINE_MAX = _RELATED_HEADER_MAX + _HEADLINE_MAX
_HEADER_EDGES = " \t-–—=*>»›|·•:：【】[]()（）<>《》"
_HEADER_SPLIT = re.compile(r"\s*[:：|丨]\s*")
_SENTENCE_END = frozenset(".。!！;；")
_LIST_OR_DIGIT = frozenset("-–—·•*▪●>»0123456789")
_INNER_SENTENCE_END = re.compile(r"[。！；]|[a-z][.!;] +[A-Z]")
# A mirror timestamp on a listed headline: "- 2025-01-02世贸三十载…", "…工作 2025-02-20"
# (scraped pages may glue the date to a headline that opens with a year: "2025-01-022024年…").
_DATED_HEADLINE = re.compile(
    r"^[-–—·•*▪●>»\s]*\d{4}[-/.](?:1[0-2]|0?[1-9])[-/.](?:3[01]|[12]\d|0?[1-9])"
    r"|(?<!\d)\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[)）\]】]?$"
)
# Fast exact pre-checks. The patterns above are tried at every position of every line, which
# dominated clean-up; these find cheaply that a pattern cannot match, and the pattern itself
# still decides when it might. ``_DATE`` searched as its branches: the digit-led ones share
# a leading \d (so the engine skips to digits), the month-led one needs a day and a year.
_DATE_DIGIT_LED = re.compile(
    r"\d(?:\d{3}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}"
    rf"|\d?\s+(?:{_MONTH_STEM})[a-z]*\.?,?\s+\d{{4}}|\d?:\d{{2}})",
    re.IGNORECASE,
)
_DAY_YEAR = re.compile(r"\d,?\s+\d{4}")
_DATE_MONTH_LED = re.compile(
    rf"(?:{_MONTH_STEM})[a-z]*\.?\s+\d{{1,2}},?\s+\d{{4}}",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.IGNORECASE)
_SHARE_FIRST_WORD = re.compile(r"[\s|/·•:：,，【】\[\]]*([^\s|/·•:：,，【】\[\]]+)")
_EN_CAPTION_WORDS = ("photo", "pictur", "graphic", "image", "video")
_ZH_CAPTION_MARKS = ("图", "摄", "中新网", "新华社发", "视觉中国")


def carries_figure(line: str) -> bool:
    """A number with a unit: the one thing clean-up must never throw away.

    What ``_FIGURE.search`` answers, found in one pass: ``_FIGURE`` may start at every digit
    of "1.1.1.…" that follows a separator and read to the end of the run each time, which is
    quadratic in the run; here each maximal run of digits and separators that holds a digit
    is found once and the unit looked for right after it. A line without digits is not
    searched at all (most captions and bylines)."""
    if ascii_without_digits(line):
        return False
    return any(_UNIT_AFTER_RUN.match(line, run.end()) for run in _DIGIT_RUN.finditer(line))


def _related_key(text: str) -> str:
    return text.strip(_HEADER_EDGES).casefold()


def related_header(line: str) -> str | None:
    """Whether ``line`` opens a related-news block: None when it does not, else what follows
    the header on the same line ("" for a header alone, "China to build…" after "Related:").
    """
    if len(line) > _RELATED_HEADER_MAX + _HEADLINE_MAX:
        return None
    if len(line) <= _RELATED_HEADER_MAX:
        key = _related_key(line)
        if key in _RELATED_HEADERS:
            return ""
        if key.startswith(_RELATED_PREFIXES) and not _ends_sentence(line):
            return "" if not carries_figure(line) else None
    head = line[: _RELATED_HEADER_MAX + 1]
    if ":" not in head and "：" not in head and "|" not in head and "丨" not in head:
        return None  # no header can lead a headline on this line
    parts = _HEADER_SPLIT.split(line.strip(_HEADER_EDGES), maxsplit=1)
    if len(parts) < 2 or len(parts[0]) > _RELATED_HEADER_MAX:
        return None
    if _related_key(parts[0]) in _RELATED_HEADERS and is_headline(parts[1]):
        return parts[1]
    return None


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_HEADER_EDGES + "”\"’'」』")[-1:] in _SENTENCE_END


def is_headline(line: str) -> bool:
    """A line of a related-news list: short, one clause, no sentence-ending punctuation."""
    if not line or len(line) > _HEADLINE_MAX:
        return False
    return not _ends_sentence(line) and not _INNER_SENTENCE_END.search(line)


def is_dated_headline(line: str) -> bool:
    """A headline listed with its page's date ("- 2025-01-02 房贷利率…", "…工作 2025-02-20"):
    two or more in a row are a list of other pages, whatever header they have or lack."""
    if line[:1] not in _LIST_OR_DIGIT and not line[-1:].isdigit() and line[-1:] not in ")）]】":
        return False  # neither end can hold the date
    return is_headline(line) and bool(_DATED_HEADLINE.search(line))


def is_page_number(line: str) -> bool:
    """'12', '- 12 -', 'Page 3 of 10', '第3页'."""
    return bool(_PAGE_NUMBER.match(line))


def starts_trailer(line: str) -> bool:
    """'--Media Contact--' and the like: from here on it is contact details, not release."""
    return bool(_TRAILER.match(line))


def has_date(line: str) -> bool:
    """Whether ``_DATE`` finds a date in ``line`` (same answer, branch by branch, faster)."""
    if _DATE_DIGIT_LED.search(line) or "星期" in line:
        return True
    if _DAY_YEAR.search(line) and _DATE_MONTH_LED.search(line):
        return True
    return "day" in line.lower() and bool(_WEEKDAY.search(line))


def is_dateline(line: str) -> bool:
    """A line that is only a date, perhaps with 'Issue 28', 'Source: X' and separators.

    ``_DATELINE_ONLY`` first: it stops at the first character that is neither a date nor a
    dateline part, so a body paragraph that merely mentions a date costs one step."""
    if not _DATELINE_ONLY.fullmatch(line) or not has_date(line):
        return False
    rest = _DATELINE_REST.sub("", _DATE.sub("", line))
    return not rest


def is_byline(line: str) -> bool:
    """'By Zhang Yu | China Daily', 'Editor: X', '(Authors: X; Reviewer: Y)', 记者 X, 'A B, C D'."""
    if _LABELLED.match(line) or _CREDITS_INSIDE.match(line) or _ZH_REPORTER.match(line):
        return True
    if _BY.match(line) and len(line.split()) <= 12 and line[-1] not in ".!?。！？":
        return True
    return bool(_NAME_LIST.match(line))


def is_caption(line: str) -> bool:
    """A photo caption: a short description ending in a photo credit, or 图自/供图/摄."""
    if len(line) > _CAPTION_MAX or carries_figure(line):
        return False
    return _caption_text(line)


def _caption_text(line: str) -> bool:
    """The caption patterns, each tried only when its tell-tale words are in the line (an
    English caption ends in ')' or names a photo, picture, graphic, image or video)."""
    english = line[-2:].count(")") or _names_a_picture(caseless(line))
    if english and _EN_CAPTION.search(line):
        return True
    return _has_zh_caption_mark(line) and bool(_ZH_CAPTION.search(line))


def _names_a_picture(low: str) -> bool:
    """One of ``_EN_CAPTION_WORDS`` in ``low`` (written out: cheaper than a loop)."""
    return "photo" in low or "pictur" in low or "graphic" in low or "image" in low or "video" in low


def _has_zh_caption_mark(line: str) -> bool:
    """One of ``_ZH_CAPTION_MARKS`` in ``line`` (written out: cheaper than a loop)."""
    return (
        "图" in line or "摄" in line or "中新网" in line or "新华社发" in line or "视觉中国" in line
    )


def is_share_bar(line: str) -> bool:
    """'Share | Print | Email', '分享到:', '【打印】【关闭】'."""
    first = _SHARE_FIRST_WORD.match(line)
    if first and first.group(1).casefold() in _SHARE_WORDS:  # else not all words are
        words = [w for w in _SHARE_SPLIT.split(line.casefold()) if w]
        if words and all(w in _SHARE_WORDS for w in words):
            return True
    return line.startswith(("分享到", "扫一扫", "【纠错】", "Share this"))


def is_furniture(line: str) -> bool:
    """Any line clean-up drops; bylines and contact labels only when they carry no figure."""
    if is_dateline(line) or is_share_bar(line):
        return True
    if len(line) <= _CAPTION_MAX and _caption_text(line):
        return not carries_figure(line)  # is_caption(line)
    # The figure test last: most lines are neither bylines nor contacts, and it reads them all.
    return (is_byline(line) or bool(_CONTACT.match(line))) and not carries_figure(line)


def strip_credit(line: str) -> str:
    """Drop a wire-agency credit ending a paragraph: '…落到实处。(新华社)' → '…落到实处。'."""
    if not line.endswith((")", "）", ")\n", "）\n")):
        return line  # the credit pattern ends in a closing parenthesis at the line's end
    return _TRAILING_CREDIT.sub("", line)
