"""Digests name Chinese figures in English and Chinese, or as the subscription's ``lang``
asks; a figure outside the catalog is no longer shown with its Chinese subject only."""

from __future__ import annotations

from datetime import date

import pytest

from bot.digest.build import build_digest
from bot.digest.filters import DigestFilters
from bot.digest.subscriptions import parse_filters
from bot.render.digest import digest_text
from bot.services import Services
from tests.support.digest_data import figure, release, store_releases

WEEK = (date(2024, 11, 18), date(2024, 11, 24))


def _chinese_week(services: Services) -> None:
    store_releases(
        services.store,
        release(
            title="工信部发布通信业统计公报",
            language="zh",
            figures=[
                figure(
                    "mobile_base_stations", 1.265e7, period="2024", subject="全国移动通信基站总数"
                ),
                figure(None, 8.16e8, period="2024", subject="网络直播用户规模"),
            ],
        ),
    )


@pytest.mark.parametrize(
    ("labels", "lines"),
    [
        (
            "both",
            [
                "Mobile base stations (全国移动通信基站总数): 12.65 million · 2024",
                "Live streaming users (网络直播用户规模): 816 million · 2024",
            ],
        ),
        ("en", ["Mobile base stations: 12.65 million", "Live streaming users: 816 million"]),
        ("zh", ["全国移动通信基站总数: 12.65 million", "网络直播用户规模: 816 million"]),
    ],
)
def test_figures_are_named_as_the_subscription_asks(
    services: Services, labels: str, lines: list[str]
) -> None:
    _chinese_week(services)
    digest = build_digest(services.store, *WEEK, DigestFilters(labels=labels))
    text = digest_text(digest)
    assert all(line in text for line in lines), text


def test_lang_words_choose_the_naming_not_the_releases(services: Services) -> None:
    filters = parse_filters(services.store, ["lang", "en", "lang:zh"])
    assert (filters.labels, filters.languages) == ("en", ("zh",))
    assert DigestFilters.from_dict(filters.to_dict()) == filters


def test_naming_defaults_to_both(services: Services) -> None:
    assert parse_filters(services.store, []).labels == "both"
    assert DigestFilters().to_dict() == {}
