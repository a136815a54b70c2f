"""Digest rendering: readable numbers, escaping, Slack's limits and valid Block Kit."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from slack_sdk.models.blocks import Block

from bot.constants import (
    MAX_BLOCKS_PER_MESSAGE,
    MAX_HEADER_TEXT,
    MAX_MESSAGE_BLOCK_CHARS,
    MAX_SECTION_TEXT,
)
from bot.digest.build import Digest, build_digest
from bot.digest.filters import DigestFilters
from bot.model import Commitment
from bot.render.blocks import block_text_length
from bot.render.digest import digest_text, period_label, render_digest, render_preview
from bot.render.reply import Reply
from bot.services import Services
from tests.support.digest_data import figure, release, rich_release, store_releases

WEEK = (date(2024, 11, 18), date(2024, 11, 24))
HOSTILE = "<!channel> <@U123> *bold*"


def _digest(services: Services, *releases: Any, filters: DigestFilters | None = None) -> Digest:
    store_releases(services.store, *releases)
    return build_digest(services.store, *WEEK, filters)


def _all_text(reply: Reply) -> str:
    return reply.text + repr(reply.blocks)


def assert_valid_block_kit(reply: Reply) -> None:
    """Within every limit, and accepted by slack_sdk's block models."""
    assert reply.text.strip(), "every message needs a plain-text fallback"
    assert len(reply.blocks) <= MAX_BLOCKS_PER_MESSAGE
    assert block_text_length(reply.blocks) <= MAX_MESSAGE_BLOCK_CHARS
    for raw in reply.blocks:
        if raw["type"] == "header":
            assert len(raw["text"]["text"]) <= MAX_HEADER_TEXT
        if raw["type"] == "section":
            assert len(raw["text"]["text"]) <= MAX_SECTION_TEXT
        block = Block.parse(raw)
        assert block is not None
        block.validate_json()


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        (date(2024, 11, 18), date(2024, 11, 24), "18–24 Nov 2024"),
        (date(2024, 10, 28), date(2024, 11, 3), "28 Oct – 3 Nov 2024"),
        (date(2024, 12, 30), date(2025, 1, 5), "30 Dec 2024 – 5 Jan 2025"),
    ],
)
def test_period_label(start: date, end: date, label: str) -> None:
    assert period_label(start, end) == label


def test_header_names_the_period(services: Services) -> None:
    parent = render_digest(_digest(services, release()))[0]
    assert parent.blocks[0]["text"]["text"] == "CDF & NDA digest · 18–24 Nov 2024"


def test_figures_are_formatted_for_people(services: Services) -> None:
    text = _all_text(render_digest(_digest(services, rich_release()))[0])
    for shown in ("3.377 million", "¥15.42 trillion", "77.5%", "+46.1% y/y", "+1.6 pp"):
        assert shown in text


def test_title_links_to_the_release(services: Services) -> None:
    item = release()
    section = render_digest(_digest(services, item))[0].blocks[2]["text"]["text"]
    assert f"<{item.url}|5G base stations pass 3.3 million>" in section


def test_chinese_title_is_kept_with_an_english_label(services: Services) -> None:
    zh = release("工信部发布2024年通信业统计公报", language="zh")
    text = _all_text(render_digest(_digest(services, zh))[0])
    assert "工信部发布2024年通信业统计公报" in text
    assert "_5G base stations_" in text


def test_commitments_are_shown(services: Services) -> None:
    promise = Commitment("By 2027 build a world-leading information infrastructure.")
    text = _all_text(render_digest(_digest(services, release(commitments=[promise])))[0])
    assert "By 2027 build a world-leading information infrastructure." in text


def test_moved_indicators_show_old_and_new(services: Services) -> None:
    old = release(published=date(2024, 1, 24), figures=[figure(value=3_377_000)])
    new = release(figures=[figure(value=4_251_000, period="2024")])
    text = digest_text(_digest(services, old, new))
    assert "Indicators that moved" in text
    assert "5G base stations: 3.377 million (2023) → 4.251 million (2024) · +25.9%" in text


def test_footer_counts_and_hint(services: Services) -> None:
    footer = render_digest(_digest(services, release()))[-1].blocks[-1]
    text = footer["elements"][0]["text"]
    assert "1 release · 1 figure · 1 commitment · 1 indicator moved" in text
    assert "`/cdf &lt;indicator&gt;` for history" in text


def test_empty_week_is_one_line(services: Services) -> None:
    (reply,) = render_digest(_digest(services))
    assert [b["type"] for b in reply.blocks] == ["header", "section"]
    assert "No new releases between 18 Nov 2024 and 24 Nov 2024." in reply.text


def test_hostile_title_is_text_and_pings_nobody(services: Services) -> None:
    hostile = release(HOSTILE, commitments=[Commitment(HOSTILE)])
    for reply in render_digest(_digest(services, hostile)):
        for text in (reply.slack_text, repr(reply.blocks)):
            assert "<!channel>" not in text and "<@U123>" not in text
        assert "*bold*" not in repr(reply.blocks)
        assert "&lt;!channel&gt; &lt;@U123&gt;" in repr(reply.blocks)
        assert "&lt;!channel&gt;" in reply.slack_text


def test_200_release_week_splits_into_parent_and_thread_within_limits(
    services: Services,
) -> None:
    days = [WEEK[0] + timedelta(days=n % 7) for n in range(200)]
    long = Commitment("The ministry will " + "accelerate the rollout of networks " * 8)
    releases = [
        rich_release(title=f"Release {n:03d} " + "x" * 120, published=day, commitments=[long] * 3)
        for n, day in enumerate(days)
    ]
    replies = render_digest(_digest(services, *releases))
    assert len(replies) > 1
    for reply in replies:
        assert_valid_block_kit(reply)
    shown = "".join(repr(reply.blocks) for reply in replies)
    assert all(shown.count(f"Release {n:03d} ") == 1 for n in range(200))
    assert "part 2 of" in replies[1].text


def test_no_message_starts_or_ends_with_a_divider(services: Services) -> None:
    releases = [rich_release(title=f"R{n}") for n in range(120)]
    for reply in render_digest(_digest(services, *releases)):
        assert reply.blocks[0]["type"] != "divider"
        assert reply.blocks[-1]["type"] != "divider"


def test_preview_is_the_parent_with_a_note(services: Services) -> None:
    digest = _digest(services, *[rich_release(title=f"R{n}") for n in range(120)])
    preview = render_preview(digest)
    parent = render_digest(digest)[0]
    assert preview.blocks[:-1] == parent.blocks
    assert "continues in" in preview.blocks[-1]["elements"][0]["text"]
    assert preview.response_type == "ephemeral"
    assert_valid_block_kit(preview)


def test_preview_warns_when_a_quiet_week_posts_nothing(services: Services) -> None:
    preview = render_preview(_digest(services, filters=DigestFilters(skip_empty=True)))
    assert "nothing will be posted" in preview.text


def test_digest_text_is_plain_and_unescaped(services: Services) -> None:
    text = digest_text(_digest(services, release(HOSTILE)))
    assert text.startswith("CDF & NDA digest · 18–24 Nov 2024")
    assert HOSTILE in text
