"""Charts for ``/cdf`` answers: drawn and uploaded after the acknowledgement.

Rendering a PNG takes far longer than Slack's 3-second ack allows on a cold process
(https://api.slack.com/interactivity/slash-commands#responding_basic_receipt), so it runs
in the background: the ack queues a job (:func:`schedule_chart`) on one chart thread,
which has a worker process draw it (:func:`render_in_worker`) and then uploads it.
The upload is ``files_upload_v2`` (``files.getUploadURLExternal`` → POST of the bytes →
``files.completeUploadExternal``, https://api.slack.com/messaging/files#uploading_files).

Where it goes follows the text answer, which only the asker sees (ephemeral):

* by default, to the asker in a DM with the bot: ``conversations.open(users=…)`` gives
  the DM's channel ID (scope ``im:write``, https://api.slack.com/methods/conversations.open),
  so a lookup never shows up in a channel uninvited;
* with ``/cdf <query> --share``, in the channel the command came from, "asked by" the
  user. Where the bot is not a member (a DM between two people, a private channel it was
  not invited to) Slack answers ``not_in_channel`` or ``channel_not_found``; the user then
  gets an ephemeral note through ``response_url``.

The ephemeral answer says which of the two will happen (:func:`add_chart_note`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import get_context

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.constants import CHART_DM_FAILED, CHART_IN_DM, CHART_NOT_IN_CHANNEL, CHART_SHARED
from bot.lookup.answer import Answer
from bot.lookup.history import PeriodValue
from bot.render.blocks import context
from bot.render.chart import Chart, chart_for, render_chart
from bot.render.reply import Reply

logger = logging.getLogger(__name__)
_NOT_THERE = {"not_in_channel", "channel_not_found", "is_archived", "restricted_action"}


_POOL: ProcessPoolExecutor | None = None
_JOBS: ThreadPoolExecutor | None = None
_POOL_LOCK = threading.Lock()
RENDER_TIMEOUT_SECONDS = 60
WORKER_NICENESS = 10
#: A chart job starts once no ``/cdf`` has been acknowledged for this long…
ACK_QUIET_SECONDS = 0.25
#: …or once it has waited this long, so a steady stream of commands cannot starve charts.
MAX_CHART_DEFER_SECONDS = 5.0
_last_ack = 0.0


def _lower_priority() -> None:
    """Chart worker initializer: charts are background work, acknowledgements are not."""
    with contextlib.suppress(OSError):  # not permitted here: run at normal priority
        os.nice(WORKER_NICENESS)


def render_in_worker(title: str, points: list[PeriodValue]) -> bytes:
    """Draw in one worker process: matplotlib is CPU-bound Python and would otherwise hold
    the GIL that the web server's threads need to acknowledge other commands in time.
    The process runs at a lower priority (``nice``) so that, on a busy machine, a burst of
    charts takes CPU from later charts rather than from acknowledgements."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ProcessPoolExecutor(
                max_workers=1, mp_context=get_context("spawn"), initializer=_lower_priority
            )
        pool = _POOL
    return pool.submit(render_chart, title, points).result(timeout=RENDER_TIMEOUT_SECONDS)


def _chart_jobs() -> ThreadPoolExecutor:
    """One thread runs chart jobs (render wait, upload) one after another.

    Renders are serial anyway (one worker process); running the jobs' Python parts
    (pickling, four Web API calls each) on one thread instead of every listener
    thread leaves the GIL to the web server's threads acknowledging other commands.
    """
    global _JOBS
    with _POOL_LOCK:
        if _JOBS is None:
            _JOBS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cdf-chart")
        return _JOBS


def note_ack() -> None:
    """Called as each ``/cdf`` acknowledgement starts: chart jobs wait for a quiet moment.

    The jobs' Python parts (unpickling the PNG, four Web API calls with their HTTP
    parsing) hold the GIL that a burst of acknowledgements needs; Python threads have no
    priorities, so the chart thread steps aside instead.
    """
    global _last_ack
    _last_ack = time.monotonic()


def _wait_for_quiet(queued_at: float) -> None:
    while True:
        now = time.monotonic()
        quiet_for = now - _last_ack
        deferred_for = now - queued_at
        if quiet_for >= ACK_QUIET_SECONDS or deferred_for >= MAX_CHART_DEFER_SECONDS:
            return
        time.sleep(min(ACK_QUIET_SECONDS - quiet_for, MAX_CHART_DEFER_SECONDS - deferred_for))


def chart_note(answer: Answer) -> str | None:
    """Where this answer's chart will go, or None when it gets no chart (< 3 periods)."""
    if not answer.chartable or answer.indicator is None:
        return None
    return CHART_SHARED if answer.share else CHART_IN_DM


def add_chart_note(reply: Reply, answer: Answer) -> Reply:
    """Append the chart's destination to the ephemeral answer (our own text: no escaping)."""
    note = chart_note(answer)
    if note is not None:
        reply.blocks.append(context([note]))
        reply.text = f"{reply.text}\n{note}"
    return reply


def send_chart(
    client: WebClient, respond: Respond, answer: Answer, channel_id: str | None, user_id: str
) -> bool:
    """Upload the answer's chart (DM by default, the channel with ``--share``); True when
    a chart was posted."""
    chart = chart_for(answer, render=render_in_worker)
    if chart is None:
        return False
    if answer.share:
        return _post_in_channel(client, respond, chart, channel_id, user_id)
    return _send_in_dm(client, respond, chart, user_id)


def _send_in_dm(client: WebClient, respond: Respond, chart: Chart, user_id: str) -> bool:
    try:
        opened = client.conversations_open(users=user_id)
        dm = str(opened["channel"]["id"])
        client.files_upload_v2(
            channel=dm,
            content=chart.png,
            filename=chart.filename,
            title=chart.title,
            initial_comment=chart.comment,
        )
    except SlackApiError as exc:
        logger.warning("chart for %s not sent to %s: %s", chart.filename, user_id, exc)
        respond(text=CHART_DM_FAILED.format(comment=chart.comment), response_type="ephemeral")
        return False
    return True


def _post_in_channel(
    client: WebClient, respond: Respond, chart: Chart, channel_id: str | None, user_id: str
) -> bool:
    if not channel_id:
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


def schedule_chart(
    client: WebClient, respond: Respond, answer: Answer, channel_id: str | None, user_id: str
) -> bool:
    """Queue the chart of an answer the ack has just computed (the lookup is not redone);
    True when the answer gets a chart. Returns at once: the job runs on the chart thread,
    after the acknowledgements in flight (:func:`note_ack`)."""
    if chart_note(answer) is None:
        return False
    queued_at = time.monotonic()
    _chart_jobs().submit(_chart_job, client, respond, answer, channel_id, user_id, queued_at)
    return True


def _chart_job(
    client: WebClient,
    respond: Respond,
    answer: Answer,
    channel_id: str | None,
    user_id: str,
    queued_at: float,
) -> None:
    try:
        _wait_for_quiet(queued_at)
        send_chart(client, respond, answer, channel_id, user_id)
    except Exception:
        logger.exception("chart for /cdf %r failed", answer.query)
