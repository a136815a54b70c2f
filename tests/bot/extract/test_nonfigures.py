"""Numbers that are never figures: dates, phone numbers, IDs, ordinals, labels, names."""

from __future__ import annotations

import pytest

from bot.extract.numbers import normalize
from bot.extract.quantities import scan


@pytest.mark.parametrize(
    "text",
    [
        "Released on 2024-06-18 at 09:30 in Beijing.",
        "Contact: 010-68203344, fax 010-68203355-201.",
        "Call 13901234567 for details.",
        "Postcode 100044, Beijing, China",
        "See www.example.org.cn/news/2024/0612/c1000-40257.html for the text.",
        "Room 1203, No. 16 Yuetan Street",
        "Issue 31, page 12",
        "the 15th Five-Year Plan and the G20 summit",
        "IPv6 and 6G research, Web3.0 and version 2.1",
        "the 9th World Internet Conference",
        "the three-year plan (2025-2027) was released",
        "the 2012–13 season",
        "1. Background",
        "第十二届中国国际数字经济博览会",
        "2024年10月15日,会议在京召开",
        "Dec 1 is the deadline",
        "Five, the agency will",
        "the following four areas",
        "over the past three years",
    ],
)
def test_not_figures(text: str) -> None:
    assert scan(normalize(text)) == []
