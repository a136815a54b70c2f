"""Fixtures for tests that talk to a fake Slack Web API on 127.0.0.1.

``fake`` is the server; ``slack_config`` the settings pointing at it (HTTP mode, a SQLite
file in the test's folder); ``slack_services`` and ``app`` are built from them. A test
module that needs other settings overrides ``slack_config``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_bolt import App

from bot.config import Settings
from bot.services import Services, build_services
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import slack_settings


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server


@pytest.fixture
def slack_config(fake: FakeSlack, tmp_path: Path) -> Settings:
    return slack_settings(fake.base_url, f"sqlite:///{tmp_path / 't.sqlite3'}")


@pytest.fixture
def slack_services(slack_config: Settings) -> Iterator[Services]:
    services = build_services(slack_config)
    yield services
    services.close()


@pytest.fixture
def app(slack_services: Services) -> App:
    from bot.slack.app import create_app

    return create_app(slack_services)
