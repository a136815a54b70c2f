"""CSV with a BOM (Excel reads Chinese correctly) and JSON Lines, read back as written."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from bot.export.formats import csv_bytes, write_file

ROWS = [
    {"period": "2025", "value": 4_838_000.0, "unit": "count", "title": "工信部发布, “统计”公报"},
    {"period": "2024", "value": 0.1 + 0.2, "unit": "percent", "title": None},
]
COLUMNS = ("period", "value", "unit", "title")


def test_csv_starts_with_the_utf8_bom() -> None:
    assert csv_bytes(ROWS, COLUMNS).startswith(b"\xef\xbb\xbf")


def test_csv_reads_back_as_written(tmp_path: Path) -> None:
    path = tmp_path / "out" / "figures.csv"
    assert write_file(path, ROWS, COLUMNS, "csv") == 2
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["title"] == "工信部发布, “统计”公报"
    assert float(rows[1]["value"]) == 0.1 + 0.2
    assert rows[1]["title"] == ""


def test_jsonl_reads_back_as_written(tmp_path: Path) -> None:
    path = tmp_path / "figures.jsonl"
    assert write_file(path, ROWS, COLUMNS, "jsonl") == 2
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == ROWS
    assert "工信部" in lines[0]
