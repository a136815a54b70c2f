"""Subscriptions: schedule and filter parsing, /cdf verbs, permissions, the CLI twins."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.commands import CommandRequest, handle_command
from bot.digest.schedule import Schedule, parse_schedule
from bot.digest.subscriptions import channel_target, on_change, parse_filters, subscribe
from bot.errors import CommandError
from bot.model import Subscription
from bot.render.reply import Reply
from bot.services import Services
from tests.support import store_reads as reads

ADMIN, USER = "UADMIN1", "U0USER01"


def _cdf(
    services: Services, text: str, *, user: str = USER, channel: str = "C0HERE01", dm: bool = False
) -> Reply:
    return handle_command(services, CommandRequest(text, user, channel, is_dm=dm))


def _only(services: Services) -> Subscription:
    (subscription,) = services.store.list_subscriptions()
    return subscription


@pytest.mark.parametrize(
    ("words", "schedule"),
    [
        ("", Schedule("mon", 9, 0, "Asia/Shanghai")),
        ("weekly fri 17:30 Europe/Berlin", Schedule("fri", 17, 30, "Europe/Berlin")),
        ("17:30 Friday europe/berlin", Schedule("fri", 17, 30, "Europe/Berlin")),
        ("tue 5pm UTC", Schedule("tue", 17, 0, "UTC")),
    ],
)
def test_schedule_words(words: str, schedule: Schedule) -> None:
    assert parse_schedule(words.split(), "Asia/Shanghai") == (schedule, [])


def test_schedule_stops_at_the_first_filter() -> None:
    _, rest = parse_schedule(["fri", "language:zh", "skip-empty"], "UTC")
    assert rest == ["language:zh", "skip-empty"]


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("fri 17:30 Europe/Berln", "“Europe/Berln” is not a time zone"),
        ("fri 25:00", "“25:00” is not a time of day"),
        ("daily 09:00", "Digests are weekly only"),
        ("fri mon", "The day is given twice"),
    ],
)
def test_bad_schedules_say_what_is_wrong_with_an_example(words: str, message: str) -> None:
    with pytest.raises(CommandError) as info:
        parse_schedule(words.split(), "UTC")
    assert message in str(info.value)
    assert "/cdf subscribe weekly fri 17:30 Europe/Berlin" in str(info.value)


@pytest.mark.parametrize("word", ["<#C0123ABCD|policy-team>", "<#C0123ABCD>", "C0123ABCD"])
def test_channel_forms_slack_sends(word: str) -> None:
    assert channel_target(word) == "C0123ABCD"


def test_a_bare_channel_name_is_refused_with_advice() -> None:
    with pytest.raises(CommandError, match="autocomplete"):
        channel_target("#policy-team")


def test_day_names_and_zones_are_not_channels() -> None:
    assert channel_target("fri") is None and channel_target("UTC") is None


def test_filters_are_checked(services: Services) -> None:
    filters = parse_filters(
        services.store, ["language:Chinese", "indicators:5G base stations", "skip-empty"]
    )
    assert (filters.languages, filters.indicators, filters.skip_empty) == (
        ("zh",),
        ("5g_base_stations",),
        True,
    )


def test_unknown_indicator_suggests_catalog_ids(services: Services) -> None:
    with pytest.raises(CommandError, match="not an indicator in the catalog"):
        parse_filters(services.store, ["indicator:5g stationz"])


def test_unknown_word_lists_the_filters(services: Services) -> None:
    with pytest.raises(CommandError, match="sources:nda"):
        parse_filters(services.store, ["fryday"])


def test_subscribe_uses_the_default_schedule_here(services: Services) -> None:
    reply = _cdf(services, "subscribe")
    sub = _only(services)
    assert (sub.channel_id, sub.day_of_week, sub.hour, sub.minute) == ("C0HERE01", "mon", 9, 0)
    assert sub.timezone == "Asia/Shanghai"
    assert "weekly on Monday at 09:00 (Asia/Shanghai)" in reply.text


def test_subscribe_with_a_schedule_and_filters(services: Services) -> None:
    _cdf(services, 'subscribe weekly fri 17:30 Europe/Berlin language:zh keywords:"data exchange"')
    sub = _only(services)
    assert (sub.day_of_week, sub.hour, sub.minute, sub.timezone) == ("fri", 17, 30, "Europe/Berlin")
    assert sub.filters == {"languages": ["zh"], "keywords": ["data exchange"]}


def test_subscribe_in_a_dm_subscribes_the_user(services: Services) -> None:
    _cdf(services, "subscribe", channel="D0DM0001", dm=True)
    assert _only(services).channel_id == USER


def test_an_admin_may_subscribe_another_channel(services: Services) -> None:
    _cdf(services, "subscribe <#C0POLICY1|policy-team> thu 08:00", user=ADMIN)
    assert _only(services).channel_id == "C0POLICY1"


def test_others_may_not_subscribe_another_channel(services: Services) -> None:
    reply = _cdf(services, "subscribe <#C0POLICY1|policy-team>")
    assert "for admins only" in reply.text
    assert services.store.list_subscriptions() == []


def test_a_bad_schedule_is_an_answer_not_a_crash(services: Services) -> None:
    reply = _cdf(services, "subscribe fri 17:30 Mars/Olympus")
    assert "not a time zone" in reply.text


def test_unsubscribe_here(services: Services) -> None:
    _cdf(services, "subscribe")
    assert "Unsubscribed" in _cdf(services, "unsubscribe").text
    assert services.store.list_subscriptions() == []


def test_unsubscribe_when_not_subscribed(services: Services) -> None:
    assert "is not subscribed" in _cdf(services, "unsubscribe").text


def test_admins_list_every_subscription_others_only_theirs(services: Services) -> None:
    _cdf(services, "subscribe")
    _cdf(services, "subscribe", channel="C0OTHER01")
    assert "Digest subscriptions (2)" in _cdf(services, "subscriptions", user=ADMIN).text
    assert "Digest subscriptions (1)" in _cdf(services, "subscriptions").text


def test_a_dm_subscription_is_listed_without_a_mention(services: Services) -> None:
    _cdf(services, "subscribe", channel="D0DM0001", dm=True)
    blocks = repr(_cdf(services, "subscriptions", user=ADMIN).blocks)
    assert f"DM with {USER}" in blocks and "<@" not in blocks


def test_changes_are_audited(services: Services) -> None:
    _cdf(services, "subscribe")
    (entry,) = reads.audit_log(services.store)
    assert (entry.actor, entry.action, entry.target) == (USER, "subscribe", "subscription:C0HERE01")


def test_changes_notify_listeners(services: Services) -> None:
    calls: list[str] = []
    remove = on_change(services.store, lambda: calls.append("changed"))
    subscribe(services.store, USER, "C0HERE01", [], default_timezone="UTC")
    remove()
    subscribe(services.store, USER, "C0HERE01", ["fri"], default_timezone="UTC")
    assert calls == ["changed"]


def test_digest_preview_is_ephemeral_and_uses_the_channels_filters(services: Services) -> None:
    _cdf(services, "subscribe skip-empty")
    reply = _cdf(services, "digest preview")
    assert reply.response_type == "ephemeral"
    assert reply.text.startswith("CDF & NDA digest")
    assert "nothing will be posted" in reply.text


class TestCli:
    @pytest.fixture(autouse=True)
    def _database(self, monkeypatch: pytest.MonkeyPatch, db_url: str, tmp_path: Path) -> None:
        monkeypatch.setenv("DATABASE_URL", db_url)
        monkeypatch.setenv("CDFBOT_TIMEZONE", "Europe/Berlin")
        monkeypatch.chdir(tmp_path)

    def test_subscribe_list_unsubscribe(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["subscribe", "C0CLI0001", "fri", "17:30"]) == 0
        assert "weekly on Friday at 17:30 (Europe/Berlin)" in capsys.readouterr().out
        assert main(["subscriptions"]) == 0
        assert "#C0CLI0001" in capsys.readouterr().out
        assert main(["unsubscribe", "C0CLI0001"]) == 0
        assert "Unsubscribed #C0CLI0001" in capsys.readouterr().out

    def test_a_bad_timezone_exits_1_with_the_example(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["subscribe", "C0CLI0001", "Europe/Berln"]) == 1
        assert "Europe/Berlin" in capsys.readouterr().err

    def test_send_due_with_nothing_due(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["subscribe", "C0CLI0001"]) == 0
        capsys.readouterr()
        assert main(["digest", "--send-due"]) == 0
        assert capsys.readouterr().out.split() == ["not", "due", "C0CLI0001"]

    def test_preview_of_a_channels_digest(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["subscribe", "C0CLI0001"]) == 0
        capsys.readouterr()
        assert main(["digest", "--preview", "--channel", "C0CLI0001", "--since", "2024-01-01"]) == 0
        assert capsys.readouterr().out.startswith("CDF & NDA digest · 1 Jan")
