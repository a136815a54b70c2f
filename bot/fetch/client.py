"""The one HTTP client every fetch goes through: guarded, bounded, polite and retried.

Build one long-lived :class:`Fetcher` and share it (it is thread-safe): its httpx
connection pool keeps connections alive, and its per-host semaphores stop parallel
pollers from hammering a single government site. Rules obeyed:

* redirects (RFC 9110 §15.4) are followed by hand so the SSRF guard checks every hop;
* conditional requests (RFC 9110 §13.1.2, §13.1.3): ``If-None-Match`` / ``If-Modified-Since``
  are sent when the caller has validators, and ``304 Not Modified`` is reported, not raised;
* ``429`` and ``5xx`` are retried with jittered exponential backoff, honouring
  ``Retry-After`` (RFC 9110 §10.2.3) up to a cap; a longer Retry-After is left to the
  poller (it is on :attr:`StatusError.retry_after`) rather than blocking a worker;
* freshness (RFC 9111 §4.2) is reported as ``max_age`` for the poller's schedule;
* content codings (RFC 9110 §8.4) are removed by :mod:`bot.fetch.decompress` in capped
  steps, and both the bytes received and the bytes decoded must stay within
  ``max_body_bytes`` (CDFBOT_MAX_BODY_BYTES): a gzip bomb is refused at the limit, not
  inflated first.

Time is bounded as a whole, not per phase (:mod:`bot.fetch.deadline`). One *attempt* —
connect, request, headers and body of every redirect hop — must finish within ``timeout``
(CDFBOT_HTTP_TIMEOUT) or it fails with :class:`DeadlineError`, its connection closed. A
failed attempt that may succeed later (deadline, network error, 429, 5xx) is retried, the
whole redirect chain again, with a fresh deadline, at most ``attempts`` times in all. So a
``get()`` returns or raises within ``attempts × timeout`` plus the waits between attempts
(each at most ``max_backoff``, or a Retry-After of at most ``max_retry_after``): with the
defaults 3 × 20 s + 2 × 30 s = 120 s, and 3 × 20 s + 2 × 8 s = 76 s when no server asks
for a wait. Not counted: waiting for a per-host slot (bounded by the deadlines of the
requests holding the slots) and the SSRF guard's DNS lookups (the resolver's own timeouts).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    before_sleep_log,
    retry_if_exception,
    stop_after_attempt,
    wait_random_exponential,
)

from bot import metrics
from bot.errors import FetchError
from bot.fetch import deadline
from bot.fetch.decompress import ACCEPT_ENCODING, DecodingError, decoded_chunks
from bot.fetch.guard import CachingResolver, Resolver, check_url, system_resolve
from bot.fetch.response import (
    REDIRECT_STATUSES,
    DeadlineError,
    FetcherClosedError,
    FetchResponse,
    StatusError,
    TransientError,
    status_error,
    to_result,
)

__all__ = [
    "DeadlineError",
    "FetchResponse",
    "Fetcher",
    "FetcherClosedError",
    "StatusError",
    "TransientError",
]

if TYPE_CHECKING:
    from bot.config import Settings

log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = "cdf-digest-bot/0.1"
ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5"


class Fetcher:
    """Guarded HTTP GET with manual redirects, a deadline, a body-size limit, retries and
    host limits."""

    def __init__(
        self,
        *,
        user_agent: str = DEFAULT_USER_AGENT,
        timeout: float = 20.0,
        max_body_bytes: int = 20 * 1024 * 1024,
        allow_private: bool = False,
        max_redirects: int = 5,
        transport: httpx.BaseTransport | None = None,
        resolve: Resolver = system_resolve,
        per_host_limit: int = 2,
        attempts: int = 3,
        backoff: float = 0.5,
        max_backoff: float = 8.0,
        max_retry_after: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.timeout = timeout
        self.max_body_bytes = max_body_bytes
        self.allow_private = allow_private
        self.max_redirects = max_redirects
        # DNS answers for the guard are reused for a few seconds (a feed and its articles
        # share a host); every hop is still checked. Injected resolvers are used as given.
        self._resolve = CachingResolver(resolve) if resolve is system_resolve else resolve
        self._per_host_limit = per_host_limit
        self._attempts = attempts
        self._backoff = wait_random_exponential(multiplier=backoff, max=max_backoff)
        self._max_retry_after = max_retry_after
        self._sleep = sleep
        # One Retrying for every request: tenacity keeps its per-call state thread-local.
        self._retrying = Retrying(
            stop=stop_after_attempt(attempts),
            wait=self._wait,
            retry=retry_if_exception(self._should_retry),
            sleep=self._sleep,
            before_sleep=before_sleep_log(log, logging.INFO),
            reraise=True,
        )
        self._host_slots: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()
        self._closed = False
        self._client = httpx.Client(
            transport=transport,
            timeout=timeout,
            follow_redirects=False,
            # Only the codings bot.fetch.decompress undoes in bounded steps; httpx would
            # also offer br and zstd whenever their packages happen to be installed.
            headers={
                "User-Agent": user_agent,
                "Accept": ACCEPT,
                "Accept-Encoding": ACCEPT_ENCODING,
            },
        )
        deadline.install(self._client)

    @classmethod
    def from_settings(
        cls, settings: Settings, transport: httpx.BaseTransport | None = None, **options: Any
    ) -> Fetcher:
        """A fetcher configured from CDFBOT_* settings; ``options`` override the rest."""
        return cls(
            user_agent=settings.user_agent,
            timeout=settings.http_timeout,
            max_body_bytes=settings.max_body_bytes,
            allow_private=settings.allow_private_urls,
            transport=transport,
            **options,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close pooled connections; the fetcher cannot be used afterwards.

        A ``get()`` still running in another thread, or started later, fails with
        :class:`FetcherClosedError` (not retried) rather than httpx's RuntimeError.
        """
        self._closed = True
        self._client.close()

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResponse:
        """GET ``url``; raise FetchError (or BlockedURLError, StatusError, DeadlineError) when
        it fails. Returns or raises within the bound given in the module docstring."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        with metrics.FETCH_SECONDS.time():
            return self._retrying(self._attempt, url, headers, etag, last_modified)

    def _attempt(
        self, url: str, headers: dict[str, str], etag: str | None, last_modified: str | None
    ) -> FetchResponse:
        """One try of the whole redirect chain, within one ``timeout`` of network time."""
        budget = [self.timeout]
        current = url
        for _hop in range(self.max_redirects + 1):
            check_url(current, allow_private=self.allow_private, resolve=self._resolve)
            response, content = self._send_once(current, headers, budget)
            location = response.headers.get("location")
            if response.status_code in REDIRECT_STATUSES and location:
                log.debug("GET %s → %s redirect to %s", current, response.status_code, location)
                current = urljoin(current, location.strip())
                continue
            return to_result(current, response, content, etag, last_modified)
        raise FetchError(f"GET {url} → more than {self.max_redirects} redirects")

    def _should_retry(self, exc: BaseException) -> bool:
        if isinstance(exc, TransientError):
            return True
        if isinstance(exc, StatusError) and (exc.status == 429 or exc.status >= 500):
            return exc.retry_after is None or exc.retry_after <= self._max_retry_after
        return False

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, StatusError) and exc.retry_after is not None:
            return exc.retry_after
        return self._backoff(state)

    def _send_once(
        self, url: str, headers: dict[str, str], budget: list[float]
    ) -> tuple[httpx.Response, bytes]:
        """One request; ``budget`` holds the attempt's seconds left and is charged for the
        time spent here (not for the wait for a host slot)."""
        with self._host_slot(url):
            started = time.monotonic()
            try:
                with deadline.deadline(started + budget[0]):
                    return self._exchange(url, headers)
            finally:
                budget[0] -= time.monotonic() - started

    def _exchange(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        if self._closed:
            raise FetcherClosedError(f"GET {url} → not sent: the fetcher was closed")
        try:
            left = max(deadline.time_left() or 0.0, 0.001)
            with self._client.stream("GET", url, headers=headers, timeout=left) as response:
                status = response.status_code
                if status in REDIRECT_STATUSES or status == 304:
                    # Drain the (empty or tiny, still size-bounded) body: a response
                    # closed unread also closes its connection, so without this every
                    # 304 would cost a new TCP (and TLS) handshake on the next request.
                    self._read_bounded(url, response)
                    return response, b""
                if status >= 400 or status < 200:
                    raise status_error(url, response)
                return response, self._read_bounded(url, response)
        except FetchError:
            raise
        except (httpx.HTTPError, httpx.InvalidURL, RuntimeError) as exc:
            if self._closed:  # httpx raises RuntimeError on a closed client
                closed = f"GET {url} → not finished: the fetcher was closed"
                raise FetcherClosedError(closed) from None
            if isinstance(exc, RuntimeError):
                raise
            raise self._error(url, exc) from None

    def _error(self, url: str, exc: httpx.HTTPError | httpx.InvalidURL) -> FetchError:
        if isinstance(exc, httpx.TimeoutException):
            return DeadlineError(f"GET {url} → timed out: did not finish within {self.timeout:g} s")
        if isinstance(exc, httpx.NetworkError | httpx.RemoteProtocolError | httpx.ProxyError):
            return TransientError(f"GET {url} → connection failed ({exc})")
        return FetchError(f"GET {url} → {exc}")

    def _read_bounded(self, url: str, response: httpx.Response) -> bytes:
        """The decoded body; both the bytes received and the bytes they decode to must stay
        within ``max_body_bytes``, counted while streaming."""
        limit = self.max_body_bytes
        declared = response.headers.get("content-length", "")
        too_big = f"GET {url} → body larger than the {limit}-byte limit"
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(too_big)
        encoding = response.headers.get("content-encoding")
        body = bytearray()
        try:
            for chunk in decoded_chunks(self._raw_bounded(response, too_big), encoding):
                body += chunk
                if len(body) > limit:
                    raise FetchError(f"{too_big} (once decoded from {encoding})")
        except DecodingError as exc:
            raise FetchError(f"GET {url} → body is not valid {encoding} data ({exc})") from None
        return bytes(body)

    def _raw_bounded(self, response: httpx.Response, too_big: str) -> Iterator[bytes]:
        """The body as received, refused past the limit; the deadline is also checked here
        for transports that do not go through :class:`~bot.fetch.deadline.DeadlineBackend`."""
        received = 0
        for chunk in response.iter_raw():
            received += len(chunk)
            if received > self.max_body_bytes:
                raise FetchError(too_big)
            if (deadline.time_left() or 0.0) < 0:
                raise httpx.ReadTimeout("the response deadline has passed")
            yield chunk

    @contextmanager
    def _host_slot(self, url: str) -> Iterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            slot = self._host_slots.get(host)
            if slot is None:
                slot = self._host_slots[host] = threading.BoundedSemaphore(self._per_host_limit)
        with slot:
            yield
