"""CDFBOT_METRICS_PORT (issue 14, item 3): the console (like Socket Mode) serves /metrics on
a port of its own, since it has no HTTP server for Slack."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.bot.cli.test_run_lifecycle import free_port

pytestmark = pytest.mark.timeout(120)


def test_console_serves_metrics_on_the_metrics_port(tmp_path: Path) -> None:
    port = free_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite3'}",
        "CDFBOT_LOAD_EXAMPLES": "false",
        "CDFBOT_POLL_ENABLED": "false",
        "CDFBOT_METRICS_PORT": str(port),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=tmp_path,
    )
    try:
        body = b""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not body:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as r:
                    body = r.read()
            except OSError:
                time.sleep(0.2)
        assert b"cdfbot_sources{" in body
        assert b"cdfbot_polls" in body
    finally:
        assert process.stdin is not None
        process.stdin.close()
        assert process.wait(timeout=30) == 0
