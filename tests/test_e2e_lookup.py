"""Issue 6 end to end, HTTP mode: signed /cdf queries and button clicks, charts uploaded to
the fake Slack Web API (the three calls of files_upload_v2) — to the asker's DM, or with
``--share`` to the channel — and notes via response_url."""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from bot.constants import CHART_IN_DM, CHART_SHARED
from bot.model import Figure, Release
from bot.services import build_services
from bot.slack.app import create_app
from bot.slack.serve import HttpServer, create_http_server
from tests.support.fake_slack import FakeSlack
from tests.support.fake_slack_api import dm_channel_id
from tests.support.slack_requests import (
    USER_ID,
    signed_headers,
    slack_settings,
    slash_command_body,
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _release(key: str, year: int, figures: list[tuple[str, str, float]]) -> Release:
    return Release(
        title=f"Statistical bulletin {year} ({key})",
        language="en",
        text=f"Bulletin {year}: figures for {key}. Quantum pilots mentioned.",
        content_hash=f"{key}-{year}",
        url=f"https://stats.example.cn/{key}/{year}.html",
        published=date(year + 1, 1, 20),
        figures=[
            Figure(
                subject,
                value,
                "count",
                str(value),
                f"{subject} reached {value}.",
                indicator,
                period=str(year),
            )
            for indicator, subject, value in figures
        ],
    )


@dataclass
class Bot:
    server: HttpServer
    fake: FakeSlack

    def post(self, body: str, headers: dict[str, str]) -> tuple[int, str]:
        conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=10)
        try:
            conn.request("POST", "/slack/events", body.encode(), headers)
            response = conn.getresponse()
            return response.status, response.read().decode()
        finally:
            conn.close()

    def command(self, text: str, **fields: Any) -> dict[str, Any]:
        body = slash_command_body(text, **fields)
        status, raw = self.post(body, signed_headers(body))
        assert status == 200
        return json.loads(raw)

    def click(self, action_id: str, value: str, key: str) -> int:
        payload = {
            "type": "block_actions",
            "user": {"id": "UUSER001"},
            "team": {"id": "T0FAKE"},
            "channel": {"id": "C0CHANNEL"},
            "api_app_id": "A0FAKE",
            "response_url": self.fake.response_url(key),
            "trigger_id": "1.2.3",
            "actions": [
                {"type": "button", "action_id": action_id, "value": value, "block_id": "b"}
            ],
        }
        body = urlencode({"payload": json.dumps(payload)})
        return self.post(body, signed_headers(body))[0]


@pytest.fixture
def bot(tmp_path: Path) -> Iterator[Bot]:
    with FakeSlack() as fake:
        settings = slack_settings(fake.base_url, f"sqlite:///{tmp_path / 'e2e.sqlite3'}")
        services = build_services(settings)
        for year, stations, users, netizens in (
            (2021, 1.425e6, 3.55e8, 1.032e9),
            (2022, 2.31e6, 5.61e8, 1.067e9),
            (2023, 3.377e6, 8.05e8, 1.092e9),
        ):
            services.store.add_release(
                _release(
                    "miit",
                    year,
                    [
                        ("5g_base_stations", "5G base stations", stations),
                        ("5g_users", "5G mobile users", users),
                        # two periods only: no chart, so no upload outlives these tests
                        *([("netizens", "网民规模", netizens)] if year > 2021 else []),
                        *(
                            [
                                ("gigabit_broadband_users", "gigabit broadband users", 1.63e8),
                                ("fixed_broadband_users", "fixed broadband users", 6.36e8),
                            ]
                            if year == 2023
                            else []
                        ),
                    ],
                )
            )
        server = create_http_server(create_app(services), settings, host="127.0.0.1", port=0)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        try:
            yield Bot(server, fake)
        finally:
            server.close()
            thread.join(timeout=5)
            services.close()


@pytest.mark.parametrize("query", ["netizens", "网民", "netizns", "internet users"])
def test_english_chinese_and_typo_queries_answer_netizens(bot: Bot, query: str) -> None:
    body = bot.command(query)
    assert "1.092 billion" in body["text"] and "Netizens" in body["text"]


