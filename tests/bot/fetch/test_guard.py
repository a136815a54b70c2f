"""The SSRF guard refuses non-public targets, with an injected resolver instead of DNS."""

from __future__ import annotations

import ipaddress

import pytest

from bot.errors import BlockedURLError, FetchError
from bot.fetch.guard import CachingResolver, check_url, refusal_reason, system_resolve

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


# --- Edges: reasons named, literals, scoped addresses, cache bounds. ---


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("0.0.0.0", "an unspecified address"),
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("169.254.1.1", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("224.0.0.1", "a multicast address"),
        ("10.1.2.3", "a private address"),
        ("fc00::1", "a private address"),
        ("4000::1", "a reserved address"),
        ("100.64.0.1", "not a public address"),
        ("169.254.169.254", "a cloud metadata address"),
    ],
)
def test_refusal_names_the_kind_of_address(address: str, reason: str) -> None:
    assert refusal_reason(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:220:1::1"])
def test_public_address_has_no_refusal(address: str) -> None:
    assert refusal_reason(ipaddress.ip_address(address)) is None


def test_literal_address_is_named_as_itself() -> None:
    with pytest.raises(BlockedURLError, match=r"^Refused http://127\.0\.0\.1/x: 127\.0\.0\.1 is a"):
        check_url("http://127.0.0.1/x", resolve=resolve)


def test_ipv6_literal_is_checked_without_a_lookup() -> None:
    with pytest.raises(BlockedURLError, match="loopback"):
        check_url("http://[::1]:8080/", resolve=resolve)


def test_url_without_a_host_is_refused() -> None:
    with pytest.raises(BlockedURLError, match=r"^Refused http:///a: the URL has no host$"):
        check_url("http:///a", resolve=resolve)


def test_unresolvable_host_error_names_the_url() -> None:
    with pytest.raises(FetchError, match=r"^GET http://nowhere\.example/p → cannot resolve"):
        check_url("http://nowhere.example/p", resolve=resolve)


def test_host_without_addresses_is_a_fetch_error() -> None:
    with pytest.raises(
        FetchError, match=r"^GET http://empty\.example/ → host empty\.example has no"
    ):
        check_url("http://empty.example/", resolve=lambda _host: [])


def test_scoped_link_local_answer_is_refused() -> None:
    with pytest.raises(BlockedURLError, match="link-local"):
        check_url("http://scoped.example/", resolve=lambda _host: ["fe80::1%eth0"])


def test_scoped_public_answer_is_allowed() -> None:
    answer = ["2606:2800:220:1::1%2"]
    assert check_url("http://scoped.example/", resolve=lambda _host: answer) == answer


def test_caching_resolver_keeps_hosts_apart() -> None:
    answers = {"a.example": ["93.184.215.14"], "b.example": ["93.184.215.15"]}
    cached = CachingResolver(answers.__getitem__)
    assert [cached("a.example"), cached("b.example")] == [["93.184.215.14"], ["93.184.215.15"]]


def test_caching_resolver_answer_expires_at_exactly_the_ttl() -> None:
    calls: list[str] = []
    now = [0.0]
    cached = CachingResolver(lambda h: calls.append(h) or ["93.184.215.14"], clock=lambda: now[0])
    cached("a.example")
    now[0] = 29.9
    cached("a.example")
    now[0] = 30.0
    cached("a.example")
    assert len(calls) == 2, "kept for 30 s by default, not one instant longer"


def test_caching_resolver_full_cache_starts_again() -> None:
    calls: list[str] = []
    cached = CachingResolver(lambda h: calls.append(h) or ["93.184.215.14"], max_hosts=2)
    for host in ("a.example", "b.example", "c.example", "a.example"):
        cached(host)
    assert calls == ["a.example", "b.example", "c.example", "a.example"]


def test_caching_resolver_drops_expired_answers_before_live_ones() -> None:
    calls: list[str] = []
    now = [0.0]
    cached = CachingResolver(
        lambda h: calls.append(h) or ["93.184.215.14"], max_hosts=3, clock=lambda: now[0]
    )
    cached("old1.example")
    cached("old2.example")
    now[0] = 10.0
    cached("live.example")
    now[0] = 30.0  # old1 and old2 expire now; live has 10 s left
    cached("new.example")
    cached("live.example")
    assert calls.count("live.example") == 1


def test_caching_resolver_holds_4096_hosts_by_default() -> None:
    calls: list[str] = []
    cached = CachingResolver(lambda h: calls.append(h) or ["93.184.215.14"], clock=lambda: 0.0)
    hosts = [f"h{n}.example" for n in range(4097)]
    for host in hosts[:4096]:
        cached(host)
    cached(hosts[0])
    assert len(calls) == 4096, "4096 hosts fit"
    cached(hosts[4096])
    cached(hosts[0])
    assert len(calls) == 4098, "the 4097th starts the cache again"


def test_system_resolver_returns_a_literal_address_as_itself() -> None:
    assert system_resolve("127.0.0.1") == ["127.0.0.1"]


def test_system_resolver_lists_each_address_of_localhost_once() -> None:
    addresses = system_resolve("localhost")
    assert set(addresses) & {"127.0.0.1", "::1"}
    assert len(addresses) == len(set(addresses))
