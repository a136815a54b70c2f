"""Fast stand-ins for re.IGNORECASE, with the same answers.

A case-insensitive pattern that opens with a letter gives Python's regex engine no character
to jump to, so it is tried at every position; a lower-cased copy of the text searched for a
plain word, or a pattern whose first character is a case-sensitive class, is far cheaper.
re.IGNORECASE also equates four non-ASCII characters with ASCII letters (İ and ı with i,
ſ with s, the Kelvin sign K with k), so each helper here folds or lists those too: a fast
path built on them never misses what the pattern itself would find.
"""

from __future__ import annotations

from collections.abc import Iterable

_CASELESS_FIX = str.maketrans({"ı": "i", "ſ": "s", "\u0307": None})


def caseless(text: str) -> str:
    """``text`` lowered so that an ASCII word found by a re.IGNORECASE pattern is a substring
    of it (İ, ı, ſ and the Kelvin sign folded too): a cheap necessary test before the regex."""
    low = text.lower()
    if low.isascii() or not ("ı" in low or "ſ" in low or "\u0307" in low):
        return low
    return low.translate(_CASELESS_FIX)


# Each byte but a-z (and 0-9) made a space, for ``ascii_words``.
_A_TO_Z_ONLY = bytes(byte if 0x61 <= byte <= 0x7A else 0x20 for byte in range(256))
_A_TO_Z_DIGITS_ONLY = bytes(
    byte if 0x61 <= byte <= 0x7A or 0x30 <= byte <= 0x39 else 0x20 for byte in range(256)
)


# The same tables with A-Z folded to a-z, for ``lower_ascii_words`` on ASCII text.
_FOLD_A_TO_Z_ONLY = bytes(
    byte | 0x20 if 0x41 <= byte <= 0x5A else kept for byte, kept in enumerate(_A_TO_Z_ONLY)
)
_FOLD_A_TO_Z_DIGITS_ONLY = bytes(
    byte | 0x20 if 0x41 <= byte <= 0x5A else kept for byte, kept in enumerate(_A_TO_Z_DIGITS_ONLY)
)


def ascii_words(text: str, *, digits: bool = False) -> list[str]:
    """``re.findall("[a-z]+", text)`` (``"[a-z0-9]+"`` with ``digits``) at a third of the
    cost: the word gates tokenise every sentence, and a regex builds a match object per word.
    Each character outside ASCII becomes one "?", then every byte but a-z (0-9) a space, so
    the splits fall exactly where the runs end."""
    table = _A_TO_Z_DIGITS_ONLY if digits else _A_TO_Z_ONLY
    return text.encode("ascii", "replace").translate(table).decode("ascii").split()


def lower_ascii_words(text: str, *, digits: bool = False) -> list[str] | None:
    """``ascii_words(text.lower(), digits=digits)`` (and of ``caseless(text)``) for ASCII
    ``text``, with A-Z folded by the same translate instead of a lower-cased copy; None for
    other text, whose caller lowers it its own way (lower() of İ or the Kelvin sign gives an
    ASCII letter, so no table on the encoded bytes would do)."""
    if not text.isascii():
        return None
    table = _FOLD_A_TO_Z_DIGITS_ONLY if digits else _FOLD_A_TO_Z_ONLY
    return text.encode("ascii").translate(table).decode("ascii").split()


# What re.IGNORECASE equates with an ASCII letter besides its two cases (İ ı ſ K).
_IGNORECASE_EXTRA = {"i": "İı", "k": "\u212a", "s": "ſ"}


def ignorecase_chars(letters: Iterable[str]) -> str:
    """Every character re.IGNORECASE equates with one of ``letters`` (lower-case letters or
    uncased characters), for a case-sensitive character class."""
    variants = "".join(c + c.upper() + _IGNORECASE_EXTRA.get(c, "") for c in letters)
    return "".join(dict.fromkeys(variants))


def ignorecase_lead(alternatives: Iterable[str], *, not_after: str = "") -> str:
    r"""``(?:a1|a2|…)`` for a pattern compiled with re.IGNORECASE, each alternative opening
    with a lower-case letter (or an uncased character), rewritten so a search is not tried at
    every position: an IGNORECASE letter gives the regex engine no character to jump to.
    The first character is matched case-sensitively, as the class of all IGNORECASE equates
    with the alternatives' first characters, and each alternative checks its own in a
    lookbehind. ``not_after``, a character class's inside, must not stand before the match
    (``(?<![…])(?:a1|…)``; ``\w`` makes it ``\b(?:a1|…)``): it is looked up behind that
    first character."""
    alternatives = list(alternatives)
    lead = ignorecase_chars(alternative[0] for alternative in alternatives)
    body = "|".join(f"(?<={a[0]}){a[1:]}" for a in alternatives)
    boundary = rf"(?<![{not_after}][\s\S])" if not_after else ""
    return f"(?-i:[{lead}]){boundary}(?:{body})"
