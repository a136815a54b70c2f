"""Shared fixtures: settings and services on a real SQLite file in a temp folder.

Every test runs with an environment scrubbed of Slack and database variables, so a
developer's shell or ``.env`` can never leak into a test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Settings, load_settings

pytest_plugins = ["tests.support.http_server"]

_ENV = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "DATABASE_URL",
    "CDFBOT_ADMINS",
    "PORT",
    "LOG_LEVEL",
    "CDFBOT_TIMEZONE",
    "CDFBOT_ALERT_CHANNEL",
    "CDFBOT_ALLOW_PRIVATE_URLS",
    "CDFBOT_LOAD_EXAMPLES",
)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cdfbot.sqlite3'}"


@pytest.fixture
def settings(db_url: str) -> Settings:
    return load_settings(env_file=None, DATABASE_URL=db_url, CDFBOT_ADMINS="UADMIN1")


@pytest.fixture
def services(settings: Settings) -> Iterator[object]:
    from bot.services import build_services

    built = build_services(settings)
    yield built
    built.close()
