"""Stopping the scheduler without cutting a job short (issue 14, item 4).

APScheduler 3's ``shutdown(wait=True)`` holds the scheduler's job-store lock while it
waits for running jobs, so a running job that touches the scheduler — the digest sweep
calls ``get_jobs()`` to resynchronise its cron jobs — deadlocks against it. Instead:
:func:`track_running` counts jobs between submission and their end (scheduler events),
and :func:`stop_scheduler` pauses the scheduler (no new runs), waits until the count is
zero (or a deadline), and only then shuts it down without waiting.

The submission event is dispatched after the job is handed to its executor, so a job can
already be running while the count still says zero. The executors' own per-job instance
counts (APScheduler 3's ``BaseExecutor._instances``, raised inside ``submit_job``) close
that window: the wait ends only when both say nothing runs.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_MISSED,
    EVENT_JOB_SUBMITTED,
    JobEvent,
)
from apscheduler.schedulers.base import BaseScheduler

DONE = EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED
POLL_SECONDS = 0.05
"""How often the executors' counts are read while waiting (they send no event)."""


class RunningJobs:
    """How many job runs have been submitted and not yet ended."""

    def __init__(self) -> None:
        self._count = 0
        self._changed = threading.Condition()

    def __call__(self, event: JobEvent) -> None:
        with self._changed:
            self._count += 1 if event.code == EVENT_JOB_SUBMITTED else -1
            self._changed.notify_all()

    def wait_idle(self, timeout: float, busy: Callable[[], bool] = lambda: False) -> bool:
        """True once no job runs (a job's end may be reported before its submission,
        hence ``<= 0``) and ``busy()`` is false; False if ``timeout`` passed first."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while self._count > 0 or busy():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._changed.wait(min(remaining, POLL_SECONDS))
        return True


def track_running(scheduler: BaseScheduler) -> RunningJobs:
    """Count the scheduler's running jobs from now on (call before ``start()``)."""
    running = RunningJobs()
    scheduler.add_listener(running, EVENT_JOB_SUBMITTED | DONE)
    return running


def stop_scheduler(scheduler: BaseScheduler, running: RunningJobs, timeout: float) -> bool:
    """Pause, let running jobs end (up to ``timeout`` s), shut down; True if they ended."""
    scheduler.pause()
    scheduler.get_jobs()  # waits out a round of submissions that holds the job-store lock
    idle = running.wait_idle(timeout, busy=lambda: _executors_busy(scheduler))
    scheduler.shutdown(wait=False)
    return idle


def _executors_busy(scheduler: BaseScheduler) -> bool:
    """Whether any executor has a job instance running (submitted and not yet ended)."""
    for executor in scheduler._executors.values():
        with executor._lock:
            if any(executor._instances.values()):
                return True
    return False
