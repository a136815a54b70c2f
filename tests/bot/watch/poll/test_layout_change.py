"""A site redesign, end to end (issue 12 §3): the poll finds the list again, stores each new
item once, saves the new settings and tells admins once; no list at all is a failure."""

from __future__ import annotations

import random
from datetime import timedelta

from bot.fetch.client import Fetcher
from bot.render.admin import render_source_list
from bot.sources.base import effective_settings
from bot.store import Store
from bot.watch.poll import Poller, ScheduleRules
from bot.watch.poll.alerts import Alerter
from bot.watch.poll.summary import FAILED, NEW
from tests.bot.watch.poll.conftest import BODIES, Site, add
from tests.support import store_reads as reads

LIST = "/sjj/zwgk/zcjd/list/index_pc_1.html"
NDA = {
    "item": "ul.u-list > li",
    "link": "a[href*='_pc.html']",
    "date": "span",
    "body": ["div.article"],
}
STORIES = [  # newest first: (folder/file, day, body)
    ("0409/20260409100000010", "2026.04.09", "industry"),
    ("0402/20260402101500001", "2026.04.02", "policy"),
    ("0328/20260328090000002", "2026.03.28", "bases"),
    ("0325/20260325083000003", "2026.03.25", "report"),
    ("0318/20260318080000004", "2026.03.18", "rules"),
    ("0311/20260311080000005", "2026.03.11", "labelling"),
]
NOTICE = "layout changed: items now found in 'section.news-box > div.news-card' (6 dated links)"


def old_layout(stories: list[tuple[str, str, str]]) -> str:
    rows = "".join(
        f"<li><a href='../{path}_pc.html'>Story {path[-2:]}</a><span>{day}</span></li>"
        for path, day, _body in stories
    )
    nav = "<div class='nav'><a href='/'>首页</a></div>"
    return f"<html><body>{nav}<ul class='u-list'>{rows}</ul></body></html>"


def new_layout(stories: list[tuple[str, str, str]]) -> str:
    cards = "".join(
        f"<div class='news-card'><a href='../{path}_pc.html'><h3>Story {path[-2:]}</h3></a>"
        f"<p class='date'>{day.replace('.', '-')}</p></div>"
        for path, day, _body in stories
    )
    links = "<a href='/'>首页</a><a href='/a/'>政务</a><a href='/b/'>动态</a>"
    nav = f"<header><nav>{links}</nav></header>"
    return (
        f"<html><body>{nav}<main><section class='news-box'>{cards}</section></main></body></html>"
    )


def serve_articles(site: Site) -> None:
    for path, _day, body in STORIES:
        html = f"<html><body><div class='article'><p>{BODIES[body]}</p></div></body></html>"
        site.serve(f"/sjj/zwgk/zcjd/{path}_pc.html", html)


def _due(store: Store) -> None:
    for source in store.list_sources():
        source.next_poll_at = None
        store.record_poll(source)


def poller_with(store: Store, fetcher: Fetcher, posts: list[str]) -> Poller:
    alerter = Alerter(lambda _channel, reply, _ts: posts.append(reply.text), "CALERT")
    rules = ScheduleRules(failure_threshold=2, failing_retry=timedelta(hours=6))
    return Poller(store, fetcher, rules=rules, alerter=alerter, rng=random.Random(3))


def test_redesign_is_healed_new_items_stored_once_and_admins_told_once(
    site: Site, store: Store
) -> None:
    serve_articles(site)
    site.serve(LIST, old_layout(STORIES[1:]))
    source = add(store, site.url(LIST), "html", name="NDA 政策解读", **NDA)
    posts: list[str] = []
    with Fetcher(allow_private=True, attempts=1) as fetcher:
        poller = poller_with(store, fetcher, posts)
        assert len(poller.run_cycle().new_releases) == 5  # backfill, quiet
        site.serve(LIST, new_layout(STORIES))  # the redesign, with one new story
        _due(store)
        summary = poller.run_cycle()
        (outcome,) = summary.outcomes
        assert (outcome.status, outcome.layout_change) == (NEW, NOTICE)
        assert [r.title for r in summary.new_releases] == ["Story 10"]
        assert store.count_releases() == 6
        # later polls of the new layout: nothing new, nothing said again
        site.serve(LIST, new_layout(STORIES) + "<!-- changed -->")
        _due(store)
        later = poller.run_cycle().outcomes[0]
        assert (later.status, later.layout_change, later.new_releases) == (NEW, None, [])
    assert store.count_releases() == 6
    layout_posts = [text for text in posts if "layout changed" in text]
    assert layout_posts == [
        f"Source #{source.id} NDA 政策解读: {NOTICE}. The new settings are saved and polling "
        f"goes on; `/cdf source test {source.id}` shows what it lists now."
    ]
    assert [text for text in posts if text.startswith("New release")] == [
        next(text for text in posts if "Story 10" in text)
    ]
    saved = store.get_source(source.id)
    assert effective_settings(saved.settings)["item"] == "section.news-box > div.news-card"
    assert "item" not in saved.settings and saved.settings["body"] == ["div.article"]
    listing = render_source_list(store.list_sources()).text
    assert NOTICE in listing
    changes = [e for e in reads.audit_log(store) if e.action == "source.layout"]
    assert len(changes) == 1 and changes[0].actor == "system"
    assert changes[0].before["settings"]["item"] == "ul.u-list > li"


def test_source_on_detection_records_its_choice_quietly(site: Site, store: Store) -> None:
    serve_articles(site)
    site.serve(LIST, old_layout(STORIES))
    source = add(store, site.url(LIST), "html", name="Detected", body=["div.article"])
    posts: list[str] = []
    with Fetcher(allow_private=True, attempts=1) as fetcher:
        assert len(poller_with(store, fetcher, posts).run_cycle().new_releases) == 6
    assert posts == []
    listing = render_source_list(store.list_sources()).text
    assert "items in 'ul.u-list > li' (6 dated links), detected " in listing
    assert [e.action for e in reads.audit_log(store)].count("source.detect") == 1
    assert store.get_source(source.id).settings["detected"]["settings"] == {
        "item": "ul.u-list > li"
    }


def test_no_list_after_a_redesign_fails_with_the_reason(site: Site, store: Store) -> None:
    serve_articles(site)
    site.serve(LIST, old_layout(STORIES))
    source = add(store, site.url(LIST), "html", name="NDA", **NDA)
    posts: list[str] = []
    with Fetcher(allow_private=True, attempts=1) as fetcher:
        poller = poller_with(store, fetcher, posts)
        poller.run_cycle()
        site.serve(LIST, "<html><body><h1>网站维护中</h1><p>请稍后访问。</p></body></html>")
        for _ in range(2):
            _due(store)
            (outcome,) = poller.run_cycle().outcomes
            assert outcome.status == FAILED
    saved = store.get_source(source.id)
    assert saved.settings == NDA, "nothing is recorded from a page without a list"
    assert saved.last_error is not None
    assert saved.last_error.startswith("no items matched selector 'ul.u-list > li' at http")
    assert "no other list on the page" in saved.last_error
    failing = [text for text in posts if "is failing" in text]
    assert len(failing) == 1 and "no other list on the page" in failing[0]
    assert store.count_releases() == 6
