"""APScheduler set-up: a cron job per subscription, plus a sweep that catches up.

* One :class:`CronTrigger` per active subscription, in the subscription's time zone, so
  "Monday 09:00 Europe/Berlin" stays 09:00 local across DST changes.
* Jobs coalesce and never overlap (``max_instances=1``); a run delayed by a busy or
  suspended process still happens within the misfire grace (6 days).
* The in-memory job store forgets missed runs across restarts, so a *sweep* job runs at
  start and every :data:`SWEEP_MINUTES`: it re-reads the subscriptions (changes made by
  another process, e.g. ``cdfbot subscribe``) and sends any digest still owed
  (a missed week once, a failed send again). Claims in the database make it safe for
  the cron job, the sweep and another process to overlap.
* Subscription changes made in this process reschedule at once via
  :func:`bot.digest.subscriptions.on_change`.

The alert job (:mod:`jobs.alerts`, indicator watches) and, with a model configured, the
model-text job (:mod:`jobs.enrich`) are added here too; the poller is added
to the scheduler :func:`build_scheduler` returns.
"""

from __future__ import annotations

from datetime import UTC, datetime

from apscheduler.events import EVENT_SCHEDULER_SHUTDOWN
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.digest import subscriptions
from bot.digest.delivery import Poster
from bot.digest.schedule import schedule_of, trigger_for
from bot.services import Services
from jobs.alerts import add_alert_job
from jobs.digest import MISFIRE_GRACE, send_digest, send_due
from jobs.enrich import add_enrich_job

MISFIRE_GRACE_SECONDS = int(MISFIRE_GRACE.total_seconds())
SWEEP_MINUTES = 30
JOB_PREFIX = "digest:"
SWEEP_JOB = "digest-sweep"


def build_scheduler(services: Services, post: Poster) -> BackgroundScheduler:
    """A scheduler (not started) carrying the digest jobs and the alert job."""
    scheduler = BackgroundScheduler(
        timezone=services.settings.timezone,
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": MISFIRE_GRACE_SECONDS,
        },
    )
    add_digest_jobs(scheduler, services, post)
    add_alert_job(scheduler, services, post)
    add_enrich_job(scheduler, services)
    return scheduler


def add_digest_jobs(scheduler: BaseScheduler, services: Services, post: Poster) -> None:
    """Cron jobs for today's subscriptions, the sweep (first run at start) and the hook."""
    sync_digest_jobs(scheduler, services, post)
    scheduler.add_job(
        sweep,
        IntervalTrigger(minutes=SWEEP_MINUTES),
        args=[scheduler, services, post],
        id=SWEEP_JOB,
        replace_existing=True,
        next_run_time=datetime.now(UTC),
    )
    remove = subscriptions.on_change(
        services.store, lambda: sync_digest_jobs(scheduler, services, post)
    )
    scheduler.add_listener(lambda event: remove(), EVENT_SCHEDULER_SHUTDOWN)


def sync_digest_jobs(scheduler: BaseScheduler, services: Services, post: Poster) -> None:
    """Make the cron jobs match the stored subscriptions.

    A job whose schedule is unchanged is left alone: replacing it would recompute its
    next run from "now" and could skip a run that is due this very second.
    """
    wanted = {
        f"{JOB_PREFIX}{sub.id}": sub
        for sub in services.store.list_subscriptions(active_only=True)
        if not sub.broken_reason
    }
    for job in scheduler.get_jobs():
        if job.id.startswith(JOB_PREFIX) and job.id not in wanted:
            scheduler.remove_job(job.id)
    for job_id, sub in wanted.items():
        schedule = schedule_of(sub)
        existing = scheduler.get_job(job_id)
        if existing is not None and existing.name == repr(schedule):
            continue
        scheduler.add_job(
            send_digest,
            trigger_for(schedule),
            args=[services, post, sub.id],
            id=job_id,
            name=repr(schedule),
            replace_existing=True,
        )


def sweep(scheduler: BaseScheduler, services: Services, post: Poster) -> None:
    sync_digest_jobs(scheduler, services, post)
    send_due(services, post)
