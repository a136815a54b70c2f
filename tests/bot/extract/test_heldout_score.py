"""Score the extractor on the project's own held-out-style fixtures with the shared scorer.

``heldout/`` holds releases written for this project in the genres of the dev corpus but
with different wording and structure (annotated before the extractor was run on them), so
a rule tuned to the dev texts alone shows up here. ``heldout2/`` is a second such set, written
later (first run: figures F1 0.843, subject 0.712, traps 10, commitments F1 0.667), and
``heldout3/`` a third, four releases (first run: figures F1 0.987, subject 1.000, period 0.833,
traps 0, commitments F1 1.000), and ``heldout4/`` four more written after the issue 11 fixes
(first run: figures F1 0.986, subject 0.972, period 1.000, traps 0, commitments F1 1.000). Skipped
where ``../shared`` is absent (a failure under CI=true, tests/support/ci_skips.py).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from tests.support.scoring import SCORER, score_folder

HERE = Path(__file__).resolve().parent

# Floors: the scores measured when they were set, minus 0.02 (traps: the count measured).
# Raise the floor in the same commit as an improvement.
#   measured 2026-12: heldout  F1 1.000, subject 1.000, period 1.000, commitments 1.000, traps 0
#                     heldout2 F1 1.000, subject 1.000, period 1.000, commitments 1.000, traps 1
#                     heldout3 F1 1.000, subject 1.000, period 1.000, commitments 1.000, traps 0
#                     heldout4 F1 1.000, subject 1.000, period 1.000, commitments 1.000, traps 0
FLOORS: dict[str, dict[str, float]] = {
    "heldout": {"figures_f1": 0.980, "subject": 0.980, "period": 0.980, "commitments_f1": 0.980},
    "heldout2": {"figures_f1": 0.980, "subject": 0.980, "period": 0.980, "commitments_f1": 0.980},
    "heldout3": {"figures_f1": 0.980, "subject": 0.980, "period": 0.980, "commitments_f1": 0.980},
    "heldout4": {"figures_f1": 0.980, "subject": 0.980, "period": 0.980, "commitments_f1": 0.980},
}
MAX_TRAPS: dict[str, int] = {"heldout": 0, "heldout2": 1, "heldout3": 0, "heldout4": 0}
MIN_DOCUMENTS: dict[str, int] = {"heldout": 12, "heldout2": 8, "heldout3": 4, "heldout4": 4}

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not SCORER.is_file(), reason=f"no ../shared scorer at {SCORER}"),
]


@cache
def _scores(folder: str) -> dict[str, float]:
    return score_folder(HERE / folder)


@pytest.mark.parametrize("folder", MIN_DOCUMENTS)
def test_heldout_set_is_large_enough(folder: str) -> None:
    assert _scores(folder)["documents"] >= MIN_DOCUMENTS[folder]


@pytest.mark.parametrize(
    ("folder", "metric"), [(f, m) for f, floors in FLOORS.items() for m in floors]
)
def test_score_meets_its_floor(folder: str, metric: str) -> None:
    score = _scores(folder)[metric]
    assert score >= FLOORS[folder][metric], f"{folder} {metric} {score:.3f}"


@pytest.mark.parametrize("folder", MAX_TRAPS)
def test_trap_hits_within_limit(folder: str) -> None:
    assert _scores(folder)["traps"] <= MAX_TRAPS[folder]
