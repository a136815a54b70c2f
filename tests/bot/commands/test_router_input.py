"""What reaches SQL from ``/cdf`` is printable and bounded; what reaches the user when the
database fails is a plain sentence with a reference, the detail only in the log."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest

from bot.commands import CommandRequest, handle_command
from bot.commands.text import printable
from bot.config import load_settings
from bot.constants import MAX_COMMAND_CHARS, MAX_QUERY_WORDS
from bot.services import Services, build_services
from bot.store.engine import transaction
from tests.bot.store.conftest import postgres_url  # noqa: F401  (fixture)

FIVE_G_1333 = "5g " * 1333


def _ask(services: Services, text: str) -> str:
    return handle_command(services, CommandRequest(text=text, user_id="U999")).text


@pytest.fixture
def pg_services(postgres_url: str) -> Iterator[Services]:  # noqa: F811
    settings = load_settings(env_file=None, DATABASE_URL=postgres_url, CDFBOT_LOAD_EXAMPLES="false")
    built = build_services(settings)
    yield built
    built.close()


def test_control_characters_are_dropped_and_spaces_kept() -> None:
    assert printable("5g\x00 base\x07\tstations\n") == "5g base stations"


def test_a_1333_word_query_is_refused_before_sql(services: Services) -> None:
    reply = _ask(services, FIVE_G_1333)
    assert f"at most {MAX_QUERY_WORDS}" in reply
    assert "Expression tree" not in reply and "database" not in reply.lower()


@pytest.mark.parametrize("verb", ["search", "commitments"])
def test_a_long_keyword_query_is_refused(services: Services, verb: str) -> None:
    reply = _ask(services, f"{verb} " + "data " * (MAX_QUERY_WORDS + 1))
    assert f"at most {MAX_QUERY_WORDS}" in reply


def test_a_command_past_4000_characters_is_refused(services: Services) -> None:
    reply = _ask(services, "search " + "数" * MAX_COMMAND_CHARS)
    assert f"at most {MAX_COMMAND_CHARS:,}" in reply


def test_twelve_words_are_still_a_query(services: Services) -> None:
    reply = _ask(services, " ".join(["5g"] * MAX_QUERY_WORDS))
    assert "at most" not in reply


@pytest.mark.postgres
@pytest.mark.parametrize("text", ["5g\x00", "search 5g\x00", "commitments da\x00ta"])
def test_a_nul_in_the_command_never_reaches_postgresql(pg_services: Services, text: str) -> None:
    reply = _ask(pg_services, text)
    assert "NUL" not in reply and "database" not in reply.lower()


def test_a_database_error_is_a_plain_sentence_with_a_reference(
    services: Services, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken_lookup(store: Any, text: str) -> None:
        with transaction(store.engine) as conn:
            conn.exec_driver_sql("SELECT * FROM no_such_table")

    monkeypatch.setattr("bot.commands.router.lookup", broken_lookup)
    with caplog.at_level(logging.ERROR):
        reply = _ask(services, "5g")
    assert "no_such_table" not in reply and "SELECT" not in reply
    ref = re.search(r"reference `([^`]+)`", reply)
    assert ref is not None
    assert ref.group(1) in caplog.text and "no such table" in caplog.text
