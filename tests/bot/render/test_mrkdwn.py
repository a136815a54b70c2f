from __future__ import annotations

from bot.render.mrkdwn import escape, link, truncate


def test_channel_mention_is_neutralised() -> None:
    assert "<!channel>" not in escape("<!channel> hello")
    assert escape("<!channel>").startswith("&lt;!channel&gt;")


def test_user_mention_is_neutralised() -> None:
    assert "<@U123>" not in escape("ping <@U123>")


def test_ampersand_is_escaped_once() -> None:
    assert escape("R&D") == "R&amp;D"


def test_bold_markers_cannot_style_text() -> None:
    assert "*bold*" not in escape("*bold*")


def test_link_escapes_label_and_keeps_url() -> None:
    rendered = link("https://example.org/a?b=1&c=2", "<@U1> title")
    assert rendered.startswith("<https://example.org/a?b=1&amp;c=2|")
    assert "<@U1>" not in rendered


def test_link_refuses_non_http_urls() -> None:
    assert link("javascript:alert(1)", "x") == "x"


def test_truncate_never_leaves_half_an_entity() -> None:
    text = "a" * 8 + "&amp;" + "b" * 10
    cut = truncate(text, 11)
    assert cut.endswith("…")
    assert "&am" not in cut
