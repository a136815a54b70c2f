"""Run work under a deadline: answer in time even when the work cannot finish.

A database behind a broken network neither answers nor refuses; a thread waiting on it
waits until the driver's own timeouts fire (tens of seconds). Slack shows the user an
error if a slash command is not acknowledged within 3 seconds
(https://api.slack.com/interactivity/slash-commands#responding_basic_receipt), and a load
balancer's readiness probe has its own timeout. So such work runs on a small pool and the
caller waits at most ``seconds``: past that it gets :class:`DeadlineExceeded` and answers
("the database is not answering"); the stuck work finishes, or fails, on its own later.
The pool is bounded, so a partition ties up at most ``workers`` threads; work still
queued when its deadline passes is cancelled and never runs.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

from bot.errors import CdfBotError
from bot.logs import ContextThreadPool

T = TypeVar("T")


class DeadlineExceeded(CdfBotError):
    """The work did not finish within its deadline."""


class DeadlineRunner:
    """A bounded pool that runs one call at a time per worker, each under a deadline."""

    def __init__(self, workers: int, name: str) -> None:
        self._pool = ContextThreadPool(max_workers=workers, thread_name_prefix=name)

    def call(self, work: Callable[[], T], seconds: float) -> T:
        """``work()``'s result or exception, or DeadlineExceeded after ``seconds``."""
        future = self._pool.submit(work)
        try:
            return future.result(timeout=seconds)
        except FutureTimeout:
            future.cancel()
            raise DeadlineExceeded(f"no answer within {seconds:g} s") from None

    def shutdown(self) -> None:
        """Stop taking work; threads still blocked end when their calls return."""
        self._pool.shutdown(wait=False, cancel_futures=True)
