"""SSRF guard: refuse URLs whose host resolves to an address the bot must never reach.

Sources are added by Slack admins and redirects are chosen by remote servers, so any
URL the bot fetches is untrusted input. Before each request hop the host is resolved
and every address it maps to is checked; one non-public address refuses the whole URL
(an attacker controlling DNS may return a public and a private record together).

The check runs on the URL, not the socket, so a DNS answer that changes between the
check and the connection (rebinding) is not caught here; the fetcher keeps that window
short by checking immediately before each hop. The fetcher reuses a host's DNS answer
for up to 30 seconds (:class:`CachingResolver`); the addresses are still checked on
every hop, and the socket's own lookup was never covered by this check anyway.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from bot.errors import BlockedURLError, FetchError

Resolver = Callable[[str], list[str]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ALLOWED_SCHEMES = frozenset({"http", "https"})
# Instance-metadata endpoints hand out cloud credentials; refused even with allow_private.
METADATA_ADDRESSES = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)


def system_resolve(host: str) -> list[str]:
    """Every address ``host`` resolves to, via the system resolver (getaddrinfo)."""
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class CachingResolver:
    """``resolve`` with its answers kept for ``ttl`` seconds (at most ``max_hosts`` hosts).

    A feed and its new articles are fetched from one host within seconds, so each poll
    would otherwise resolve the same name several times. Only the lookup is cached: every
    hop, redirects included, still has its addresses checked by :func:`check_url`. Failed
    lookups are not cached. Thread-safe (a lookup runs outside the lock).
    """

    def __init__(
        self,
        resolve: Resolver = system_resolve,
        *,
        ttl: float = 30.0,
        max_hosts: int = 4096,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._resolve = resolve
        self._ttl = ttl
        self._max_hosts = max_hosts
        self._clock = clock
        self._answers: dict[str, tuple[float, list[str]]] = {}
        self._lock = threading.Lock()

    def __call__(self, host: str) -> list[str]:
        key = host.lower()
        now = self._clock()
        with self._lock:
            cached = self._answers.get(key)
        if cached is not None and cached[0] > now:
            return list(cached[1])
        addresses = self._resolve(host)
        with self._lock:
            if len(self._answers) >= self._max_hosts:
                self._answers = {k: v for k, v in self._answers.items() if v[0] > now}
                if len(self._answers) >= self._max_hosts:
                    self._answers.clear()
            if addresses:
                self._answers[key] = (now + self._ttl, list(addresses))
        return addresses


def check_url(
    url: str, *, allow_private: bool = False, resolve: Resolver = system_resolve
) -> list[str]:
    """Raise BlockedURLError unless ``url`` is http(s) and its host resolves to public addresses.

    Returns the addresses that were checked, so callers can log them.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise BlockedURLError(f"Refused {url}: only http and https URLs can be fetched")
    host = parts.hostname
    if not host:
        raise BlockedURLError(f"Refused {url}: the URL has no host")
    addresses = _resolve(host, url, resolve)
    for text in addresses:
        address = _parse(text)
        reason = refusal_reason(address, allow_private=allow_private)
        if reason:
            where = f"{host} resolves to {address}," if text != host.strip("[]") else f"{host} is"
            raise BlockedURLError(f"Refused {url}: {where} {reason}")
    return addresses


def refusal_reason(address: IPAddress, *, allow_private: bool = False) -> str | None:
    """Why the bot must not connect to ``address``, or None when it may."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if allow_private:
        return None
    checks = (
        ("is_unspecified", "an unspecified address"),
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_private", "a private address"),
        ("is_reserved", "a reserved address"),
    )
    for attribute, reason in checks:
        if getattr(address, attribute):
            return reason
    if not address.is_global:
        return "not a public address"
    return None


def _resolve(host: str, url: str, resolve: Resolver) -> list[str]:
    literal = host.strip("[]")
    try:
        return [str(ipaddress.ip_address(literal))]
    except ValueError:
        pass
    try:
        addresses = resolve(host)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"GET {url} → cannot resolve host {host} ({exc})") from None
    if not addresses:
        raise FetchError(f"GET {url} → host {host} has no addresses")
    return addresses


def _parse(text: str) -> IPAddress:
    # getaddrinfo may return scoped IPv6 addresses such as fe80::1%eth0.
    return ipaddress.ip_address(text.split("%", 1)[0])
