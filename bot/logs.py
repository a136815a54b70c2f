"""Logging set-up: plain lines, or JSON lines with a request id (issue 14, item 3).

``LOG_FORMAT=json`` writes one JSON object per line — ``time`` (UTC, ISO 8601), ``level``,
``logger``, ``message``, ``request_id`` when one is set, ``exception`` with the traceback
— which log shippers parse without a pattern. The request id lives in a context variable:
each Slack request gets one (a Bolt middleware in :mod:`bot.slack.app`), each source poll
another (:mod:`bot.watch.poll.cycle`), so every line a request causes can be found
together. Threads do not inherit context variables, so work handed to a pool goes through
:class:`ContextThreadPool`, which runs each task in a copy of the submitter's context.
"""

from __future__ import annotations

import contextvars
import json
import logging
import secrets
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, Literal

LogFormat = Literal["text", "json"]
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

REQUEST_ID: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "cdfbot_request_id", default=None
)


def new_request_id(kind: str) -> str:
    """``slack-3f9a1c2b7d4e``: the kind of work, then 48 random bits."""
    return f"{kind}-{secrets.token_hex(6)}"


@contextmanager
def request_context(request_id: str) -> Iterator[str]:
    """Every log line inside carries ``request_id``."""
    token = REQUEST_ID.set(request_id)
    try:
        yield request_id
    finally:
        REQUEST_ID.reset(token)


def bind_request_id(kind: str) -> str:
    """Give the rest of this thread's current work a new request id, without a scope to
    end it: for a Bolt middleware, whose ``next()`` only flags the chain to continue (the
    listeners run after the middleware has returned). Each request binds its own first,
    so an id never outlives the request into the next one on that thread."""
    request_id = new_request_id(kind)
    REQUEST_ID.set(request_id)
    return request_id


class JsonFormatter(logging.Formatter):
    """One JSON object per record."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = REQUEST_ID.get()
        if request_id:
            entry["request_id"] = request_id
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure(level: str, log_format: LogFormat = "text") -> None:
    """Root logging for the process (from :func:`bot.config.configure_logging`); like
    ``logging.basicConfig``, it leaves a root logger that already has handlers alone."""
    handler = logging.StreamHandler()
    handler.setFormatter(
        JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT)
    )
    logging.basicConfig(level=getattr(logging, level), handlers=[handler])


class ContextThreadPool(ThreadPoolExecutor):
    """A thread pool whose tasks run in a copy of the submitting thread's context, so a
    lazy listener logs with the request id of the request that started it."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        context = contextvars.copy_context()
        return super().submit(context.run, fn, *args, **kwargs)
