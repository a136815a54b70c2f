"""The speed-ups' cheap pre-checks give the same answers as the patterns they guard.

Each fast path (a keyword test before a case-insensitive regex, a branch-by-branch date
search, a bounded abbreviation search, the catalog's first-character index) must agree
with the plain pattern on every input, including the characters re.IGNORECASE equates with
ASCII letters (İ ı ſ K).
"""

from __future__ import annotations

import random
import re

import pytest

from bot.extract import commitment_cues, segments
from bot.extract.catalog import Catalog, Indicator, _singular_words, load_catalog
from bot.text import furniture

_WORD_TEXT = (
    "will shall should must would plans aims seeks is set are committed due slated to be with "
    "the goal target our encouraged going forward next steps coming there's push policy calls "
    "for we are held take place attend summit forum expo professor research director ask invite "
    "let will be reached Photo photo taken on pictured graphic: image video (Xinhua) March 5, "
    "2024 Mar. 5 2024 5 March 2024 2024-03-05 2024年3月5日 10:30 Monday 星期一 Source: Issue 28 "
    "updated | Share Print 分享到 图自新华网 主办方供图 记者李华摄 新华社发 视觉中国 中新网 "
    "No. U.S. Dr. e.g. Mr. 46.1 . ) ） WİLL wıll ſhall ſunday Kelvin K İmage 将 要 下一步"
)
_WORDS = tuple(_WORD_TEXT.split())


def _samples(count: int = 4000) -> list[str]:
    rng = random.Random(3)
    out = []
    for _ in range(count):
        text = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 10)))
        out.append(text + rng.choice(["", ".", "。", ")", "?"]))
    return out


def test_has_date_agrees_with_the_date_pattern() -> None:
    for text in _samples():
        assert furniture.has_date(text) == bool(furniture._DATE.search(text)), text


def test_caption_prechecks_agree_with_the_caption_patterns() -> None:
    for text in _samples():
        plain = bool(furniture._EN_CAPTION.search(text) or furniture._ZH_CAPTION.search(text))
        assert furniture._caption_text(text) == plain, text


def test_share_bar_first_word_check_agrees() -> None:
    for text in [*_samples(), "Share | Print | Email", "【打印】【关闭】", " | 微信 微博"]:
        words = [w for w in furniture._SHARE_SPLIT.split(text.casefold()) if w]
        plain = bool(words) and all(w in furniture._SHARE_WORDS for w in words)
        plain = plain or text.startswith(("分享到", "扫一扫", "【纠错】", "Share this"))
        assert furniture.is_share_bar(text) == plain, text


@pytest.mark.parametrize(
    ("word", "text"),
    [("will", "WİLL"), ("will", "wıll"), ("shall", "ſhall"), ("kick", "KICK"), ("image", "İMAGE")],
)
def test_caseless_keeps_what_ignorecase_matches(word: str, text: str) -> None:
    assert re.search(word, text, re.IGNORECASE)
    assert word in furniture.caseless(text)


def test_english_cues_agree_with_the_unguarded_patterns() -> None:
    cues = commitment_cues
    for text in _samples():
        cued = (
            cues._EN_MODAL.search(text)
            or cues._EN_INTENT.search(text)
            or cues._EN_WE.search(text)
            or cues._EN_REPORTED.search(text)
            or cues._EN_PLANNED_OUTCOME.search(text)
            or cues._EN_IMPERATIVE.match(text)
        )
        vetoed = (
            cues._EN_EVENT.search(text)
            or cues._EN_EFFECT.search(text)
            or cues._EN_EXPERT.search(text)
            or cues._EN_LOGISTICS.search(text)
        )
        assert cues.is_commitment_en(text) == bool(cued and not vetoed), text


def test_abbreviation_search_from_the_last_word_agrees() -> None:
    for text in [*_samples(), "No.", "U.S.", "the U.S.", "e.g.", "Co.", "x.No.", "A.B.C."]:
        plain = text.endswith(".") and bool(segments._ABBREVIATIONS.search(text))
        assert segments._ends_in_abbreviation(text) == plain, text


def _match_subject_by_scan(catalog: Catalog, subject: str) -> Indicator | None:
    """The lookup as it was written before the first-character index: a scan of every
    non-ASCII name, longest first."""
    lowered = subject.lower()
    best: tuple[int, Indicator] | None = None
    words = _singular_words(lowered)
    for i, word in enumerate(words):
        for name_words, size, indicator, _ in catalog._by_first.get(word, ()):
            if (best is None or size > best[0]) and words[i : i + len(name_words)] == name_words:
                best = (size, indicator)
    if not lowered.isascii():
        for name, indicator in catalog._cjk:
            if best is not None and len(name) <= best[0]:
                break
            if name in lowered:
                best = (len(name), indicator)
                break
    return best[1] if best else None


def test_catalog_cjk_index_agrees_with_a_scan_of_every_name() -> None:
    catalog = load_catalog()
    names = [name for indicator in catalog.all() for name in indicator.names()]
    rng = random.Random(9)
    subjects = [*names, *_samples(500)]
    for _ in range(3000):
        parts = [rng.choice(names)[rng.randint(0, 2) :] for _ in range(rng.randint(1, 3))]
        subjects.append(rng.choice(["", " ", "的"]).join(parts))
    for subject in subjects:
        assert catalog.match_subject(subject, "zh") == _match_subject_by_scan(catalog, subject)


_INTENT_PHRASES = (
    "The ministry plans to expand it",
    "the plans to expand",
    "its aims to grow",
    "China is set to build",
    "they are committed to opening",
    "the project is due to finish",
    "it is slated to open",
    "firms are poised to gain",
    "rules are to be revised soon",
    "with the aim of boosting",
    "the goal is to reach",
    "our priorities are clear",
    "firms are being encouraged to invest",
    "going forward, we",
    "the next steps include",
    "in the coming years",
    "there's an active push for",
    "there are renewed efforts",
    "the plan, in effect, calls for more",
    "the roadmap sets out targets",
    "the policy sets the goals",
)


@pytest.mark.parametrize("phrase", _INTENT_PHRASES)
def test_each_intent_branch_is_found_through_its_gate(phrase: str) -> None:
    cues = commitment_cues
    for text in (phrase, phrase.upper(), phrase.title(), f"Officials said {phrase}."):
        low = furniture.caseless(text)
        gated = any(
            cues._any_in(low, words) and branch.search(text)
            for words, branch in cues._EN_INTENT_GATED
        )
        assert gated == bool(cues._EN_INTENT.search(text)), text
