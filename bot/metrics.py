"""Prometheus metrics (issue 14, item 3): every name starts ``cdfbot_``.

The metrics live in prometheus_client's default registry (which also carries the
``process_*`` and ``python_*`` collectors), as module-level objects that the code counting
an event imports — the poll cycle, the fetcher, ingestion, digest delivery, alerts, the
``/cdf`` handler and the store's transactions. Exposition: ``GET /metrics`` in HTTP mode
(:mod:`bot.slack.serve`), and a small server on ``CDFBOT_METRICS_PORT`` in Socket Mode and
the console (:func:`serve_metrics`). Source health is a gauge read from the database at
scrape time (:class:`SourceHealthCollector`), so every replica reports the same truth.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from prometheus_client import REGISTRY, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

if TYPE_CHECKING:
    from bot.model import Source

#: The classic text format that :func:`exposition` writes, which every Prometheus reads
#: (prometheus-client ≥ 0.22 labels it 1.0.0, which Prometheus 2 does not know).
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

POLLS = Counter("cdfbot_polls", "Source polls, by outcome", ["outcome"])
FETCH_SECONDS = Histogram(
    "cdfbot_fetch_seconds",
    "Latency of one fetch (all attempts and redirects)",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
)
RELEASES_STORED = Counter("cdfbot_releases_stored", "Releases stored")
FIGURES_STORED = Counter("cdfbot_figures_stored", "Key figures stored with their releases")
COMMITMENTS_STORED = Counter("cdfbot_commitments_stored", "Policy commitments stored")
DIGESTS = Counter("cdfbot_digests", "Digest deliveries, by result", ["result"])
ALERTS = Counter(
    "cdfbot_alerts", "Alert posts (new releases, failing sources), by result", ["result"]
)
COMMAND_SECONDS = Histogram(
    "cdfbot_command_seconds",
    "Time to answer /cdf, by verb (the ack, or the lazy listener for slow verbs)",
    ["verb"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
DATABASE_ERRORS = Counter(
    "cdfbot_database_errors",
    "Database transactions that failed, by kind (integrity: a refused change, often a lost race)",
    ["kind"],
)

HEALTH_STATES = ("ok", "degraded", "failing", "paused", "never_polled")


def source_health(source: Source, failure_threshold: int) -> str:
    """One of :data:`HEALTH_STATES`: paused, failing (at the alert threshold), degraded
    (failed lately, below it), never polled, else ok."""
    if not source.enabled:
        return "paused"
    if source.failures >= failure_threshold:
        return "failing"
    if source.failures:
        return "degraded"
    if source.last_success_at is None:
        return "never_polled"
    return "ok"


class SourceHealthCollector(Collector):
    """``cdfbot_sources{health=…}``, counted from the stored sources at each scrape."""

    def __init__(self, list_sources: Callable[[], Iterable[Source]], threshold: int) -> None:
        self.list_sources = list_sources
        self.threshold = threshold

    def collect(self) -> Iterator[GaugeMetricFamily]:
        counts = dict.fromkeys(HEALTH_STATES, 0)
        for source in self.list_sources():
            counts[source_health(source, self.threshold)] += 1
        family = GaugeMetricFamily(
            "cdfbot_sources", "Watched sources, by health", labels=["health"]
        )
        for state, count in counts.items():
            family.add_metric([state], count)
        yield family


_health_collector: list[SourceHealthCollector] = []


def watch_source_health(list_sources: Callable[[], Iterable[Source]], threshold: int) -> None:
    """Report source health from ``list_sources`` (one collector per process; the latest
    call wins, so tests and restarts within a process do not register twice)."""
    for old in _health_collector:
        REGISTRY.unregister(old)
    _health_collector[:] = [SourceHealthCollector(list_sources, threshold)]
    REGISTRY.register(_health_collector[0])


def exposition() -> bytes:
    """The Prometheus text format of every metric."""
    return generate_latest(REGISTRY)


def serve_metrics(port: int, host: str = "0.0.0.0") -> Callable[[], None]:
    """Serve ``/metrics`` on ``port`` in a daemon thread (Socket Mode, console); returns
    the function that stops it."""
    from prometheus_client import start_http_server

    server, thread = start_http_server(port, addr=host)

    def stop() -> None:
        server.shutdown()
        thread.join(timeout=2)

    return stop
