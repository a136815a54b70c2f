"""Score the extractor on a folder of gold-annotated releases with the shared scorer.

The scorer is ``../shared/tools/score_extract.py`` (the one the corpus owners run); this
applies it in-process to :func:`bot.extract.extract`, which gives the same figures as
``score_extract.py DIR -- cdfbot extract --json`` without a process per document.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

from bot.extract import extract
from bot.model import Document

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SCORER = SHARED / "tools" / "score_extract.py"
_KEYS = ("req", "matched", "pred", "subj_ok", "period_n", "period_ok", "traps")
_KEYS += ("gcom", "pcom", "cmatched")


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_extract", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_folder(folder: Path) -> dict[str, float]:
    """figures_f1, subject, period, commitments_f1 (0…1) and traps (a count) for ``folder``."""
    scorer = _scorer()
    sums = dict.fromkeys(_KEYS, 0)
    gold_files = sorted(folder.glob("*.gold.json"))
    assert gold_files, f"no *.gold.json in {folder}"
    for gold_file in gold_files:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        text = (folder / gold["doc"]).read_text(encoding="utf-8")
        pred = extract(Document(text=text, kind="txt")).to_contract()
        scores = scorer.score_doc(gold, pred)
        for key in _KEYS:
            sums[key] += scores[key]
    return {
        "figures_f1": scorer.prf(sums["matched"], sums["pred"], sums["req"])[2],
        "subject": sums["subj_ok"] / max(sums["matched"], 1),
        "period": sums["period_ok"] / max(sums["period_n"], 1),
        "commitments_f1": scorer.prf(sums["cmatched"], sums["pcom"], sums["gcom"])[2],
        "traps": sums["traps"],
        "documents": len(gold_files),
    }
