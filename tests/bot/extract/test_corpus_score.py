"""Score the extractor on the shared dev corpus with the shared scorer (skipped without it)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from bot.extract import extract
from bot.model import Document

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
DEV = SHARED / "corpus" / "dev"
SCORER = SHARED / "tools" / "score_extract.py"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not (DEV.is_dir() and SCORER.is_file()), reason="no ../shared corpus"),
]


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_extract", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_figures_meet_targets() -> None:
    scorer = _scorer()
    totals = {"req": 0, "matched": 0, "pred": 0, "subj_ok": 0, "period_n": 0, "period_ok": 0}
    traps = 0
    for gold_file in sorted(DEV.glob("*.gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        text = (DEV / gold["doc"]).read_text(encoding="utf-8")
        pred = extract(Document(text=text, kind="txt")).to_contract()
        scores = scorer.score_doc(gold, pred)
        for key in totals:
            totals[key] += scores[key]
        traps += scores["traps"]
    _, _, f1 = scorer.prf(totals["matched"], totals["pred"], totals["req"])
    subject = totals["subj_ok"] / max(totals["matched"], 1)
    period = totals["period_ok"] / max(totals["period_n"], 1)
    assert f1 >= 0.90, f"figures F1 {f1:.3f}"
    assert subject >= 0.90, f"subject {subject:.3f}"
    assert period >= 0.85, f"period {period:.3f}"
    assert traps <= 2, f"trap hits {traps}"
