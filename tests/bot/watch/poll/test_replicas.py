"""Several pollers on one database share the due sources (issue 14, item 1): each source is
polled by exactly one of them; a stopping poller starts no further source and frees it."""

from __future__ import annotations

import threading
import time

from bot.fetch.client import Fetcher
from bot.store import Store
from bot.watch.poll import Poller
from tests.bot.watch.poll.conftest import Site, add

EMPTY_FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title>'
    "<link>http://example.cn/</link><description>none yet</description></channel></rss>"
)


def _feeds(site: Site, store: Store, count: int) -> list[str]:
    paths = [f"/feed{n}.rss" for n in range(count)]
    for n, path in enumerate(paths):
        site.serve(path, EMPTY_FEED.format(name=f"S{n}"), "application/rss+xml")
        add(store, site.url(path), name=f"S{n}")
    return paths


def _poller(store: Store) -> Poller:
    return Poller(store, Fetcher(allow_private=True, timeout=5, attempts=1), concurrency=2)


def test_two_pollers_at_once_poll_each_source_exactly_once(site: Site, store: Store) -> None:
    paths = _feeds(site, store, 12)
    pollers = [_poller(store), _poller(store)]
    polled: list[int] = []
    threads = [
        threading.Thread(target=lambda p=p: polled.append(p.run_cycle().polled)) for p in pollers
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    for poller in pollers:
        poller.close()
    assert sum(polled) == 12
    assert [len(site.requests(path)) for path in paths] == [1] * 12


def test_a_stopped_poller_finishes_its_source_and_frees_the_rest(site: Site, store: Store) -> None:
    entered, release = threading.Event(), threading.Event()

    def slow(_request: object) -> tuple[int, dict, bytes]:
        entered.set()
        release.wait(10)
        return 200, {"Content-Type": "application/rss+xml"}, EMPTY_FEED.format(name="x").encode()

    site.server.route("/slow.rss", slow)
    add(store, site.url("/slow.rss"), name="slow")
    paths = _feeds(site, store, 3)
    first = Poller(store, Fetcher(allow_private=True, timeout=5, attempts=1), concurrency=1)
    result: list[int] = []
    cycle = threading.Thread(target=lambda: result.append(first.run_cycle().polled))
    cycle.start()
    assert entered.wait(10)
    first.stop()
    release.set()
    cycle.join(timeout=10)
    assert result == [1], "only the source being fetched when the stop came"
    time.sleep(0.1)
    second = _poller(store)
    assert second.run_cycle().polled == 3, "the others' leases were released"
    assert [len(site.requests(path)) for path in paths] == [1] * 3
    first.close()
    second.close()
