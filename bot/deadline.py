"""Run work under a deadline: answer in time even when the work cannot finish.

A database behind a broken network neither answers nor refuses; a thread waiting on it
waits until the driver's own timeouts fire (tens of seconds). Slack shows the user an
error if a slash command is not acknowledged within 3 seconds
(https://api.slack.com/interactivity/slash-commands#responding_basic_receipt), and a load
balancer's readiness probe has its own timeout. So such work runs on a worker thread and
the caller waits at most ``seconds``: past that it gets :class:`DeadlineExceeded` and
answers ("the database is not answering"); the stuck work finishes, or fails, on its own.

At most ``workers`` calls run at once, so a partition ties up a bounded number of
threads; a call that finds them all busy waits for one only until its deadline. Workers
are daemon threads that keep the caller's context (its request id, :mod:`bot.logs`), so
a call stuck on a dead peer never holds up the process's exit.
"""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

from bot.errors import CdfBotError

T = TypeVar("T")


class DeadlineExceeded(CdfBotError):
    """The work did not finish within its deadline."""


class _Call(Generic[T]):
    """One call's outcome, filled in by its worker thread."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.result: T | None = None
        self.error: BaseException | None = None


class DeadlineRunner:
    """Runs calls on at most ``workers`` daemon threads, each under a deadline."""

    def __init__(self, workers: int, name: str) -> None:
        self._slots = threading.BoundedSemaphore(workers)
        self._name = name

    def call(self, work: Callable[[], T], seconds: float) -> T:
        """``work()``'s result or exception, or DeadlineExceeded after ``seconds``."""
        until = time.monotonic() + seconds
        if not self._slots.acquire(timeout=seconds):
            raise DeadlineExceeded(f"no answer within {seconds:g} s (all workers busy)")
        outcome: _Call[T] = _Call()
        context = contextvars.copy_context()
        worker = threading.Thread(
            target=context.run, args=(self._run, work, outcome), name=self._name, daemon=True
        )
        worker.start()
        if not outcome.done.wait(max(until - time.monotonic(), 0)):
            raise DeadlineExceeded(f"no answer within {seconds:g} s")
        if outcome.error is not None:
            raise outcome.error
        return outcome.result  # type: ignore[return-value]

    def _run(self, work: Callable[[], T], outcome: _Call[T]) -> None:
        try:
            outcome.result = work()
        except BaseException as exc:  # handed to the caller, who decides
            outcome.error = exc
        finally:
            self._slots.release()
            outcome.done.set()

    def shutdown(self) -> None:
        """Nothing to stop: workers are daemon threads that end with their calls."""
