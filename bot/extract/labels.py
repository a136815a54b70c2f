"""English labels for figures (``subject_en`` in the extraction contract).

Applied once at the end of the pipeline, so every figure gets one:

* a catalogued figure in the indicator's unit: the catalog's English name ("Mobile base
  stations"); a share of it in percent is labelled from its own subject;
* a figure whose subject has no Chinese (an English release): the subject as written;
* otherwise the Chinese subject rendered through the term glossary kept as data
  (``bot/data/glossary.toml``), longest term first: 数字经济核心产业增加值 → "Value added of
  core digital-economy industries", 全国移动通信基站总数 → "Mobile base stations (national,
  total)". A word the glossary lacks stays in Chinese rather than being guessed, so
  量子密钥分发网络 may read "Quantum 密钥分发 network": unfinished, but never wrong.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from bot.extract.catalog import load_catalog
from bot.model import Figure

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+/\- ]*")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Glossary:
    """Every term by its Chinese form, with its role (term, measure, qualifier, filler)."""

    entries: dict[str, tuple[str, str]]
    longest: int

    def match(self, text: str, start: int) -> tuple[str, str, str] | None:
        """(chinese, role, english) of the longest term starting at ``start``, or None."""
        for length in range(min(self.longest, len(text) - start), 0, -1):
            found = self.entries.get(text[start : start + length])
            if found is not None:
                return text[start : start + length], *found
        return None


@cache
def load_glossary() -> Glossary:
    raw = resources.files("bot").joinpath("data/glossary.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    entries: dict[str, tuple[str, str]] = {}
    for role in ("filler", "qualifier", "measure", "term"):
        for chinese, english in data.get(f"{role}s", {}).items():
            entries[chinese] = (role, english)
    return Glossary(entries, max(len(key) for key in entries))


def render_chinese(subject: str, glossary: Glossary | None = None) -> tuple[str, bool]:
    """(English rendering, True when every Chinese character was translated)."""
    glossary = glossary or load_glossary()
    words: list[str] = []
    qualifiers: list[str] = []
    measure: str | None = None
    complete, position, unknown = True, 0, ""
    while position < len(subject):
        found = glossary.match(subject, position)
        latin = _LATIN.match(subject, position) if found is None else None
        if found is None and latin is None:
            char = subject[position]
            if _CJK.match(char):
                unknown += char
                complete = False
            elif not char.isspace():
                unknown += char
            position += 1
            continue
        if unknown:
            words.append(unknown)
            unknown = ""
        if found is None:
            assert latin is not None
            words.append(latin.group().strip())
            position = latin.end()
            continue
        chinese, role, english = found
        position += len(chinese)
        if role == "qualifier":
            qualifiers.append(english)
        elif role == "measure" and position == len(subject):
            measure = english
        elif english:
            words.append(english)
    if unknown:
        words.append(unknown)
    text = _SPACES.sub(" ", " ".join(words)).replace(" ,", ",").strip(" ,")
    if measure:
        if "{}" in measure:
            text = measure.format(text) if text else measure.replace("{}", "").strip()
        else:
            text = f"{measure} of {text}" if text else measure
    if qualifiers:
        text = f"{text} ({', '.join(dict.fromkeys(qualifiers))})" if text else ", ".join(qualifiers)
    return _capitalised(text), complete


def english_label(figure: Figure) -> str:
    """The figure's English label (see module docstring)."""
    if figure.indicator:
        indicator = load_catalog().get(figure.indicator)
        if indicator is not None and indicator.unit == figure.unit:  # not a share of it
            return indicator.name_en
    if not _CJK.search(figure.subject):
        return figure.subject
    return render_chinese(figure.subject)[0]


def label_figures(figures: list[Figure]) -> list[Figure]:
    """Set ``subject_en`` on every figure that has none yet; returns the same list."""
    for figure in figures:
        if figure.subject_en is None:
            figure.subject_en = english_label(figure)
    return figures


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].islower() else text
