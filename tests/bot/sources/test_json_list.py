"""JSON lists like gov.cn's policy feed → items."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bot.fetch.client import Fetcher
from bot.sources.base import ListedItem, SourceFormatError
from bot.sources.json_list import JsonListAdapter, parse_json_date
from tests.bot.sources.conftest import Serve, fixture_bytes, make_source


def list_json(serve: Serve, fetcher: Fetcher, body: bytes | str, **settings: object):
    url = serve("/zhengce/zuixin/LIST.json", body, "text/plain")
    return JsonListAdapter().list_items(fetcher.get(url), make_source(url, "json", **settings))


def test_govcn_fields_are_the_defaults(serve: Serve, fetcher: Fetcher) -> None:
    items = list_json(serve, fetcher, fixture_bytes("govcn_list.json"))
    assert [i.published for i in items] == [date(2024, 3, 26), date(2024, 3, 22), date(2024, 3, 1)]
    assert items[0].title == "国务院关于数字经济发展情况的报告"  # markup stripped


def test_relative_urls_resolve_against_the_feed(serve: Serve, fetcher: Fetcher) -> None:
    items = list_json(serve, fetcher, fixture_bytes("govcn_list.json"))
    assert items[1].url.startswith("http://127.0.0.1:")
    assert items[1].url.endswith("/zhengce/content/202403/content_0001.htm")


def test_entries_without_url_or_not_objects_are_skipped(serve: Serve, fetcher: Fetcher) -> None:
    titles = [i.title for i in list_json(serve, fetcher, fixture_bytes("govcn_list.json"))]
    assert "没有链接的条目" not in titles
    assert len(titles) == 3


def test_nested_list_and_custom_fields(serve: Serve, fetcher: Fetcher) -> None:
    body = json.dumps(
        {
            "data": {
                "list": [{"name": "Report", "link": "https://x.example/r.pdf", "ts": 1711324800}]
            }
        }
    )
    items = list_json(serve, fetcher, body, items="data.list", title="name", url="link", date="ts")
    assert items == [
        ListedItem(
            url="https://x.example/r.pdf",
            title="Report",
            published=date(2024, 3, 25),
            kind="pdf",
            parent_url=items[0].parent_url,
        )
    ]


def test_missing_path_is_a_format_error(serve: Serve, fetcher: Fetcher) -> None:
    with pytest.raises(SourceFormatError, match=r"no 'data\.rows'"):
        list_json(serve, fetcher, '{"data": {"list": []}}', items="data.rows")


def test_object_without_path_asks_for_items(serve: Serve, fetcher: Fetcher) -> None:
    with pytest.raises(SourceFormatError, match="set `items`"):
        list_json(serve, fetcher, '{"data": []}')


def test_malformed_json_names_the_line(serve: Serve, fetcher: Fetcher) -> None:
    with pytest.raises(SourceFormatError, match="malformed JSON at line 2"):
        list_json(serve, fetcher, '[\n{"TITLE": }]')


def test_wrong_url_field_is_explained(serve: Serve, fetcher: Fetcher) -> None:
    with pytest.raises(SourceFormatError, match="usable 'HREF' field"):
        list_json(serve, fetcher, fixture_bytes("govcn_list.json"), url="HREF")


@pytest.mark.parametrize("value", ["2024-03-25 10:30:00", 1711324800000, "2024年03月25日"])
def test_json_dates_in_strings_and_epoch_milliseconds(value: object) -> None:
    assert parse_json_date(value) == date(2024, 3, 25)