def test_answer_lists_history_per_period(bot: Bot) -> None:
    text = bot.command("5G基站")["text"]
    assert "3.377 million" in text.splitlines()[1]
    assert "2.31 million · 2022" in text and "1.425 million · 2021" in text
    bot.fake.wait_for("files.completeUploadExternal", timeout=60)


def test_ambiguous_query_gets_a_pick_list_of_buttons(bot: Bot) -> None:
    body = bot.command("broadband")
    buttons = [e for b in body["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert {b["value"] for b in buttons} == {"gigabit_broadband_users", "fixed_broadband_users"}


def test_5g_alone_answers_base_stations(bot: Bot) -> None:
    assert "5G base stations" in bot.command("5g")["text"].splitlines()[0]


def test_unknown_query_suggests_and_finds_releases(bot: Bot) -> None:
    body = bot.command("quantum pilots")
    assert "Statistical bulletin" in body["text"]


def test_chart_is_sent_to_the_asker_in_a_dm_with_the_three_call_flow(bot: Bot) -> None:
    bot.command("5G base stations", channel_id="C0CHART")
    (complete,) = bot.fake.wait_for("files.completeUploadExternal", timeout=60)
    (opened,) = bot.fake.calls_to("conversations.open")
    (upload,) = bot.fake.calls_to("upload")
    assert bot.fake.calls_to("files.getUploadURLExternal")
    assert upload.body.startswith(PNG_MAGIC)
    assert opened.params["users"] == USER_ID
    assert complete.params["channel_id"] == dm_channel_id(USER_ID)
    assert "1.425 million (2021) → 3.377 million (2023)" in complete.params["initial_comment"]


def test_answer_says_the_chart_went_to_a_dm(bot: Bot) -> None:
    body = bot.command("5G base stations")
    assert CHART_IN_DM in body["text"]
    bot.fake.wait_for("files.completeUploadExternal", timeout=60)


def test_answer_without_a_chart_says_nothing_about_one(bot: Bot) -> None:
    assert "Chart" not in bot.command("netizens")["text"]


def test_share_posts_the_chart_in_the_channel(bot: Bot) -> None:
    body = bot.command("5G base stations --share", channel_id="C0CHART")
    (complete,) = bot.fake.wait_for("files.completeUploadExternal", timeout=60)
    assert CHART_SHARED in body["text"] and "3.377 million" in body["text"]
    assert complete.params["channel_id"] == "C0CHART"
    assert f"asked by <@{USER_ID}>" in complete.params["initial_comment"]
    assert not bot.fake.calls_to("conversations.open")


def test_shared_chart_where_the_bot_is_absent_is_explained_via_response_url(bot: Bot) -> None:
    bot.fake.fail("files.completeUploadExternal", "not_in_channel", channel="D0OTHER")
    bot.command(
        "5G base stations --share", channel_id="D0OTHER", response_url=bot.fake.response_url("nc")
    )
    (note,) = bot.fake.wait_for("response", timeout=60)
    assert "not in this conversation" in json.loads(note.body)["text"]


def test_stale_signature_is_rejected(bot: Bot) -> None:
    body = slash_command_body("5g")
    assert bot.post(body, signed_headers(body, timestamp=int(time.time()) - 600))[0] == 401


def test_pick_button_click_answers_via_response_url(bot: Bot) -> None:
    assert bot.click("cdf_pick:5g_users", "5g_users", "click") == 200
    post = next(c for c in bot.fake.wait_for("response", timeout=30) if c.path.endswith("click"))
    answer = json.loads(post.body)
    assert answer["replace_original"] is True and "805 million" in answer["text"]
    bot.fake.wait_for("files.completeUploadExternal", timeout=60)


def test_source_button_shows_the_sentence(bot: Bot) -> None:
    bot.click("cdf_source:netizens", "netizens", "src")
    post = bot.fake.wait_for("response", timeout=30)[0]
    assert "网民规模 reached" in json.loads(post.body)["text"]
