"""What a fetch returns or raises, built from an httpx response.

Separate from the client so pollers and stores can import the result types without
pulling in retry machinery.
"""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus

import httpx

from bot.errors import FetchError
from bot.fetch.headers import freshness_seconds, retry_after_seconds

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class StatusError(FetchError):
    """The server answered with an error status; ``retry_after`` is its Retry-After, if any."""

    def __init__(self, message: str, *, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class TransientError(FetchError):
    """A timeout or network failure that may well succeed on another attempt."""


class DeadlineError(TransientError):
    """The response (every redirect hop of one attempt) did not finish within the timeout."""


class FetcherClosedError(FetchError):
    """The fetcher was closed before or during the request (the process is shutting down)."""


@dataclass(frozen=True, slots=True)
class FetchResponse:
    """A completed GET: final URL after redirects, body and the headers a poller needs."""

    url: str
    status: int
    headers: httpx.Headers
    content: bytes
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    retry_after: float | None = None
    max_age: float | None = None

    @property
    def content_type(self) -> str | None:
        """The raw Content-Type header (with its charset parameter), for decoding."""
        return self.headers.get("content-type")


def status_error(url: str, response: httpx.Response) -> StatusError:
    """The error for a 4xx/5xx, named by the standard reason phrase (servers' vary)."""
    status = response.status_code
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = response.reason_phrase or "Unknown Status"
    retry_after = retry_after_seconds(response.headers.get("retry-after"))
    return StatusError(f"GET {url} → {status} {phrase}", status=status, retry_after=retry_after)


def to_result(
    url: str,
    response: httpx.Response,
    content: bytes,
    etag: str | None,
    last_modified: str | None,
) -> FetchResponse:
    """The result of the last hop; a 304 keeps the caller's validators unless it sent new
    ones (RFC 9111 §4.3.4), so the poller can store whatever comes back."""
    headers = response.headers
    not_modified = response.status_code == 304
    if response.status_code in REDIRECT_STATUSES:
        raise FetchError(f"GET {url} → {response.status_code} redirect without a Location")
    return FetchResponse(
        url=url,
        status=response.status_code,
        headers=headers,
        content=content,
        etag=headers.get("etag") or (etag if not_modified else None),
        last_modified=headers.get("last-modified") or (last_modified if not_modified else None),
        not_modified=not_modified,
        retry_after=retry_after_seconds(headers.get("retry-after")),
        max_age=freshness_seconds(headers),
    )
