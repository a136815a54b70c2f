"""A fake official site on 127.0.0.1 and a store, fetcher and poller to poll it with.

Fixture files under ``fixtures/`` carry ``{base}``, ``{title}``, ``{body}``… placeholders
filled per test, so each test states exactly what the site serves. Article bodies are
distinct paragraphs long enough for SimHash (bot.text.simhash.MIN_CHARS).
"""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.fetch.client import Fetcher
from bot.model import Source
from bot.store import Store, open_store
from bot.watch.poll import Poller, ScheduleRules
from bot.watch.poll.source_poll import PollContext
from tests.support.http_server import LocalHTTPServer

FIXTURES = Path(__file__).parent / "fixtures"
NOW = datetime(2024, 3, 26, 8, 0, tzinfo=UTC)

BODIES = {
    "computing": (
        "China's total computing power reached 230 EFLOPS by the end of 2023, ranking second "
        "in the world, the ministry said on Monday. Intelligent computing power grew 70 percent "
        "year on year. By 2025 the country will build ten national computing hub nodes and "
        "connect them with an all-optical network of low latency."
    ),
    "labelling": (
        "Seven cities were chosen to host national data labelling bases, which will train "
        "200,000 annotators over three years. The bases will open shared labelled corpora for "
        "medicine, transport and manufacturing, and local governments will subsidise the rent "
        "of firms that move in before the end of the year."
    ),
    "rules": (
        "The regulator published rules that exempt routine cross-border transfers of "
        "employee records and contract data from security assessment. Firms exporting the "
        "personal information of fewer than 100,000 people a year will only file a standard "
        "contract. The rules take effect immediately and replace the 2022 guidance."
    ),
    "report": (
        "国家数据局发布《数字中国发展报告（2023年）》。报告显示，2023年我国数字经济核心产业增加值"
        "估计超过12万亿元，占GDP比重10%左右。全国数据生产总量达32.85泽字节，同比增长22.44%。"
        "截至2023年底，累计建成5G基站337.7万个，算力总规模达到230EFLOPS，居全球第二位。"
        "下一步将加快建设全国一体化算力网，到2025年基本形成数据要素市场体系。"
    ),
    "bases": (
        "数据标注基地建设正式启动，首批在成都、沈阳、合肥、长沙、海口、保定、大同七个城市开展。"
        "基地将围绕医疗、交通、制造等重点领域建设高质量数据集，三年内培养数据标注人才二十万人。"
        "各地将对入驻企业给予场地和算力补贴，并探索数据标注成果的登记和交易机制。"
    ),
    "policy": (
        "国务院印发关于加快构建数据基础制度的意见，提出建立数据产权结构性分置制度，"
        "完善数据要素收益分配制度，建立安全可控、弹性包容的数据要素治理制度。"
        "意见要求到2025年初步建成数据要素市场体系，培育一批数据商和第三方专业服务机构，"
        "推动公共数据、企业数据、个人数据分类分级确权授权使用。"
    ),
    "industry": (
        "关于促进数据产业高质量发展的通知指出，到2029年数据产业规模年均复合增长率超过15%，"
        "数据产业结构明显优化，数据技术创新能力跻身世界先进行列。通知提出培育数据资源企业、"
        "数据技术企业和数据服务企业，建设数据产业集聚区，完善数据产业标准体系和统计监测。"
    ),
}


def fixture_text(name: str, **values: str) -> str:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with ``lines`` of text, built with reportlab (a dev dependency)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    y = 800
    for line in lines:
        pdf.drawString(50, y, line)
        y -= 16
    pdf.save()
    return buffer.getvalue()


class Site:
    """Routes on the local server, with helpers for the fixture pages."""

    def __init__(self, server: LocalHTTPServer) -> None:
        self.server = server
        self.base = server.url("").rstrip("/")

    def url(self, path: str) -> str:
        return self.server.url(path)

    def serve(self, path: str, body: bytes | str, content_type: str = "text/html", **headers: str):
        self.server.route(path, (200, {"Content-Type": content_type, **headers}, body))
        return self.url(path)

    def article(self, path: str, body_key: str, title: str = "An article") -> str:
        html = fixture_text("computing.html", body=BODIES[body_key]).replace(
            "National computing power reaches new high", title
        )
        return self.serve(path, html)

    def rss(
        self,
        path: str = "/feed.rss",
        title: str = "Computing power hits 230 EFLOPS",
        guid: str = "computing-1",
        **headers: str,
    ) -> str:
        self.article("/articles/computing.html", "computing", title)
        self.article("/articles/labelling.html", "labelling", "Data labelling bases expand")
        feed = fixture_text("feed.rss", base=self.base, title=title, guid=guid)
        return self.serve(path, feed, "application/rss+xml", **headers)

    def requests(self, path: str) -> list[Any]:
        return self.server.requests_for(path)


@pytest.fixture
def site(http_server: LocalHTTPServer) -> Site:
    return Site(http_server)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'poll.sqlite3'}")
    yield opened
    opened.close()


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(allow_private=True, timeout=2.0, attempts=2, sleep=lambda _s: None) as client:
        yield client


@pytest.fixture
def ctx(store: Store, fetcher: Fetcher) -> PollContext:
    return PollContext(store, fetcher, ScheduleRules(failure_threshold=2), random.Random(4))


@pytest.fixture
def poller(store: Store, fetcher: Fetcher) -> Poller:
    return Poller(
        store,
        fetcher,
        concurrency=4,
        rules=ScheduleRules(failure_threshold=2),
        source_timeout=30,
        rng=random.Random(4),
    )


class _ToLocal(httpx.BaseTransport):
    """Sends every request to the local server whatever its host, as if DNS said so."""

    def __init__(self, port: int) -> None:
        self._inner = httpx.HTTPTransport()
        self._port = port

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.url = request.url.copy_with(host="127.0.0.1", port=self._port)
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


def public_fetcher(site: Site) -> Fetcher:
    """A fetcher with the SSRF guard ON that believes every host name is a public address
    (93.184.216.34) and reaches the local server for it; literal IPs are checked as is."""
    return Fetcher(
        allow_private=False,
        attempts=1,
        timeout=2.0,
        resolve=lambda _host: ["93.184.216.34"],
        transport=_ToLocal(site.server.port),
    )


def add(store: Store, url: str, kind: str = "rss", name: str = "Test", **settings: Any) -> Source:
    return store.add_source(Source(url=url, kind=kind, name=name, settings=settings))
