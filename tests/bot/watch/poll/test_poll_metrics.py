"""Polls, fetch latency and alerts are counted (issue 14, item 3)."""

from __future__ import annotations

from prometheus_client import REGISTRY

from bot.store import Store
from bot.watch.poll import Poller
from bot.watch.poll.alerts import Alerter
from tests.bot.watch.poll.conftest import Site, add


def _value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_a_poll_is_counted_by_outcome_and_its_fetch_timed(
    site: Site, store: Store, poller: Poller
) -> None:
    add(store, site.rss())
    polls, fetches = (
        _value("cdfbot_polls_total", outcome="new"),
        _value("cdfbot_fetch_seconds_count"),
    )
    poller.run_cycle()
    assert _value("cdfbot_polls_total", outcome="new") == polls + 1
    assert _value("cdfbot_fetch_seconds_count") >= fetches + 1


def test_an_alert_slack_refuses_is_counted_as_failed(site: Site, store: Store) -> None:
    def refuse(channel: str, reply: object, thread_ts: str | None) -> str:
        raise RuntimeError("channel_not_found")

    source = add(store, site.rss())
    before = _value("cdfbot_alerts_total", result="failed")
    from bot.watch.poll.summary import SourceOutcome

    Alerter(refuse, "C1").announce(SourceOutcome(source, "failed", turned_failing=True))
    assert _value("cdfbot_alerts_total", result="failed") == before + 1
