from __future__ import annotations

import pytest

from bot.commands import CommandRequest, handle_command
from bot.model import Change, Figure, Release
from bot.services import Services
from tests.support import store_reads as reads


def _release(services: Services, value: float, period: str, title: str) -> None:
    figure = Figure(
        subject="5G base stations",
        indicator="5g_base_stations",
        value=value,
        unit="count",
        text=f"{value}",
        sentence=f"There were {value} 5G base stations.",
        period=period,
        change=Change(46.1, "percent", "year on year") if period == "2023" else None,
    )
    services.store.add_release(
        Release(
            title=title,
            language="en",
            text=f"{title} body",
            content_hash=f"hash-{title}",
            url=f"https://example.org/{period}",
            figures=[figure],
        )
    )


def _ask(services: Services, text: str, user: str = "U999") -> str:
    return handle_command(services, CommandRequest(text=text, user_id=user)).text


def test_query_answers_latest_value_with_change(services: Services) -> None:
    _release(services, 2_312_000, "2022", "End of 2022")
    _release(services, 3_377_000, "2023", "End of 2023")
    answer = _ask(services, "5g")
    assert "3.377 million" in answer.splitlines()[1]
    assert "+46.1% y/y" in answer


def test_query_lists_history_of_earlier_periods(services: Services) -> None:
    _release(services, 2_312_000, "2022", "End of 2022")
    _release(services, 3_377_000, "2023", "End of 2023")
    assert "2.312 million" in _ask(services, "5g").split("History:")[1]


def test_unknown_query_says_nothing_matches(services: Services) -> None:
    assert "Nothing stored matches" in _ask(services, "quantum teleportation")


def test_empty_query_explains_usage(services: Services) -> None:
    assert "/cdf 5g" in _ask(services, "   ")


def test_help_lists_the_source_commands(services: Services) -> None:
    assert "/cdf source add" in _ask(services, "help")


def test_non_admin_is_refused_source_commands(services: Services) -> None:
    reply = _ask(services, "source add https://example.org/feed.xml", user="U999")
    assert "admins only" in reply
    assert services.store.list_sources() == []


def test_admin_adds_source_and_audit_log_records_it(services: Services) -> None:
    reply = _ask(services, "source add https://example.org/feed.xml --name Example", user="UADMIN1")
    assert "Added source" in reply
    [entry] = reads.audit_log(services.store)
    assert (entry.actor, entry.action) == ("UADMIN1", "source.add")
    assert entry.after and entry.after["url"] == "https://example.org/feed.xml"


def test_added_source_kind_is_guessed_from_url(services: Services) -> None:
    _ask(services, "source add https://example.org/feed.xml", user="UADMIN1")
    assert services.store.list_sources()[0].kind == "rss"


def test_admin_removes_source_with_audit(services: Services) -> None:
    _ask(services, "source add https://example.org/list.html", user="UADMIN1")
    source_id = services.store.list_sources()[0].id
    assert "Removed source" in _ask(services, f"source remove {source_id}", user="UADMIN1")
    assert next(e.action for e in reads.audit_log(services.store)) == "source.remove"


def test_removing_unknown_source_is_a_clear_error(services: Services) -> None:
    assert "No source" in _ask(services, "source remove 42", user="UADMIN1")


@pytest.mark.parametrize(
    ("text", "explanation"),
    [
        ("source add", "Usage"),
        ("source add ftp://example.org/x", "not an http(s) URL"),
        ("source remove abc", "not a source id"),
        ("source frobnicate", "Usage"),
    ],
)
def test_malformed_source_command_is_explained(
    services: Services, text: str, explanation: str
) -> None:
    assert explanation in _ask(services, text, user="UADMIN1")
    assert services.store.list_sources() == []


def test_unknown_option_is_named(services: Services) -> None:
    reply = _ask(services, "source add https://example.org/x --colour red", user="UADMIN1")
    assert "--colour" in reply


def test_hostile_title_cannot_ping_in_blocks(services: Services) -> None:
    _release(services, 3_377_000, "2023", "<!channel> <@U123> *bold*")
    reply = handle_command(services, CommandRequest(text="5g", user_id="U1"))
    rendered = str(reply.blocks)
    assert "<!channel>" not in rendered
    assert "<@U123>" not in rendered


def test_admin_pauses_and_resumes_a_source(services: Services) -> None:
    _ask(services, "source add https://example.org/feed.xml", user="UADMIN1")
    source_id = services.store.list_sources()[0].id
    assert "Paused" in _ask(services, f"source pause {source_id}", user="UADMIN1")
    assert "Resumed" in _ask(services, f"source resume {source_id}", user="UADMIN1")
    assert services.store.get_source(source_id).enabled


def test_non_admin_cannot_pause(services: Services) -> None:
    assert "admins only" in _ask(services, "source pause 1", user="U999")


def test_every_changes_the_interval(services: Services) -> None:
    _ask(services, "source add https://example.org/feed.xml", user="UADMIN1")
    source_id = services.store.list_sources()[0].id
    assert "every 2h" in _ask(services, f"source every {source_id} 2h", user="UADMIN1")


def test_source_list_shows_health(services: Services) -> None:
    _ask(services, "source add https://example.org/feed.xml", user="UADMIN1")
    listing = _ask(services, "source list", user="UADMIN1")
    assert "last success never" in listing and "failures 0" in listing
