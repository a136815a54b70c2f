"""Count the letters of each script in a text: what language detection weighs.

Both the page loader (does the page's declared language fit its text?) and the extractor
(which rules to apply) decide between Chinese and English by these two counts, so they
are made once, here, in C-speed passes rather than a Python loop per character.
"""

from __future__ import annotations

import re

_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
# Every byte but the ASCII letters, deleted to count them (bytes.translate runs in C).
_NOT_ASCII_LETTER = bytes(b for b in range(256) if not (b < 128 and chr(b).isalpha()))


def script_counts(text: str) -> tuple[int, int]:
    """(CJK ideographs, ASCII letters) in ``text``."""
    cjk = 0 if text.isascii() else sum(map(len, _CJK_RUN.findall(text)))
    latin = len(text.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTER))
    return cjk, latin


def ascii_without_digits(text: str) -> bool:
    r"""Whether ``text`` is ASCII and holds no digit 0-9: then no ``\d`` (any Unicode decimal
    digit) and no CJK numeral is in it, and a pattern that needs one cannot match. A regex
    opening with such a character class tests the class at every character of a sentence;
    ``isascii`` reads a flag and each ``in`` is a memchr, so this costs a fraction of that."""
    return text.isascii() and not (
        "0" in text
        or "1" in text
        or "2" in text
        or "3" in text
        or "4" in text
        or "5" in text
        or "6" in text
        or "7" in text
        or "8" in text
        or "9" in text
    )
