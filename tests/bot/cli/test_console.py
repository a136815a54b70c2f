from __future__ import annotations

from bot.cli.console import command_text


def test_slash_command_prefix_is_stripped() -> None:
    assert command_text("/cdf 5g\n") == "5g"


def test_bare_words_are_a_query() -> None:
    assert command_text("网民") == "网民"


def test_other_slash_commands_are_not_ours() -> None:
    assert command_text("/weather") is None


def test_prefix_must_be_a_whole_word() -> None:
    assert command_text("/cdfx") is None
