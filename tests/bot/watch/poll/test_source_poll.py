"""One source, polled against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.model import Source
from bot.store import Store
from bot.watch.poll.source_poll import PollContext, poll_source
from bot.watch.poll.summary import FAILED, NEW, UNCHANGED
from tests.bot.watch.poll.conftest import (
    BODIES,
    NOW,
    Site,
    add,
    fixture_text,
    make_pdf,
    public_fetcher,
)
from tests.support import store_reads as reads

BROKEN_XML = '<?xml version="1.0"?><rss version="2.0"><channel><title>A & B</title></channel>'


def _poll(store: Store, ctx: PollContext, source_id: int, now=NOW):
    return poll_source(store.get_source(source_id), ctx, now)


def test_first_poll_ingests_every_item(site: Site, store: Store, ctx: PollContext) -> None:
    source = add(store, site.rss(ETag='"v1"'))
    outcome = _poll(store, ctx, source.id)
    assert (outcome.status, outcome.listed) == (NEW, 2)
    assert sorted(r.title for r in outcome.new_releases) == [
        "Computing power hits 230 EFLOPS",
        "Data labelling bases expand",
    ]
    assert store.count_releases() == 2


def test_second_poll_sends_validators_and_ingests_nothing(
    site: Site, store: Store, ctx: PollContext
) -> None:
    feed = site.rss(ETag='"v1"', **{"Last-Modified": "Mon, 25 Mar 2024 00:00:00 GMT"})
    source = add(store, feed)
    _poll(store, ctx, source.id)
    site.server.route("/feed.rss", (304, {"ETag": '"v1"'}, b""))
    outcome = _poll(store, ctx, source.id, NOW + timedelta(hours=1))
    headers = site.requests("/feed.rss")[-1].headers
    assert headers["if-none-match"] == '"v1"'
    assert headers["if-modified-since"] == "Mon, 25 Mar 2024 00:00:00 GMT"
    assert (outcome.status, outcome.parsed, outcome.new_releases) == (UNCHANGED, False, [])


def test_same_body_without_validators_is_not_parsed(
    site: Site, store: Store, ctx: PollContext
) -> None:
    source = add(store, site.rss())
    _poll(store, ctx, source.id)
    outcome = _poll(store, ctx, source.id)
    assert (outcome.status, outcome.parsed) == (UNCHANGED, False)


def test_success_records_health(site: Site, store: Store, ctx: PollContext) -> None:
    source = add(store, site.rss(ETag='"v1"'))
    _poll(store, ctx, source.id)
    saved = store.get_source(source.id)
    assert (saved.last_success_at, saved.failures, saved.items_seen, saved.etag) == (
        NOW,
        0,
        2,
        '"v1"',
    )
    assert saved.body_hash and NOW + timedelta(minutes=55) <= saved.next_poll_at


def test_atom_full_text_needs_no_article_request(
    site: Site, store: Store, ctx: PollContext
) -> None:
    feed = site.serve(
        "/feed.atom",
        fixture_text("feed.atom", base=site.base, body=BODIES["rules"] * 2),
        "application/atom+xml",
    )
    outcome = _poll(store, ctx, add(store, feed).id)
    assert [r.title for r in outcome.new_releases] == ["Cross-border data rules published"]
    assert site.requests("/atom/rules.html") == []


def _serve_nda(site: Site) -> str:
    gbk = {"Content-Type": "text/html"}
    pdf = make_pdf(["Digital China report 2023 (full text)", "Data output 32.85 ZB in 2023."])
    site.server.route(
        "/sjj/list/0325/attachment.pdf", (200, {"Content-Type": "application/pdf"}, pdf)
    )
    for path, title, date, body in (
        (
            "/sjj/list/0325/20240325_pc.html",
            "国家数据局发布数字中国发展报告",
            "2024.03.25",
            "report",
        ),
        ("/sjj/list/0301/20240301_pc.html", "数据标注基地建设启动", "2024.03.01", "bases"),
    ):
        html = fixture_text(
            "nda_article.html",
            title=title,
            date=date,
            body=BODIES[body],
            attachment="/sjj/list/0325/attachment.pdf",
        )
        site.server.route(path, (200, gbk, html.encode("gbk")))
    list_html = fixture_text("nda_list.html").encode("gbk")
    site.server.route("/sjj/list/index_pc_1.html", (200, gbk, list_html))
    return site.url("/sjj/list/index_pc_1.html")


def test_gbk_list_and_article_pair_decode(site: Site, store: Store, ctx: PollContext) -> None:
    url = _serve_nda(site)
    source = add(store, url, "html", item="ul.u-list > li", remove="div.popbox", body="div.article")
    outcome = _poll(store, ctx, source.id)
    titles = {r.title for r in outcome.new_releases}
    assert {"国家数据局发布数字中国发展报告", "数据标注基地建设启动"} <= titles
    report = next(r for r in outcome.new_releases if r.title.startswith("国家数据局"))
    assert "32.85泽字节" in report.text


def test_pdf_attachment_is_a_release_linked_to_its_parent(
    site: Site, store: Store, ctx: PollContext
) -> None:
    url = _serve_nda(site)
    source = add(store, url, "html", item="ul.u-list > li", remove="div.popbox", body="div.article")
    outcome = _poll(store, ctx, source.id)
    pdfs = [r for r in outcome.new_releases if r.url and r.url.endswith(".pdf")]
    assert len(pdfs) == 1, "two articles link the same PDF: stored once"
    parent = reads.get_release(store, pdfs[0].parent_release_id)
    assert parent.url.endswith("_pc.html")


def test_json_list_is_ingested(site: Site, store: Store, ctx: PollContext) -> None:
    site.article("/zhengce/content_1.htm", "policy", "国务院关于数据要素市场的意见")
    site.article("/zhengce/content_2.htm", "industry", "关于促进数据产业发展的通知")
    body = fixture_text("govcn.json", base=site.base)
    url = site.serve("/ZUIXINZHENGCE.json", body, "text/plain")
    outcome = _poll(store, ctx, add(store, url, "json").id)
    assert len(outcome.new_releases) == 2


def test_500_then_200_is_retried(site: Site, store: Store, ctx: PollContext) -> None:
    site.rss()
    ok = site.server._routes["/feed.rss"]
    site.server.route("/feed.rss", [(500, {}, b"busy"), ok])
    outcome = _poll(store, ctx, add(store, site.url("/feed.rss")).id)
    assert outcome.status == NEW and len(site.requests("/feed.rss")) == 2


def test_429_retry_after_floors_next_poll(site: Site, store: Store, ctx: PollContext) -> None:
    site.server.route("/feed.rss", (429, {"Retry-After": "7200"}, b""))
    outcome = _poll(store, ctx, add(store, site.url("/feed.rss")).id)
    assert outcome.status == FAILED
    assert store.get_source(outcome.source.id).next_poll_at >= NOW + timedelta(hours=2)
    assert len(site.requests("/feed.rss")) == 1, "a long Retry-After is left to the schedule"


def test_max_age_floors_next_poll(site: Site, store: Store, ctx: PollContext) -> None:
    feed = site.rss(**{"Cache-Control": "max-age=10800"})
    outcome = _poll(store, ctx, add(store, feed).id)
    assert outcome.source.next_poll_at >= NOW + timedelta(hours=3)


def test_slow_response_times_out_as_failure(site: Site, store: Store, ctx: PollContext) -> None:
    import time

    site.server.route("/slow", lambda _r: (time.sleep(3), (200, {}, b""))[1])
    outcome = _poll(store, ctx, add(store, site.url("/slow")).id)
    assert outcome.status == FAILED and "timed out" in outcome.error
    assert store.get_source(outcome.source.id).failures == 1


def test_redirect_to_private_address_is_refused(site: Site, store: Store) -> None:
    site.server.route("/feed.rss", (302, {"Location": site.url("/secret")}, b""))
    fetcher = public_fetcher(site)
    ctx = PollContext(store, fetcher)
    source = store.add_source(Source(url="http://feeds.example.org/feed.rss", kind="rss", name="x"))
    outcome = poll_source(source, ctx, NOW)
    fetcher.close()
    assert outcome.status == FAILED and "loopback" in outcome.error
    assert site.requests("/secret") == []


def test_body_over_the_limit_is_refused(site: Site, store: Store) -> None:
    from bot.fetch.client import Fetcher

    url = site.serve("/big.rss", b"<rss>" + b" " * 200_000 + b"</rss>", "application/rss+xml")
    with Fetcher(allow_private=True, max_body_bytes=50_000, attempts=1) as small:
        outcome = poll_source(add(store, url), PollContext(store, small), NOW)
    assert outcome.status == FAILED and "limit" in outcome.error


def test_malformed_xml_is_reported(site: Site, store: Store, ctx: PollContext) -> None:
    url = site.serve("/bad.rss", BROKEN_XML, "application/rss+xml")
    outcome = _poll(store, ctx, add(store, url).id)
    assert outcome.status == FAILED and "malformed" in outcome.error.lower()


def test_entity_bomb_is_refused(site: Site, store: Store, ctx: PollContext) -> None:
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{lol}]><rss>&l9;</rss>'
    url = site.serve("/bomb.rss", bomb, "application/rss+xml")
    outcome = _poll(store, ctx, add(store, url).id)
    assert outcome.status == FAILED and "entities" in outcome.error


def test_failed_article_is_retried_next_poll(site: Site, store: Store, ctx: PollContext) -> None:
    source = add(store, site.rss(ETag='"v1"'))
    site.server.route("/articles/labelling.html", (404, {}, b"gone"))
    first = _poll(store, ctx, source.id)
    assert len(first.new_releases) == 1 and first.item_errors
    assert store.get_source(source.id).etag is None, "validators kept back for a retry"
    site.article("/articles/labelling.html", "labelling", "Data labelling bases expand")
    second = _poll(store, ctx, source.id)
    assert [r.title for r in second.new_releases] == ["Data labelling bases expand"]


@pytest.mark.parametrize("change", ["title", "guid"])
def test_edited_item_is_not_new_again(
    site: Site, store: Store, ctx: PollContext, change: str
) -> None:
    source = add(store, site.rss())
    _poll(store, ctx, source.id)
    if change == "title":
        site.rss(title="Computing power hits 230 EFLOPS (corrected)")
    else:
        site.rss(guid="computing-2")
    outcome = _poll(store, ctx, source.id)
    assert outcome.parsed and outcome.new_releases == []


def test_moved_item_with_same_text_is_linked_not_new(
    site: Site, store: Store, ctx: PollContext
) -> None:
    source = add(store, site.rss())
    _poll(store, ctx, source.id)
    feed = fixture_text("feed.rss", base=site.base, title="t", guid="g").replace(
        "/articles/computing.html", "/articles/computing-v2.html"
    )
    site.article("/articles/computing-v2.html", "computing", "Computing power, moved")
    site.serve("/feed.rss", feed, "application/rss+xml")
    outcome = _poll(store, ctx, source.id)
    assert (outcome.new_releases, outcome.linked) == ([], 1)


def test_release_dropped_from_the_list_stays_stored(
    site: Site, store: Store, ctx: PollContext
) -> None:
    source = add(store, site.rss())
    _poll(store, ctx, source.id)
    feed = fixture_text("feed.rss", base=site.base, title="t", guid="g")
    start, end = feed.index("<item>"), feed.index("</item>") + len("</item>")
    site.serve("/feed.rss", feed[:start] + feed[end:], "application/rss+xml")
    outcome = _poll(store, ctx, source.id)
    assert outcome.listed == 1 and store.count_releases() == 2


def test_a_poll_cut_off_by_shutdown_is_not_the_sources_failure(
    site: Site, store: Store, ctx: PollContext
) -> None:
    source = add(store, site.rss())
    ctx.fetcher.close()
    outcome = _poll(store, ctx, source.id)
    kept = store.get_source(source.id)
    assert outcome.status == FAILED and "interrupted" in (outcome.error or "")
    assert (kept.failures, kept.last_error, kept.next_poll_at) == (0, None, source.next_poll_at)


def test_an_article_of_binary_junk_is_not_stored(
    site: Site, store: Store, ctx: PollContext
) -> None:
    source = add(store, site.rss(ETag='"v1"'))
    junk = bytes(range(256)) * 400
    site.server.route("/articles/labelling.html", (200, {"Content-Type": "text/html"}, junk))
    outcome = _poll(store, ctx, source.id)
    assert len(outcome.new_releases) == 1
    assert any("no readable text" in error for error in outcome.item_errors)
