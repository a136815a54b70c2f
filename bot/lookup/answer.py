"""Use case: a ``/cdf`` query → an :class:`Answer`; rendering lives in ``bot.render.answer``.

Resolution order, cheapest and most certain first, so a typical lookup is one index probe:

1. catalog indicators (:mod:`bot.lookup.query`: id, names, aliases, Chinese, typos, word order).
   A clear best match is answered; a tie between indicators that have values becomes a
   short pick list; close runners-up with values become "Also" buttons;
2. figures whose *subject* contains the words (indicators the catalog does not know yet);
3. releases whose text contains them, with "did you mean" suggestions from the catalog.

Steps 2 and 3 use the indexed search of :mod:`bot.store.search`. Nothing here raises for
"not found": the Answer says what was and was not found.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.extract.catalog import Indicator, load_catalog
from bot.lookup.history import HISTORY_PERIODS, PeriodValue, derived_change, history_of
from bot.lookup.query import MARGIN, Candidate, is_clear, resolve, split
from bot.model import Change, Release, StoredFigure
from bot.store import Store

PROBE_PERIODS = 6  # enough to see a year's latest value among its quarters and months
MAX_CHOICES = 5
MAX_ALTERNATIVES = 3
MAX_SUGGESTIONS = 3
SUBJECT_HITS = 8
RELEASE_HITS = 5
CHART_MIN_PERIODS = 3
SOURCE_FLAG = "--source"
SHARE_FLAG = "--share"
CSV_FLAG = "--csv"
FLAGS = (SOURCE_FLAG, SHARE_FLAG, CSV_FLAG)


@dataclass(slots=True)
class Choice:
    """One entry of a pick list: an indicator and its latest value."""

    indicator: Indicator
    latest: PeriodValue


@dataclass(slots=True)
class Answer:
    query: str
    indicator: Indicator | None = None
    history: list[PeriodValue] = field(default_factory=list)
    matches: list[StoredFigure] = field(default_factory=list)
    releases: list[Release] = field(default_factory=list)
    alternatives: list[Indicator] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)
    suggestions: list[Indicator] = field(default_factory=list)
    no_data: Indicator | None = None
    show_source: bool = False
    share: bool = False
    """``--share``: post the chart in the channel; by default it goes to the asker's DM."""
    csv: bool = False
    """``--csv``: the faces also hand over the indicator's whole history as a CSV file."""

    @property
    def latest(self) -> PeriodValue | None:
        return self.history[0] if self.history else None

    @property
    def change(self) -> Change | None:
        """The change the release states, else one computed from the previous period."""
        if self.latest is None:
            return None
        return self.latest.figure.figure.change or derived_change(self.history)

    @property
    def found(self) -> bool:
        return bool(self.history or self.matches or self.releases or self.choices)

    @property
    def chartable(self) -> bool:
        """A trend worth a picture: at least :data:`CHART_MIN_PERIODS` periods."""
        return len(self.history) >= CHART_MIN_PERIODS


def parse_query(text: str) -> tuple[str, bool, bool]:
    """(query words, ``--source`` given, ``--share`` given): flags are not query words."""
    words = text.split()
    flags = {w.lower() for w in words}
    query = " ".join(w for w in words if w.lower() not in FLAGS)
    return query, SOURCE_FLAG in flags, SHARE_FLAG in flags


def lookup(store: Store, text: str) -> Answer:
    """Answer a query typed by a person (flags included)."""
    query, show_source, share = parse_query(text)
    answer = Answer(query, show_source=show_source, share=share)
    answer.csv = CSV_FLAG in {word.lower() for word in text.split()}
    matches, suggestions = split(resolve(query))
    if matches and _answer_indicators(store, answer, matches):
        return answer
    answer.matches = store.search_figure_subjects(query, limit=SUBJECT_HITS)
    if not answer.matches:
        answer.releases = store.search_release_text(query, limit=RELEASE_HITS)
        near = [c.indicator for c in (matches + suggestions) if c.indicator != answer.no_data]
        answer.suggestions = near[:MAX_SUGGESTIONS]
    return answer


def lookup_indicator(store: Store, indicator_id: str, *, show_source: bool = False) -> Answer:
    """Answer for one catalog indicator (a pick-list button); unknown ids answer nothing."""
    indicator = load_catalog().get(indicator_id)
    answer = Answer(indicator.name_en if indicator else indicator_id, show_source=show_source)
    if indicator is not None:
        answer.indicator = indicator
        answer.history = _history(store, indicator, HISTORY_PERIODS)
        answer.no_data = None if answer.history else indicator
    return answer


def _history(store: Store, indicator: Indicator, periods: int) -> list[PeriodValue]:
    return history_of(store, indicator.id, indicator.unit, periods)


def _answer_indicators(store: Store, answer: Answer, matches: list[Candidate]) -> bool:
    """Fill ``answer`` from catalog matches; False when none of them has values."""
    if is_clear(matches):
        best, others = matches[0], matches[1 : 1 + MAX_ALTERNATIVES]
        history = _history(store, best.indicator, HISTORY_PERIODS)
        if not history:
            answer.no_data = best.indicator
            return False
        answer.indicator, answer.history = best.indicator, history
        with_values = store.indicators_with_figures(c.indicator.id for c in others)
        answer.alternatives = [c.indicator for c in others if c.indicator.id in with_values]
        return True
    tied = [c for c in matches if c.score >= matches[0].score - MARGIN]
    probed = [(c.indicator, _history(store, c.indicator, PROBE_PERIODS)) for c in tied]
    with_values = [(indicator, history) for indicator, history in probed if history]
    if not with_values:
        answer.no_data = matches[0].indicator
        return False
    if len(with_values) == 1:
        answer.indicator = with_values[0][0]
        answer.history = _history(store, answer.indicator, HISTORY_PERIODS)
        return True
    answer.choices = [Choice(i, history[0]) for i, history in with_values[:MAX_CHOICES]]
    return True
