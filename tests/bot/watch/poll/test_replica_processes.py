"""Three real ``cdfbot poll --once`` processes on one real PostgreSQL database (issue 14,
item 1): 30 feeds, two rounds, every feed fetched exactly once per round. (How evenly the
work is shared depends on when each process starts; ``benchmarks/replicas_bench.py``
measures that.)"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.store import open_store
from tests.bot.store.conftest import postgres_url  # noqa: F401 - the fixture
from tests.bot.watch.poll.conftest import add
from tests.bot.watch.poll.test_replicas import EMPTY_FEED
from tests.support.http_server import LocalHTTPServer

pytestmark = [pytest.mark.postgres, pytest.mark.timeout(180)]
FEEDS = 30
REPLICAS = 3
ROUND_TRIP = 0.05


def _slow_feed(name: str):
    body = EMPTY_FEED.format(name=name).encode()

    def answer(_request: object) -> tuple[int, dict, bytes]:
        time.sleep(ROUND_TRIP)
        return 200, {"Content-Type": "application/rss+xml"}, body

    return answer


def _round(postgres_url: str, tmp_path: Path) -> list[int]:  # noqa: F811
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DATABASE_URL": postgres_url,
        "CDFBOT_ALLOW_PRIVATE_URLS": "true",
        "CDFBOT_POLL_CONCURRENCY": "4",
    }
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "bot", "poll", "--once"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=tmp_path,
        )
        for _ in range(REPLICAS)
    ]
    polled = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        polled.append(int(re.search(r"polled (\d+) sources", out).group(1)))
    return polled


def test_three_processes_fetch_each_feed_once_per_round(
    postgres_url: str,  # noqa: F811
    http_server: LocalHTTPServer,
    tmp_path: Path,
) -> None:
    store = open_store(postgres_url)
    paths = [f"/feed{n}.rss" for n in range(FEEDS)]
    for n, path in enumerate(paths):
        http_server.route(path, _slow_feed(f"S{n}"))
        add(store, http_server.url(path), name=f"S{n}")
    first = _round(postgres_url, tmp_path)
    for source in store.list_sources():
        source.next_poll_at = None
        store.record_poll(source)
    second = _round(postgres_url, tmp_path)
    store.close()
    assert sum(first) == FEEDS and sum(second) == FEEDS
    assert [len(http_server.requests_for(p)) for p in paths] == [2] * FEEDS
