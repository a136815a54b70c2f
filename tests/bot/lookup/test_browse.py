"""The browsing verbs through the router: latest, search, commitments, indicators, help."""

from __future__ import annotations

from datetime import date

from bot.commands import CommandRequest, handle_command
from bot.constants import HELP_LINES
from bot.model import Commitment, Figure, Release
from bot.services import Services


def _ask(services: Services, text: str) -> str:
    return handle_command(services, CommandRequest(text=text, user_id="U1")).text


def _add(services: Services) -> None:
    services.store.add_release(
        Release(
            title="国家数据局发布数据要素行动计划",
            language="zh",
            text="推进数据要素市场化配置改革。到2026年底，数据产业规模年均增速超过20%。",
            content_hash="browse-1",
            url="https://www.nda.gov.cn/1.html",
            published=date(2024, 1, 4),
            figures=[
                Figure("网民规模", 1.092e9, "count", "10.92亿", "s", "netizens", period="2023")
            ],
            commitments=[Commitment("到2026年底，数据产业规模年均增速超过20%。", "data", "2026")],
        )
    )


def test_latest_lists_releases_with_top_figures(services: Services) -> None:
    _add(services)
    assert "1.092 billion" in _ask(services, "latest 3")


def test_latest_rejects_a_non_number(services: Services) -> None:
    assert "Usage" in _ask(services, "latest many")


def test_search_finds_chinese_words_in_text(services: Services) -> None:
    _add(services)
    assert "数据要素行动计划" in _ask(services, "search 市场化配置")


def test_commitments_by_area_show_the_deadline(services: Services) -> None:
    _add(services)
    assert "deadline 2026" in _ask(services, "commitments data")


def test_indicators_lists_the_catalog_with_latest_values(services: Services) -> None:
    _add(services)
    text = _ask(services, "indicators")
    assert "Netizens / 网民规模 [netizens] — 1.092 billion · 2023" in text


def test_help_gives_every_command_an_example(services: Services) -> None:
    text = _ask(services, "help")
    assert all(example in text for _, _, example in HELP_LINES)
