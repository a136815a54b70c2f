"""Figures named for readers: English label and Chinese subject, or one of them."""

from __future__ import annotations

import pytest

from bot.model import Figure
from bot.render.labels import figure_label

BASE_STATIONS = Figure(
    "全国移动通信基站总数", 1.265e7, "count", "1265万个", "…", "mobile_base_stations"
)


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("both", "Mobile base stations (全国移动通信基站总数)"),
        ("en", "Mobile base stations"),
        ("zh", "全国移动通信基站总数"),
    ],
)
def test_a_chinese_figure_is_named_as_asked(lang: str, label: str) -> None:
    assert figure_label(BASE_STATIONS, lang) == label


def test_a_stored_label_is_used_as_it_is() -> None:
    figure = Figure("网络直播用户规模", 8.16e8, "count", "8.16亿人", "…", subject_en="Streamers")
    assert figure_label(figure) == "Streamers (网络直播用户规模)"


def test_an_english_figure_is_named_once() -> None:
    figure = Figure("5G base stations", 3.377e6, "count", "3.377 million", "…")
    assert figure_label(figure, "both") == figure_label(figure, "zh") == "5G base stations"


def test_cdf_answers_show_both_forms(services) -> None:
    from datetime import date

    from bot.commands import CommandRequest, handle_command
    from tests.support.digest_data import figure, release, store_releases

    chinese = figure("5g_users", 1.014e9, period="2024", subject="5G移动电话用户")
    store_releases(services.store, release(published=date(2025, 1, 27), figures=[chinese]))
    reply = handle_command(services, CommandRequest("移动电话用户", "U0ALICE1"))
    assert "• 5G mobile users (5G移动电话用户): 1.014 billion · 2024" in reply.text


def test_the_label_is_stored_with_the_figure(services) -> None:
    from datetime import date

    from tests.support.digest_data import figure, release, store_releases

    labelled = figure(None, 8.16e8, period="2024", subject="网络直播用户规模")
    labelled.subject_en = "Live streaming users"
    store_releases(services.store, release(published=date(2025, 1, 27), figures=[labelled]))
    [stored] = services.store.search_figure_subjects("网络直播")
    assert stored.figure.subject_en == "Live streaming users"
