"""``cdfbot run --mode http`` as a real process (issue 14, items 4 and 5): a graceful stop
on SIGTERM, a second signal at once, Slack unreachable at start, a refused token."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.fake_slack import FakeSlack
from tests.support.fake_socket_mode import FakeSocketMode
from tests.support.slack_requests import (
    ADMIN_ID,
    APP_TOKEN,
    BOT_TOKEN,
    SIGNING_SECRET,
    signed_headers,
    slash_command_body,
)

pytestmark = pytest.mark.timeout(120)
START_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Bot:
    """The bot process with its stderr collected line by line."""

    def __init__(self, tmp_path: Path, api_url: str, mode: str = "http") -> None:
        self.port = free_port()
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite3'}",
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": api_url,
            "PORT": str(self.port),
            "CDFBOT_ADMINS": ADMIN_ID,
            "CDFBOT_LOAD_EXAMPLES": "false",
            "CDFBOT_POLL_ENABLED": "false",
            "CDFBOT_HTTP_THREADS": "4",
        }
        if mode == "socket":
            env["SLACK_APP_TOKEN"] = APP_TOKEN
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--mode", mode],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=tmp_path,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    def wait_for_line(self, fragment: str, timeout: float = START_SECONDS) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.lines):
                if fragment in line:
                    return line
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"no line with {fragment!r} in {self.lines}")

    def wait_healthy(self, timeout: float = START_SECONDS) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.request("GET", "/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"not serving after {timeout}s: {self.lines}")

    def request(self, method: str, path: str, body: str = "") -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            headers = signed_headers(body) if body else {}
            conn.request(method, path, body=body.encode() or None, headers=headers)
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)


@contextmanager
def bot(tmp_path: Path, api_url: str, mode: str = "http") -> Iterator[Bot]:
    running = Bot(tmp_path, api_url, mode)
    try:
        yield running
    finally:
        running.stop()


def _start_slow_digest_preview(running: Bot, fake: FakeSlack) -> None:
    """A lazy listener is mid-way: Slack holds its response_url post."""
    body = slash_command_body("digest preview", response_url=fake.response_url("slow"))
    assert running.request("POST", "/slack/events", body)[0] == 200
    fake.wait_for("response", timeout=30)


def test_sigterm_finishes_in_flight_work_and_exits_0(tmp_path: Path, fake: FakeSlack) -> None:
    with bot(tmp_path, fake.base_url) as running:
        running.wait_healthy()
        fake.slow("response", 2.0)
        _start_slow_digest_preview(running, fake)
        signalled = time.monotonic()
        running.process.send_signal(signal.SIGTERM)
        assert running.process.wait(timeout=10) == 0
        assert time.monotonic() - signalled >= 1.0, "it did not wait for the lazy listener"
        running.wait_for_line("stopped", timeout=1)


def test_a_second_signal_exits_at_once(tmp_path: Path, fake: FakeSlack) -> None:
    with bot(tmp_path, fake.base_url) as running:
        running.wait_healthy()
        fake.slow("response", 20.0)
        _start_slow_digest_preview(running, fake)
        running.process.send_signal(signal.SIGTERM)
        running.wait_for_line("SIGTERM: stopping", timeout=5)
        running.process.send_signal(signal.SIGTERM)
        assert running.process.wait(timeout=3) == 128 + signal.SIGTERM


def test_slack_unreachable_at_start_is_waited_out(tmp_path: Path) -> None:
    slack_port = free_port()
    with bot(tmp_path, f"http://127.0.0.1:{slack_port}/api/") as running:
        line = running.wait_for_line("Slack API unreachable")
        assert "retrying in 5 s" in line
        assert running.process.poll() is None
        with FakeSlack(port=slack_port):
            running.wait_healthy(timeout=30)
            running.process.send_signal(signal.SIGTERM)
            assert running.process.wait(timeout=10) == 0
        assert not any("Traceback" in line for line in running.lines)


def test_a_refused_token_exits_2_with_one_line(tmp_path: Path, fake: FakeSlack) -> None:
    fake.fail("auth.test", "invalid_auth")
    with bot(tmp_path, fake.base_url) as running:
        assert running.process.wait(timeout=START_SECONDS) == 2
        running.wait_for_line("cdfbot: configuration error: SLACK_BOT_TOKEN", timeout=1)
        assert not any("Traceback" in line for line in running.lines)


def test_socket_mode_closes_its_socket_and_exits_0_on_sigterm(
    tmp_path: Path, fake: FakeSlack
) -> None:
    with FakeSocketMode() as server:
        fake.socket_url = server.url
        with bot(tmp_path, fake.base_url, mode="socket") as running:
            server.wait_for_connections(1, timeout=START_SECONDS)
            running.process.send_signal(signal.SIGTERM)
            assert running.process.wait(timeout=10) == 0
            running.wait_for_line("stopped", timeout=1)
