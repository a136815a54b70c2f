"""Key figures of a release: value, unit, subject, period and attached change.

Per sentence: ``quantities.scan`` finds the numbers (traps already left out), neighbouring
values joined by commas/和/and form a group (``A、B分别为x、y``), ``changes`` decides which
groups are changes and nests a change under the level it follows, ``subjects`` names what
each value measures and ``periods`` dates it. A period carries forward within a paragraph
(and, for ``as of``-style status periods, across paragraphs) because releases state it once.
Figures of the title line are kept only when the body does not repeat them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date

from bot.extract.catalog import load_catalog
from bot.extract.grouping import attach_target, group_quantities
from bot.extract.naming import SentenceContext, name_group, stands_alone
from bot.extract.nonfigures import ends_in
from bot.extract.numbers import normalize
from bot.extract.periods import Period, find_periods, may_hold_a_year
from bot.extract.quantities import Quantity, scan
from bot.extract.restated import dedupe
from bot.extract.segments import Sentence
from bot.extract.wordlists import CUES, TARGET_YEAR_LEAD, alternation
from bot.model import Change, Figure
from bot.text.clean import same_key
from bot.text.ignorecase import caseless
from bot.text.script import script_counts

_EXPLAINS_CUES = CUES["explanations"]
# A count restating the value before it ("246 EFLOPS, or 246 quintillion operations") or
# sizing it ("相当于1万多部高清电影"): the lead ends right before the count.
_RESTATING_LEAD = re.compile(
    rf"(?:(?i:{alternation(_EXPLAINS_CUES['restating_leads_en'])})\s+"
    rf"(?:(?i:{alternation(_EXPLAINS_CUES['approximators_en'])})\s+)?"
    rf"|(?:{alternation(_EXPLAINS_CUES['restating_leads_zh'])})[^\d，,。；;]{{0,4}}?"
    rf"(?:{alternation(_EXPLAINS_CUES['approximators_zh'])})?)$"
)
# What a _RESTATING_LEAD match can end in (its last word or character, before the spaces).
_RESTATING_ENDINGS = tuple(
    {
        word.split()[-1].lower()
        for word in _EXPLAINS_CUES["restating_leads_en"] + _EXPLAINS_CUES["approximators_en"]
    }
    | {word[-1] for word in _EXPLAINS_CUES["restating_leads_zh"]}
    | {word[-1] for word in _EXPLAINS_CUES["approximators_zh"]}
)
_EVENT_DURATION = re.compile(
    rf"\b(?:{alternation(_EXPLAINS_CUES['event_duration_verbs_en'])})\s+"
    rf"(?:(?:{alternation(_EXPLAINS_CUES['approximators_en'])})\s+)?$",
    re.IGNORECASE,
)
_RESTATING_ZH = tuple(_EXPLAINS_CUES["restating_leads_zh"])
_DIFFERENCE_AFTER = re.compile(
    rf"\s*(?:[a-z]+\s+){{0,1}}(?i:{alternation(_EXPLAINS_CUES['restating_not_before_en'])})\b"
)
_FROM_BEFORE = re.compile(r"(?:\bfrom|由|从)\s*(?:上年|去年|(?:19|20)\d{2}年)?的?\s*$", re.I)
_CHANGES = CUES["changes"]
_CHANGE_WORD_BEFORE = re.compile(
    rf"\b(?:{alternation(_CHANGES['increase_verbs_en'] + _CHANGES['decrease_verbs_en'])}"
    rf"|{alternation(_CHANGES['change_nouns_en'])}s?)\b[\w\s,.%-]{{0,20}}$",
    re.IGNORECASE,
)
_TO_AFTER = re.compile(r"[^,;:!?]{0,50}?\bto\b", re.IGNORECASE)
_FULL_DATE = re.compile(
    r"((?:19|20)\d{2})(?:[-/.年]\d{1,2}[-/.月]\d{1,2})|[A-Z][a-z]+\.? \d{1,2},? ((?:19|20)\d{2})"
)
# What each _FULL_DATE branch holds: a digit, a separator, a digit, a separator and a digit,
# or a day's digit before a year. It opens with a digit, so the engine jumps between digits.
_FULL_DATE_HINT = re.compile(r"\d(?:[-/.年]\d{1,2}[-/.月]\d|,? (?:19|20)\d\d)")
# (?<!\d)((?:19|20)\d{2})(?!\d), with the first digit matched before the lookbehind so the
# regex engine can jump between 1s and 2s instead of trying every position.
# The year must end there: 年, a non-word character or the end, not a decimal point or
# another digit, nor a scale word or classifier ("2071万个" is a count, not a year).
_ANY_YEAR = re.compile(r"([12](?<!\d[12])(?:(?<=1)9|(?<=2)0)\d{2})(?=年|[^\w.,]|[.,](?!\d)|$)")
# A year right after "by"/到/力争 is a target, not the release's year.
_TARGET_LEAD = re.compile(rf"{TARGET_YEAR_LEAD}$", re.I)
# How a cited year shows the release is later (``_later_than_cited``): a comparison base, a
# full year a perfect tense reports on, "over the past two years".
_BASE_BEFORE = re.compile(r"(?:\b(?:over|than|compared (?:with|to))|比|较)\s*$", re.I)
_FULL_YEAR_BEFORE = re.compile(r"\bin\s+$", re.I)
_PERFECT = re.compile(r"\b(?:have|has) (?:been |already )?\w+(?:ed|en|wn|un|ne)\b", re.I)
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}
_PAST_YEARS = re.compile(
    r"\b(?:over|in|during) the (?:past|last) (two|three|four|five|[2-5]) years\b", re.I
)
_PERIOD_WINDOW = 25
_MAX_SENTENCE = 1000
_CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d{3})|[，;；]")  # not the comma of 10,000
_NON_WORD = re.compile(r"\W+")
_EXPLAINS = CUES["explanations"]
# "One EFLOPS means …": a sentence defining a unit (bot/data/cues.toml, [explanations]).
_EXPLANATION = re.compile(
    rf"^(?:{alternation(_EXPLAINS['openers_en'])})\s+[\w-]+\s+"
    rf"(?:{alternation(_EXPLAINS['verbs_en'])})\b",
    re.IGNORECASE,
)


def find_figures(
    sentences: list[Sentence], language: str, *, published: date | None, title: str | None
) -> list[Figure]:
    """All key figures of a release, in reading order, each reported once."""
    ref_year = _reference_year(sentences, published)
    title_key = _key(title or "")
    found: list[tuple[bool, Figure]] = []
    carry = _Carry(ref_year)
    recent: list[str] = []
    previous: list[str] = []  # subjects of the last sentence with figures
    for sentence in _bounded(sentences):
        text = normalize(sentence.text)
        index = carry.add(text, sentence.paragraph)
        quantities = [q for q in scan(text) if not _from_before(text, q.start)]
        if quantities:
            quantities = _without_explanations(text, quantities)
        if quantities and _EXPLANATION.match(text):
            quantities = []  # the sentence explains a unit; it reports nothing
        if quantities:
            periods = carry.periods(index)
            sentence_figures = _sentence_figures(
                sentence,
                text,
                language,
                quantities,
                periods,
                lambda i=index: carry.carried(i),
                recent,
                previous,
            )
            if sentence_figures:
                previous = [f.subject for f in sentence_figures]
            is_title = bool(title_key) and same_key(sentence.text, title_key, _key)
            found.extend((is_title, figure) for figure in sentence_figures)
        recent = [*recent[-1:], text]
    return dedupe(found)


def _from_before(text: str, start: int) -> bool:
    """``_FROM_BEFORE`` in the 12 characters before ``start`` (the value a change starts
    from), searched only when they hold the from, 由 or 从 it needs."""
    window = text[max(0, start - 12) : start]
    if "由" not in window and "从" not in window and "from" not in caseless(window):
        return False
    found = _FROM_BEFORE.search(text, max(0, start - 12), start)
    if found is None or not found.group().lstrip()[:1].isascii():
        return found is not None
    # English "from" starts a change only as "from A to B" or after a change word ("rose
    # from"); "came from 32 countries" counts where they came from.
    return bool(
        _TO_AFTER.match(text, start)
        or _CHANGE_WORD_BEFORE.search(text, max(0, found.start() - 30), found.start())
    )


def _without_explanations(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """``quantities`` without the counts that only explain the value before them: one after
    a restating lead (``_restating``), or one in parentheses right after a value with a unit
    ("280EFlops(每秒百亿亿次浮点运算)": the unit spelled out)."""
    if all(quantity.unit != "count" for quantity in quantities):
        if all(quantity.unit != "second" for quantity in quantities):
            return quantities  # only counts explain, and only durations are logistics
        return [q for q in quantities if not _event_duration(text, q)]
    kept: list[Quantity] = []
    before: Quantity | None = None
    for quantity in quantities:
        counted = quantity.unit == "count" and (
            _restating(text, quantity)
            or (
                before is not None
                and before.unit != "count"
                and _spells_out(text, before, quantity)
            )
        )
        explains = counted or _event_duration(text, quantity)
        if not explains:
            kept.append(quantity)
        before = quantity
    return kept


def _event_duration(text: str, quantity: Quantity) -> bool:
    """ "The conference will last about one hour": a duration after last/take is logistics."""
    return quantity.unit == "second" and bool(
        _EVENT_DURATION.search(text, max(0, quantity.start - 20), quantity.start)
    )


def _spells_out(text: str, before: Quantity, quantity: Quantity) -> bool:
    """``quantity`` opens a parenthesis right after ``before``: between them only an opening
    parenthesis and words ("(每秒", "(i.e. about"), no digit and no closing parenthesis."""
    between = text[before.end : quantity.num_start]
    return (
        len(between) <= 12
        and ("(" in between or "（" in between)
        and ")" not in between
        and "）" not in between
        and not any(ch.isdigit() for ch in between)
    )


def _restating(text: str, quantity: Quantity) -> bool:
    """A count that restates or sizes the value before it (``_RESTATING_LEAD`` ends right
    before it), unless a difference word follows ("or 300 more")."""
    if quantity.unit != "count" or quantity.start < 2:
        return False
    low = max(0, quantity.start - 30)
    near = text[max(0, quantity.start - 8) : quantity.start]
    if not ends_in(text, low, quantity.start, _RESTATING_ENDINGS) and not any(
        lead in near for lead in _RESTATING_ZH
    ):
        return False  # no lead can end there (a Chinese one may have a verb after it)
    if not _RESTATING_LEAD.search(text, low, quantity.start):
        return False
    return not _DIFFERENCE_AFTER.match(text, quantity.end)


class _Carry:
    """The period a sentence inherits when it states none near a figure: the last one of
    its paragraph, else the last ``status`` period (``as of``) of the release so far.

    A sentence's periods are only read when a figure needs them (its own, or a later one's
    carried period), so sentences without figures far from any figure cost nothing. Each
    sentence's periods are found at most once and each walk back is remembered, so the work
    stays linear in the number of sentences.
    """

    def __init__(self, ref_year: int | None) -> None:
        self._ref_year = ref_year
        self._texts: list[str] = []
        self._paragraphs: list[int] = []
        self._periods: dict[int, list[Period]] = {}
        self._paragraph_upto: dict[int, str | None] = {}
        self._status_upto: dict[int, str | None] = {}

    def add(self, text: str, paragraph: int) -> int:
        self._texts.append(text)
        self._paragraphs.append(paragraph)
        return len(self._texts) - 1

    def periods(self, index: int) -> list[Period]:
        found = self._periods.get(index)
        if found is None:
            found = self._periods[index] = find_periods(self._texts[index], self._ref_year)
        return found

    def carried(self, index: int) -> str | None:
        """The period sentence ``index`` inherits: the last own (non-basis) period earlier
        in its paragraph, else the last status period earlier in the release."""
        return self._upto(index - 1, self._paragraph_upto, paragraph=self._paragraphs[index]) or (
            self._upto(index - 1, self._status_upto, paragraph=None)
        )

    def _upto(self, index: int, memo: dict[int, str | None], paragraph: int | None) -> str | None:
        """The last own (``paragraph`` set: same-paragraph run) or status period value among
        sentences ``..index``."""
        path: list[int] = []
        value: str | None = None
        while index >= 0:
            if paragraph is not None and self._paragraphs[index] != paragraph:
                break
            if index in memo:
                value = memo[index]
                break
            own = [p for p in self.periods(index) if p.kind != "basis"]
            if paragraph is None:
                own = [p for p in own if p.kind == "status"]
            path.append(index)
            if own:
                value = own[-1].value
                break
            index -= 1
        for visited in path:
            memo[visited] = value
        return value


def _sentence_figures(
    sentence: Sentence,
    text: str,
    language: str,
    quantities: list[Quantity],
    periods: list[Period],
    carried: Callable[[], str | None],
    recent: list[str],
    previous: list[str],
) -> list[Figure]:
    cjk, latin = script_counts(text)
    zh = cjk > 0 and (language == "zh" or cjk >= latin)
    ctx = SentenceContext(text, zh, [text[p.start : p.end] for p in periods], recent)
    ctx.previous_subjects = previous
    groups = group_quantities(text, quantities)
    own_periods = [p for p in periods if p.kind != "basis"]
    starts = [p.start for p in own_periods]
    catalog = load_catalog()
    figures: list[Figure] = []
    for index, group in enumerate(groups):
        targets = attach_target(text, groups, index, periods)
        if targets is not None and group.cue is not None:
            for level, quantity in zip(targets, group.members, strict=True):
                value = _clean_float(group.cue.sign * quantity.value)
                level.change = Change(value, quantity.unit, group.cue.basis)
            continue
        names = name_group(ctx, group, groups[index - 1].end if index else 0)
        sign = group.cue.sign if group.cue else 1
        for quantity, subject in zip(group.members, names, strict=True):
            indicator = catalog.match_subject(subject, "zh" if zh else "en", unit=quantity.unit)
            if not stands_alone(subject, zh, indicator.id if indicator else None):
                continue  # 所占比重, "This", "zeros": better dropped than shown
            figure = Figure(
                subject=subject,
                value=_clean_float(sign * quantity.value),
                unit=quantity.unit,
                text=sentence.text[quantity.start : quantity.end],
                sentence=sentence.text,
                indicator=indicator.id if indicator else None,
                qualifier=quantity.qualifier,
                period=_period_for(text, quantity, own_periods, starts, carried),
            )
            group.figures.append(figure)
            figures.append(figure)
    return figures


def _bounded(sentences: list[Sentence]) -> Iterator[Sentence]:
    """Sentences, with run-on ones (tables flattened into one line) cut at a comma or space
    every ~1,000 characters so the work per sentence stays bounded and the total linear."""
    for sentence in sentences:
        text = sentence.text
        if len(text) <= _MAX_SENTENCE:
            yield sentence
            continue
        start = 0
        while start < len(text):
            end = min(len(text), start + _MAX_SENTENCE)
            if end < len(text):
                cut = max(text.rfind(ch, start + _MAX_SENTENCE // 2, end) for ch in ",，;；、 ")
                end = cut + 1 if cut > start else end
            yield replace(sentence, text=text[start:end])
            start = end


def _period_for(
    text: str,
    quantity: Quantity,
    own: list[Period],
    starts: list[int],
    carried: Callable[[], str | None],
) -> str | None:
    """Right after the value (``230 EFLOPS in 2023``), else the last one before it in the
    sentence, else a later one in the same clause, else the carried period."""
    index = bisect.bisect_left(starts, quantity.end)
    after = own[index] if index < len(own) else None
    if after is not None and after.start - quantity.end <= _PERIOD_WINDOW:
        return after.value
    if index > 0 and own[index - 1].end <= quantity.start:
        return own[index - 1].value
    if after is not None and not _CLAUSE_BREAK.search(text, quantity.end, after.start):
        return after.value
    return carried()


def _reference_year(sentences: list[Sentence], published: date | None) -> int | None:
    """The release's year: its publication date, else a dateline, else the latest year cited
    as a status (``截至2024年6月``), never a target year (``by 2027``, 到2025年) that would
    push yearless months (``as of September``) into the future."""
    if published:
        return published.year
    for sentence in sentences[:4]:
        match = _full_date(normalize(sentence.text))
        if match:
            return int(match.group(1) or match.group(2))
    # The largest year that is not a target: try the years largest first, so the lead
    # pattern runs on a few of them rather than on every year of the release.
    cited = [
        (int(m.group(1)), m.start(), s.text)
        for s in sentences
        if may_hold_a_year(s.text)
        for m in _ANY_YEAR.finditer(s.text)
    ]
    for year, start, text in sorted(cited, key=lambda c: c[0], reverse=True):
        if not _TARGET_LEAD.search(text, max(0, start - 20), start):
            return max(year, _later_than_cited(sentences, cited))
    return None


def _later_than_cited(sentences: list[Sentence], cited: list[tuple[int, int, str]]) -> int:
    """A year the release must be in at least, read from how it cites years: a comparison
    base is past ("up 4 points over 2022" → 2023), so is a year a perfect tense reports on
    ("is expected to have risen … in 2024" → 2025), and "over the past two years" counts on
    from the last year cited before it (launched in February 2022 → 2024). 0 when none."""
    least = 0
    for year, start, text in cited:
        before = text[max(0, start - 20) : start]
        if _BASE_BEFORE.search(before) or (
            _FULL_YEAR_BEFORE.search(before) and _PERFECT.search(text, 0, start)
        ):
            least = max(least, year + 1)
    last_year = 0
    for sentence in sentences:
        text = sentence.text
        span = _PAST_YEARS.search(text) if last_year and "years" in text else None
        if span:
            least = max(least, last_year + _COUNT_WORDS.get(span.group(1).lower(), 0))
        if may_hold_a_year(text):
            years = [int(m.group(1)) for m in _ANY_YEAR.finditer(text)]
            last_year = max(years, default=last_year)
    return least


def _full_date(text: str) -> re.Match[str] | None:
    """``_FULL_DATE`` in ``text``, searched only where its hint is (a pattern opening with a
    group is tried at every position)."""
    return _FULL_DATE.search(text) if _FULL_DATE_HINT.search(text) else None


def _clean_float(value: float) -> float:
    """1.047 * 1e9 is 1046999999.9999999 in binary; report 1047000000.0."""
    if isinstance(value, float) and value.is_integer() and -1e12 < value < 1e12:
        return value  # already what 12 significant digits would give
    return float(f"{value:.12g}")


def _key(text: str) -> str:
    return _NON_WORD.sub("", text).lower()
