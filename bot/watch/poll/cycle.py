"""One poll cycle: every due source, polled concurrently, none waiting on another.

Sources run on a thread pool (``CDFBOT_POLL_CONCURRENCY``, default 64) over one shared
:class:`~bot.fetch.client.Fetcher`, whose per-host limit (2) keeps parallel polls from
hammering one government site. Each source's errors stay in its own outcome. A source still
running after ``source_timeout`` seconds is reported as "timed out" and the cycle returns
without it: its thread finishes in the background and records its own result, and the
source is not started again until it has (so a slow site is never polled twice at once).

Replicas (issue 14, item 1): the due sources are not read but *claimed* — leased to this
process in small batches (:mod:`bot.store.leases`; ``SELECT … FOR UPDATE SKIP LOCKED`` on
PostgreSQL), topped up as workers free up — so any number of processes on one database
share a cycle's sources, each polled by exactly one of them. A source's lease is freed in
the commit that records its poll; a dead process's leases expire
(``CDFBOT_POLL_LEASE_SECONDS``).
"""

from __future__ import annotations

import logging
import os
import queue
import random
import secrets
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from bot import metrics
from bot.fetch.client import Fetcher
from bot.logs import new_request_id, request_context
from bot.model import Source
from bot.store import Store
from bot.watch.poll.alerts import Alerter
from bot.watch.poll.schedule import ScheduleRules
from bot.watch.poll.source_poll import PollContext, poll_source
from bot.watch.poll.summary import TIMED_OUT, PollSummary, SourceOutcome

log = logging.getLogger(__name__)

WAIT_STEP = 0.2
SAVE_LINGER = 0.05
"""After an outcome arrives, the collector waits this long for more before saving them
in one transaction (a cycle of 304s otherwise wakes it, and commits, once per source)."""
NEVER = float("inf")
CLAIM_DEPTH = 2
"""Sources claimed ahead per worker: enough to keep every worker busy between top-ups,
few enough that other replicas find work too."""


