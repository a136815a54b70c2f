"""load_document: local files and URLs, dispatched by magic bytes, Content-Type and suffix."""

from __future__ import annotations

import codecs
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from bot.errors import DocumentError
from bot.fetch.client import Fetcher
from bot.text.loader import load_document
from tests.support.http_server import LocalHTTPServer

ROOT = Path(__file__).resolve().parents[3]
ZH = "2023年全省数字经济核心产业增加值增长9.5%，朱镕基路新建数据中心。"
GBK_PAGE = (
    '<html lang="zh-CN"><head><meta charset="gb2312"><title>数字经济简报</title></head>'
    f"<body><nav>首页 新闻</nav><p>{ZH}</p><footer>版权所有</footer></body></html>"
).encode("gbk")


def pdf_bytes(line: str) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 780, line)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(allow_private=True, timeout=2.0, sleep=lambda seconds: None) as shared:
        yield shared


def test_txt_in_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(f"{ZH}\r\n第二行".encode("gb18030"))
    document = load_document(str(path))
    assert (document.text, document.kind) == (f"{ZH}\n第二行", "txt")
    assert document.raw_bytes == path.stat().st_size


def test_txt_with_utf8_bom(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(codecs.BOM_UTF8 + ZH.encode("utf-8"))
    assert load_document(str(path)).text == ZH


def test_local_html_file(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(GBK_PAGE)
    document = load_document(str(path))
    assert (document.kind, document.title) == ("html", "数字经济简报")
    assert ZH in document.text


def test_local_pdf_file(tmp_path: Path) -> None:
    path = tmp_path / "bulletin.pdf"
    path.write_bytes(pdf_bytes("Broadband users reached 63 million."))
    assert load_document(str(path)).text == "Broadband users reached 63 million."


def test_pdf_magic_wins_over_extension(tmp_path: Path) -> None:
    path = tmp_path / "download.html"
    path.write_bytes(pdf_bytes("Served with the wrong name."))
    assert load_document(str(path)).kind == "pdf"


def test_missing_file() -> None:
    with pytest.raises(DocumentError, match=r"^No such file: x\.txt$"):
        load_document("x.txt")


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "memo.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(DocumentError) as info:
        load_document(str(path))
    assert str(info.value) == "Unsupported file type .docx (use .txt, .html or .pdf)"


def test_unreadable_pdf_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x.pdf").write_bytes(b"this is not a pdf")
    with pytest.raises(DocumentError, match=r"^x\.pdf is not a readable PDF"):
        load_document("x.pdf")


def test_url_html_without_header_charset(http_server: LocalHTTPServer, fetcher: Fetcher) -> None:
    http_server.route("/news/1.htm", (200, {"Content-Type": "text/html"}, GBK_PAGE))
    document = load_document(http_server.url("/news/1.htm"), fetcher=fetcher)
    assert ZH in document.text and "版权所有" not in document.text
    assert (document.kind, document.url, document.language) == (
        "html",
        http_server.url("/news/1.htm"),
        "zh",
    )


def test_url_pdf_served_as_octet_stream(http_server: LocalHTTPServer, fetcher: Fetcher) -> None:
    body = pdf_bytes("Data centre racks: 91,000.")
    http_server.route("/files/get", (200, {"Content-Type": "application/octet-stream"}, body))
    document = load_document(http_server.url("/files/get"), fetcher=fetcher)
    assert (document.kind, document.text) == ("pdf", "Data centre racks: 91,000.")


def test_url_plain_text(http_server: LocalHTTPServer, fetcher: Fetcher) -> None:
    body = ZH.encode("gb18030")
    http_server.route("/a", (200, {"Content-Type": "text/plain; charset=GBK"}, body))
    assert load_document(http_server.url("/a"), fetcher=fetcher).text == ZH


def test_url_with_unsupported_content_type(http_server: LocalHTTPServer, fetcher: Fetcher) -> None:
    http_server.route("/memo", (200, {"Content-Type": "application/msword"}, b"\xd0\xcf"))
    with pytest.raises(DocumentError, match="Unsupported content type application/msword"):
        load_document(http_server.url("/memo"), fetcher=fetcher)


def test_url_without_fetcher_uses_settings(
    http_server: LocalHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CDFBOT_ALLOW_PRIVATE_URLS", "true")
    monkeypatch.setenv("CDFBOT_USER_AGENT", "loader-test/1")
    http_server.route("/a.txt", (200, {"Content-Type": "text/plain"}, b"plain words"))
    assert load_document(http_server.url("/a.txt")).text == "plain words"
    assert http_server.requests_for("/a.txt")[0].headers["user-agent"] == "loader-test/1"


def test_loading_text_does_not_import_heavy_parsers(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("plain words", encoding="utf-8")
    code = (
        "import sys; from bot.text.loader import load_document; "
        f"load_document({str(path)!r}); "
        "print(sorted(m for m in ('trafilatura', 'pypdf', 'httpx') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[]"
