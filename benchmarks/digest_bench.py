"""Benchmark: build one week's digest (500 releases, 5,000 figures) from 100,000 releases.

Run ``.venv/bin/python benchmarks/digest_bench.py``. The first run generates the database
with bulk inserts (SQLAlchemy Core executemany on the store's own tables; about two
minutes) and caches it under ``benchmarks/.cache/`` (git-ignored); later runs reuse it.
Printed: the time of :func:`bot.digest.build.build_digest` (target ≤ 1 s), the time to render
it for Slack, and the ratio against a naive N+1 build measured in the same run (each
release and its children loaded on its own).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Connection, insert, select

from bot.digest.build import build_digest, tracked
from bot.extract.catalog import load_catalog
from bot.render.digest import render_digest
from bot.store import Store, open_store
from bot.store import releases as release_queries
from bot.store.schema import commitments, figures, releases, sources

CACHE = Path(__file__).resolve().parent / ".cache" / "digest_bench_v1.sqlite3"
TOTAL_RELEASES = 100_000
WEEK_RELEASES = 500
FIGURES_PER_RELEASE = 10
WEEK = (date(2024, 11, 18), date(2024, 11, 24))
HISTORY_START = date(2015, 1, 1)
SOURCES = ["NDA 国家数据局", "CDRF", "MIIT 工信部", "CAC 网信办", "Xinhua"]
BATCH = 20_000
TARGET_SECONDS = 1.0


def _release_dates(rng: random.Random) -> Iterator[date]:
    """500 releases in the benchmark week, the rest spread over ten years before it."""
    span = (WEEK[0] - HISTORY_START).days
    for number in range(TOTAL_RELEASES):
        if number < WEEK_RELEASES:
            yield WEEK[0] + timedelta(days=number % 7)
        else:
            yield HISTORY_START + timedelta(days=rng.randrange(span))


def _rows(rng: random.Random) -> Iterator[tuple[dict, list[dict], dict]]:
    catalog = load_catalog().all()
    for release_id, published in enumerate(_release_dates(rng), start=1):
        release = {
            "id": release_id,
            "source_id": rng.randrange(len(SOURCES)) + 1,
            "url": f"https://bench.example.cn/{release_id}.html",
            "canonical_url": f"https://bench.example.cn/{release_id}",
            "title": f"Release {release_id}: digital infrastructure keeps growing",
            "published": published,
            "language": "zh" if release_id % 3 == 0 else "en",
            "content_hash": f"{release_id:064x}",
            "text": f"Body of release {release_id}.",
            "summary": "",
            "fetched_at": datetime.combine(published, dtime(8)),
        }
        figure_rows = []
        for position in range(FIGURES_PER_RELEASE):
            indicator = rng.choice(catalog) if position % 2 == 0 else None
            figure_rows.append(
                {
                    "release_id": release_id,
                    "position": position,
                    "subject": indicator.name_en if indicator else f"other figure {position}",
                    "indicator": indicator.id if indicator else None,
                    "value": rng.uniform(1, 1e9),
                    "unit": indicator.unit if indicator else "count",
                    "qualifier": None,
                    "text": "1.5 million",
                    "period": str(published.year - 1),
                    "sentence": "A sentence with a figure.",
                    "change_value": rng.uniform(-10, 50) if position % 3 == 0 else None,
                    "change_unit": "percent" if position % 3 == 0 else None,
                    "change_basis": "year on year" if position % 3 == 0 else None,
                    "release_date": published,
                }
            )
        commitment = {
            "release_id": release_id,
            "position": 0,
            "text": "The administration will build a national data market by 2027.",
            "area": "data",
            "deadline": "2027",
        }
        yield release, figure_rows, commitment


def generate(path: Path) -> None:
    """Bulk-insert the benchmark database (about a minute; cached afterwards)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    store = open_store(f"sqlite:///{partial}")
    rng = random.Random(5)
    with store.engine.begin() as conn:
        conn.execute(
            insert(sources),
            [
                {
                    "id": n,
                    "name": name,
                    "url": f"https://s{n}.example.cn/",
                    "kind": "rss",
                    "enabled": True,
                    "interval_seconds": 3600,
                    "settings": {},
                    "created_at": datetime(2015, 1, 1),
                    "failures": 0,
                    "items_seen": 0,
                }
                for n, name in enumerate(SOURCES, start=1)
            ],
        )
        batch: tuple[list[dict], list[dict], list[dict]] = ([], [], [])
        for release, figure_rows, commitment in _rows(rng):
            batch[0].append(release)
            batch[1].extend(figure_rows)
            batch[2].append(commitment)
            if len(batch[0]) >= BATCH // FIGURES_PER_RELEASE:
                _flush(conn, batch)
        _flush(conn, batch)
    store.close()
    partial.rename(path)


def _flush(conn: Connection, batch: tuple[list[dict], list[dict], list[dict]]) -> None:
    for table, rows in zip((releases, figures, commitments), batch, strict=True):
        if rows:
            conn.execute(insert(table), rows)
            rows.clear()


def naive_build(store: Store, start: date, end: date) -> int:
    """The N+1 baseline: the week's release ids first, then every release with its figures
    and commitments loaded on its own (three queries each), previous values as in the
    real build. The difference is what batching the children saves."""
    with store.engine.connect() as conn:
        query = select(releases.c.id).where(releases.c.published.between(start, end))
        ids = list(conn.scalars(query))
        loaded = [release_queries.get_release(conn, release_id) for release_id in ids]
    catalog = load_catalog()
    units = {s.id: s.unit for r in loaded for f in r.figures if (s := tracked(f, catalog))}
    return len(loaded) + len(store.previous_values(units, start))


def timed(action: Callable[[], object], repeat: int) -> tuple[float, object]:
    results, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        results.append(time.perf_counter() - started)
    return statistics.median(results), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs to take the median of")
    parser.add_argument("--regenerate", action="store_true", help="rebuild the cached database")
    args = parser.parse_args()
    if args.regenerate or not CACHE.exists():
        print(f"generating {TOTAL_RELEASES:,} releases into {CACHE} …", flush=True)
        started = time.perf_counter()
        generate(CACHE)
        print(f"  done in {time.perf_counter() - started:.1f} s")
    store = open_store(f"sqlite:///{CACHE}")
    try:
        build_digest(store, *WEEK)  # warm the page cache and the catalog
        seconds, digest = timed(lambda: build_digest(store, *WEEK), args.repeat)
        render_seconds, replies = timed(lambda: render_digest(digest), args.repeat)
        naive_seconds, _ = timed(lambda: naive_build(store, *WEEK), args.repeat)
    finally:
        store.close()
    print(
        f"database: {TOTAL_RELEASES:,} releases, {TOTAL_RELEASES * FIGURES_PER_RELEASE:,} figures"
    )
    print(
        f"week {WEEK[0]}–{WEEK[1]}: {digest.release_count} releases, "
        f"{digest.figure_count:,} figures, {len(digest.moved)} indicators moved"
    )
    verdict = "OK" if seconds <= TARGET_SECONDS else "TOO SLOW"
    print(
        f"build_digest: {seconds * 1000:.0f} ms (median of {args.repeat}; target ≤ 1 s: {verdict})"
    )
    print(f"render_digest: {render_seconds * 1000:.0f} ms → {len(replies)} Slack messages")
    ratio = naive_seconds / seconds
    print(f"naive N+1 build (baseline): {naive_seconds * 1000:.0f} ms → {ratio:.1f}× slower")
    return 0 if seconds <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
