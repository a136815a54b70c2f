"""The SSRF guard refuses non-public targets, with an injected resolver instead of DNS."""

from __future__ import annotations

import pytest

from bot.errors import BlockedURLError, FetchError
from bot.fetch.guard import CachingResolver, check_url

HOSTS = {
    "releases.example": ["93.184.215.14"],
    "intranet.example": ["10.1.2.3"],
    "mixed.example": ["93.184.215.14", "192.168.0.7"],
    "metadata.example": ["169.254.169.254"],
}


def resolve(host: str) -> list[str]:
    if host not in HOSTS:
        raise OSError("Name or service not known")
    return HOSTS[host]


def test_public_host_is_allowed() -> None:
    assert check_url("https://releases.example/a", resolve=resolve) == ["93.184.215.14"]


def test_non_http_scheme_is_refused() -> None:
    with pytest.raises(BlockedURLError, match="only http and https"):
        check_url("file:///etc/passwd", resolve=resolve)


def test_loopback_literal_is_refused() -> None:
    with pytest.raises(BlockedURLError, match="loopback"):
        check_url("http://127.0.0.1:8080/", resolve=resolve)


def test_ipv4_mapped_ipv6_loopback_is_refused() -> None:
    with pytest.raises(BlockedURLError, match="loopback"):
        check_url("http://[::ffff:127.0.0.1]/", resolve=resolve)


def test_host_resolving_to_private_address_is_refused() -> None:
    with pytest.raises(BlockedURLError, match=r"intranet\.example resolves to 10\.1\.2\.3"):
        check_url("http://intranet.example/", resolve=resolve)


def test_one_private_address_among_public_ones_refuses_the_host() -> None:
    with pytest.raises(BlockedURLError, match="private"):
        check_url("http://mixed.example/", resolve=resolve)


@pytest.mark.parametrize("address", ["0.0.0.0", "169.254.1.1", "224.0.0.1", "100.64.0.1"])
def test_other_non_public_ranges_are_refused(address: str) -> None:
    with pytest.raises(BlockedURLError):
        check_url(f"http://{address}/", resolve=resolve)


def test_allow_private_permits_loopback() -> None:
    assert check_url("http://127.0.0.1/", allow_private=True, resolve=resolve) == ["127.0.0.1"]


@pytest.mark.parametrize("url", ["http://metadata.example/", "http://[fd00:ec2::254]/"])
def test_cloud_metadata_is_refused_even_when_private_is_allowed(url: str) -> None:
    with pytest.raises(BlockedURLError, match="metadata"):
        check_url(url, allow_private=True, resolve=resolve)


def test_unresolvable_host_is_a_fetch_error_not_a_block() -> None:
    with pytest.raises(FetchError, match=r"cannot resolve host nowhere\.example") as info:
        check_url("http://nowhere.example/", resolve=resolve)
    assert not isinstance(info.value, BlockedURLError)


def test_caching_resolver_reuses_answers_until_they_expire() -> None:
    calls: list[str] = []
    now = [0.0]

    def counting(host: str) -> list[str]:
        calls.append(host)
        return ["93.184.215.14"]

    cached = CachingResolver(counting, ttl=30, clock=lambda: now[0])
    assert cached("Releases.example") == cached("releases.example") == ["93.184.215.14"]
    assert calls == ["Releases.example"]
    now[0] = 31.0
    cached("releases.example")
    assert len(calls) == 2


def test_caching_resolver_does_not_cache_failures() -> None:
    answers = iter([OSError("no such host"), ["93.184.215.14"]])

    def flaky(_host: str) -> list[str]:
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    cached = CachingResolver(flaky)
    with pytest.raises(FetchError):
        check_url("http://flaky.example/", resolve=cached)
    assert check_url("http://flaky.example/", resolve=cached) == ["93.184.215.14"]


def test_cached_answers_are_still_checked() -> None:
    cached = CachingResolver(resolve)
    for _ in range(2):
        with pytest.raises(BlockedURLError, match="private"):
            check_url("http://intranet.example/", resolve=cached)
