"""app_home_opened is acknowledged (200), not left to Bolt's 404 for unhandled events."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.services import build_services
from bot.slack_app import create_app
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import bolt_request, event_body, slack_settings


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server


def test_app_home_opened_is_acknowledged(fake: FakeSlack, tmp_path: Path) -> None:
    services = build_services(slack_settings(fake.base_url, f"sqlite:///{tmp_path / 't.db'}"))
    try:
        app = create_app(services)
        body = event_body({"type": "app_home_opened", "user": "U1", "tab": "home"})
        response = app.dispatch(bolt_request(body, content_type="application/json"))
    finally:
        services.close()
    assert response.status == 200
