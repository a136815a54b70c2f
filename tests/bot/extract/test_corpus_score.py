"""Score the extractor on the shared corpora (../shared/corpus/dev and dev2) with the shared
scorer. Skipped without ../shared locally; a failure under CI=true (tests/support/ci_skips.py).
"""

from __future__ import annotations

from functools import cache

import pytest

from tests.support.scoring import SCORER, SHARED, score_folder

# Floors: the scores measured when they were set, minus 0.02 (traps: the count measured).
# Raise the floor in the same commit as an improvement.
#   measured 2026-12: dev  F1 1.000, subject 1.000, period 1.000, commitments 1.000, traps 0
#                     dev2 F1 1.000, subject 1.000, period 1.000, commitments 0.980, traps 0
FLOORS: dict[str, dict[str, float]] = {
    "dev": {"figures_f1": 0.980, "subject": 0.980, "period": 0.980, "commitments_f1": 0.980},
    "dev2": {"figures_f1": 0.980, "subject": 0.980, "period": 0.980, "commitments_f1": 0.960},
}
MAX_TRAPS: dict[str, int] = {"dev": 0, "dev2": 0}

pytestmark = pytest.mark.corpus


@cache
def _scores(corpus: str) -> dict[str, float]:
    folder = SHARED / "corpus" / corpus
    if not (folder.is_dir() and SCORER.is_file()):
        pytest.skip(f"no ../shared corpus at {folder}")
    return score_folder(folder)


@pytest.mark.parametrize(
    ("corpus", "metric"), [(c, m) for c, floors in FLOORS.items() for m in floors]
)
def test_score_meets_its_floor(corpus: str, metric: str) -> None:
    score = _scores(corpus)[metric]
    assert score >= FLOORS[corpus][metric], f"{corpus} {metric} {score:.3f}"


@pytest.mark.parametrize("corpus", MAX_TRAPS)
def test_trap_hits_within_limit(corpus: str) -> None:
    assert _scores(corpus)["traps"] <= MAX_TRAPS[corpus]
