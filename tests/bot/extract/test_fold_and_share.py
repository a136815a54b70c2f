"""The fourth round of speed-ups gives the same answers as the code it replaced.

The title guess, the date guess and clean-up sharing one ``read_lines`` of the document must
change none of them, whatever line breaks, odd spaces and headings the text has; folding
A-Z in the tokeniser's byte table must give the words lower() or caseless() would.
"""

from __future__ import annotations

import random
import re

from bot.extract import summary
from bot.extract.metadata import guess_published, guess_title
from bot.text.clean import clean_text, read_lines
from bot.text.ignorecase import ascii_words, caseless, lower_ascii_words

_LINE_TEXTS = (
    "Broadband users top 600 million",
    "# Weekly brief",
    "## Data exchange opens",
    "Issue 28 · March 25, 2024",
    "发布时间：2024-03-25 10:00",
    "中新网 1月24日电 数据交易所开业。",
    "Updated: Jan 5, 2024",
    "Photo: Xinhua",
    "By Zhang Yu | China Daily",
    "The ministry said output grew 5 percent.",
    "记者 王明",
    "- 3 -",
    "Media Contact",
    "\u3000 \u00a0",
    "\u200b",
    "#",
    "",
)
_BREAKS = ("\n", "\n", "\r\n", "\r", "\u2028", "\x0b", "\x85", "\x1c", "\x1e", "\n\n")


def _documents(count: int = 3000, seed: int = 41) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(
            rng.choice(["", " ", "\t"]) + rng.choice(_LINE_TEXTS) + rng.choice(_BREAKS)
            for _ in range(rng.randint(1, 20))
        )
        for _ in range(count)
    ]


def test_metadata_guesses_agree_with_and_without_shared_lines() -> None:
    for text in _documents():
        lines = read_lines(text)
        assert guess_title(text, lines=lines) == guess_title(text), text
        assert guess_published(text, lines=lines) == guess_published(text), text


def test_clean_text_agrees_with_and_without_shared_lines() -> None:
    for text in _documents():
        title = guess_title(text)
        assert clean_text(text, title=title, lines=read_lines(text)) == clean_text(
            text, title=title
        ), text


def _mixed_texts(count: int = 3000, seed: int = 43) -> list[str]:
    rng = random.Random(seed)
    alphabet = [chr(code) for code in range(128)] + list("İıſ\u212aÉé数据")
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(count)]


def test_folded_words_agree_with_lowering_first() -> None:
    for text in _mixed_texts():
        for digits in (False, True):
            folded = lower_ascii_words(text, digits=digits)
            if text.isascii():
                assert folded == ascii_words(text.lower(), digits=digits), text
                assert folded == ascii_words(caseless(text), digits=digits), text
            else:
                assert folded is None, text


def test_summary_tokens_agree_with_a_regex_tokeniser() -> None:
    for text in _mixed_texts():
        low = text.lower()
        plain = set(re.findall(r"[a-z0-9]+", low))
        plain.update(re.findall(r"[\u3400-\u9fff]", low))
        if not low.isascii() and ("ı" in low or "ſ" in low):
            continue  # _WORD_TOKEN's own treatment, unchanged
        assert summary._tokens(text) == plain, text
