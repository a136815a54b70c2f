"""The poll job: every minute, poll the sources that are due.

``max_instances=1`` and ``coalesce=True``: a cycle that overruns the minute is never run
twice at once, and the runs it missed collapse into one. Sources still polling from an
earlier cycle are skipped by the Poller itself, so even a manual ``cdfbot poll --once`` in
the same process cannot poll a site twice at once.
"""

from __future__ import annotations

import logging

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.digest.delivery import Poster
from bot.services import Services
from bot.watch.poll import Poller, build_poller

log = logging.getLogger(__name__)

POLL_JOB_ID = "poll"
POLL_EVERY_SECONDS = 60


def poll_due_sources(poller: Poller) -> int:
    """One cycle; returns the number of new releases (logged, never raised)."""
    try:
        return len(poller.run_cycle().new_releases)
    except Exception:  # the scheduler thread must survive a database outage
        log.exception("poll cycle failed")
        return 0


def add_poll_job(scheduler: BaseScheduler, services: Services, post: Poster) -> Poller:
    """Register the every-minute poll job; returns its Poller (close it on shutdown)."""
    poller = build_poller(services, post)
    scheduler.add_job(
        poll_due_sources,
        IntervalTrigger(seconds=POLL_EVERY_SECONDS),
        args=[poller],
        id=POLL_JOB_ID,
        replace_existing=True,
        max_instances=1,
        coalesce=True,
        misfire_grace_time=POLL_EVERY_SECONDS,
    )
    return poller
