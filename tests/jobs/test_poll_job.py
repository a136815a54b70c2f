"""The every-minute poll job: registration and failure isolation."""

from __future__ import annotations

from apscheduler.schedulers.background import BackgroundScheduler

from jobs.poll import POLL_JOB_ID, add_poll_job, poll_due_sources


def test_job_is_registered_without_overlap(services) -> None:
    scheduler = BackgroundScheduler()
    poller = add_poll_job(scheduler, services, lambda _c, _r, _t: None)
    job = scheduler.get_job(POLL_JOB_ID)
    assert (job.max_instances, job.coalesce, job.trigger.interval.total_seconds()) == (1, True, 60)
    poller.close()


def test_job_survives_a_broken_cycle() -> None:
    class Broken:
        def run_cycle(self):
            raise RuntimeError("database is down")

    assert poll_due_sources(Broken()) == 0  # type: ignore[arg-type]
