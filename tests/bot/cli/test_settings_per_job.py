"""Settings for each job (issue 14, item 7): Web API verbs need only SLACK_BOT_TOKEN; the
mode checks belong to ``cdfbot run``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from bot.cli import main
from bot.config import load_settings
from tests.support.digest_data import digest_posts
from tests.support.fake_slack import FakeSlack

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _database(monkeypatch: pytest.MonkeyPatch, db_url: str, tmp_path: Path) -> None:
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.chdir(tmp_path)


def test_bot_token_alone_is_valid_settings() -> None:
    settings = load_settings(env_file=None, SLACK_BOT_TOKEN="xoxb-1")
    assert settings.slack_bot_token == "xoxb-1"


def test_send_due_from_cron_with_only_the_bot_token_posts_to_slack(
    monkeypatch: pytest.MonkeyPatch, fake: FakeSlack
) -> None:
    with time_machine.travel(datetime(2024, 11, 11, 8, tzinfo=SHANGHAI), tick=False) as clock:
        assert main(["subscribe", "C0123ABCDEF"]) == 0
        monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-cron")
        monkeypatch.setenv("SLACK_API_URL", fake.base_url)
        clock.move_to(datetime(2024, 11, 20, 10, tzinfo=SHANGHAI))
        assert main(["digest", "--send-due"]) == 0
    assert len(digest_posts(fake, "C0123ABCDEF")) == 1


def test_run_with_only_the_bot_token_is_a_configuration_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    assert main(["run"]) == 2
    assert "neither SLACK_APP_TOKEN" in capsys.readouterr().err


def test_run_with_app_token_but_no_bot_token_is_a_configuration_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1")
    assert main(["run"]) == 2
    assert "SLACK_BOT_TOKEN is not" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["alerts", "--send-due"],
        [
            "ingest",
            str(Path(__file__).resolve().parents[3] / "examples" / "2023-5g-gigabit-briefing.txt"),
        ],
    ],
)
def test_other_web_api_verbs_need_only_the_bot_token(
    monkeypatch: pytest.MonkeyPatch, fake: FakeSlack, argv: list[str]
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-cron")
    monkeypatch.setenv("SLACK_API_URL", fake.base_url)
    assert main(argv) == 0
