"""Stopping the scheduler (issue 14, item 4): running jobs end first, even one that uses
the scheduler (the digest sweep), and the wait has a deadline."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler

from jobs.lifecycle import stop_scheduler, track_running


def _run_now(scheduler: BackgroundScheduler, job) -> None:
    scheduler.add_job(job, next_run_time=datetime.now(UTC))


def test_a_running_job_that_reads_the_scheduler_ends_before_the_stop() -> None:
    scheduler = BackgroundScheduler()
    running = track_running(scheduler)
    started, finished = threading.Event(), threading.Event()

    def sweep() -> None:
        started.set()
        time.sleep(0.3)
        scheduler.get_jobs()  # deadlocked against shutdown(wait=True)
        finished.set()

    _run_now(scheduler, sweep)
    scheduler.start()
    assert started.wait(5)
    assert stop_scheduler(scheduler, running, timeout=5) is True
    assert finished.is_set()


def test_a_job_past_the_deadline_is_left_behind() -> None:
    scheduler = BackgroundScheduler()
    running = track_running(scheduler)
    started, release = threading.Event(), threading.Event()

    def stuck() -> None:
        started.set()
        release.wait(5)

    _run_now(scheduler, stuck)
    scheduler.start()
    assert started.wait(5)
    began = time.monotonic()
    assert stop_scheduler(scheduler, running, timeout=0.3) is False
    assert time.monotonic() - began < 2
    release.set()
