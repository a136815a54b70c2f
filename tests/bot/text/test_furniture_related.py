"""Related-news blocks and dated headline lists are page furniture (bot/text/furniture.py)."""

from __future__ import annotations

import pytest

from bot.extract import extract
from bot.model import Document
from bot.text import furniture
from bot.text.clean import clean_text

BODY_EN = (
    "China's online retail sales of physical goods rose 6.5 percent year on year to "
    "13.08 trillion yuan in 2024, the Ministry of Commerce said."
)
BODY_ZH = "2024年,全国网上零售额155225亿元,比上年增长7.2%。"


@pytest.mark.parametrize(
    "header",
    [
        "相关新闻",
        "【延伸阅读】",
        "热点推荐：",
        "相关阅读",
        "推荐阅读",
        "Related",
        "Related News",
        "Related:",
        "READ MORE",
        "More from China Daily",
        ">> Related stories",
    ],
)
def test_headers_open_a_block(header: str) -> None:
    assert furniture.related_header(header) == ""


@pytest.mark.parametrize(
    "line",
    [
        "Related policies will be released in the first half of the year.",
        "更多举措将在年内出台。",
        "Read more about the 1.2 million new 5G base stations in the annual report.",
        "More from 2024: revenue rose 10%",
    ],
)
def test_prose_is_not_a_header(line: str) -> None:
    assert furniture.related_header(line) is None


def test_a_header_may_lead_its_first_headline() -> None:
    assert furniture.related_header("Related: Shanghai opens 3 data exchanges") == (
        "Shanghai opens 3 data exchanges"
    )


@pytest.mark.parametrize(
    "text",
    [
        f"{BODY_EN}\n\nRelated News\nShenzhen adds 20,000 5G base stations\n"
        "Guangdong's digital economy tops 6 trillion yuan",
        f"{BODY_EN}\n\nRead more:\n- Beijing to open 15 computing centres by 2027\n"
        "- Data labelling market grows 30 percent",
        f"{BODY_ZH}\n\n相关新闻\n· 2025-02-11 全省新建5G基站2.3万个\n"
        "· 2025-02-09 一月份快递业务量增长9.8%",
        f"{BODY_ZH}\n\n延伸阅读\n市数据局召开年度工作会议 2025-01-20\n"
        "数字经济核心产业增加值增长11% 2025-01-15",
    ],
)
def test_block_headlines_yield_nothing(text: str) -> None:
    result = extract(Document(text=text, kind="txt"))
    body_only = extract(Document(text=text.split("\n\n")[0], kind="txt"))
    assert [f.value for f in result.figures] == [f.value for f in body_only.figures]


def test_body_after_a_block_is_kept() -> None:
    text = f"Related\nTianjin opens data exchange\n{BODY_EN}"
    assert clean_text(text).splitlines() == [BODY_EN]


def test_dated_headline_list_without_header_is_dropped() -> None:
    text = (
        f"{BODY_ZH}\n- 2025-01-02世贸组织成立三十年\n- 2025-01-022024年全国电影票房超400亿元\n"
        "- 2025-01-02房贷利率下调,能省多少钱?"
    )
    assert clean_text(text).splitlines() == [BODY_ZH]


def test_one_dated_line_stays() -> None:
    text = f"{BODY_ZH}\n2025-01-02 全国网上零售额增长7.2%"
    assert len(clean_text(text).splitlines()) == 2


@pytest.mark.parametrize(
    "line",
    [
        "浏览次数:1296",
        "文章编号:BJ20250226-0417 浏览次数:1296",
        "索引号:11100000MB0143/2025-00012",
        "Views: 2,381",
    ],
)
def test_mirror_counters_and_ids_are_furniture(line: str) -> None:
    assert furniture.is_furniture(line)
