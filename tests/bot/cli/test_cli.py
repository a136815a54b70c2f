from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from tests.support import store_reads as reads

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
CONTRACT_KEYS = {"title", "published", "language", "summary", "figures", "commitments"}
FIGURE_KEYS = {
    "subject",
    "subject_en",
    "indicator",
    "value",
    "unit",
    "qualifier",
    "text",
    "period",
    "sentence",
    "change",
}


@pytest.fixture(autouse=True)
def _database(monkeypatch: pytest.MonkeyPatch, db_url: str, tmp_path: Path) -> None:
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("CDFBOT_ADMINS", "UADMIN1")
    monkeypatch.chdir(tmp_path)


def _contract(capsys: pytest.CaptureFixture[str], path: Path) -> dict:
    assert main(["extract", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    "name",
    [
        "2023-5g-gigabit-briefing.txt",
        "2024-computing-power-briefing.html",
        "2021-cdrf-newsletter.pdf",
    ],
)
def test_extract_prints_contract_json(capsys: pytest.CaptureFixture[str], name: str) -> None:
    data = _contract(capsys, EXAMPLES / name)
    assert set(data) == CONTRACT_KEYS
    assert data["language"] in ("en", "zh")
    assert data["figures"], "every sample release carries figures"
    assert all(set(f) == FIGURE_KEYS for f in data["figures"])


def test_extract_stores_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _contract(capsys, EXAMPLES / "2023-5g-gigabit-briefing.txt")
    assert not (tmp_path / "cdfbot.sqlite3").exists()


def test_extract_missing_file_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "no-such-file.txt", "--json"]) == 1
    assert "no-such-file.txt" in capsys.readouterr().err


def test_ingest_twice_skips_the_duplicate(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(EXAMPLES / "2023-5g-gigabit-briefing.txt")
    assert main(["ingest", path]) == 0
    assert capsys.readouterr().out.startswith("stored")
    assert main(["ingest", path]) == 0
    assert capsys.readouterr().out.startswith("skipped")


def test_ingest_stores_exactly_what_extract_reports(capsys: pytest.CaptureFixture[str]) -> None:
    from bot.config import load_settings
    from bot.store import open_store

    path = EXAMPLES / "2024-telecom-bulletin-zh.txt"
    extracted = _contract(capsys, path)["figures"]
    assert main(["ingest", str(path)]) == 0
    store = open_store(load_settings(env_file=None).database_url)
    stored = reads.get_release(store, 1).figures
    store.close()
    assert [f.to_contract() for f in stored] == extracted


def test_ask_prints_the_answer(capsys: pytest.CaptureFixture[str]) -> None:
    main(["ingest", str(EXAMPLES / "2023-5g-gigabit-briefing.txt")])
    capsys.readouterr()
    assert main(["ask", "5g"]) == 0
    assert "3.377 million" in capsys.readouterr().out


def test_source_add_list_remove(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["source", "add", "https://example.org/rss.xml", "--name", "Example"]) == 0
    assert main(["source", "list"]) == 0
    assert "#10 Example" in capsys.readouterr().out  # after the nine defaults
    assert main(["source", "remove", "10"]) == 0
    assert main(["source", "remove", "10"]) == 1


def test_source_list_on_a_fresh_database_shows_the_defaults(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["source", "list"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("Watched sources (9)")
    for name in (
        "CDF (English)",
        "CDRF 基金会动态",
        "SCIO",
        "Xinhua China business",
        "NDA 政策解读",
    ):
        assert name in captured.out
    assert "paused" not in captured.out
    assert "items in 'ul.u-list > li' (configured)" in captured.out  # NDA
    assert "items: detected on the next poll" in captured.out  # CDF, CDRF, SCIO
    assert "added the 9 default sources" in captured.err
    assert main(["source", "list"]) == 0
    assert capsys.readouterr().err == "", "added once"


def test_digest_preview_prints_a_header(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["digest", "--preview", "--since", "2020-01-01"]) == 0
    assert capsys.readouterr().out.startswith("CDF & NDA digest")


def test_console_with_piped_input_answers_and_exits(db_url: str, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "CDFBOT_LOAD_EXAMPLES": "true",
        "CDFBOT_POLL_ENABLED": "false",
    }
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        input="/cdf 5g\n/cdf help\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "loaded" in result.stdout and "sample releases" in result.stdout
    assert "local console" in result.stdout
    assert "5G base stations" in result.stdout
    assert "million" in result.stdout


def test_poll_once_prints_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["poll", "--once"]) == 0
    assert capsys.readouterr().out.startswith("polled 0 sources")


def test_source_add_does_a_dry_run_on_a_local_feed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, http_server
) -> None:
    monkeypatch.setenv("CDFBOT_ALLOW_PRIVATE_URLS", "true")
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
        "<title>Only item</title><link>http://127.0.0.1/a</link></item></channel></rss>"
    )
    http_server.route("/feed", (200, {"Content-Type": "text/xml"}, feed))
    assert main(["source", "add", http_server.url("/feed"), "--every", "30m"]) == 0
    out = capsys.readouterr().out
    assert "found 1 item, newest: Only item" in out and "every 30m" in out
