"""``/cdf <indicator> --csv``: the indicator's whole history as a CSV file, in the asker's DM.

The lookup answers in the ack as usual; the file is built and uploaded afterwards on one
background thread, since three Web API calls would not fit Slack's 3-second ack
(https://api.slack.com/interactivity/slash-commands#responding_basic_receipt). The upload is
``files_upload_v2`` (``files.getUploadURLExternal`` → POST of the bytes →
``files.completeUploadExternal``, https://api.slack.com/messaging/files#uploading_files) to
the DM that ``conversations.open(users=…)`` opens (scope ``im:write``), so a download
requested in a channel never shows up there. When the DM cannot be opened the asker gets
an ephemeral note through ``response_url``.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.constants import CSV_FAILED, CSV_IN_DM
from bot.export.formats import csv_bytes
from bot.export.rows import HISTORY_COLUMNS, history_rows
from bot.lookup.answer import Answer
from bot.render.blocks import context
from bot.render.reply import Reply
from bot.services import Services

logger = logging.getLogger(__name__)
_JOBS: ThreadPoolExecutor | None = None
_LOCK = threading.Lock()


def wants_csv(answer: Answer | None) -> bool:
    return answer is not None and answer.csv and answer.indicator is not None


def add_csv_note(reply: Reply, answer: Answer | None) -> Reply:
    """Tell the asker where the file will go (our own text: no escaping)."""
    if wants_csv(answer):
        reply.blocks.append(context([CSV_IN_DM]))
        reply.text = f"{reply.text}\n{CSV_IN_DM}"
    return reply


def schedule_csv(
    client: WebClient, respond: Respond, services: Services, answer: Answer, user_id: str
) -> bool:
    """Queue the upload; True when the answer asked for a CSV of an indicator."""
    if not wants_csv(answer):
        return False
    global _JOBS
    with _LOCK:
        if _JOBS is None:
            _JOBS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cdf-csv")
        jobs = _JOBS
    jobs.submit(_upload_job, client, respond, services, answer, user_id)
    return True


def send_csv(
    client: WebClient, respond: Respond, services: Services, answer: Answer, user_id: str
) -> bool:
    """Build and upload the CSV to the asker's DM; True when it was sent."""
    indicator = answer.indicator
    assert indicator is not None
    content = csv_bytes(history_rows(services.store, indicator), HISTORY_COLUMNS)
    try:
        opened = client.conversations_open(users=user_id)
        client.files_upload_v2(
            channel=str(opened["channel"]["id"]),
            content=content,
            filename=f"{indicator.id}.csv",
            title=f"{indicator.name_en}: history",
            initial_comment=f"{indicator.name_en}: every period, values in base units.",
        )
    except SlackApiError as exc:
        logger.warning("CSV of %s not sent to %s: %s", indicator.id, user_id, exc)
        respond(text=CSV_FAILED, response_type="ephemeral")
        return False
    return True


def _upload_job(
    client: WebClient, respond: Respond, services: Services, answer: Answer, user_id: str
) -> None:
    try:
        send_csv(client, respond, services, answer, user_id)
    except Exception:
        logger.exception("CSV for /cdf %r failed", answer.query)
