"""Bad input gets a clear error and loses nothing; control characters never reach the store
(issue 13): the readability rule, control stripping for every document kind, the CLI's
answer, and a PostgreSQL round trip of a release that had a NUL in it."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.errors import CdfBotError, UnreadableDocumentError
from bot.fetch.client import Fetcher
from bot.text import junk_share, readable_problem, strip_controls
from bot.text.html import html_to_document
from bot.text.loader import load_document
from bot.text.pdf import pdf_to_document
from tests.support.http_server import LocalHTTPServer

ROOT = Path(__file__).resolve().parents[3]
SENTENCE = "5G base stations reached 3.377 million by end-2023, up 46.1% year on year."
ZH = "截至2023年底5G基站337.7万个，同比增长46.1%。"
JUNK = random.Random(13).randbytes(1024 * 1024)


def raw_pdf(text: bytes, title: bytes) -> bytes:
    """A one-page PDF whose content stream shows ``text`` (PDF string syntax) untouched, so
    escapes such as ``\\000`` reach pypdf's text extraction as control characters."""
    stream = b"BT /F1 12 Tf 72 700 Td (" + text + b") Tj ET"
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]"
        b"/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>",
        b"<</Length %d>>stream\n%s\nendstream" % (len(stream), stream),
        b"<</Title(" + title + b")>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R/Info 6 0 R>>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


# --- the rules -------------------------------------------------------------------------


def test_strip_controls_keeps_layout_and_drops_the_rest() -> None:
    text = "a\x00b\x01c\x1fd\x7fe\x80f\x9fg\th\ni\rj"
    assert strip_controls(text) == "abcdefg\th\ni\rj"
    assert strip_controls("page one\x0cpage two\x0bthree\x85four") == (
        "page one\npage two\nthree\nfour"
    )
    clean = f"{SENTENCE}\n{ZH}"
    assert strip_controls(clean) is clean


def test_readable_rule() -> None:
    assert readable_problem(SENTENCE) is None
    assert readable_problem(ZH) is None
    assert readable_problem(SENTENCE + "\x00") is None  # one stray NUL is stripped, not refused
    assert readable_problem("") == "it is empty"
    assert readable_problem(" \n\t ") == "it is empty"
    assert readable_problem("— … ·") == "it has no letters or digits"
    assert readable_problem("\ufffd" * 10 + "abc" * 30) is not None
    assert junk_share("ab\x00\x01") == 0.5


def test_real_texts_have_no_junk() -> None:
    for path in sorted((ROOT / "examples").glob("*.txt")):
        assert junk_share(path.read_text(encoding="utf-8")) == 0, path.name