class Poller:
    """Polls due sources; one instance per process, shared by the job and the CLI."""

    def __init__(
        self,
        store: Store,
        fetcher: Fetcher,
        *,
        concurrency: int = 8,
        rules: ScheduleRules | None = None,
        source_timeout: float = 300.0,
        alerter: Alerter | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        rng: random.Random | None = None,
        lease_seconds: float = 900.0,
    ) -> None:
        self.store = store
        self.concurrency = concurrency
        self.timeout = source_timeout
        # A lease shorter than the source timeout would hand a slow source to a second
        # replica while the first still polls it.
        self.lease = timedelta(seconds=max(lease_seconds, source_timeout + 60))
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        self.alerter = alerter
        self.clock = clock
        self.context = PollContext(store, fetcher, rules or ScheduleRules(), rng or random.Random())
        warm_up()
        self._in_flight: set[int] = set()
        self._lock = threading.Lock()
        self._stopping = threading.Event()

    def stop(self) -> None:
        """Graceful stop (issue 14, item 4): sources already being polled finish and are
        recorded; the cycle starts no other (they stay due for the next process)."""
        self._stopping.set()

    def close(self) -> None:
        """Close the fetcher's pooled connections; background polls may still finish."""
        self.context.fetcher.close()

    def run_cycle(self, sources: list[Source] | None = None) -> PollSummary:
        """Poll ``sources`` (default: every due source this process can claim) and return
        what happened."""
        started = time.perf_counter()
        now = self.clock()
        if sources is None:
            summary = PollSummary(outcomes=self._poll_all([], now, claim=True))
        else:
            with self._lock:
                todo = [s for s in sources if s.id not in self._in_flight]
                self._in_flight.update(s.id for s in todo if s.id is not None)
            summary = PollSummary(skipped_in_flight=len(sources) - len(todo))
            if todo:
                summary.outcomes = self._poll_all(todo, now)
        summary.seconds = time.perf_counter() - started
        log.info("poll cycle: %s", summary.headline())
        return summary

    def _claim(self, now: datetime, limit: int) -> list[Source]:
        """Lease up to ``limit`` due sources; none once a stop was asked for."""
        if self._stopping.is_set() or limit <= 0:
            return []
        claimed = self.store.claim_due_sources(now, self.owner, self.clock() + self.lease, limit)
        with self._lock:
            self._in_flight.update(s.id for s in claimed if s.id is not None)
        return claimed

    def _poll_all(
        self, sources: list[Source], now: datetime, *, claim: bool = False
    ) -> list[SourceOutcome]:
        started: dict[int, float] = {}
        workers = self.concurrency if claim else min(self.concurrency, len(sources))
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="poll")
        futures: dict[Future[SourceOutcome | None], Source] = {}

        def submit(batch: list[Source]) -> list[Future[SourceOutcome | None]]:
            fresh = {pool.submit(self._run, s, now, started): s for s in batch}
            futures.update(fresh)
            return list(fresh)

        top_up = (lambda room: submit(self._claim(now, room))) if claim else None
        try:
            return self._collect(futures, started, submit(sources), top_up)
        finally:
            pool.shutdown(wait=False)

    def _run(
        self, source: Source, now: datetime, started: dict[int, float]
    ) -> SourceOutcome | None:
        if self._stopping.is_set():
            with self._lock:
                self._in_flight.discard(source.id or 0)
            self.store.release_sources([source.id or 0], self.owner)
            return None
        started[source.id or 0] = time.perf_counter()
        with request_context(new_request_id(f"poll{source.id}")):
            outcome = poll_source(source, self.context, now, record=False)
        if self.alerter is not None:
            self.alerter.announce(outcome)
        return outcome

    def _collect(
        self,
        futures: dict[Future[SourceOutcome | None], Source],
        started: dict[int, float],
        first: list[Future[SourceOutcome | None]],
        top_up: Callable[[int], list[Future[SourceOutcome | None]]] | None = None,
    ) -> list[SourceOutcome]:
        """Outcomes as they finish, saved in batches (one commit per batch); a source past
        its timeout is reported, not awaited, and saves its own outcome when it ends.
        ``top_up(room)`` submits up to ``room`` more sources while fewer than
        ``CLAIM_DEPTH × concurrency`` are pending, until it submits none."""
        finished: queue.SimpleQueue[Future[SourceOutcome | None]] = queue.SimpleQueue()
        pending: set[Future[SourceOutcome | None]] = set()

        def track(fresh: list[Future[SourceOutcome | None]]) -> None:
            pending.update(fresh)
            for future in fresh:
                future.add_done_callback(finished.put)

        track(first)
        depth = CLAIM_DEPTH * self.concurrency
        outcomes: list[SourceOutcome] = []
        next_check = time.perf_counter() + WAIT_STEP
        while True:
            if top_up is not None and len(pending) < depth:
                fresh = top_up(depth - len(pending))
                track(fresh)
                if not fresh:
                    top_up = None
            if not pending:
                break
            batch = _drain(finished, WAIT_STEP, SAVE_LINGER)
            done = [f for f in batch if f in pending]
            pending.difference_update(done)
            ran = [outcome for f in done if (outcome := f.result()) is not None]
            self._save(ran)
            outcomes.extend(ran)
            if time.perf_counter() < next_check:
                continue
            next_check = time.perf_counter() + WAIT_STEP
            deadline = time.perf_counter() - self.timeout
            for future in [f for f in pending if started.get(futures[f].id or 0, NEVER) < deadline]:
                pending.discard(future)
                source = futures[future]
                log.warning("source #%s still polling after %ss", source.id, self.timeout)
                outcomes.append(SourceOutcome(source, TIMED_OUT, error="still running"))
                metrics.POLLS.labels(outcome=TIMED_OUT.replace(" ", "_")).inc()
                future.add_done_callback(lambda late: self._save([o for o in [late.result()] if o]))
        return outcomes

    def _save(self, outcomes: list[SourceOutcome]) -> None:
        if not outcomes:
            return
        for outcome in outcomes:
            metrics.POLLS.labels(outcome=outcome.status.replace(" ", "_")).inc()
        try:
            self.store.record_polls((o.source for o in outcomes), release_owner=self.owner)
        finally:
            with self._lock:
                self._in_flight.difference_update(o.source.id for o in outcomes)


def warm_up() -> None:
    """Import the feed and page parsers now, once per process, so that the first poll
    cycle does not pay for it (trafilatura and lxml take a tenth of a second or more)."""
    import feedparser  # noqa: F401
    import trafilatura  # noqa: F401
    from selectolax.lexbor import LexborHTMLParser  # noqa: F401


def _drain(finished: queue.SimpleQueue, timeout: float, linger: float = 0.0) -> list:
    """Everything finished so far, waiting up to ``timeout`` for the first one, then
    ``linger`` seconds for more (fewer, larger batches: fewer commits and wake-ups)."""
    try:
        batch = [finished.get(timeout=timeout)]
    except queue.Empty:
        return []
    if linger:
        time.sleep(linger)
    while True:
        try:
            batch.append(finished.get_nowait())
        except queue.Empty:
            return batch
