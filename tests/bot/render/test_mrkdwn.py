"""mrkdwn escaping: text from a release never becomes a mention, a link or styling."""

from __future__ import annotations

import re

import pytest

from bot.render.mrkdwn import escape, escape_markup, link, truncate

# Every form Slack reads between angle brackets: special mentions, users, channels, links.
MENTIONS = ["<!channel>", "<!here>", "<!everyone>", "<@U123ABC>", "<#C123ABC>", "<!subteam^S1>"]
# Slack reads a control sequence from any '<' up to the next '>'.
CONTROL = re.compile(r"<[^<>]*>")


def controls(rendered: str) -> list[str]:
    """The '<…>' sequences Slack would act on in ``rendered``."""
    return CONTROL.findall(rendered)


def test_channel_mention_is_neutralised() -> None:
    assert "<!channel>" not in escape("<!channel> hello")
    assert escape("<!channel>").startswith("&lt;!channel&gt;")


def test_user_mention_is_neutralised() -> None:
    assert "<@U123>" not in escape("ping <@U123>")


def test_ampersand_is_escaped_once() -> None:
    assert escape("R&D") == "R&amp;D"


def test_bold_markers_cannot_style_text() -> None:
    assert "*bold*" not in escape("*bold*")


@pytest.mark.parametrize("mention", MENTIONS)
def test_no_mention_survives_escaping(mention: str) -> None:
    assert controls(escape(f"before {mention} after")) == []


def test_pre_escaped_entities_stay_text() -> None:
    assert escape("&lt;!channel&gt;") == "&amp;lt;!channel&amp;gt;"


def test_escape_markup_applies_exactly_slacks_three_replacements() -> None:
    assert escape_markup("*a* <b> & _c_") == "*a* &lt;b&gt; &amp; _c_"


def test_link_escapes_label_and_keeps_url() -> None:
    rendered = link("https://example.org/a?b=1&c=2", "<@U1> title")
    assert rendered.startswith("<https://example.org/a?b=1&amp;c=2|")
    assert "<@U1>" not in rendered


def test_link_is_exactly_one_control_sequence() -> None:
    assert link("https://example.org/a", "Title") == "<https://example.org/a|Title>"


def test_plain_http_urls_are_linked() -> None:
    assert controls(link("http://example.org/a", "T")) == ["<http://example.org/a|T>"]


@pytest.mark.parametrize(
    "url", ["https://e.org/X-Y_Z", "https://e.org/a?q=1;2", "https://e.org/#x"]
)
def test_ordinary_url_characters_keep_the_link(url: str) -> None:
    assert link(url, "T") == f"<{url}|T>"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "HTTP://example.org/a", "", None, "/a"])
def test_link_refuses_non_http_urls(url: str | None) -> None:
    assert link(url, "x") == "x"


@pytest.mark.parametrize(
    "url",
    [
        "https://e.org/x><!channel>",
        "https://e.org/x>",
        "https://e.org/<!here>",
        "https://e.org/x|<!channel>",
        "https://e.org/x|evil label",
        "https://e.org/x <@U123>",
        "https://e.org/x\n<#C123>",
    ],
)
def test_url_with_a_special_character_never_makes_a_link(url: str) -> None:
    assert controls(link(url, "title")) == []


@pytest.mark.parametrize("url", ["https://e.org/x><!channel>", "https://e.org/x|<!channel>"])
def test_url_with_a_special_character_falls_back_to_the_label(url: str) -> None:
    assert link(url, "A & B") == "A &amp; B"


@pytest.mark.parametrize("mention", MENTIONS)
def test_mention_in_a_label_is_text_inside_the_one_link(mention: str) -> None:
    assert controls(link("https://e.org/a", f"x {mention} y")) == [
        f"<https://e.org/a|x {escape(mention)} y>"
    ]


def test_pipe_in_a_label_cannot_end_the_url() -> None:
    assert link("https://e.org/a", "a|b") == "<https://e.org/a|a¦b>"


def test_closing_bracket_in_a_label_cannot_end_the_link() -> None:
    assert link("https://e.org/a", "a>b") == "<https://e.org/a|a&gt;b>"


def test_ampersand_in_a_url_is_escaped_once() -> None:
    assert link("https://e.org/a?x=1&amp=2", "t") == "<https://e.org/a?x=1&amp;amp=2|t>"


def test_truncate_never_leaves_half_an_entity() -> None:
    text = "a" * 8 + "&amp;" + "b" * 10
    cut = truncate(text, 11)
    assert cut.endswith("…")
    assert "&am" not in cut


@pytest.mark.parametrize("text", ["abcde", "abcd", ""])
def test_text_within_the_limit_is_unchanged(text: str) -> None:
    assert truncate(text, 5) == text


def test_longer_text_is_cut_to_the_limit_with_an_ellipsis() -> None:
    assert truncate("abcdef", 5) == "abcd…"


def test_a_whole_entity_before_the_cut_is_kept() -> None:
    assert truncate("a&amp;bcdefgh", 8) == "a&amp;b…"


def test_half_an_entity_is_cut_back_to_the_text_before_it() -> None:
    assert truncate("ab&amp;cdef", 6) == "ab…"


def test_only_the_last_entity_is_checked_for_a_cut() -> None:
    assert truncate("&lt;a&amp;bcdef", 9) == "&lt;a…"