# --- the loader refuses junk with one clear message --------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.txt", b""),
        ("blank.txt", b" \r\n\t\r\n"),
        ("junk.txt", JUNK),
        ("junk.html", JUNK),
        ("nul.txt", bytes(4096)),
        ("script-only.html", b"<html><body><script>var a = 1;</script></body></html>"),
    ],
)
def test_unreadable_files_are_refused(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    started = time.monotonic()
    with pytest.raises(UnreadableDocumentError) as info:
        load_document(str(path))
    assert str(info.value) == f"no readable text in {path}"
    assert isinstance(info.value, CdfBotError) and info.value.reason
    assert time.monotonic() - started < 5


def test_unreadable_page_at_a_url_is_refused(http_server: LocalHTTPServer) -> None:
    http_server.route("/junk", (200, {"Content-Type": "text/html"}, JUNK))
    url = http_server.url("/junk")
    refused = pytest.raises(UnreadableDocumentError, match=f"^no readable text in {url}$")
    with Fetcher(allow_private=True, timeout=5.0) as fetcher, refused:
        load_document(url, fetcher=fetcher)


# --- control characters are stripped from every kind ------------------------------------


def test_txt_loses_its_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "release.txt"
    path.write_bytes(f"{SENTENCE}\x00\x07\r\n{ZH}\x0cEnd".encode())
    assert load_document(str(path)).text == f"{SENTENCE}\n{ZH}\nEnd"


def test_html_loses_its_control_characters(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Bulletin\x01 2024\x00</title></head><body>"
        f"<article><h1>Bulletin</h1><p>{SENTENCE}\x00\x02</p><p>{ZH}\x9f</p></article>"
        "</body></html>"
    )
    path = tmp_path / "release.html"
    path.write_bytes(page.encode())
    document = load_document(str(path))
    assert document.title == "Bulletin 2024"
    assert SENTENCE in document.text and ZH in document.text
    assert strip_controls(document.text) == document.text
    direct = html_to_document(page)
    assert strip_controls(direct.text) == direct.text and direct.title == "Bulletin 2024"


def test_feed_fragments_lose_their_control_characters() -> None:
    """Feed descriptions and configured body selectors become text through block_text."""
    from bot.sources.article import fragment_text

    assert fragment_text(f"<p>{SENTENCE}\x00</p><p>\x1b{ZH}</p>") == f"{SENTENCE}\n{ZH}"


def test_pdf_loses_its_control_characters(tmp_path: Path) -> None:
    data = raw_pdf(b"Broadband\\000 users reached\\001 63 million.", b"Bulletin\\001 2024")
    document = pdf_to_document(data)
    assert (document.text, document.title) == (
        "Broadband users reached 63 million.",
        "Bulletin 2024",
    )
    path = tmp_path / "bulletin.pdf"
    path.write_bytes(data)
    assert load_document(str(path)).text == "Broadband users reached 63 million."


# --- the CLI: exit 1, the message, nothing stored ----------------------------------------


def cdfbot(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SLACK_", "CDFBOT_")) and key != "DATABASE_URL"
    }
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'cdfbot.sqlite3'}"
    command = [sys.executable, "-m", "bot", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=env)


def test_cli_refuses_junk_and_stores_nothing(tmp_path: Path) -> None:
    (tmp_path / "junk.txt").write_bytes(JUNK)
    (tmp_path / "empty.html").write_bytes(b"")
    extracted = cdfbot(tmp_path, "extract", "junk.txt", "--json")
    assert (extracted.returncode, extracted.stdout) == (1, "")
    assert extracted.stderr.strip() == "cdfbot: no readable text in junk.txt"
    ingested = cdfbot(tmp_path, "ingest", "junk.txt", "empty.html")
    assert ingested.returncode == 1 and "stored" not in ingested.stdout
    assert "no readable text in junk.txt" in ingested.stderr
    assert "no readable text in empty.html" in ingested.stderr
    with sqlite3.connect(tmp_path / "cdfbot.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM releases").fetchone() == (0,)


# --- PostgreSQL: a release that had a NUL is stored -------------------------------------

PG_DSN = os.environ.get("CDFBOT_TEST_PG_DSN", "host=127.0.0.1 port=5432 user=postgres dbname=test")
PG_URL = os.environ.get("CDFBOT_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL whose search_path is a fresh schema, dropped afterwards (as tests/bot/store)."""
    psycopg = pytest.importorskip("psycopg")
    try:
        with psycopg.connect(PG_DSN, connect_timeout=1):
            pass
    except psycopg.Error:
        pytest.skip("no PostgreSQL server answers on 127.0.0.1:5432")
    schema = f"cdf_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(PG_DSN, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.mark.postgres
def test_release_with_a_nul_is_stored_in_postgresql(tmp_path: Path, postgres_url: str) -> None:
    from bot.store import open_store
    from bot.watch.ingest import ingest_document

    path = tmp_path / "release.txt"
    path.write_bytes(f"Telecom bulletin\x00\n{SENTENCE}\x00\x01\n".encode())
    store = open_store(postgres_url)
    try:
        result = ingest_document(store, load_document(str(path)))
        assert result.stored
        release = result.release
        assert "\x00" not in release.text and SENTENCE in release.text
        assert release.figures
    finally:
        store.close()
