"""``/cdf watch``, ``watches``, ``unwatch`` through the router every face uses."""

from __future__ import annotations

from bot.commands import CommandRequest, handle_command
from bot.services import Services

ADMIN = "UADMIN1"


def _ask(services: Services, text: str, user: str = "U0ALICE1", channel: str = "C0HERE123") -> str:
    request = CommandRequest(text=text, user_id=user, channel_id=channel)
    return handle_command(services, request).text


def test_watch_is_for_the_asker_by_default(services: Services) -> None:
    assert _ask(services, "watch 5g") == (
        "Watching 5G base stations → DM with U0ALICE1 on every new value"
    )
    [watch] = services.store.list_watches()
    assert (watch.target_kind, watch.target_id, watch.indicator) == (
        "user",
        "U0ALICE1",
        "5g_base_stations",
    )


def test_watch_reads_a_threshold_in_words(services: Services) -> None:
    reply = _ask(services, "watch online retail sales above 15 trillion")
    assert "when above ¥15 trillion" in reply
    assert services.store.list_watches()[0].above == 15e12


def test_watch_for_a_channel_is_for_admins(services: Services) -> None:
    assert "for admins only" in _ask(services, "watch 5g <#C0TEAM123|team>")
    assert services.store.list_watches() == []
    assert "→ #C0TEAM123" in _ask(services, "watch 5g <#C0TEAM123|team>", user=ADMIN)


def test_watches_lists_mine_and_this_channels(services: Services) -> None:
    _ask(services, "watch 5g")
    _ask(services, "watch netizens", user="U0BOB1234")
    _ask(services, "watch 5g <#C0HERE123|here>", user=ADMIN)
    listed = _ask(services, "watches")
    assert "DM with U0ALICE1" in listed and "#C0HERE123" in listed
    assert "U0BOB1234" not in listed
    assert "U0BOB1234" in _ask(services, "watches", user=ADMIN)


def test_unwatch_ends_the_askers_watch(services: Services) -> None:
    _ask(services, "watch 5G基站")
    assert _ask(services, "unwatch 5g").startswith("Stopped watching 5G base stations")
    assert services.store.list_watches() == []


def test_unwatch_without_a_watch_says_so(services: Services) -> None:
    assert "There is no watch on 5G base stations here." in _ask(services, "unwatch 5g")


def test_an_unreadable_threshold_is_explained(services: Services) -> None:
    assert "is not a threshold I can read" in _ask(services, "watch 5g above lots")


def test_an_unknown_indicator_is_explained(services: Services) -> None:
    assert "No indicator matches" in _ask(services, "watch quantum teleportation")
