"""The extractor's word lists, cue lists and unit tables, read from ``bot/data/`` once.

The lists are data (``units.toml``: units, scale and number words, currencies;
``cues.toml``: change, commitment, qualifier and label words; page furniture's words are in
``furniture.toml``, read by ``bot/text/furniture.py``, which sits below this package), so
extending one is an edit to a TOML file, not to a regex. Patterns are built from them at import with
``alternation``, which escapes each word and puts longer words first, so a word that
begins another ("人" and "人次") never hides it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any, Final


def _load(name: str) -> dict[str, Any]:
    raw = resources.files("bot").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return tomllib.loads(raw)


UNITS: Final[dict[str, Any]] = _load("units.toml")
CUES: Final[dict[str, Any]] = _load("cues.toml")


def alternation(
    words: Iterable[str], *, suffix: str = "", not_before: Mapping[str, str] | None = None
) -> str:
    r"""``w1|w2|…`` for a regex: each word escaped and followed by ``suffix`` (e.g. ``\b``),
    longest first (a stable sort: words of one length keep their order). A word named in
    ``not_before`` is not matched when one of the characters mapped to it follows:
    ``alternation(["千", "万"], not_before={"千": "米瓦"})`` is ``千(?![米瓦])|万``."""
    guards = not_before or {}
    return "|".join(
        re.escape(word) + suffix + (f"(?![{re.escape(guards[word])}])" if word in guards else "")
        for word in sorted(words, key=len, reverse=True)
    )


_TARGETS = CUES["targets"]
_LEADS_EN = alternation(_TARGETS["leads_en"])
_LEADS_ZH = alternation(_TARGETS["leads_zh"])
#: A target lead: "by", "until", 到, 力争 … (bot/data/cues.toml), never 截至 ("as of"),
#: although it ends in 至. The one rule for every reader of target years; for
#: case-insensitive patterns (the English words are lower case), followed by what the
#: caller reads next (``$`` before a period found elsewhere).
TARGET_LEAD_ZH = rf"(?<!截)(?:{_LEADS_ZH})\s*"
TARGET_LEAD = rf"(?:\b(?:{_LEADS_EN})\s+|{TARGET_LEAD_ZH})"
#: ``TARGET_LEAD`` where the year itself follows, with what may stand between them in
#: English: "by 2027", "by the end of 2025", "until mid-2026", "by the middle of 2026".
TARGET_YEAR_LEAD = (
    rf"(?:\b(?:{_LEADS_EN})\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?|mid-|middle\s+of\s+)?"
    rf"|{TARGET_LEAD_ZH})"
)
