"""Canned Web API answers for :mod:`tests.support.fake_slack`, one function per method.

Each returns the success body Slack documents for the method (https://api.slack.com/methods),
trimmed to the fields the bot reads. Unknown methods get ``unknown_method`` like Slack.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.support.fake_slack import FakeSlack

BOT_USER_ID = "U0FAKEBOT"
BOT_ID = "B0FAKEBOT"
TEAM_ID = "T0FAKE"

Answer = Callable[["FakeSlack", dict[str, Any]], dict[str, Any]]


def answer_api_call(fake: FakeSlack, method: str, params: dict[str, Any]) -> dict[str, Any]:
    answer = _ANSWERS.get(method)
    if answer is None:
        return {"ok": False, "error": "unknown_method"}
    return answer(fake, params)


def _ts(fake: FakeSlack) -> str:
    return f"1700000000.{fake._next_id():06d}"


def _connections_open(fake: FakeSlack, params: dict[str, Any]) -> dict[str, Any]:
    """Socket Mode's first step (https://api.slack.com/methods/apps.connections.open)."""
    if not fake.socket_url:
        return {"ok": False, "error": "not_allowed_token_type"}
    return {"ok": True, "url": fake.socket_url}


def _auth_test(fake: FakeSlack, params: dict[str, Any]) -> dict[str, Any]:
    return {
        "ok": True,
        "url": "https://fake.slack.com/",
        "team": "Fake Workspace",
        "user": "cdfbot",
        "team_id": TEAM_ID,
        "user_id": BOT_USER_ID,
        "bot_id": BOT_ID,
        "is_enterprise_install": False,
    }


def _post_message(fake: FakeSlack, params: dict[str, Any]) -> dict[str, Any]:
    ts = _ts(fake)
    message = {"type": "message", "user": BOT_USER_ID, "ts": ts, "text": params.get("text", "")}
    if params.get("thread_ts"):
        message["thread_ts"] = params["thread_ts"]
    metadata = params.get("metadata")
    if metadata:
        message["metadata"] = json.loads(metadata) if isinstance(metadata, str) else metadata
    if not params.get("thread_ts"):
        fake._keep_message(str(params.get("channel")), message)
    return {"ok": True, "channel": params.get("channel"), "ts": ts, "message": message}


HISTORY_LIMIT = 100


def _conversations_history(fake: FakeSlack, params: dict[str, Any]) -> dict[str, Any]:
    """Newest first, paged by ``cursor``; ``oldest`` is compared with when a message
    arrived; ``metadata`` only with ``include_all_metadata``
    (https://api.slack.com/methods/conversations.history)."""
    oldest = float(params.get("oldest") or 0)
    with_metadata = str(params.get("include_all_metadata", "")).lower() in ("1", "true")
    arrivals = reversed(fake._arrivals(str(params.get("channel"))))
    found = [message for arrived, message in arrivals if arrived > oldest]
    start = int(params.get("cursor") or 0)
    limit = int(params.get("limit") or HISTORY_LIMIT)
    page = [
        {key: value for key, value in message.items() if with_metadata or key != "metadata"}
        for message in found[start : start + limit]
    ]
    more = start + limit < len(found)
    return {
        "ok": True,
        "messages": page,
        "has_more": more,
        "response_metadata": {"next_cursor": str(start + limit) if more else ""},
    }


def _post_ephemeral(fake: FakeSlack, params: dict[str, Any]) -> dict[str, Any]:
    return {"ok": True, "message_ts": _ts(fake)}


def _users_info(fake: FakeSlack, params: dict[str, Any]) -> dict[str, Any]:
    user_id = str(params.get("user", ""))
    user = fake._user(user_id)
    if user is None:
        user = {"id": user_id, "name": user_id.lower(), "real_name": f"User {user_id}"}
    return {"ok": True, "user": {"tz": "Asia/Shanghai", "is_bot": False, **user}}


def _conversations_info(fake: FakeSlack, params: dict[str, Any]) -> dict[str, Any]:
    channel_id = str(params.get("channel", ""))
    channel = {
        "id": channel_id,
        "name": channel_id.lower(),
        "is_im": channel_id.startswith("D"),
        "is_private": channel_id.startswith("G"),
        "is_member": True,
    }
    return {"ok": True, "channel": channel}


def _conversations_open(fake: FakeSlack, params: dict[str, Any]) -> dict[str, Any]:
    """The DM with ``users`` (one user): ``D`` + the user ID without its ``U``."""
    users = str(params.get("users", ""))
    if not users or "," in users:
        return {"ok": False, "error": "users_not_found" if not users else "not_implemented"}
    channel = {"id": dm_channel_id(users), "is_im": True, "user": users}
    return {"ok": True, "channel": channel}


def dm_channel_id(user_id: str) -> str:
    """The DM channel the fake assigns to ``user_id`` (stable, so tests can expect it)."""
    return "D" + user_id.removeprefix("U")


def _views_publish(fake: FakeSlack, params: dict[str, Any]) -> dict[str, Any]:
    view = params.get("view")
    view = json.loads(view) if isinstance(view, str) else dict(view or {})
    return {"ok": True, "view": {**view, "id": f"V{fake._next_id():08d}", "team_id": TEAM_ID}}


def _get_upload_url(fake: FakeSlack, params: dict[str, Any]) -> dict[str, Any]:
    file_id = f"F{fake._next_id():08d}"
    return {"ok": True, "upload_url": f"{fake.origin}/upload/{file_id}", "file_id": file_id}


def _complete_upload(fake: FakeSlack, params: dict[str, Any]) -> dict[str, Any]:
    files = params.get("files")
    files = json.loads(files) if isinstance(files, str) else list(files or [])
    return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}


_ANSWERS: dict[str, Answer] = {
    "auth.test": _auth_test,
    "apps.connections.open": _connections_open,
    "chat.postMessage": _post_message,
    "chat.postEphemeral": _post_ephemeral,
    "users.info": _users_info,
    "conversations.info": _conversations_info,
    "conversations.history": _conversations_history,
    "conversations.open": _conversations_open,
    "views.publish": _views_publish,
    "files.getUploadURLExternal": _get_upload_url,
    "files.completeUploadExternal": _complete_upload,
}
