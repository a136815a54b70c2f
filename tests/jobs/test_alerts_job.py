"""The alert job: registered with the scheduler; in the local console the alert is printed."""

from __future__ import annotations

import io
from datetime import date

from bot.cli.console import console_poster
from bot.model import Watch
from bot.services import Services
from jobs.alerts import ALERT_JOB_ID, send_alerts
from jobs.scheduler import build_scheduler
from tests.support.digest_data import figure, release


def test_the_scheduler_runs_the_alert_job(services: Services) -> None:
    scheduler = build_scheduler(services, console_poster(io.StringIO()))
    assert scheduler.get_job(ALERT_JOB_ID) is not None


def test_in_the_console_the_alert_is_printed(services: Services) -> None:
    store = services.store
    store.upsert_watch(Watch("5g_base_stations", "count", "5G base stations", "user", "console"))
    new = release(published=date(2026, 1, 20), figures=[figure(value=4_838_000, period="2025")])
    assert store.add_release(new).stored
    out = io.StringIO()
    assert len(send_alerts(services, console_poster(out))) == 1
    assert out.getvalue().startswith("[→ console]\n5G base stations: 4.838 million (2025) — ")
    assert send_alerts(services, console_poster(out)) == []
