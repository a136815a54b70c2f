"""DeadlineRunner: a result in time, the work's own error, or DeadlineExceeded on time."""

from __future__ import annotations

import threading
import time

import pytest

from bot.deadline import DeadlineExceeded, DeadlineRunner
from bot.logs import REQUEST_ID, request_context


def test_a_quick_call_returns_its_result() -> None:
    assert DeadlineRunner(1, "t").call(lambda: 42, 1.0) == 42


def test_the_works_own_error_is_raised() -> None:
    def fail() -> None:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        DeadlineRunner(1, "t").call(fail, 1.0)


def test_a_stuck_call_gives_up_at_its_deadline() -> None:
    release = threading.Event()
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded):
        DeadlineRunner(1, "t").call(release.wait, 0.2)
    assert time.monotonic() - started < 1.0
    release.set()


def test_when_every_worker_is_stuck_the_next_call_waits_only_its_deadline() -> None:
    runner, release = DeadlineRunner(1, "t"), threading.Event()
    with pytest.raises(DeadlineExceeded):
        runner.call(release.wait, 0.1)
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded):
        runner.call(lambda: 1, 0.2)
    assert time.monotonic() - started < 1.0
    release.set()


def test_the_worker_keeps_the_callers_request_id() -> None:
    with request_context("slack-abc"):
        assert DeadlineRunner(1, "t").call(REQUEST_ID.get, 1.0) == "slack-abc"
