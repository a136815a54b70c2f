"""``cdfbot watch`` … ``alerts --send-due`` end to end: a watch fires once after ``cdfbot
ingest`` of a new release, and never again (restarts, reruns, re-ingesting)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from tests.support.fake_slack import FakeSlack

OLD = """工信部发布2024年通信业统计公报

2025年1月27日

截至2024年底，全国5G基站总数达425.1万个。
"""
NEW = """工信部发布2025年通信业统计公报

2026年1月20日

截至2025年底，全国5G基站总数达483.8万个，比上年末净增58.7万个。
"""


@pytest.fixture(autouse=True)
def _database(monkeypatch: pytest.MonkeyPatch, db_url: str, tmp_path: Path) -> None:
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.chdir(tmp_path)


def _release(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _watched(tmp_path: Path, *watch: str) -> None:
    assert main(["ingest", _release(tmp_path, "old.txt", OLD)]) == 0
    assert main(["watch", "5G基站", *watch]) == 0


def test_watch_fires_once_after_ingest_and_never_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _watched(tmp_path, "--user", "U0ALICE1")
    new = _release(tmp_path, "new.txt", NEW)
    assert main(["ingest", new]) == 0
    capsys.readouterr()
    assert main(["alerts", "--send-due"]) == 0
    out = capsys.readouterr().out
    assert "[→ U0ALICE1]" in out
    assert "5G base stations: 4.838 million (2025), up from 4.251 million (2024)" in out
    assert main(["ingest", new]) == 0  # the same release again: a duplicate
    assert main(["alerts", "--send-due"]) == 0
    assert capsys.readouterr().out.count("[→") == 0
    assert main(["alerts"]) == 0
    assert capsys.readouterr().out.strip() == "1 sent"


def test_alerts_go_to_slack_as_a_dm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake: FakeSlack
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-alerts")
    monkeypatch.setenv("SLACK_API_URL", fake.base_url)
    _watched(tmp_path, "--user", "U0ALICE1")
    assert main(["ingest", _release(tmp_path, "new.txt", NEW)]) == 0
    assert main(["alerts", "--send-due"]) == 0
    assert main(["alerts", "--send-due"]) == 0
    [post] = fake.calls_to("chat.postMessage")
    assert post.channel == "U0ALICE1"


def test_a_threshold_watch_and_its_listing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _watched(tmp_path, "--channel", "C0TEAM123", "--above", "4.5 million")
    assert main(["watches"]) == 0
    assert "5G base stations → #C0TEAM123 when above 4.5 million" in capsys.readouterr().out


def test_unwatch_ends_the_watch(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _watched(tmp_path, "--user", "U0ALICE1")
    assert main(["unwatch", "5g", "--user", "U0ALICE1"]) == 0
    assert main(["watches"]) == 0
    assert (
        capsys.readouterr()
        .out.strip()
        .endswith("No watches. Set one with `/cdf watch 5g` or `… above 4.5 million`.")
    )


def test_watch_needs_a_target() -> None:
    with pytest.raises(SystemExit) as exited:
        main(["watch", "5g"])
    assert exited.value.code == 2
