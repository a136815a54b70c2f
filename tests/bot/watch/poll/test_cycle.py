"""A whole cycle: concurrency, isolation of bad sources, failing state, cross-source links."""

from __future__ import annotations

import random
import threading
import time
from datetime import timedelta

from bot.fetch.client import Fetcher
from bot.store import Store
from bot.watch.poll import Poller, ScheduleRules
from bot.watch.poll.alerts import Alerter
from bot.watch.poll.summary import FAILED, NEW, TIMED_OUT
from tests.bot.watch.poll.conftest import BODIES, Site, add, fixture_text
from tests.support import store_reads as reads

EN = " ".join(BODIES[k] for k in ("computing", "labelling", "rules"))


def _due(store: Store) -> None:
    """Make every source due now, whatever its schedule says."""
    for source in store.list_sources():
        source.next_poll_at = None
        store.record_poll(source)


def test_cycle_polls_only_due_sources(site: Site, store: Store, poller: Poller) -> None:
    add(store, site.rss())
    assert poller.run_cycle().polled == 1
    assert poller.run_cycle().polled == 0, "next poll is an interval away"


def test_malformed_source_does_not_affect_the_others(
    site: Site, store: Store, poller: Poller
) -> None:
    add(store, site.serve("/bad.rss", "<rss><channel><title>A & B</title>", "text/xml"), name="bad")
    add(store, site.rss(), name="good")
    summary = poller.run_cycle()
    by_name = {o.source.name: o for o in summary.outcomes}
    assert by_name["bad"].status == FAILED
    assert by_name["good"].status == NEW and len(by_name["good"].new_releases) == 2


def test_slow_source_does_not_delay_the_others(site: Site, store: Store) -> None:
    release = threading.Event()
    site.server.route("/slow.rss", lambda _r: (release.wait(10), (200, {}, b""))[1])
    add(store, site.url("/slow.rss"), name="slow")
    for n in range(3):
        add(store, site.rss(f"/fast{n}.rss"), name=f"fast{n}")
    with Fetcher(allow_private=True, timeout=10, attempts=1) as fetcher:
        poller = Poller(store, fetcher, concurrency=4, source_timeout=1.0)
        started = time.perf_counter()
        summary = poller.run_cycle()
        elapsed = time.perf_counter() - started
        again = poller.run_cycle(store.list_sources())
        release.set()
    statuses = {o.source.name: o.status for o in summary.outcomes}
    assert statuses["slow"] == TIMED_OUT
    assert all(statuses[f"fast{n}"] == NEW for n in range(3))
    assert elapsed < 3
    assert again.skipped_in_flight == 1, "a source still polling is not started twice"


def test_failing_source_is_marked_and_alerted_once(site: Site, store: Store) -> None:
    site.server.route("/down.rss", (503, {}, b""))
    source = add(store, site.url("/down.rss"))
    posts: list[tuple[str, str]] = []
    alerter = Alerter(lambda channel, reply, _ts: posts.append((channel, reply.text)), "CALERT")
    with Fetcher(allow_private=True, attempts=1) as fetcher:
        rules = ScheduleRules(failure_threshold=2, failing_retry=timedelta(hours=6))
        poller = Poller(store, fetcher, rules=rules, alerter=alerter, rng=random.Random(1))
        for _ in range(4):
            _due(store)
            poller.run_cycle()
    saved = store.get_source(source.id)
    assert saved.failures == 4 and saved.enabled
    failing = [text for _channel, text in posts if "is failing" in text]
    assert len(failing) == 1 and posts[0][0] == "CALERT"


def test_same_story_from_two_sources_is_stored_once_linked_to_both(
    site: Site, store: Store, poller: Poller
) -> None:
    site.serve(
        "/nda/a_pc.html", f"<html><body><div class='article'><p>{EN}</p></div></body></html>"
    )
    site.serve(
        "/xinhua/b.htm", f"<html><body><p>BEIJING, March 26 (Xinhua) -- {EN}</p></body></html>"
    )
    entry = '{{"TITLE": "Story", "URL": "{url}", "DOCRELPUBTIME": "2024-03-26"}}'
    nda = add(
        store,
        site.serve("/nda.json", f"[{entry.format(url=site.url('/nda/a_pc.html'))}]"),
        "json",
        name="NDA",
    )
    xinhua = add(
        store,
        site.serve("/xh.json", f"[{entry.format(url=site.url('/xinhua/b.htm'))}]"),
        "json",
        name="Xinhua",
    )
    summary = poller.run_cycle()
    assert len(summary.new_releases) == 1 and store.count_releases() == 1
    release_id = summary.new_releases[0].id
    assert {source_id for source_id, _url in reads.release_sources(store, release_id)} == {
        nda.id,
        xinhua.id,
    }


def test_new_release_is_announced_but_not_the_backfill(site: Site, store: Store) -> None:
    posts: list[str] = []
    alerter = Alerter(lambda _c, reply, _ts: posts.append(reply.text), "CALERT")
    feed = fixture_text("feed.rss", base=site.base, title="Computing power", guid="c1")
    one_item = feed[: feed.index("<item>", feed.index("</item>"))] + "</channel></rss>"
    site.article("/articles/computing.html", "computing", "Computing power")
    site.article("/articles/labelling.html", "labelling", "Data labelling bases expand")
    site.serve("/feed.rss", one_item, "application/rss+xml")
    add(store, site.url("/feed.rss"))
    with Fetcher(allow_private=True, attempts=1) as fetcher:
        poller = Poller(store, fetcher, alerter=alerter)
        poller.run_cycle()
        assert posts == [], "the first poll is a backfill"
        site.serve("/feed.rss", feed, "application/rss+xml")
        _due(store)
        poller.run_cycle()
        _due(store)
        site.serve(
            "/feed.rss", feed.replace("Data labelling", "Edited: data labelling"), "text/xml"
        )
        poller.run_cycle()
    assert len(posts) == 1 and "Data labelling bases expand" in posts[0]
