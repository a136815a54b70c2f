"""A list longer than one poll's share is worked off over the next polls, and shown.

A poll takes at most MAX_NEW_ITEMS (100) items; the rest wait in the source's backlog,
also after the feed has dropped them, and nothing counts as seen until they are stored.
The feed here is a real RSS document with 150 full-text items on a local HTTP server.
"""

from __future__ import annotations

import random
import string
from datetime import timedelta

from bot.render.admin import render_source_list
from bot.store import Store
from bot.watch.poll.alerts import Alerter
from bot.watch.poll.source_poll import MAX_NEW_ITEMS, PollContext, poll_source
from tests.bot.watch.poll.conftest import NOW, Site, add

ITEMS = 150


def _words(rng: random.Random, count: int) -> str:
    return " ".join("".join(rng.choices(string.ascii_lowercase, k=7)) for _ in range(count))


def _feed(site: Site, numbers: range) -> str:
    """An RSS feed of items ``numbers`` (newest first), each carrying its full text."""
    items = []
    for n in reversed(numbers):
        rng = random.Random(n)
        text = ". ".join(_words(rng, 12).capitalize() for _ in range(8)) + "."
        items.append(
            f"<item><title>Release {n}</title><link>{site.base}/r/{n}.html</link>"
            f"<guid>{site.base}/r/{n}.html</guid><description>{text}</description></item>"
        )
    body = "".join(items)
    xml = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{body}</channel></rss>'
    return site.serve("/long.rss", xml, "application/rss+xml", ETag=f'"{len(numbers)}"')


def _poll(store: Store, ctx: PollContext, source_id: int, hours: int):
    return poll_source(store.get_source(source_id), ctx, NOW + timedelta(hours=hours))


def test_a_long_feed_is_worked_off_over_the_next_polls(
    site: Site, store: Store, ctx: PollContext
) -> None:
    source = add(store, _feed(site, range(ITEMS)))
    _poll(store, ctx, source.id, 0)
    assert store.count_releases() == MAX_NEW_ITEMS
    assert store.backlog_counts() == {source.id: ITEMS - MAX_NEW_ITEMS}
    _poll(store, ctx, source.id, 1)
    assert store.count_releases() == ITEMS
    assert store.backlog_counts() == {}


def test_items_the_feed_dropped_before_their_turn_are_still_stored(
    site: Site, store: Store, ctx: PollContext
) -> None:
    source = add(store, _feed(site, range(ITEMS)))
    _poll(store, ctx, source.id, 0)
    _feed(site, range(ITEMS - 20, ITEMS + 5))  # the oldest fell off; five are new
    _poll(store, ctx, source.id, 1)
    assert store.count_releases() == ITEMS + 5


def test_nothing_counts_as_seen_while_items_are_owed(
    site: Site, store: Store, ctx: PollContext
) -> None:
    source = add(store, _feed(site, range(ITEMS)))
    _poll(store, ctx, source.id, 0)
    owed = store.get_source(source.id)
    assert (owed.etag, owed.body_hash) == (None, None)
    _poll(store, ctx, source.id, 1)
    assert store.get_source(source.id).etag == f'"{ITEMS}"'


def test_source_list_shows_the_backlog(site: Site, store: Store, ctx: PollContext) -> None:
    source = add(store, _feed(site, range(ITEMS)))
    _poll(store, ctx, source.id, 0)
    reply = render_source_list(store.list_sources(), backlogs=store.backlog_counts())
    assert f"backlog {ITEMS - MAX_NEW_ITEMS}" in reply.text


def test_the_first_polls_backlog_is_stored_but_not_announced(
    site: Site, store: Store, ctx: PollContext
) -> None:
    posts: list[str] = []
    alerter = Alerter(lambda _c, reply, _ts: posts.append(reply.text), "CALERT")
    source = add(store, _feed(site, range(ITEMS)))
    alerter.announce(_poll(store, ctx, source.id, 0))
    _feed(site, range(ITEMS + 1))
    second = _poll(store, ctx, source.id, 1)
    alerter.announce(second)
    assert len(second.new_releases) == ITEMS - MAX_NEW_ITEMS + 1
    assert [text.split(":")[1].strip().split(" ")[:2] for text in posts] == [
        ["Release", str(ITEMS)]
    ]
