"""Builders for digest tests: releases with catalogued figures, stored weeks, a Slack poster.

Values are realistic (MIIT/NDA style) so rendered digests read like real ones.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from slack_sdk import WebClient

from bot.digest.delivery import Poster
from bot.model import Change, Commitment, Figure, Release, Source
from bot.render.reply import Reply
from bot.slack.post import slack_poster
from bot.store import Store
from tests.support.fake_slack import FakeSlack

TOKEN = "xoxb-digest-test"


def figure(
    indicator: str | None = "5g_base_stations",
    value: float = 3_377_000,
    unit: str = "count",
    period: str | None = "2023",
    **overrides: Any,
) -> Figure:
    values: dict[str, Any] = {
        "subject": "5G base stations",
        "value": value,
        "unit": unit,
        "text": "3.377 million",
        "sentence": "China had 3.377 million 5G base stations.",
        "indicator": indicator,
        "period": period,
    }
    return Figure(**{**values, **overrides})


def release(
    title: str = "5G base stations pass 3.3 million",
    published: date | None = date(2024, 11, 20),
    **overrides: Any,
) -> Release:
    """A distinct release (unique hash and URL) with one figure and one commitment."""
    token = uuid.uuid4().hex
    values: dict[str, Any] = {
        "title": title,
        "language": "en",
        "text": f"Body {token}",
        "content_hash": token,
        "url": f"https://example.cn/{token}.html",
        "canonical_url": f"https://example.cn/{token}",
        "published": published,
        "figures": [figure()],
        "commitments": [Commitment("The ministry will expand 5G coverage in rural areas.")],
    }
    return Release(**{**values, **overrides})


def add_source(store: Store, name: str) -> int:
    source = store.add_source(Source(f"https://{uuid.uuid4().hex}.example.cn/feed", "rss", name))
    assert source.id is not None
    return source.id


def store_releases(store: Store, *releases: Release) -> list[Release]:
    for item in releases:
        assert store.add_release(item).stored
    return list(releases)


def rich_release(**overrides: Any) -> Release:
    """A release with the figures the issue quotes: count, currency, share, y/y, pp."""
    figures = [
        figure(),
        figure(
            "telecom_revenue",
            1.542e13,
            "CNY",
            subject="Telecom business revenue",
            change=Change(46.1, "percent", "year on year"),
        ),
        figure("internet_penetration", 77.5, "percent", subject="Internet penetration rate"),
        figure(
            "5g_base_stations",
            29.1,
            "percent",
            subject="share of 5G base stations",
            change=Change(1.6, "percentage_point", ""),
        ),
    ]
    return release(figures=figures, **overrides)


class RecordingPoster:
    """An in-memory Poster: remembers (channel, reply, thread_ts); ``failures`` maps a
    call number (0-based) to the exception that call raises."""

    def __init__(self) -> None:
        self.posts: list[tuple[str, Reply, str | None]] = []
        self.failures: dict[int, Exception] = {}
        self.calls = 0

    def __call__(self, channel: str, reply: Reply, thread_ts: str | None = None) -> str:
        self.calls += 1
        if self.calls - 1 in self.failures:
            raise self.failures[self.calls - 1]
        self.posts.append((channel, reply, thread_ts))
        return f"1700000000.{len(self.posts):06d}"

    def to(self, channel: str) -> list[tuple[str, Reply, str | None]]:
        return [post for post in self.posts if post[0] == channel]


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server


@pytest.fixture
def slack_post(fake_slack: FakeSlack) -> Poster:
    """The production poster, talking to the fake Web API on 127.0.0.1."""
    return slack_poster(WebClient(token=TOKEN, base_url=fake_slack.base_url))


def digest_posts(fake: FakeSlack, channel: str | None = None) -> list[Any]:
    """Successful-looking chat.postMessage calls (the fake records failed ones too)."""
    calls = fake.calls_to("chat.postMessage")
    return [c for c in calls if channel is None or c.channel == channel]
