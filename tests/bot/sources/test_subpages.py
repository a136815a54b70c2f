"""SCIO-like releases whose text sits on sub-pages of the release's own folder."""

from __future__ import annotations

from bot.fetch.client import Fetcher
from bot.sources.base import ListedItem
from bot.sources.html_list import HtmlListAdapter
from tests.bot.sources.conftest import Serve, make_source
from tests.support.http_server import LocalHTTPServer

FOLDER = "/live/2026/35210/"
TRANSCRIPT = (
    "国务院新闻办公室举行新闻发布会，介绍加快建设全国一体化算力网有关情况。截至2025年底，"
    "全国算力总规模达到300EFLOPS，同比增长30%。下一步将推动八大枢纽节点互联互通。"
)
TITLE = "国务院新闻办就加快建设全国一体化算力网举行发布会"
LANDING = f"""<html><head><meta name="ArticleTitle" content="{TITLE}"></head>
<body><div class="TRS_Editor"><p>发布会时间：2026年4月9日</p></div>
<ul class="tabs">
 <li><a href="{FOLDER}wz.html">文字实录</a></li>
 <li><a href="tw.html">图文直播</a></li>
 <li><a href="{FOLDER}fbh.pdf">发布稿（PDF）</a></li>
 <li><a href="/live/2026/35188/index.html">上一场发布会</a></li>
 <li><a href="index.html">本页</a></li>
</ul></body></html>"""


def page(text: str) -> str:
    return f"<html><body><div class='TRS_Editor'><p>{text}</p></div></body></html>"


def test_short_landing_page_takes_the_text_of_its_folder_pages(
    serve: Serve, fetcher: Fetcher, http_server: LocalHTTPServer
) -> None:
    url = serve(f"{FOLDER}index.html", LANDING)
    serve(f"{FOLDER}wz.html", page(TRANSCRIPT))
    serve(f"{FOLDER}tw.html", page("图文直播：发布人介绍了算力网建设进展。"))
    serve("/live/2026/35188/index.html", page("另一场发布会的内容。"))
    source = make_source(url, "html", body=["div.TRS_Editor"], subpages="a[href]")
    item = ListedItem(url=url, title="发布会")
    document = HtmlListAdapter().load_item(item, fetcher, source)
    assert document.title == TITLE
    assert document.text.split("\n\n") == [
        "发布会时间：2026年4月9日",
        TRANSCRIPT,
        "图文直播：发布人介绍了算力网建设进展。",
    ]
    paths = [request.path for request in http_server.requests]
    assert "/live/2026/35188/index.html" not in paths, "another conference's folder"
    assert f"{FOLDER}fbh.pdf" not in paths, "a PDF is an attachment, not text"


def test_long_page_is_the_article_and_its_subpages_are_not_fetched(
    serve: Serve, fetcher: Fetcher, http_server: LocalHTTPServer
) -> None:
    url = serve(f"{FOLDER}index.html", LANDING.replace("发布会时间：2026年4月9日", TRANSCRIPT * 20))
    source = make_source(url, "html", body=["div.TRS_Editor"], subpages="a[href]")
    HtmlListAdapter().load_item(ListedItem(url=url), fetcher, source)
    assert [request.path for request in http_server.requests] == [f"{FOLDER}index.html"]
