"""``/cdf <indicator> --csv`` through the Bolt app: the answer says where the file goes,
and the CSV arrives in the asker's DM by files_upload_v2 on the fake Slack Web API."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from slack_bolt import App

from bot.constants import CSV_FAILED, CSV_IN_DM
from bot.model import Figure, Release
from bot.services import Services
from tests.support.fake_slack import FakeSlack
from tests.support.fake_slack_api import dm_channel_id
from tests.support.slack_requests import USER_ID, bolt_request, slash_command_body


def _store(services: Services) -> None:
    for year, value in ((2023, 1.092e9), (2024, 1.1e9)):
        figure = Figure(
            "网民规模", value, "count", f"{value}", "网民规模达到…", "netizens", period=str(year)
        )
        services.store.add_release(
            Release(
                title=f"第{year - 1969}次中国互联网络发展状况统计报告",
                language="zh",
                text=f"report {year}",
                content_hash=f"cnnic-{year}",
                url=f"https://cnnic.example.cn/{year}.html",
                published=date(year + 1, 3, 1),
                figures=[figure],
            )
        )


def _ask(app: App, text: str, fake: FakeSlack) -> dict:
    body = slash_command_body(text, response_url=fake.response_url("csv"))
    response = app.dispatch(bolt_request(body))
    assert response.status == 200
    return json.loads(response.body)


def test_csv_goes_to_the_askers_dm(app: App, slack_services: Services, fake: FakeSlack) -> None:
    _store(slack_services)
    answer = _ask(app, "netizens --csv", fake)
    assert CSV_IN_DM in answer["text"]
    (complete,) = fake.wait_for("files.completeUploadExternal", timeout=30)
    assert complete.channel == dm_channel_id(USER_ID)
    (upload,) = fake.calls_to("upload")
    assert upload.body.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(upload.body.decode("utf-8-sig"))))
    assert [(r["period"], r["value"], r["unit"]) for r in rows] == [
        ("2023", "1092000000.0", "count"),
        ("2024", "1100000000.0", "count"),
    ]
    assert rows[0]["release title"] == "第54次中国互联网络发展状况统计报告"


def test_without_the_flag_no_file_is_sent(
    app: App, slack_services: Services, fake: FakeSlack
) -> None:
    _store(slack_services)
    assert CSV_IN_DM not in _ask(app, "netizens", fake)["text"]
    assert fake.calls_to("files.getUploadURLExternal") == []


def test_a_dm_that_cannot_be_opened_is_explained(
    app: App, slack_services: Services, fake: FakeSlack
) -> None:
    _store(slack_services)
    fake.fail("conversations.open", "cannot_dm_bot")
    _ask(app, "netizens --csv", fake)
    (note,) = fake.wait_for("response", timeout=30)
    assert note.params["text"] == CSV_FAILED
