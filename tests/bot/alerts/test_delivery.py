"""Sending queued alerts through the real poster to the fake Slack Web API: a DM per user
watch, once; Slack errors handled as digests handle them."""

from __future__ import annotations

from datetime import date

from bot.alerts.delivery import send_due_alerts
from bot.digest.delivery import Outcome, Poster
from bot.model import Watch
from bot.services import Services
from tests.support.digest_data import figure, release
from tests.support.fake_slack import FakeSlack


def _queue(services: Services, target: str = "U0ALICE1", kind: str = "user") -> None:
    store = services.store
    old = release(published=date(2025, 1, 27), figures=[figure(value=4_251_000, period="2024")])
    assert store.add_release(old).stored
    store.upsert_watch(Watch("5g_base_stations", "count", "5G base stations", kind, target))
    new = release(
        title="工信部发布2025年通信业统计公报",
        published=date(2026, 1, 20),
        figures=[figure(value=4_838_000, period="2025")],
    )
    assert store.add_release(new).stored


def test_a_user_watch_is_told_once_by_dm(
    services: Services, slack_post: Poster, fake_slack: FakeSlack
) -> None:
    _queue(services)
    [(_, outcome)] = send_due_alerts(services.store, slack_post, worker="w1")
    assert outcome is Outcome.SENT
    assert send_due_alerts(services.store, slack_post, worker="w2") == []
    [call] = fake_slack.calls_to("chat.postMessage")
    assert call.channel == "U0ALICE1"
    assert call.params["text"].startswith(
        "5G base stations: 4.838 million (2025), up from 4.251 million (2024) — 工信部发布2025年"
    )


def test_a_server_error_is_retried_by_the_next_run(
    services: Services, slack_post: Poster, fake_slack: FakeSlack
) -> None:
    _queue(services)
    outage = fake_slack.server_error("chat.postMessage", times=None)
    [(_, outcome)] = send_due_alerts(services.store, slack_post, worker="w1")
    assert outcome is Outcome.FAILED
    outage.times = 0
    [(_, outcome)] = send_due_alerts(services.store, slack_post, worker="w1")
    assert outcome is Outcome.SENT
    assert services.store.alert_counts() == {"sent": 1}


def test_a_channel_gone_drops_the_alert_and_tells_the_admins_once(
    services: Services, slack_post: Poster, fake_slack: FakeSlack
) -> None:
    _queue(services, "C0GONE123", "channel")
    fake_slack.fail("chat.postMessage", "channel_not_found", channel="C0GONE123")
    told: list[str] = []
    results = send_due_alerts(
        services.store, slack_post, worker="w1", on_broken=lambda w, why: told.append(why)
    )
    assert [outcome for _, outcome in results] == [Outcome.BROKEN]
    assert told == ["channel_not_found"]
    assert services.store.alert_counts() == {"dropped": 1}
    [watch] = services.store.list_watches()
    assert watch.broken_reason == "channel_not_found"


def test_racing_senders_post_each_alert_once(services: Services) -> None:
    """Four senders at once on one database (the bot's job, cron, a second replica)."""
    import threading

    from tests.support.digest_data import RecordingPoster

    store = services.store
    for n in range(12):
        store.upsert_watch(Watch("5g_base_stations", "count", "5G", "user", f"U0USER{n:03d}"))
    new = release(published=date(2026, 1, 20), figures=[figure(value=4_838_000, period="2025")])
    assert store.add_release(new).stored
    poster, lock = RecordingPoster(), threading.Lock()

    def post(channel, reply, thread_ts=None):
        with lock:
            return poster(channel, reply, thread_ts)

    senders = [
        threading.Thread(target=send_due_alerts, args=(store, post), kwargs={"worker": f"w{n}"})
        for n in range(4)
    ]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    assert sorted(channel for channel, _, _ in poster.posts) == [
        f"U0USER{n:03d}" for n in range(12)
    ]
