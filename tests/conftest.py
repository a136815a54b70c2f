"""Shared fixtures: settings and services on a real SQLite file in a temp folder.

Every test runs with an environment scrubbed of Slack and database variables, so a
developer's shell or ``.env`` can never leak into a test.

Tests marked ``postgres`` or ``corpus`` skip locally when their service is missing and
fail under ``CI=true`` (tests/support/ci_skips.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Settings, load_settings

pytest_plugins = [
    "pytester",
    "tests.support.ci_skips",
    "tests.support.http_server",
    "tests.support.slack_fixtures",
]

_ENV_PREFIXES = ("SLACK_", "CDFBOT_")
_ENV_NAMES = ("DATABASE_URL", "HOST", "PORT", "LOG_LEVEL")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith(_ENV_PREFIXES) or name in _ENV_NAMES:
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
