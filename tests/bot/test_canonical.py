"""Canonical URLs: one key per release whatever spelling reached it."""

from __future__ import annotations

import hashlib

import pytest

from bot.canonical import canonical_url, content_hash


def test_www_case_and_trailing_slash_are_ignored() -> None:
    assert canonical_url("HTTPS://WWW.Example.org/news/") == canonical_url(
        "https://example.org/news"
    )


def test_tracking_parameters_are_dropped() -> None:
    assert canonical_url("https://example.org/a?utm_source=x&id=3") == "https://example.org/a?id=3"


def test_pc_and_mobile_twins_share_one_url() -> None:
    pc = canonical_url("https://www.nda.gov.cn/sjj/swdt/xwfb/1129/20241129_pc.html")
    mobile = canonical_url("https://www.nda.gov.cn/sjj/swdt/xwfb/1129/20241129_mobile.html")
    assert pc == mobile


def test_http_and_https_are_one_release() -> None:
    assert canonical_url("http://example.org/a") == canonical_url("https://example.org/a")


def test_fragment_is_dropped() -> None:
    assert canonical_url("https://example.org/a#top") == "https://example.org/a"


def test_non_web_urls_have_no_canonical_form() -> None:
    assert canonical_url("/tmp/file.txt") is None


def test_content_hash_ignores_rewrapping() -> None:
    assert content_hash("a  b\nc") == content_hash("a b c")


# --- Edges: query order, ports, fragments, tracking parameters, the path. ---


def test_query_parameters_are_sorted() -> None:
    assert canonical_url("https://example.org/a?b=2&a=1&c=3") == "https://example.org/a?a=1&b=2&c=3"


def test_two_orders_of_one_query_are_one_url() -> None:
    assert canonical_url("https://example.org/a?id=3&page=2") == canonical_url(
        "https://example.org/a?page=2&id=3"
    )


@pytest.mark.parametrize(
    "url", ["http://example.org:80/a", "https://example.org:443/a", "HTTPS://Example.org:443/a"]
)
def test_explicit_default_port_is_dropped(url: str) -> None:
    assert canonical_url(url) == "https://example.org/a"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org:8443/a", "https://example.org:8443/a"),
        ("http://example.org:8080/a", "https://example.org:8080/a"),
        ("http://example.org:443/a", "https://example.org:443/a"),
        ("https://example.org:80/a", "https://example.org:80/a"),
    ],
)
def test_other_ports_are_kept(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_fragment_is_dropped_with_a_query() -> None:
    assert canonical_url("https://example.org/a?id=1#section-2") == "https://example.org/a?id=1"


@pytest.mark.parametrize(
    "param",
    [
        "utm_source",
        "utm_medium",
        "UTM_Campaign",
        "spm",
        "from",
        "source",
        "share",
        "share_token",
        "fbclid",
        "gclid",
        "wechat_id",
    ],
)
def test_each_tracking_parameter_is_dropped(param: str) -> None:
    assert canonical_url(f"https://example.org/a?{param}=x&id=3") == "https://example.org/a?id=3"


@pytest.mark.parametrize("param", ["id", "page", "utm", "sources", "fromdate", "lang"])
def test_ordinary_parameters_are_kept(param: str) -> None:
    assert canonical_url(f"https://example.org/a?{param}=x") == f"https://example.org/a?{param}=x"


def test_query_of_only_tracking_parameters_leaves_none() -> None:
    assert canonical_url("https://example.org/a?utm_source=x&spm=1") == "https://example.org/a"


@pytest.mark.parametrize(
    "url", ["https://example.org", "https://example.org/", "https://example.org//"]
)
def test_site_root_keeps_its_slash(url: str) -> None:
    assert canonical_url(url) == "https://example.org/"


def test_trailing_slash_of_a_short_path_is_dropped() -> None:
    assert canonical_url("https://example.org/a/") == "https://example.org/a"


def test_path_case_and_last_letters_are_kept() -> None:
    assert canonical_url("https://example.org/Docs/INDEX") == "https://example.org/Docs/INDEX"


def test_device_twin_keeps_its_extension() -> None:
    assert (
        canonical_url("https://www.nda.gov.cn/sjj/xwfb/20241129_mobile.shtml")
        == "https://nda.gov.cn/sjj/xwfb/20241129.shtml"
    )


@pytest.mark.parametrize(
    "url", ["https:///a", "http://", "ftp://example.org/a", "mailto:a@example.org", "", None]
)
def test_urls_without_a_web_host_have_no_canonical_form(url: str | None) -> None:
    assert canonical_url(url) is None


def test_content_hash_is_sha256_of_the_collapsed_text() -> None:
    """Stored in the database: the value itself must not change between versions."""
    assert content_hash("a  b\nc") == hashlib.sha256(b"a b c").hexdigest()
