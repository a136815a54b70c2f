"""Benchmark replicas sharing the polling (issue 14, item 1): 1 vs 3 pollers on one PostgreSQL
database over 3,000 sources, each response delayed by a 150 ms simulated round trip.

Run: ``.venv/bin/python benchmarks/replicas_bench.py [--sources 3000] [--latency 0.15]
[--concurrency 8] [--replicas 3]`` with PostgreSQL on 127.0.0.1:5432 (user postgres,
database test; ``--pg-url`` for another). The database lives in a schema of its own,
dropped at the end.

Set-up (not timed): the sources, each on a host of its own (all connected to one local
server, as in ``poll_bench.py``), carry the ETag their feed answers, so a poll is a
conditional GET answered 304 after the round trip. The server runs in its own process and
counts requests per source.

Measured, for 1 replica and then for N: all sources made due; N processes (spawned, each
with its own Store, Fetcher and Poller, warmed up and then started together) each run one
``Poller.run_cycle()``; wall time from the start signal to the last replica's end. Reported:
sources polled per replica, sources fetched 0 times and more than once (targets: 0 and 0),
throughput in sources per second, and N replicas' throughput over one's (target ≥ 2.5×).
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

PG_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=test"
PG_URL = "postgresql://postgres@127.0.0.1:5432/test"


def host(source: int) -> str:
    return f"s{source}.replicas.bench"


def etag(source: int) -> str:
    return f'"r{source}"'


def serve(port_out, counts, latency: float) -> None:
    """The server process: every feed answers 304 to its ETag after ``latency`` seconds."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            time.sleep(latency)
            source = int(self.path.split("/")[2])
            with counts.get_lock():
                counts[source] += 1
            if self.headers.get("If-None-Match") == etag(source):
                self.send_response(304)
                self.send_header("ETag", etag(source))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = (
                b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
            )
            self.send_response(200)
            self.send_header("ETag", etag(source))
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.request_queue_size = 512
    port_out.put(server.server_address[1])
    server.serve_forever()


def seed(url: str, port: int, count: int) -> None:
    """Bulk-insert the sources, as a previous poll left them (ETag known)."""
    from sqlalchemy import insert

    from bot.store import open_store
    from bot.store.schema import sources
    from bot.store.timeutil import utcnow

    store = open_store(url)
    now = utcnow()
    rows = [
        {
            "name": f"Source {s}",
            "url": f"http://{host(s)}:{port}/s/{s}/feed.xml",
            "kind": "rss",
            "enabled": True,
            "interval_seconds": 3600,
            "settings": {},
            "created_at": now,
            "failures": 0,
            "items_seen": 0,
            "etag": etag(s),
        }
        for s in range(count)
    ]
    with store.engine.begin() as conn:
        conn.execute(insert(sources), rows)
    store.close()


def make_all_due(url: str) -> None:
    from sqlalchemy import update

    from bot.store import open_store
    from bot.store.schema import sources

    store = open_store(url)
    with store.engine.begin() as conn:
        conn.execute(update(sources).values(next_poll_at=None, lease_owner=None, lease_until=None))
    store.close()


def replica(url: str, port: int, concurrency: int, ready, go, results) -> None:
    """One replica: its own Store, Fetcher and Poller; one cycle once ``go`` is set."""
    from poll_bench import ToLocal

    from bot.fetch.client import Fetcher
    from bot.store import open_store
    from bot.watch.poll import Poller

    store = open_store(url)
    fetcher = Fetcher(
        allow_private=True,
        timeout=30,
        attempts=1,
        transport=ToLocal(port),
        resolve=lambda _host: ["127.0.0.1"],
    )
    poller = Poller(store, fetcher, concurrency=concurrency, source_timeout=300)
    ready.release()
    go.wait()
    summary = poller.run_cycle()
    results.put((summary.polled, time.perf_counter(), summary.count("failed")))
    poller.close()
    store.close()


def run_round(url: str, port: int, replicas: int, concurrency: int, counts) -> dict:
    context = multiprocessing.get_context("spawn")
    make_all_due(url)
    with counts.get_lock():
        for i in range(len(counts)):
            counts[i] = 0
    ready, go, results = context.Semaphore(0), context.Event(), context.Queue()
    processes = [
        context.Process(target=replica, args=(url, port, concurrency, ready, go, results))
        for _ in range(replicas)
    ]
    for process in processes:
        process.start()
    for _ in processes:
        ready.acquire()
    started = time.perf_counter()
    go.set()
    outcomes = [results.get(timeout=900) for _ in processes]
    for process in processes:
        process.join()
    seconds = max(end for _, end, _ in outcomes) - started
    fetched = list(counts)
    return {
        "seconds": seconds,
        "polled": [polled for polled, _, _ in outcomes],
        "failed": sum(failed for _, _, failed in outcomes),
        "never": sum(1 for n in fetched if n == 0),
        "twice": sum(1 for n in fetched if n > 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=3000)
    parser.add_argument("--latency", type=float, default=0.15, help="simulated round trip, s")
    parser.add_argument("--concurrency", type=int, default=8, help="CDFBOT_POLL_CONCURRENCY")
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--pg-dsn", default=PG_DSN)
    parser.add_argument("--pg-url", default=PG_URL)
    args = parser.parse_args()

    import psycopg

    schema = f"cdf_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(args.pg_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    url = f"{args.pg_url}?options=-csearch_path%3D{schema}"
    context = multiprocessing.get_context("spawn")
    counts = context.Array("i", args.sources)
    port_out = context.Queue()
    server = context.Process(target=serve, args=(port_out, counts, args.latency), daemon=True)
    server.start()
    try:
        port = port_out.get(timeout=30)
        seed(url, port, args.sources)
        print(
            f"{args.sources} sources, {args.latency * 1000:.0f} ms round trip, "
            f"concurrency {args.concurrency} per replica, PostgreSQL"
        )
        rounds = {n: run_round(url, port, n, args.concurrency, counts) for n in (1, args.replicas)}
    finally:
        server.kill()
        with psycopg.connect(args.pg_dsn, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
    for n, result in rounds.items():
        rate = args.sources / result["seconds"]
        print(
            f"{n} replica(s): {result['seconds']:6.1f} s, {rate:6.1f} sources/s, "
            f"polled per replica {result['polled']}, failed {result['failed']}, "
            f"fetched never {result['never']}, more than once {result['twice']}"
        )
    ratio = rounds[1]["seconds"] / rounds[args.replicas]["seconds"]
    print(f"throughput {args.replicas} vs 1: {ratio:.2f}×   (target ≥ 2.5×; each source once)")


if __name__ == "__main__":
    main()
