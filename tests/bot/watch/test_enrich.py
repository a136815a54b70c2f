"""Model-written text against a fake chat-completions endpoint on 127.0.0.1: a good answer,
an invented number, a slow answer and an HTTP 500 — and the budget, the cache, off by default."""

from __future__ import annotations

import json
import time
from datetime import date

import pytest

from bot.config import load_settings
from bot.llm.client import ChatClient
from bot.model import Figure, Release
from bot.services import Services
from bot.watch.enrich import Enricher, enricher_for
from tests.support.http_server import LocalHTTPServer

TEXT = (
    "截至2025年底，全国移动通信基站总数达1265万个。量子密钥分发网络总长度达12000公里。"
    "网络直播用户规模达8.16亿人。"
)
GOOD = {
    "summary": "China had 1265万 mobile base stations at the end of 2025; live streaming "
    "reached 8.16亿 users.",
    "labels": {"量子密钥分发网络饕餮": "Quantum key distribution network length"},
}


def _chat(content: str) -> tuple[int, dict[str, str], str]:
    body = {"choices": [{"message": {"role": "assistant", "content": content}}]}
    return 200, {"Content-Type": "application/json"}, json.dumps(body, ensure_ascii=False)


def _store(services: Services) -> Release:
    figures = [
        Figure(
            "全国移动通信基站总数",
            1.265e7,
            "count",
            "1265万个",
            TEXT,
            "mobile_base_stations",
            subject_en="Mobile base stations",
        ),
        Figure("量子密钥分发网络饕餮", 12000, "count", "12000", TEXT, subject_en="Quantum 饕餮"),
    ]
    release = Release(
        title="通信业统计公报",
        language="zh",
        text=TEXT,
        content_hash="bulletin-2025",
        published=date(2026, 1, 20),
        summary="截至2025年底，全国移动通信基站总数达1265万个。",
        figures=figures,
    )
    assert services.store.add_release(release).stored
    return release


@pytest.fixture
def model() -> LocalHTTPServer:
    with LocalHTTPServer() as server:
        yield server


def _enricher(services: Services, server: LocalHTTPServer, budget: int = 10) -> Enricher:
    client = ChatClient(server.url("/v1/chat/completions"), "test-model", api_key="k", timeout=1)
    return Enricher(services.store, client, budget)


def _reread(services: Services, release: Release) -> Release:
    return next(r for r in services.store.recent_releases(5) if r.id == release.id)


def test_a_good_answer_replaces_summary_and_unfinished_labels(
    services: Services, model: LocalHTTPServer
) -> None:
    release = _store(services)
    model.route("/v1/chat/completions", _chat(json.dumps(GOOD, ensure_ascii=False)))
    assert _enricher(services, model).enrich_pending() == {release.id: "ok"}
    stored = _reread(services, release)
    assert stored.summary.startswith("China had 1265万 mobile base stations")
    labels = {f.subject: f.subject_en for f in stored.figures}
    assert labels["量子密钥分发网络饕餮"] == "Quantum key distribution network length"
    assert labels["全国移动通信基站总数"] == "Mobile base stations"  # finished: kept
    sent = json.loads(model.requests[0].body)
    assert (
        sent["model"] == "test-model" and "量子密钥分发网络饕餮" in sent["messages"][1]["content"]
    )
    assert model.requests[0].headers["authorization"] == "Bearer k"


def test_an_invented_number_rejects_the_answer(services: Services, model: LocalHTTPServer) -> None:
    release = _store(services)
    invented = {**GOOD, "summary": "China had 12.65 million mobile base stations."}
    model.route("/v1/chat/completions", _chat(json.dumps(invented)))
    assert _enricher(services, model).enrich_pending() == {release.id: "rejected"}
    assert _reread(services, release).summary == release.summary
    assert "12.65" in (services.store.llm_result(release.id or 0) or {})["reason"]


def test_a_slow_answer_falls_back(services: Services, model: LocalHTTPServer, caplog) -> None:
    release = _store(services)
    model.route("/v1/chat/completions", lambda request: (time.sleep(2), _chat("{}"))[1])
    assert _enricher(services, model).enrich_pending() == {release.id: "failed"}
    assert _reread(services, release).summary == release.summary
    assert [r.getMessage() for r in caplog.records if r.name == "bot.watch.enrich"] == [
        f"model text for release {release.id} not used: timed out (ReadTimeout)"
    ]


def test_a_server_error_falls_back(services: Services, model: LocalHTTPServer) -> None:
    release = _store(services)
    model.route("/v1/chat/completions", (500, {}, b"upstream exploded"))
    assert _enricher(services, model).enrich_pending() == {release.id: "failed"}
    assert (services.store.llm_result(release.id or 0) or {})["reason"] == "HTTP 500"


def test_a_refusal_falls_back(services: Services, model: LocalHTTPServer) -> None:
    release = _store(services)
    model.route("/v1/chat/completions", _chat("I'm sorry, I can't help with that."))
    assert _enricher(services, model).enrich_pending() == {release.id: "failed"}


def test_each_release_is_asked_about_once(services: Services, model: LocalHTTPServer) -> None:
    _store(services)
    model.route("/v1/chat/completions", _chat(json.dumps(GOOD, ensure_ascii=False)))
    enricher = _enricher(services, model)
    enricher.enrich_pending()
    assert enricher.enrich_pending() == {}
    assert len(model.requests) == 1


def test_the_daily_budget_caps_calls(services: Services, model: LocalHTTPServer) -> None:
    _store(services)
    model.route("/v1/chat/completions", _chat(json.dumps(GOOD, ensure_ascii=False)))
    assert _enricher(services, model, budget=0).enrich_pending() == {}
    assert model.requests == []


def test_off_by_default(services: Services) -> None:
    assert enricher_for(services.store, load_settings(env_file=None)) is None
