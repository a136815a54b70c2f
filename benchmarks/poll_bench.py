"""Benchmark one poll cycle over 1,000 RSS sources served by a local server in another process.

Run: ``.venv/bin/python benchmarks/poll_bench.py [--latency-ms 150] [--sources 1000]
[--naive-sample 200]``. Remote sources are China-hosted sites 100–300 ms away, so the
figure that matters is ``--latency-ms 150``: each response is then delayed by a simulated
round trip, and the cycle is bound by waiting, as in production. The poller runs with the
bot's default settings (``--concurrency`` defaults to CDFBOT_POLL_CONCURRENCY's default).

Set-up (not timed): a temp SQLite database holds 1,000 sources in the state a previous poll
left them — each with the ETag and body hash of its feed, and (for the 5 % that will
change) its 20 old items stored as releases. The server, a threaded HTTP/1.1 server in a
separate process, answers a conditional request for an unchanged feed with 304 and serves
the changed feeds with one new item whose article page is fetched and extracted.

Measured: wall time of ``Poller.run_cycle()``, requests and bytes the server saw, feed
parses, peak memory (ru_maxrss of this process, and tracemalloc's peak during the cycle);
then a naive loop of ``feedparser.parse(url)`` — feedparser fetching each feed itself,
sequentially, no validators — over a sample of the sources, extrapolated to all of them.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ITEMS = 20
WORDS = [
    "data",
    "market",
    "computing",
    "network",
    "province",
    "pilot",
    "platform",
    "security",
    "standard",
    "cloud",
    "rural",
    "fiber",
    "exchange",
    "industry",
    "finance",
    "trade",
    "service",
    "public",
    "health",
    "transport",
    "energy",
    "factory",
    "labelling",
    "model",
    "chip",
    "storage",
    "talent",
    "fund",
    "policy",
    "audit",
    "privacy",
    "export",
    "county",
    "city",
]
CHANGED_SHARE = 0.05
PARAGRAPH = (
    "The {n}th briefing of source {s} reports that data centre capacity in region {s} grew "
    "{p} percent year on year to {v} thousand racks, and that {w} new data labelling firms "
    "registered in the first quarter. Officials said computing hubs will be linked by 2025."
)


def etag(source: int, changed: bool) -> str:
    return f'"s{source}-{"v2" if changed else "v1"}"'


def feed_bytes(source: int, changed: bool) -> bytes:
    first = 0 if changed else 1
    items = []
    for n in range(first, ITEMS + 1):
        day = date(2024, 3, 1) + timedelta(days=ITEMS - n)
        items.append(
            f"<item><title>Briefing {n} of source {source}</title>"
            f"<link>http://{host(source)}:{{port}}/s/{source}/a/{n}.html</link>"
            f"<guid>s{source}-{n}</guid>"
            f"<pubDate>{day.strftime('%a, %d %b %Y')} 08:00:00 +0800</pubDate>"
            f"<description>Briefing {n}: a short teaser of the release.</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Source {source}</title><link>http://127.0.0.1/</link>"
        f"<description>Benchmark feed</description>{''.join(items)}</channel></rss>"
    ).encode()


def host(source: int) -> str:
    """Each source on a host of its own, as real sources are (all resolve to 127.0.0.1)."""
    return f"s{source}.bench.test"


def article_bytes(source: int, n: int) -> bytes:
    """A distinct story per article: a figure sentence plus seeded random vocabulary."""
    import random

    rng = random.Random(source * 1000 + n)
    filler = " ".join(rng.choice(WORDS) for _ in range(120))
    text = PARAGRAPH.format(n=n, s=source, p=n % 9 + 3, v=source + n, w=n * 7 + 1)
    return (
        f"<html><head><meta charset='utf-8'><title>Briefing {n}</title></head><body>"
        f"<h1>Briefing {n} of source {source}</h1><div class='article'><p>{text}</p>"
        f"<p>{filler}.</p></div></body></html>"
    ).encode()


def serve(
    port_out: multiprocessing.Queue, changed: frozenset[int], stats: object, latency: float = 0.0
) -> None:
    """The server process: feeds with ETags, 304 to a matching If-None-Match; each response
    is delayed by ``latency`` seconds (a network round trip) when asked."""
    counters = stats  # shared array: [requests, bytes]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # TCP_NODELAY, as production servers set it on keep-alive connections: without it
        # the body write waits on the client's delayed ACK of the headers (40 ms stalls).
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            if latency:
                time.sleep(latency)
            parts = self.path.split("/")
            source = int(parts[2])
            port = self.server.server_address[1]
            if parts[3] == "feed.xml":
                tag = etag(source, source in changed)
                if self.headers.get("If-None-Match") == tag:
                    self._send(304, b"", tag)
                    return
                body = feed_bytes(source, source in changed).replace(b"{port}", b"%d" % port)
                self._send(200, body, tag, "application/rss+xml")
                return
            self._send(200, article_bytes(source, int(parts[4].split(".")[0])), None)

        def _send(self, status: int, body: bytes, tag: str | None, ctype="text/html") -> None:
            self.send_response(status)
            if tag:
                self.send_header("ETag", tag)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            with counters.get_lock():
                counters[0] += 1
                counters[1] += len(body)

        def log_message(self, *args: object) -> None:
            """Quiet."""

    class Server(ThreadingHTTPServer):
        # The listen() backlog is read in the constructor: set on an instance it came too
        # late, the kernel queue held 5 connections, and a burst of new connections from a
        # concurrent cycle overflowed it — dropped SYNs, retried by the client after 1, 3
        # and 7 s (netstat's ListenOverflows). Real servers listen with hundreds (nginx 511).
        request_queue_size = 1024
        daemon_threads = True

    server = Server(("127.0.0.1", 0), Handler)
    port_out.put(server.server_address[1])
    server.serve_forever()


def seed(store, port: int, count: int, changed: frozenset[int]) -> None:
    """The database as a previous poll left it (no requests made)."""
    import hashlib

    from bot.canonical import canonical_url
    from bot.model import Release, Source

    for s in range(count):
        url = f"http://{host(s)}:{port}/s/{s}/feed.xml"
        old = feed_bytes(s, False).replace(b"{port}", b"%d" % port)
        source = store.add_source(Source(url=url, kind="rss", name=f"source {s}"))
        source.etag = etag(s, False)
        source.body_hash = hashlib.sha256(old).hexdigest()
        source.last_success_at = datetime.now(UTC) - timedelta(hours=1)
        store.record_poll(source)
        if s in changed:
            for n in range(1, ITEMS + 1):
                link = f"http://{host(s)}:{port}/s/{s}/a/{n}.html"
                store.add_release(
                    Release(
                        title=f"Briefing {n}",
                        language="en",
                        text=f"old {s} {n}",
                        content_hash=f"old-{s}-{n}",
                        url=link,
                        canonical_url=canonical_url(link),
                        source_id=source.id,
                    )
                )


class ToLocal:
    """An httpx transport that connects every host name to the local server: the "DNS" of
    the benchmark (the fetcher's SSRF guard is told the same via ``resolve``).

    Only the socket goes to 127.0.0.1: the connection pool is still keyed by the URL's own
    host, so each source gets a connection of its own, as on the real internet — a
    keep-alive connection is reused for a source's articles, never across sources."""

    def __init__(self, port: int, *, shared: bool = False) -> None:
        import httpcore
        import httpx

        self._port = port if shared else None

        class LocalBackend(httpcore.SyncBackend):
            def connect_tcp(self, host, port, timeout=None, local_address=None, **options):
                return super().connect_tcp(
                    "127.0.0.1", server_port, timeout, local_address, **options
                )

        server_port = port
        self._inner = httpx.HTTPTransport(limits=httpx.Limits(max_connections=64))
        self._inner._pool = httpcore.ConnectionPool(  # the transport's own pool, re-wired
            max_connections=64, max_keepalive_connections=20, network_backend=LocalBackend()
        )

    def handle_request(self, request):  # httpx.BaseTransport protocol
        if self._port is not None:  # --shared-connections: one pool key for every host
            request.url = request.url.copy_with(host="127.0.0.1", port=self._port)
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def default_concurrency() -> int:
    """The bot's default CDFBOT_POLL_CONCURRENCY: the benchmark measures default settings."""
    from bot.config import Settings

    return int(Settings.model_fields["poll_concurrency"].default)


def naive_loop(port: int, sample: list[int]) -> float:
    import feedparser

    started = time.perf_counter()
    for s in sample:
        parsed = feedparser.parse(f"http://127.0.0.1:{port}/s/{s}/feed.xml")  # same bytes
        assert parsed.entries, parsed.get("bozo_exception")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--naive-sample", type=int, default=200)
    parser.add_argument("--tracemalloc", action="store_true", help="also trace (slows the cycle)")
    parser.add_argument(
        "--concurrency",
        type=int,
        default=default_concurrency(),
        help="CDFBOT_POLL_CONCURRENCY (default: the bot's own default)",
    )
    parser.add_argument(
        "--shared-connections",
        action="store_true",
        help="let all hosts share keep-alive connections (unrealistic; the old transport)",
    )
    parser.add_argument(
        "--latency-ms", type=float, default=0.0, help="delay each response (simulated RTT)"
    )
    args = parser.parse_args()

    import bot.sources.rss as rss_module
    from bot.fetch.client import Fetcher
    from bot.store import open_store
    from bot.watch.poll import Poller

    count = args.sources
    changed = frozenset(range(0, count, int(1 / CHANGED_SHARE)))
    stats = multiprocessing.Array("q", 2)
    ports: multiprocessing.Queue = multiprocessing.Queue()
    latency = args.latency_ms / 1000
    server = multiprocessing.Process(
        target=serve, args=(ports, changed, stats, latency), daemon=True
    )
    server.start()
    port = ports.get(timeout=10)
    parses = 0
    original_read = rss_module.read_feed

    def counting_read(response):  # count every feed the poller parses
        nonlocal parses
        parses += 1
        return original_read(response)

    rss_module.read_feed = counting_read
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{tmp}/bench.sqlite3")
        seed(store, port, count, changed)
        releases_before = store.count_releases()
        with Fetcher(
            allow_private=True,
            timeout=10,
            attempts=2,
            resolve=lambda _host: ["127.0.0.1"],
            transport=ToLocal(port, shared=args.shared_connections),
        ) as fetcher:
            poller = Poller(store, fetcher, concurrency=args.concurrency, source_timeout=60)
            for source in store.list_sources():  # all due now
                source.next_poll_at = None
                store.record_poll(source)
            with stats.get_lock():
                stats[0] = stats[1] = 0
            if args.tracemalloc:
                tracemalloc.start()
            rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            started = time.perf_counter()
            summary = poller.run_cycle()
            cycle = time.perf_counter() - started
            rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            traced_peak = tracemalloc.get_traced_memory()[1] if args.tracemalloc else 0
            tracemalloc.stop()
            requests, received = stats[0], stats[1]
        new_releases = store.count_releases() - releases_before
        store.close()
    rss_module.read_feed = original_read
    sample = list(range(0, count, max(1, count // args.naive_sample)))[: args.naive_sample]
    naive_sample_time = naive_loop(port, sample)
    naive = naive_sample_time * count / len(sample)
    server.terminate()

    print(f"sources                  {count} ({len(changed)} changed, one new item each)")
    print(f"simulated latency        {args.latency_ms:g} ms per response")
    print(f"poll concurrency         {args.concurrency} (per-host limit 2, one host per source)")
    shared = "shared by all hosts (unrealistic)" if args.shared_connections else "one per host"
    print(f"keep-alive connections   {shared}")
    print(f"cycle wall time          {cycle:.2f} s   (target ≤ 5 s)")
    print(f"  summary                {summary.headline()}")
    print(f"requests                 {requests} ({count} feeds + {len(changed)} articles expected)")
    print(f"bytes received (bodies)  {received:,}")
    print(f"feed parses              {parses} (= changed sources; unchanged ones are not parsed)")
    print(f"new releases stored      {new_releases}")
    traced = f", tracemalloc peak {traced_peak / 2**20:.1f} MB" if args.tracemalloc else ""
    print(
        f"peak memory (ru_maxrss)  {rss_after:.0f} MB after the cycle "
        f"({rss_before:.0f} MB before it){traced}   (target ≤ 250 MB)"
    )
    print(
        f"naive feedparser loop    {naive_sample_time:.2f} s for {len(sample)} sources → "
        f"{naive:.1f} s extrapolated to {count}"
    )
    target = "target ≥ 20×" if args.latency_ms else "no target without latency"
    print(f"speed-up                 {naive / cycle:.1f}×   ({target})")


if __name__ == "__main__":
    main()
