"""The model-text job is scheduled only when CDFBOT_LLM_URL is set."""

from __future__ import annotations

import io

from bot.cli.console import console_poster
from bot.services import build_services
from jobs.enrich import ENRICH_JOB_ID
from jobs.scheduler import build_scheduler


def test_the_model_job_runs_only_when_a_model_is_configured(settings) -> None:
    off = build_services(settings)
    on = build_services(settings.model_copy(update={"llm_url": "http://127.0.0.1:9/chat"}))
    try:
        assert build_scheduler(off, console_poster(io.StringIO())).get_job(ENRICH_JOB_ID) is None
        assert build_scheduler(on, console_poster(io.StringIO())).get_job(ENRICH_JOB_ID)
    finally:
        off.close()
        on.close()
