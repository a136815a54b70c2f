"""The running scheduler: on time in local time, once across restarts and processes.

The clock is frozen and moved with time-machine; the scheduler's thread is woken after
each move (``wakeup()``), so no test waits for real time to pass.
"""

from __future__ import annotations

import queue
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobExecutionEvent
from apscheduler.schedulers.background import BackgroundScheduler

from bot.config import Settings
from bot.digest import subscriptions
from bot.digest.delivery import Poster
from bot.digest.schedule import Schedule, latest_fire, next_fire
from bot.model import Subscription
from bot.services import Services, build_services
from jobs.scheduler import SWEEP_JOB, build_scheduler
from tests.support.digest_data import digest_posts
from tests.support.fake_slack import FakeSlack

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(day: int, hour: int, minute: int = 0, second: int = 0, month: int = 11) -> datetime:
    return datetime(2024, month, day, hour, minute, second, tzinfo=BERLIN)


class Running:
    """A started scheduler and the job runs it reports."""

    def __init__(self, services: Services, post: Poster) -> None:
        self.scheduler = build_scheduler(services, post)
        self.runs: queue.Queue[JobExecutionEvent] = queue.Queue()
        self.scheduler.add_listener(self.runs.put, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
        self.scheduler.start()

    def wait_for(self, job_id: str) -> None:
        while True:
            event = self.runs.get(timeout=10)
            if event.exception is not None:
                raise event.exception
            if event.job_id == job_id:
                return

    def sweep_now(self) -> None:
        self.scheduler.get_job(SWEEP_JOB).modify(next_run_time=datetime.now(BERLIN))
        self.scheduler.wakeup()
        self.wait_for(SWEEP_JOB)

    def stop(self) -> None:
        self.scheduler.shutdown(wait=True)


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(berlin(18, 8), tick=False) as traveller:
        yield traveller


@pytest.fixture
def subscription(services: Services, clock: time_machine.Coordinates) -> Subscription:
    """Monday 09:00 Berlin, made on Monday 18 Nov at 08:00 (nothing owed before 09:00)."""
    return services.store.upsert_subscription(Subscription("C1", timezone="Europe/Berlin"))


def _fire_at_nine(running: Running, clock: time_machine.Coordinates, job_id: str) -> None:
    clock.move_to(berlin(18, 9, 0, 1))
    running.scheduler.wakeup()
    running.wait_for(job_id)


def test_digest_posts_once_at_nine_local_time(
    services: Services,
    subscription: Subscription,
    fake_slack: FakeSlack,
    slack_post: Poster,
    clock: time_machine.Coordinates,
) -> None:
    running = Running(services, slack_post)
    try:
        running.wait_for(SWEEP_JOB)  # the catch-up at start finds nothing owed
        job = running.scheduler.get_job(f"digest:{subscription.id}")
        assert job.next_run_time == berlin(18, 9)
        assert digest_posts(fake_slack) == []
        _fire_at_nine(running, clock, job.id)
        clock.move_to(berlin(18, 9, 30))
        running.sweep_now()
    finally:
        running.stop()
    assert len(digest_posts(fake_slack, "C1")) == 1


def test_a_restart_does_not_repost(
    services: Services,
    settings: Settings,
    subscription: Subscription,
    fake_slack: FakeSlack,
    slack_post: Poster,
    clock: time_machine.Coordinates,
) -> None:
    first = Running(services, slack_post)
    try:
        _fire_at_nine(first, clock, f"digest:{subscription.id}")
    finally:
        first.stop()
    clock.move_to(berlin(18, 9, 10))
    restarted_services = build_services(settings)
    restarted = Running(restarted_services, slack_post)
    try:
        restarted.wait_for(SWEEP_JOB)
    finally:
        restarted.stop()
        restarted_services.close()
    assert len(digest_posts(fake_slack, "C1")) == 1


def test_a_missed_week_is_caught_up_once_at_start(
    services: Services,
    subscription: Subscription,
    fake_slack: FakeSlack,
    slack_post: Poster,
    clock: time_machine.Coordinates,
) -> None:
    clock.move_to(berlin(27, 14))  # down through Monday 25 Nov 09:00
    running = Running(services, slack_post)
    try:
        running.wait_for(SWEEP_JOB)
        running.sweep_now()
    finally:
        running.stop()
    (post,) = digest_posts(fake_slack, "C1")
    assert post.json_param("blocks")[0]["text"]["text"] == "CDF & NDA digest · 18–24 Nov 2024"


def test_two_schedulers_on_one_database_post_once(
    services: Services,
    settings: Settings,
    subscription: Subscription,
    fake_slack: FakeSlack,
    slack_post: Poster,
    clock: time_machine.Coordinates,
) -> None:
    other_services = build_services(settings)
    one, two = Running(services, slack_post), Running(other_services, slack_post)
    try:
        one.wait_for(SWEEP_JOB)
        two.wait_for(SWEEP_JOB)
        clock.move_to(berlin(18, 9, 0, 1))
        one.scheduler.wakeup()
        two.scheduler.wakeup()
        one.wait_for(f"digest:{subscription.id}")
        two.wait_for(f"digest:{subscription.id}")
    finally:
        one.stop()
        two.stop()
        other_services.close()
    assert len(digest_posts(fake_slack, "C1")) == 1


def test_subscribing_reschedules_a_running_scheduler(
    services: Services, slack_post: Poster, clock: time_machine.Coordinates
) -> None:
    scheduler: BackgroundScheduler = build_scheduler(services, slack_post)
    scheduler.start(paused=True)
    try:
        store = services.store
        sub = subscriptions.subscribe(store, "U1", "C2", ["fri", "17:30"], default_timezone="UTC")
        job_id = f"digest:{sub.id}"
        assert scheduler.get_job(job_id).next_run_time == datetime(
            2024, 11, 22, 17, 30, tzinfo=ZoneInfo("UTC")
        )
        subscriptions.subscribe(store, "U1", "C2", ["sat", "08:00"], default_timezone="UTC")
        assert scheduler.get_job(job_id).next_run_time.weekday() == 5
        subscriptions.unsubscribe(store, "U1", "C2")
        assert scheduler.get_job(job_id) is None
    finally:
        scheduler.shutdown(wait=False)


def test_a_broken_subscription_gets_no_job(services: Services, slack_post: Poster) -> None:
    sub = services.store.upsert_subscription(Subscription("C404"))
    services.store.mark_subscription_broken(sub.id, "channel_not_found")
    scheduler = build_scheduler(services, slack_post)
    assert scheduler.get_job(f"digest:{sub.id}") is None


def test_nine_local_stays_nine_local_across_the_dst_change() -> None:
    schedule = Schedule("mon", 9, 0, "Europe/Berlin")
    before = next_fire(schedule, berlin(20, 12, month=3))
    after = next_fire(schedule, berlin(28, 12, month=3))
    assert (before.hour, before.utcoffset().total_seconds()) == (9, 3600)
    assert (after.hour, after.utcoffset().total_seconds()) == (9, 7200)


def test_latest_fire_is_the_most_recent_past_time() -> None:
    schedule = Schedule("mon", 9, 0, "Europe/Berlin")
    assert latest_fire(schedule, berlin(18, 8, 59)) == berlin(11, 9)
    assert latest_fire(schedule, berlin(18, 9)) == berlin(18, 9)
