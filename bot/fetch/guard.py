"""SSRF guard: refuse URLs whose host resolves to an address the bot must never reach.

Sources are added by Slack admins and redirects are chosen by remote servers, so any
URL the bot fetches is untrusted input. Before each request hop the host is resolved
and every address it maps to is checked; one non-public address refuses the whole URL
(an attacker controlling DNS may return a public and a private record together).

The check runs on the URL, not the socket, so a DNS answer that changes between the
check and the connection (rebinding) is not caught here; the fetcher keeps that window
short by checking immediately before each hop.
"""

from __future__ import annotations

import ipaddress
import socket
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
