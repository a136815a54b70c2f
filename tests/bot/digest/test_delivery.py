"""Delivering one digest: claim → post → complete, at most once, channel errors contained."""

from __future__ import annotations

from datetime import date

import pytest

from bot.digest.delivery import ChannelUnavailable, MessageRejected, Outcome, deliver_digest
from bot.digest.schedule import digest_period
from bot.model import Subscription
from bot.services import Services
from tests.support import store_reads as reads
from tests.support.digest_data import RecordingPoster, release, rich_release, store_releases

MONDAY = date(2024, 11, 25)


@pytest.fixture
def poster() -> RecordingPoster:
    return RecordingPoster()


def _subscribe(services: Services, channel: str = "C1", **filters: object) -> Subscription:
    return services.store.upsert_subscription(Subscription(channel, filters=dict(filters)))


def _deliver(
    services: Services, poster: RecordingPoster, sub: Subscription, **kw: object
) -> Outcome:
    return deliver_digest(services.store, poster, sub, MONDAY, worker="test", **kw)


def test_monday_digest_covers_the_previous_monday_to_sunday() -> None:
    assert digest_period(MONDAY) == (date(2024, 11, 18), date(2024, 11, 24))


def test_posts_the_digest_once(services: Services, poster: RecordingPoster) -> None:
    store_releases(services.store, release())
    sub = _subscribe(services)
    assert _deliver(services, poster, sub) is Outcome.SENT
    assert _deliver(services, poster, sub) is Outcome.TAKEN
    assert len(poster.posts) == 1
    assert reads.last_digest(services.store, sub.id) == date(2024, 11, 18)


def test_long_digest_continues_in_the_parents_thread(
    services: Services, poster: RecordingPoster
) -> None:
    store_releases(services.store, *[rich_release(title=f"R{n}") for n in range(120)])
    _deliver(services, poster, _subscribe(services))
    (_, _, parent_thread), *replies = poster.posts
    assert parent_thread is None and replies
    assert all(thread == "1700000000.000001" for _, _, thread in replies)


def test_empty_week_posts_a_one_line_note(services: Services, poster: RecordingPoster) -> None:
    _deliver(services, poster, _subscribe(services))
    ((_, reply, _),) = poster.posts
    assert "No new releases" in reply.text


def test_empty_week_posts_nothing_when_the_subscription_says_so(
    services: Services, poster: RecordingPoster
) -> None:
    sub = _subscribe(services, skip_empty=True)
    assert _deliver(services, poster, sub) is Outcome.EMPTY
    assert poster.posts == []
    assert _deliver(services, poster, sub) is Outcome.TAKEN


def test_filters_of_the_subscription_apply(services: Services, poster: RecordingPoster) -> None:
    store_releases(services.store, release("English"), release("中文标题", language="zh"))
    _deliver(services, poster, _subscribe(services, languages=["zh"]))
    text = poster.posts[0][1].text
    assert "中文标题" in text and "English" not in text


def test_broken_channel_marks_the_subscription_and_reports_once(
    services: Services, poster: RecordingPoster
) -> None:
    sub = _subscribe(services)
    poster.failures = {
        0: ChannelUnavailable("C1", "is_archived"),
        1: ChannelUnavailable("C1", "is_archived"),
    }
    reported: list[str] = []
    on_broken = lambda s, reason: reported.append(reason)  # noqa: E731
    assert _deliver(services, poster, sub, on_broken=on_broken) is Outcome.BROKEN
    assert _deliver(services, poster, sub, on_broken=on_broken) is Outcome.BROKEN
    assert reported == ["is_archived"]
    (stored,) = services.store.list_subscriptions()
    assert stored.broken_reason == "is_archived"


def test_a_failed_post_is_retried_by_the_next_run(
    services: Services, poster: RecordingPoster
) -> None:
    sub = _subscribe(services)
    poster.failures = {0: ConnectionError("network down")}
    with pytest.raises(ConnectionError):
        _deliver(services, poster, sub)
    assert _deliver(services, poster, sub) is Outcome.SENT
    assert len(poster.posts) == 1


def test_a_failed_thread_reply_never_reposts_the_parent(
    services: Services, poster: RecordingPoster
) -> None:
    store_releases(services.store, *[rich_release(title=f"R{n}") for n in range(120)])
    sub = _subscribe(services)
    poster.failures = {1: ConnectionError("network down")}
    assert _deliver(services, poster, sub) is Outcome.SENT
    assert _deliver(services, poster, sub) is Outcome.TAKEN
    assert [thread for _, _, thread in poster.posts] == [None]


def test_a_digest_slack_refuses_is_reported_once_and_not_retried(
    services: Services, poster: RecordingPoster
) -> None:
    sub = _subscribe(services)
    poster.failures = {0: MessageRejected("C1", "invalid_blocks")}
    reported: list[tuple[date, str]] = []
    on_rejected = lambda s, start, reason: reported.append((start, reason))  # noqa: E731
    assert _deliver(services, poster, sub, on_rejected=on_rejected) is Outcome.REJECTED
    assert _deliver(services, poster, sub, on_rejected=on_rejected) is Outcome.TAKEN
    assert reported == [(date(2024, 11, 18), "invalid_blocks")]
    assert poster.calls == 1
    (stored,) = services.store.list_subscriptions()
    assert stored.broken_reason is None
