"""New-release alerts: one post per release, each with a marker, never posted twice."""

from __future__ import annotations

from datetime import date

import pytest
from slack_sdk import WebClient

from bot.model import Release, Source
from bot.slack.post import slack_poster
from bot.watch.poll.alerts import MAX_ANNOUNCED_PER_POLL, RELEASE_EVENT, Alerter
from bot.watch.poll.summary import NEW, SourceOutcome
from tests.support.fake_slack import FakeSlack

CHANNEL = "CALERT"


def _outcome(count: int) -> SourceOutcome:
    source = Source(url="https://www.nda.gov.cn/list.html", kind="html", name="NDA", id=7)
    releases = [
        Release(
            title=f"Release {n}",
            language="en",
            text="",
            content_hash=f"h{n}",
            url=f"https://www.nda.gov.cn/{n}.html",
            published=date(2026, 12, 1),
            id=100 + n,
        )
        for n in range(count)
    ]
    return SourceOutcome(source=source, status=NEW, new_releases=releases, parsed=True)


@pytest.fixture
def alerter(fake: FakeSlack) -> Alerter:
    client = WebClient(token="xoxb-alerts", base_url=fake.base_url)
    return Alerter(slack_poster(client, settle_seconds=0), CHANNEL)


def test_each_alert_carries_its_release_as_marker(fake: FakeSlack, alerter: Alerter) -> None:
    alerter.announce(_outcome(1))
    (message,) = fake.messages(CHANNEL)
    assert message["metadata"] == {"event_type": RELEASE_EVENT, "event_payload": {"release": "100"}}


def test_an_alert_whose_answer_was_lost_is_posted_once(fake: FakeSlack, alerter: Alerter) -> None:
    fake.accept_then_reset("chat.postMessage")
    assert alerter.announce(_outcome(2)) == 2
    assert [m["metadata"]["event_payload"]["release"] for m in fake.messages(CHANNEL)] == [
        "100",
        "101",
    ]


def test_releases_past_the_cap_are_one_summary_line(fake: FakeSlack, alerter: Alerter) -> None:
    assert alerter.announce(_outcome(MAX_ANNOUNCED_PER_POLL + 5)) == MAX_ANNOUNCED_PER_POLL + 1
    texts = [m["text"] for m in fake.messages(CHANNEL)]
    assert len(texts) == MAX_ANNOUNCED_PER_POLL + 1
    assert texts[-1] == "…and 5 more new releases from NDA"


def test_quiet_releases_are_not_announced(fake: FakeSlack, alerter: Alerter) -> None:
    outcome = _outcome(3)
    outcome.quiet_ids = {100, 101}
    alerter.announce(outcome)
    assert [m["metadata"]["event_payload"]["release"] for m in fake.messages(CHANNEL)] == ["102"]
