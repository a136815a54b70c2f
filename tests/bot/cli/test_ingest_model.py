"""``cdfbot ingest`` with CDFBOT_LLM_URL: what it stored is sent to the model once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from tests.support.http_server import LocalHTTPServer

RELEASE = "通信业统计公报\n\n2026年1月20日\n\n截至2025年底，全国移动通信基站总数达1265万个。\n"


def test_ingest_asks_the_model_about_new_releases(
    monkeypatch: pytest.MonkeyPatch,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "bulletin.txt"
    path.write_text(RELEASE, encoding="utf-8")
    answer = {"summary": "Mobile base stations reached 1265万 at the end of 2025.", "labels": {}}
    body = {"choices": [{"message": {"content": json.dumps(answer, ensure_ascii=False)}}]}
    with LocalHTTPServer() as model:
        model.route("/chat", (200, {"Content-Type": "application/json"}, json.dumps(body)))
        monkeypatch.setenv("DATABASE_URL", db_url)
        monkeypatch.setenv("CDFBOT_LLM_URL", model.url("/chat"))
        assert main(["ingest", str(path)]) == 0
        assert main(["ingest", str(path)]) == 0  # a duplicate: nothing new to ask about
        assert len(model.requests) == 1
    assert "model    #1 ok" in capsys.readouterr().out
