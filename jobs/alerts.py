"""The alert job: every :data:`ALERT_EVERY_SECONDS`, send the queued indicator alerts.

Only calls the core (:func:`bot.alerts.delivery.send_due_alerts`); its claims make it safe
beside ``cdfbot alerts --send-due`` and other bot processes on the same database. Runs
twice a minute so an alert queued by a poll goes out within a minute.
"""

from __future__ import annotations

import logging

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.alerts.delivery import send_due_alerts
from bot.digest.delivery import Outcome, Poster
from bot.model import Alert
from bot.render.alerts import render_broken_watch
from bot.services import Services
from jobs.digest import WORKER, notify_admins

log = logging.getLogger(__name__)

ALERT_JOB_ID = "alerts"
ALERT_EVERY_SECONDS = 30


def send_alerts(services: Services, post: Poster) -> list[tuple[Alert, Outcome]]:
    """Send what is due; the admins hear once about a watch whose target is gone."""
    try:
        return send_due_alerts(
            services.store,
            post,
            worker=WORKER,
            on_broken=lambda watch, reason: notify_admins(
                services, post, render_broken_watch(watch, reason)
            ),
        )
    except Exception:  # the scheduler thread must survive a database outage
        log.exception("sending alerts failed")
        return []


def add_alert_job(scheduler: BaseScheduler, services: Services, post: Poster) -> None:
    scheduler.add_job(
        send_alerts,
        IntervalTrigger(seconds=ALERT_EVERY_SECONDS),
        args=[services, post],
        id=ALERT_JOB_ID,
        replace_existing=True,
        max_instances=1,
        coalesce=True,
        misfire_grace_time=ALERT_EVERY_SECONDS,
    )
