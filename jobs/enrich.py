"""The model-text job: every minute, ask the model about a few stored releases.

Only when ``CDFBOT_LLM_URL`` is set; calls the core (:meth:`bot.watch.enrich.Enricher.
enrich_pending`) and nothing more. ``max_instances=1``: one batch at a time, so a slow
model never piles calls up; each release is recorded once, so replicas never ask twice.
"""

from __future__ import annotations

import logging

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.services import Services
from bot.watch.enrich import Enricher, enricher_for

log = logging.getLogger(__name__)

ENRICH_JOB_ID = "enrich"
ENRICH_EVERY_SECONDS = 60
RELEASES_PER_RUN = 5


def enrich_stored(enricher: Enricher) -> int:
    """One batch; returns how many releases were asked about (errors logged, never raised)."""
    try:
        return len(enricher.enrich_pending(RELEASES_PER_RUN))
    except Exception:  # the scheduler thread must survive a database outage
        log.exception("model text job failed")
        return 0


def add_enrich_job(scheduler: BaseScheduler, services: Services) -> Enricher | None:
    """Register the job when a model is configured; returns its Enricher (or None)."""
    enricher = enricher_for(services.store, services.settings)
    if enricher is None:
        return None
    scheduler.add_job(
        enrich_stored,
        IntervalTrigger(seconds=ENRICH_EVERY_SECONDS),
        args=[enricher],
        id=ENRICH_JOB_ID,
        replace_existing=True,
        max_instances=1,
        coalesce=True,
        misfire_grace_time=ENRICH_EVERY_SECONDS,
    )
    return enricher
