"""The digest poster posts each digest once, also when Slack's answer is lost.

Slack can post a message and the answer never arrive: a reset connection, an answer later
than the client's timeout, a 5xx. Each test runs the real delivery (claim → post →
complete) through the production poster against the fake Web API and counts the messages
the channel shows.
"""

from __future__ import annotations

from datetime import date

import pytest
from slack_sdk import WebClient

from bot.digest.delivery import DIGEST_EVENT, Outcome, deliver_digest
from bot.model import Subscription
from bot.render.reply import Reply
from bot.services import Services
from bot.slack.post import DeliveryUncertain, slack_poster
from tests.support.digest_data import TOKEN, release, store_releases
from tests.support.fake_slack import FakeSlack

MONDAY = date(2024, 11, 25)
CLIENT_TIMEOUT = 0.5


@pytest.fixture
def subscription(services: Services) -> Subscription:
    store_releases(services.store, release())
    return services.store.upsert_subscription(Subscription("C1"))


def _deliver(services: Services, fake: FakeSlack, subscription: Subscription) -> Outcome:
    client = WebClient(token=TOKEN, base_url=fake.base_url, timeout=CLIENT_TIMEOUT)
    post = slack_poster(client, settle_seconds=0)
    return deliver_digest(services.store, post, subscription, MONDAY, worker="test")


def test_the_digest_carries_its_marker(
    services: Services, fake: FakeSlack, subscription: Subscription
) -> None:
    _deliver(services, fake, subscription)
    (message,) = fake.messages("C1")
    assert message["metadata"] == {
        "event_type": DIGEST_EVENT,
        "event_payload": {"subscription": str(subscription.id), "period": "2024-11-18"},
    }


def test_a_reset_after_slack_accepted_posts_once(
    services: Services, fake: FakeSlack, subscription: Subscription
) -> None:
    fake.accept_then_reset("chat.postMessage")
    assert _deliver(services, fake, subscription) is Outcome.SENT
    assert len(fake.messages("C1")) == 1


def test_an_answer_past_the_client_timeout_posts_once(
    services: Services, fake: FakeSlack, subscription: Subscription
) -> None:
    fake.accept_then_delay("chat.postMessage", CLIENT_TIMEOUT * 3)
    assert _deliver(services, fake, subscription) is Outcome.SENT
    assert _deliver(services, fake, subscription) is Outcome.TAKEN
    assert len(fake.messages("C1")) == 1


def test_a_server_error_after_slack_accepted_posts_once(
    services: Services, fake: FakeSlack, subscription: Subscription
) -> None:
    fake.accept_then_server_error("chat.postMessage")
    assert _deliver(services, fake, subscription) is Outcome.SENT
    assert len(fake.messages("C1")) == 1


def test_a_post_that_never_reached_slack_is_posted_again(
    services: Services, fake: FakeSlack, subscription: Subscription
) -> None:
    fake.server_error("chat.postMessage")
    assert _deliver(services, fake, subscription) is Outcome.SENT
    assert len(fake.messages("C1")) == 1
    assert len(fake.calls_to("chat.postMessage")) == 2


def test_an_unreadable_history_stops_the_run_without_posting_again(
    services: Services, fake: FakeSlack, subscription: Subscription
) -> None:
    fake.accept_then_delay("chat.postMessage", CLIENT_TIMEOUT * 3)
    fake.fail("conversations.history", "missing_scope", times=1)
    with pytest.raises(DeliveryUncertain):
        _deliver(services, fake, subscription)
    assert len(fake.calls_to("chat.postMessage")) == 1


def test_the_next_run_finds_the_earlier_attempts_message(
    services: Services, fake: FakeSlack, subscription: Subscription
) -> None:
    fake.accept_then_delay("chat.postMessage", CLIENT_TIMEOUT * 3)
    fake.fail("conversations.history", "missing_scope", times=1)
    with pytest.raises(DeliveryUncertain):
        _deliver(services, fake, subscription)
    assert _deliver(services, fake, subscription) is Outcome.SENT
    assert len(fake.messages("C1")) == 1
    assert len(fake.calls_to("chat.postMessage")) == 1


def test_a_message_without_a_marker_is_not_sent_again(fake: FakeSlack) -> None:
    fake.accept_then_reset("chat.postMessage")
    post = slack_poster(WebClient(token=TOKEN, base_url=fake.base_url), settle_seconds=0)
    with pytest.raises(ConnectionError):
        post("C1", Reply("a note for the admins"), None)
    assert len(fake.messages("C1")) == 1
