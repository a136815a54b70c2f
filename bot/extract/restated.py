"""Figures a release states twice: in its title and body, or rounded then exact.

A headline figure ("tops 4.2 million") is dropped when the body repeats it, exactly, as a
nested change, or more precisely (4.251 million); within one sentence a rounded value
followed by the exact one ("近11亿人（10.9967亿人）") is reported as the exact one.
"""

from __future__ import annotations

import math
import re

from bot.model import Change, Figure

_DIGITS = re.compile(r"\d[\d,. ]*\d|\d")
_NOT_DIGIT_OR_POINT = re.compile(r"[^\d.]")
_NOT_DIGIT = re.compile(r"\D")


def dedupe(found: list[tuple[bool, Figure]]) -> list[Figure]:
    """Each figure once; a title figure only when the body does not repeat it, exactly, as
    a nested change, or more precisely (headline "tops 4.2 million", body 4.251 million)."""
    body = [f for is_title, f in found if not is_title]
    body += [_as_change(f, f.change) for f in body if f.change]
    exact = {(f.value, f.unit) for f in body}
    same_clause: dict[tuple[str | None, str], list[Figure]] = {}
    for f in body:
        same_clause.setdefault((f.sentence, f.subject), []).append(f)
    seen: set[tuple[object, ...]] = set()
    result: list[Figure] = []
    for is_title, figure in found:
        if is_title and (
            (figure.value, figure.unit) in exact or any(_rounded(figure, f) for f in body)
        ):
            continue
        precise = (
            None
            if is_title
            else _restated_precisely(figure, same_clause.get((figure.sentence, figure.subject), []))
        )
        if precise is not None:
            if precise.change is None:
                precise.change = figure.change
            continue
        key = (figure.value, figure.unit, figure.subject.lower(), figure.change)
        if key in seen:
            continue
        seen.add(key)
        result.append(figure)
    return result


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


def _restated_precisely(figure: Figure, same_clause: list[Figure]) -> Figure | None:
    """ "近11亿人（10.9967亿人）", "about 1.1 billion (1.0997 billion)": the same sentence
    gives the same subject's value twice, rounded then exact; the exact one is the figure
    (it inherits the rounded one's change, which the text attached to the first mention).
    ``same_clause``: the body figures of the figure's sentence and subject."""
    return next(
        (other for other in same_clause if other is not figure and _rounded(figure, other)),
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
    digits = _DIGITS.search(headline.text)
    if digits is None:
        return False
    token = _NOT_DIGIT_OR_POINT.sub("", digits.group())
    mantissa = token.replace(".", "").lstrip("0")
    if "." not in token:
        mantissa = mantissa.rstrip("0")
    places = max(len(mantissa), 1)
    step = 10 ** (math.floor(math.log10(abs(headline.value))) - places + 1)
    return abs(precise.value - headline.value) < step and places < _places(precise.text)


def _places(text: str) -> int:
    digits = _DIGITS.search(text)
    return len(_NOT_DIGIT.sub("", digits.group()).lstrip("0")) if digits else 0
