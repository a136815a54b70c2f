"""``cdfbot ask QUERY --csv PATH`` and ``cdfbot export``, and ``/cdf … --csv`` in the console."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.cli.console import run_console
from bot.services import build_services

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


@pytest.fixture(autouse=True)
def _database(monkeypatch: pytest.MonkeyPatch, db_url: str, tmp_path: Path) -> None:
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.chdir(tmp_path)
    for name in ("2023-5g-gigabit-briefing.txt", "2024-telecom-bulletin-zh.txt"):
        assert main(["ingest", str(EXAMPLES / name)]) == 0


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_ask_csv_writes_the_history(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "5g", "--csv", "5g.csv"]) == 0
    assert "CSV: 5g.csv" in capsys.readouterr().out
    rows = _csv(tmp_path / "5g.csv")
    assert [r["period"] for r in rows] == ["2023", "2024"]
    assert rows[-1]["release title"] == "工信部发布2024年通信业统计公报"
    assert (tmp_path / "5g.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_export_csv_has_every_figure(tmp_path: Path) -> None:
    assert main(["export", "all.csv"]) == 0
    rows = _csv(tmp_path / "all.csv")
    assert len(rows) == 12
    assert {r["language"] for r in rows} == {"en", "zh"}


def test_export_jsonl_since_a_date_for_one_indicator(tmp_path: Path) -> None:
    assert main(["export", "--format", "jsonl", "--since", "2025-01-01", "--indicator", "5g",
                 "5g.jsonl"]) == 0  # fmt: skip
    rows = [json.loads(line) for line in (tmp_path / "5g.jsonl").read_text().splitlines()]
    assert rows and {r["indicator"] for r in rows} == {"5g_base_stations"}
    assert all(r["published"] >= "2025-01-01" for r in rows)


def test_console_saves_the_csv(tmp_path: Path, settings) -> None:
    services = build_services(settings)
    out = io.StringIO()
    try:
        run_console(services, io.StringIO("/cdf 5g --csv\n"), out)
    finally:
        services.close()
    assert "CSV: exports/5g_base_stations.csv" in out.getvalue()
    assert _csv(tmp_path / "exports" / "5g_base_stations.csv")
