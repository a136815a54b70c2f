"""Traditional Chinese read as Simplified, for extraction only.

Hong Kong outlets write 數據, 數字經濟, 億; the extractor's rules, cue lists and indicator
catalog are Simplified, so a Traditional release is converted with OpenCC (``t2s``, the
maintained conversion tables with phrase-level mappings, not a hand-made character table)
before it is read. Conversion is only done when the text looks Traditional (its markers in
``bot/data/traditional.toml`` outnumber their Simplified forms), so Simplified releases pay
only a few ``str.count`` passes. The converter is built on first use: ``import bot.extract``
stays fast.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import opencc


def _load() -> tuple[tuple[tuple[str, str], ...], int]:
    raw = resources.files("bot").joinpath("data/traditional.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)["markers"]
    return tuple((t, s) for t, s in data["pairs"]), int(data["min_count"])


_PAIRS, _MIN_COUNT = _load()
_TRADITIONAL: Final = "".join(t for t, _ in _PAIRS)


def looks_traditional(text: str) -> bool:
    """More Traditional-only marker characters than their Simplified forms (and at least
    ``min_count``): a Simplified release quoting one Traditional name stays as it is."""
    # A quick pre-check: most Simplified texts hold none of the markers at all.
    if not any(ch in text for ch in _TRADITIONAL[:8]):
        return False
    traditional = simplified = 0
    for trad, simp in _PAIRS:
        traditional += text.count(trad)
        simplified += text.count(simp)
    return traditional >= _MIN_COUNT and traditional > simplified


@cache
def _converter() -> opencc.OpenCC:
    import opencc  # imported on first use: only Traditional releases need it

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` in Simplified characters (OpenCC t2s)."""
    return str(_converter().convert(text))
