"""The digest job against a fake Slack Web API: owed digests, catch-up, Slack failures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from slack_sdk.models.blocks import Block

from bot.config import load_settings
from bot.digest.delivery import Outcome, Poster
from bot.model import Commitment, Subscription
from bot.services import Services, build_services
from jobs.digest import send_due
from tests.support.digest_data import digest_posts, release, store_releases
from tests.support.fake_slack import FakeSlack

SHANGHAI = ZoneInfo("Asia/Shanghai")
HOSTILE = "<!channel> <@U123> *bold*"


def at(day: int, hour: int = 10, month: int = 11) -> datetime:
    return datetime(2024, month, day, hour, 0, tzinfo=SHANGHAI)


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(at(11, 8), tick=False) as traveller:
        yield traveller


def _subscribe(services: Services, *channels: str) -> list[Subscription]:
    return [services.store.upsert_subscription(Subscription(c)) for c in channels]


def _headers(fake: FakeSlack, channel: str) -> list[str]:
    return [c.json_param("blocks")[0]["text"]["text"] for c in digest_posts(fake, channel)]


def test_a_missed_week_is_caught_up_once(
    services: Services, fake_slack: FakeSlack, slack_post: Poster, clock: time_machine.Coordinates
) -> None:
    _subscribe(services, "C1")
    clock.move_to(at(20))  # the bot was down on Monday 18 Nov, 09:00
    send_due(services, slack_post)
    send_due(services, slack_post)
    assert _headers(fake_slack, "C1") == ["CDF & NDA digest · 11–17 Nov 2024"]


def test_weeks_of_downtime_send_only_the_latest_digest(
    services: Services, fake_slack: FakeSlack, slack_post: Poster, clock: time_machine.Coordinates
) -> None:
    _subscribe(services, "C1")
    clock.move_to(at(4, month=12))
    send_due(services, slack_post)
    assert _headers(fake_slack, "C1") == ["CDF & NDA digest · 25 Nov – 1 Dec 2024"]


def test_past_the_grace_time_the_missed_digest_is_dropped(
    services: Services, fake_slack: FakeSlack, slack_post: Poster, clock: time_machine.Coordinates
) -> None:
    _subscribe(services, "C1")
    clock.move_to(at(24, 10))  # six days and one hour after Monday 09:00
    send_due(services, slack_post)
    assert digest_posts(fake_slack) == []


def test_a_new_subscription_gets_no_back_dated_digest(
    services: Services, fake_slack: FakeSlack, slack_post: Poster, clock: time_machine.Coordinates
) -> None:
    clock.move_to(at(20))
    _subscribe(services, "C1")
    send_due(services, slack_post)
    assert digest_posts(fake_slack) == []


def test_a_broken_channel_does_not_stop_the_others(
    services: Services, fake_slack: FakeSlack, slack_post: Poster, clock: time_machine.Coordinates
) -> None:
    _subscribe(services, "C1", "C404", "C3")
    fake_slack.fail("chat.postMessage", "channel_not_found", channel="C404")
    clock.move_to(at(18, 9))
    results = send_due(services, slack_post)
    assert [outcome for _, outcome in results] == [Outcome.SENT, Outcome.BROKEN, Outcome.SENT]
    assert len(digest_posts(fake_slack, "C1")) == len(digest_posts(fake_slack, "C3")) == 1
    broken = [s for s in services.store.list_subscriptions() if s.channel_id == "C404"]
    assert broken[0].broken_reason == "channel_not_found"


def test_admins_are_told_once_about_a_broken_channel(
    services: Services, fake_slack: FakeSlack, slack_post: Poster, clock: time_machine.Coordinates
) -> None:
    _subscribe(services, "C404")
    fake_slack.fail("chat.postMessage", "is_archived", channel="C404")
    clock.move_to(at(18, 9))
    send_due(services, slack_post)
    clock.move_to(at(25, 9))
    send_due(services, slack_post)
    (alert,) = digest_posts(fake_slack, "UADMIN1")
    assert "is_archived" in alert.params["text"]
    assert len(digest_posts(fake_slack, "C404")) == 1


def test_the_alert_goes_to_the_alert_channel_when_set(
    db_url: str, fake_slack: FakeSlack, slack_post: Poster, clock: time_machine.Coordinates
) -> None:
    settings = load_settings(env_file=None, DATABASE_URL=db_url, CDFBOT_ALERT_CHANNEL="CALERTS")
    services = build_services(settings)
    _subscribe(services, "C404")
    fake_slack.fail("chat.postMessage", "not_in_channel", channel="C404")
    clock.move_to(at(18, 9))
    send_due(services, slack_post)
    services.close()
    assert len(digest_posts(fake_slack, "CALERTS")) == 1


def test_rate_limit_is_waited_out_and_posts_once(
    services: Services, fake_slack: FakeSlack, slack_post: Poster, clock: time_machine.Coordinates
) -> None:
    _subscribe(services, "C1")
    fake_slack.rate_limit("chat.postMessage", retry_after=0)
    clock.move_to(at(18, 9))
    assert [o for _, o in send_due(services, slack_post)] == [Outcome.SENT]
    assert len(digest_posts(fake_slack, "C1")) == 2  # the 429, then the digest


def test_a_transient_server_error_is_retried(
    services: Services, fake_slack: FakeSlack, slack_post: Poster, clock: time_machine.Coordinates
) -> None:
    _subscribe(services, "C1")
    fake_slack.server_error("chat.postMessage", times=1)
    clock.move_to(at(18, 9))
    assert [o for _, o in send_due(services, slack_post)] == [Outcome.SENT]


def test_a_lasting_outage_fails_now_and_sends_on_a_later_run(
    services: Services, fake_slack: FakeSlack, slack_post: Poster, clock: time_machine.Coordinates
) -> None:
    _subscribe(services, "C1")
    outage = fake_slack.server_error("chat.postMessage", times=None)
    clock.move_to(at(18, 9))
    assert [o for _, o in send_due(services, slack_post)] == [Outcome.FAILED]
    outage.times = 0
    clock.move_to(at(18, 9).replace(minute=30))
    assert [o for _, o in send_due(services, slack_post)] == [Outcome.SENT]


def test_posted_payload_is_valid_block_kit_and_pings_nobody(
    services: Services, fake_slack: FakeSlack, slack_post: Poster, clock: time_machine.Coordinates
) -> None:
    store_releases(
        services.store,
        release(HOSTILE, published=date(2024, 11, 13), commitments=[Commitment(HOSTILE)]),
    )
    _subscribe(services, "C1")
    clock.move_to(at(18, 9))
    send_due(services, slack_post)
    (call,) = digest_posts(fake_slack, "C1")
    for raw in call.json_param("blocks"):
        Block.parse(raw).validate_json()
    body = call.body.decode()
    assert "<!channel>" not in call.params["text"] and "<!channel>" not in call.params["blocks"]
    assert "<@U123>" not in body and "link_names" not in call.params
    assert call.params["unfurl_links"] in (False, "0", "false", 0)


def test_a_digest_slack_refuses_is_not_retried_and_admins_are_told_once(
    services: Services, fake_slack: FakeSlack, slack_post: Poster, clock: time_machine.Coordinates
) -> None:
    _subscribe(services, "C1")
    fake_slack.fail("chat.postMessage", "msg_too_long", channel="C1")
    clock.move_to(at(18, 9))
    assert [o for _, o in send_due(services, slack_post)] == [Outcome.REJECTED]
    clock.move_to(at(18, 10))
    assert [o for _, o in send_due(services, slack_post)] == [None]
    assert len(digest_posts(fake_slack, "C1")) == 1
    (alert,) = digest_posts(fake_slack, "UADMIN1")
    assert "msg_too_long" in alert.params["text"]
