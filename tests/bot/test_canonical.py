from __future__ import annotations

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
