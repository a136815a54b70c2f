"""The shipped default sources load, and every enabled one has what its adapter needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.canonical import canonical_url
from bot.errors import ConfigError
from bot.sources.base import SOURCE_KINDS
from bot.sources.defaults import load_default_sources

ENTRY = """[[source]]
name = "Example"
url = "{url}"
kind = "{kind}"
enabled = {enabled}
interval = 3600
{settings}
"""


def write(
    tmp_path: Path,
    url: str = "https://x.example/",
    kind: str = "html",
    enabled: str = "false",
    settings: str = "",
) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(ENTRY.format(url=url, kind=kind, enabled=enabled, settings=settings))
    return path


def test_shipped_defaults_load_with_unique_urls() -> None:
    sources = load_default_sources()
    assert sources and all(s.kind in SOURCE_KINDS for s in sources)
    assert len({canonical_url(s.url) for s in sources}) == len(sources)


def test_enabled_nda_lists_have_every_selector_they_need() -> None:
    nda = [s for s in load_default_sources() if "nda.gov.cn" in s.url]
    assert len(nda) == 3 and all(s.enabled for s in nda)
    for source in nda:
        assert {"item", "link", "date", "remove", "body", "attachments"} <= set(source.settings)
        assert source.settings["link"] == "a[href*='_pc.html']"  # anchors lack a title


def test_every_mission_source_is_enabled() -> None:
    by_name = {s.name: s for s in load_default_sources()}
    assert set(by_name) == {
        "CDF (English)",
        "CDRF 基金会动态",
        "CDRF News (English)",
        "NDA 新闻发布",
        "NDA 政策发布",
        "NDA 政策解读",
        "SCIO 国务院新闻办新闻发布会",
        "Xinhua China business",
        "gov.cn 最新政策",
    }
    assert all(s.enabled for s in by_name.values())


def test_enabled_json_default_is_govcn_with_its_fields() -> None:
    enabled = [s for s in load_default_sources() if s.enabled and s.kind == "json"]
    assert [s.settings for s in enabled] == [
        {"items": "", "title": "TITLE", "url": "URL", "date": "DOCRELPUBTIME"}
    ]


def test_list_pages_of_unknown_layout_run_on_detection_with_a_note() -> None:
    detected = [s for s in load_default_sources() if s.kind == "html" and "item" not in s.settings]
    assert {s.name for s in detected} == {
        "CDF (English)",
        "CDRF 基金会动态",
        "CDRF News (English)",
        "SCIO 国务院新闻办新闻发布会",
    }
    assert all(s.enabled and s.note and "detection" in s.note for s in detected)


def test_bad_kind_names_the_entry(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"entry 1 \('Example'\): kind 'xml' is not one of"):
        load_default_sources(write(tmp_path, kind="xml"))


def test_bad_url_names_the_entry(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"entry 1 \('Example'\): url 'ftp://x' is not"):
        load_default_sources(write(tmp_path, url="ftp://x"))


def test_enabled_html_source_without_item_selector_runs_on_detection(tmp_path: Path) -> None:
    (source,) = load_default_sources(write(tmp_path, enabled="true"))
    assert source.enabled and "item" not in source.settings


def test_setting_of_another_kind_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="setting\\(s\\) items do not apply to html"):
        load_default_sources(write(tmp_path, settings='[source.settings]\nitems = "data"'))
