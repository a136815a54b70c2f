"""Figures a release states twice: in its title and body, or rounded then exact.

A headline figure ("tops 4.2 million") is dropped when the body repeats it, exactly, as a
nested change, or more precisely (4.251 million); within one sentence a rounded value
followed by the exact one ("近11亿人（10.9967亿人）") is reported as the exact one.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from bot.model import Change, Figure

_DIGITS = re.compile(r"\d[\d,. ]*\d|\d")
_NOT_DIGIT_OR_POINT = re.compile(r"[^\d.]")
_NOT_DIGIT = re.compile(r"\D")


#: How many figures of the same sentence and subject, either side of a figure, are read for
#: its exact restatement: "近11亿人（10.9967亿人）" puts the two side by side, so a few
#: neighbours are enough, and a flattened table of a thousand same-subject values costs
#: a thousand small looks, not a million comparisons.
RESTATED_NEIGHBOURS = 8


def dedupe(found: list[tuple[bool, Figure]]) -> list[Figure]:
    """Each figure once; a title figure only when the body does not repeat it, exactly, as
    a nested change, or more precisely (headline "tops 4.2 million", body 4.251 million).

    Linear in the figures: a body figure is compared with at most ``RESTATED_NEIGHBOURS``
    figures either side of it in its sentence and subject, and each distinct title figure
    (a title repeated on the page states the same ones again) with the body once."""
    body = [f for is_title, f in found if not is_title]
    body += [_as_change(f, f.change) for f in body if f.change]
    exact = {(f.value, f.unit) for f in body}
    same_clause: dict[tuple[str | None, str], list[Figure]] = {}
    place: dict[int, int] = {}  # id of a body figure → its index in its same_clause list
    for f in body:
        group = same_clause.setdefault((f.sentence, f.subject), [])
        place[id(f)] = len(group)
        group.append(f)
    headline_restated: dict[tuple[object, ...], bool] = {}
    seen: set[tuple[object, ...]] = set()
    by_indicator: dict[tuple[object, ...], Figure] = {}
    result: list[Figure] = []
    for is_title, figure in found:
        if is_title and (
            (figure.value, figure.unit) in exact
            or _restated_in_body(figure, body, headline_restated)
        ):
            continue
        precise = (
            None
            if is_title
            else _restated_precisely(
                figure, same_clause.get((figure.sentence, figure.subject), []), place
            )
        )
        if precise is not None:
            if precise.change is None:
                precise.change = figure.change
            continue
        key = (figure.value, figure.unit, figure.subject.lower(), figure.change)
        if key in seen:
            continue
        if figure.indicator is not None:
            # The same value of the same indicator for the same period, stated again later in
            # the body ("全国数据生产总量达41.06ZB" in the lead and in the body) with a subject
            # that holds the other's: one figure, keeping a change only the later one gives.
            same = (figure.value, figure.unit, figure.indicator, figure.period)
            earlier = by_indicator.get(same)
            if earlier is not None and _one_holds_the_other(earlier.subject, figure.subject):
                if earlier.change is None:
                    earlier.change = figure.change
                continue
            by_indicator[same] = figure
        seen.add(key)
        result.append(figure)
    return result


def _one_holds_the_other(first: str, second: str) -> bool:
    a, b = first.lower(), second.lower()
    return a in b or b in a


def _restated_in_body(
    figure: Figure, body: list[Figure], memo: dict[tuple[object, ...], bool]
) -> bool:
    """Whether a body figure states the title ``figure`` more precisely; ``_rounded`` reads
    only the headline's value, unit, indicator and text, so the answer is kept by those."""
    key = (figure.value, figure.unit, figure.indicator, figure.text)
    answer = memo.get(key)
    if answer is None:
        answer = memo[key] = any(_rounded(figure, f) for f in body)
    return answer


def _as_change(figure: Figure, change: Change) -> Figure:
    """``figure`` with its change's value and unit, what ``dataclasses.replace`` would give;
    built directly, since replace looks up the dataclass's fields on every call."""
    return Figure(
        figure.subject,
        change.value,
        change.unit,
        figure.text,
        figure.sentence,
        figure.indicator,
        figure.qualifier,
        figure.period,
        change,
    )


def _restated_precisely(
    figure: Figure, same_clause: list[Figure], place: dict[int, int]
) -> Figure | None:
    """ "近11亿人（10.9967亿人）", "about 1.1 billion (1.0997 billion)": the same sentence
    gives the same subject's value twice, rounded then exact; the exact one is the figure
    (it inherits the rounded one's change, which the text attached to the first mention).
    ``same_clause``: the body figures of the figure's sentence and subject, in order, of which
    the ``RESTATED_NEIGHBOURS`` either side of the figure (``place``: where it stands) are
    read."""
    index = place.get(id(figure))
    if index is None:
        return None  # not a body figure: it has no sentence-mates to be restated by
    low = max(0, index - RESTATED_NEIGHBOURS)
    return next(
        (
            other
            for other in same_clause[low : index + RESTATED_NEIGHBOURS + 1]
            if other is not figure and _rounded(figure, other)
        ),
        None,
    )


def _rounded(headline: Figure, precise: Figure) -> bool:
    """Whether ``headline`` is ``precise`` written with fewer digits: they differ by less than
    one unit of the headline's last significant digit. Shares and rates must also name the
    same indicator, since many unrelated percentages are close to one another."""
    if headline.unit != precise.unit or not headline.value or not precise.value:
        return False
    if headline.unit in ("percent", "percentage_point") and (
        headline.indicator is None or headline.indicator != precise.indicator
    ):
        return False
    places = _headline_places(headline.text)
    if places is None or places >= _places(precise.text):
        return False
    step = 10 ** (math.floor(math.log10(abs(headline.value))) - places + 1)
    return abs(precise.value - headline.value) < step


@lru_cache(maxsize=4096)
def _headline_places(text: str) -> int | None:
    """The significant digits a value is written with ("4.2 million" → 2, "1,100" → 2), or
    None when ``text`` has no digit (a value in words). Kept by text: a figure is read as
    a headline against each of its neighbours."""
    digits = _DIGITS.search(text)
    if digits is None:
        return None
    token = _NOT_DIGIT_OR_POINT.sub("", digits.group())
    mantissa = token.replace(".", "").lstrip("0")
    if "." not in token:
        mantissa = mantissa.rstrip("0")
    return max(len(mantissa), 1)


@lru_cache(maxsize=4096)
def _places(text: str) -> int:
    digits = _DIGITS.search(text)
    return len(_NOT_DIGIT.sub("", digits.group()).lstrip("0")) if digits else 0
