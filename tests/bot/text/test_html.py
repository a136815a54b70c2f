"""HTML → Document: article text without page furniture, title, date and language."""

from __future__ import annotations

from datetime import date

import pytest

from bot.text import html as html_module
from bot.text.html import html_to_document, parse_date

NAV = "<nav><a href='/'>Home</a> | <a href='/news'>Newsroom archive</a></nav>"
HEADER = "<header><div>Portal of the Example Data Office</div></header>"
FOOTER = "<footer><p>Copyright 2024 Example Data Office. Sitemap. Contact us.</p></footer>"
ARTICLE = """<article><h1>Digital economy report for 2023</h1>
<p>The digital economy of the province grew to 1.2 trillion yuan in 2023,
   up <b>7.4 percent</b> year on year, the statistics bureau said on Friday.</p>
<p>Broadband users reached 63 million by the end of the year, and every township
   is now covered by gigabit fibre networks according to the bureau.</p>
<table><tr><th>Indicator</th><th>Value</th></tr>
<tr><td>5G base stations</td><td>338,000</td></tr>
<tr><td>Data centre racks</td><td>91,000</td></tr></table>
<p>By 2025 the province will connect all of its cities to the national computing network,
   the plan published alongside the report says.</p></article>"""


def page(head: str = "", body: str = ARTICLE, lang: str = "en") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><title>Example Data Office</title>{head}'
        f"</head><body>{NAV}{HEADER}{body}{FOOTER}<script>var tracker = 1;</script></body></html>"
    )


def test_article_text_excludes_navigation_and_footer() -> None:
    text = html_to_document(page()).text
    assert "grew to 1.2 trillion yuan" in text
    for noise in ("Newsroom archive", "Copyright", "Portal of the Example", "tracker"):
        assert noise not in text


def test_paragraphs_stay_on_separate_lines() -> None:
    lines = html_to_document(page()).text.splitlines()
    assert any(line.startswith("The digital economy") and "on Friday." in line for line in lines)
    assert any(line.startswith("Broadband users") for line in lines)


def test_table_rows_are_kept_one_per_line_without_separator_rows() -> None:
    lines = html_to_document(page()).text.splitlines()
    assert any("5G base stations" in line and "338,000" in line for line in lines)
    assert not any(set(line) <= set("|-: ") for line in lines)


def test_fallback_uses_visible_body_text_when_trafilatura_finds_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(html_module, "_article_text", lambda html, url: "")
    text = html_to_document(page()).text
    assert "Broadband users reached 63 million by the end of the year, and every" in text
    assert "5G base stations 338,000" in text
    for noise in ("Newsroom archive", "Copyright", "Portal of the Example", "tracker"):
        assert noise not in text


def test_title_prefers_og_title() -> None:
    head = '<meta property="og:title" content="Digital economy report">'
    assert html_to_document(page(head)).title == "Digital economy report"


def test_title_from_article_title_meta() -> None:
    head = '<meta name="ArticleTitle" content="数字经济报告">'
    assert html_to_document(page(head)).title == "数字经济报告"


def test_title_falls_back_to_title_element() -> None:
    assert html_to_document(page()).title == "Example Data Office"


@pytest.mark.parametrize(
    "meta",
    [
        '<meta name="PubDate" content="2024-03-15 10:30">',
        '<meta property="article:published_time" content="2024-03-15T10:30:00+08:00">',
        '<meta name="publishdate" content="2024.03.15">',
        '<meta name="PubDate" content="2024年3月15日">',
    ],
)
def test_published_date_from_meta(meta: str) -> None:
    assert html_to_document(page(meta)).published == date(2024, 3, 15)


def test_invalid_date_is_none() -> None:
    assert parse_date("2024-02-30") is None


def test_language_from_html_lang_primary_subtag() -> None:
    assert html_to_document(page(lang="en-US")).language == "en"


def test_declared_english_on_chinese_text_is_left_to_detection() -> None:
    body = (
        "<article><p>" + "本省数字经济规模持续扩大，产业数字化转型加快推进。" * 8 + "</p></article>"
    )
    assert html_to_document(page(body=body, lang="en")).language is None


def test_url_and_size_are_recorded() -> None:
    document = html_to_document(page(), "https://data.example/r.html", raw_bytes=123)
    assert (document.kind, document.url, document.raw_bytes) == (
        "html",
        "https://data.example/r.html",
        123,
    )
