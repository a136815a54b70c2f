"""Charts for ``/cdf`` answers: drawn and uploaded after the acknowledgement.

Rendering a PNG takes far longer than Slack's 3-second ack allows on a cold process
(https://api.slack.com/interactivity/slash-commands#responding_basic_receipt), so it runs
in a Bolt lazy listener (https://slack.dev/bolt-python/concepts#lazy-listeners).
The upload is ``files_upload_v2`` (``files.getUploadURLExternal`` → POST of the bytes →
``files.completeUploadExternal``, https://api.slack.com/messaging/files#uploading_files),
shared to the channel the command came from. Where the bot is not a member (a DM between
two people, a private channel it was not invited to) Slack answers ``not_in_channel`` or
``channel_not_found``; the user then gets an ephemeral note through ``response_url``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import TYPE_CHECKING, Any

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.constants import CHART_NOT_IN_CHANNEL
from bot.history import PeriodValue
from bot.lookup import Answer, lookup
from bot.render.chart import chart_for, render_chart

if TYPE_CHECKING:
    from bot.services import Services

logger = logging.getLogger(__name__)
_NOT_THERE = {"not_in_channel", "channel_not_found", "is_archived", "restricted_action"}


_POOL: ProcessPoolExecutor | None = None
_POOL_LOCK = threading.Lock()
RENDER_TIMEOUT_SECONDS = 60


def render_in_worker(title: str, points: list[PeriodValue]) -> bytes:
    """Draw in one worker process: matplotlib is CPU-bound Python and would otherwise hold
    the GIL that the web server's threads need to acknowledge other commands in time."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"))
        pool = _POOL
    return pool.submit(render_chart, title, points).result(timeout=RENDER_TIMEOUT_SECONDS)


def send_chart(
    client: WebClient, respond: Respond, answer: Answer, channel_id: str | None, user_id: str
) -> bool:
    """Upload the answer's chart to ``channel_id``; True when a chart was posted."""
    chart = chart_for(answer, render=render_in_worker)
    if chart is None or not channel_id:
        return False
    try:
        client.files_upload_v2(
            channel=channel_id,
            content=chart.png,
            filename=chart.filename,
            title=chart.title,
            initial_comment=f"{chart.comment} (asked by <@{user_id}>)",
        )
    except SlackApiError as exc:
        error = str(exc.response.get("error", ""))
        if error not in _NOT_THERE:
            logger.exception("chart upload for %s failed", chart.filename)
            return False
        logger.info("chart for %s not posted in %s: %s", chart.filename, channel_id, error)
        respond(text=CHART_NOT_IN_CHANNEL.format(comment=chart.comment), response_type="ephemeral")
        return False
    return True


def lazy_chart(services: Services, is_lookup: Callable[[str], bool]) -> Callable[..., None]:
    """The lazy listener for ``/cdf``: Bolt runs it for every command, so it filters."""

    def chart_cdf(command: dict[str, Any], client: WebClient, respond: Respond) -> None:
        text = str(command.get("text") or "").strip()
        if not text or not is_lookup(text):
            return
        try:
            answer = lookup(services.store, text)
            send_chart(client, respond, answer, command.get("channel_id"), command["user_id"])
        except Exception:
            logger.exception("chart for /cdf %r failed", text)

    return chart_cdf
