"""SimHash near-duplicates: same story close, different stories far, short texts skipped."""

from __future__ import annotations

from bot.text.simhash import MAX_DISTANCE, distance, simhash
from tests.bot.watch.poll.conftest import BODIES

ZH = "".join(BODIES[k] for k in ("report", "bases", "policy", "industry"))
EN = " ".join(BODIES[k] for k in ("computing", "labelling", "rules"))


def test_identical_text_has_distance_zero() -> None:
    assert distance(simhash(ZH), simhash(ZH)) == 0


def test_layout_and_punctuation_do_not_matter() -> None:
    assert simhash(EN) == simhash(EN.replace(". ", ".\n\n  ").replace(", ", " , "))


def near(a: str, b: str) -> bool:
    first, second = simhash(a), simhash(b)
    assert first is not None and second is not None
    return distance(first, second) <= MAX_DISTANCE


def test_a_reprint_with_a_dateline_is_a_near_duplicate() -> None:
    assert near(ZH, "新华社北京3月25日电 " + ZH)


def test_english_reprint_with_a_dateline_is_a_near_duplicate() -> None:
    assert near(EN, "BEIJING, March 26 (Xinhua) -- " + EN)


def test_different_stories_are_far_apart() -> None:
    texts = [BODIES[k] + BODIES[k].upper() for k in BODIES]
    hashes = [h for h in map(simhash, [*texts, ZH, EN]) if h is not None]
    pairs = [(a, b) for i, a in enumerate(hashes) for b in hashes[i + 1 :]]
    assert min(distance(a, b) for a, b in pairs) > MAX_DISTANCE * 3


def test_short_texts_get_no_hash() -> None:
    assert simhash("国家数据局召开会议。") is None
