"""The /cdf listener: answers in ack() when fast, via response_url when slow, never crashes.

Router-contract tests use verbs (``latest``, ``search``): lookups are answered by the
handler from one :class:`~bot.lookup.answer.Answer` so the reply can say where the chart goes
(tests/test_e2e_lookup.py covers them)."""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from slack_bolt import App

from bot import commands
from bot.commands import CommandRequest, Routed
from bot.constants import INTERNAL_ERROR, NOT_ADMIN, WORKING_ON_IT
from bot.errors import CommandError
from bot.render.reply import Reply
from bot.services import Services
from handlers.cdf_command import slow_command, to_command_request
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import ADMIN_ID, USER_ID, bolt_request, slash_command_body

Router = Callable[[Services, CommandRequest], Reply]


@pytest.fixture
def routed(monkeypatch: pytest.MonkeyPatch) -> Callable[[Router], list[CommandRequest]]:
    """Replace the lead's router with ``router``; returns the requests it received."""

    def install(router: Router) -> list[CommandRequest]:
        seen: list[CommandRequest] = []

        def recording(services: Services, request: CommandRequest) -> Routed:
            seen.append(request)
            return Routed(router(services, request))

        monkeypatch.setattr(commands, "route", recording)
        return seen

    return install


def dispatch(app: App, text: str, **fields: Any) -> tuple[int, dict[str, Any]]:
    response = app.dispatch(bolt_request(slash_command_body(text, **fields)))
    return response.status, json.loads(response.body) if response.body else {}


def _reference(text: str) -> str:
    """The reference a failure sentence gives the user ("… (reference `slack-…` …")."""
    match = re.search(r"reference `([^`]+)`", text)
    assert match, text
    return match.group(1)


def test_request_carries_text_user_and_channel() -> None:
    request = to_command_request({"text": "  5g ", "user_id": "U1", "channel_id": "C1"})
    assert request == CommandRequest(text="5g", user_id="U1", channel_id="C1", is_dm=False)


def test_request_in_a_dm_is_flagged() -> None:
    request = to_command_request({"text": "5g", "user_id": "U1", "channel_id": "D1"})
    assert request.is_dm


def test_lookup_is_not_slow(slack_services: Services) -> None:
    assert slow_command(slack_services, CommandRequest("5g", USER_ID)) is None


def test_digest_preview_is_slow(slack_services: Services) -> None:
    assert slow_command(slack_services, CommandRequest("Digest preview", USER_ID)) == ("digest",)


def test_source_add_is_slow_for_admins(slack_services: Services) -> None:
    request = CommandRequest("source add https://x.test/feed", ADMIN_ID)
    assert slow_command(slack_services, request) == ("source", "add")


def test_source_add_is_fast_for_non_admins(slack_services: Services) -> None:
    request = CommandRequest("source add https://x.test/feed", USER_ID)
    assert slow_command(slack_services, request) is None


def test_source_test_is_slow_for_admins(slack_services: Services) -> None:
    request = CommandRequest("source test https://x.test/feed", ADMIN_ID)
    assert slow_command(slack_services, request) == ("source", "test")


def test_source_test_is_fast_for_non_admins(slack_services: Services) -> None:
    request = CommandRequest("source test 3", USER_ID)
    assert slow_command(slack_services, request) is None


def test_fast_answer_is_the_ack_body(app: App, routed: Callable[[Router], Any]) -> None:
    routed(lambda services, request: Reply(text=f"answer to {request.text}"))
    status, body = dispatch(app, "latest 3")
    assert status == 200
    assert body == {"text": "answer to latest 3", "response_type": "ephemeral"}


def test_in_channel_reply_keeps_its_response_type(
    app: App, routed: Callable[[Router], Any]
) -> None:
    routed(lambda services, request: Reply(text="x", response_type="in_channel"))
    assert dispatch(app, "latest")[1]["response_type"] == "in_channel"


def test_router_receives_the_slack_user_and_channel(
    app: App, routed: Callable[[Router], list[CommandRequest]]
) -> None:
    seen = routed(lambda services, request: Reply(text="ok"))
    dispatch(app, "latest", user_id="U777", channel_id="C9")
    assert seen == [CommandRequest(text="latest", user_id="U777", channel_id="C9", is_dm=False)]


def test_bot_error_becomes_its_message(app: App, routed: Callable[[Router], Any]) -> None:
    def refuse(services: Services, request: CommandRequest) -> Reply:
        raise CommandError("Usage: `/cdf help`")

    routed(refuse)
    status, body = dispatch(app, "search")
    assert (status, body["text"]) == (200, "Usage: `/cdf help`")


def test_unexpected_error_is_logged_and_hidden(
    app: App, routed: Callable[[Router], Any], caplog: pytest.LogCaptureFixture
) -> None:
    def crash(services: Services, request: CommandRequest) -> Reply:
        raise RuntimeError("secret internals")

    routed(crash)
    with caplog.at_level(logging.ERROR):
        status, body = dispatch(app, "latest")
    assert status == 200 and "secret" not in body["text"]
    assert body["text"].startswith(INTERNAL_ERROR.removesuffix(" Please try again."))
    assert "secret internals" in caplog.text
    assert _reference(body["text"]) in caplog.text


def test_slow_command_acks_then_responds(
    app: App, fake: FakeSlack, routed: Callable[[Router], Any]
) -> None:
    routed(lambda services, request: Reply(text="the digest"))
    status, body = dispatch(app, "digest preview", response_url=fake.response_url("d1"))
    assert (status, body["text"]) == (200, WORKING_ON_IT.format(command="digest"))
    (post,) = fake.wait_for("response")
    assert json.loads(post.body) == {"text": "the digest", "response_type": "ephemeral"}


def test_refused_response_url_is_logged(
    app: App, fake: FakeSlack, routed: Callable[[Router], Any], caplog: pytest.LogCaptureFixture
) -> None:
    routed(lambda services, request: Reply(text="the digest"))
    fake.server_error("response")
    with caplog.at_level(logging.WARNING, logger="handlers.cdf_command"):
        dispatch(app, "digest preview", response_url=fake.response_url("d2"))
        fake.wait_for("response")
        deadline = time.monotonic() + 5
        while "response_url refused" not in caplog.text and time.monotonic() < deadline:
            time.sleep(0.01)
    assert "response_url refused" in caplog.text


def test_fast_command_runs_the_router_once(
    app: App, fake: FakeSlack, routed: Callable[[Router], list[CommandRequest]]
) -> None:
    seen = routed(lambda services, request: Reply(text="ok"))
    dispatch(app, "latest", response_url=fake.response_url("f1"))
    time.sleep(0.2)  # give the (skipped) lazy listener time to misbehave
    assert len(seen) == 1
    assert fake.responses == []


def test_non_admin_source_add_is_refused_in_the_ack(app: App) -> None:
    status, body = dispatch(app, "source add https://example.org/feed", user_id=USER_ID)
    assert status == 200
    assert NOT_ADMIN.format(command="source") in json.dumps(body, ensure_ascii=False)
    assert body["response_type"] == "ephemeral"


def test_failing_lookup_is_logged_and_hidden(
    app: App, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def crash(store: Any, text: str) -> None:
        raise RuntimeError("lookup internals")

    monkeypatch.setattr("bot.commands.router.lookup", crash)
    with caplog.at_level(logging.ERROR):
        status, body = dispatch(app, "5g")
    assert status == 200 and "internals" not in body["text"]
    assert "lookup internals" in caplog.text
    assert _reference(body["text"]) in caplog.text
