"""Charset evidence order: BOM, Content-Type, <meta>, then strict guesses and detection."""

from __future__ import annotations

import codecs

import pytest

from bot.fetch.decode import decode, normalize_charset

# 镕 is in GBK but not in GB2312: decoding with the declared gb2312 codec would fail.
ZH = "数字经济核心产业增加值增长百分之九点五，朱镕基路新建数据中心。"


def page(meta: str, body: str) -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{body}</p></body></html>"


def test_gbk_page_declared_gb2312_in_meta_decodes_without_header() -> None:
    data = page('<meta charset="gb2312">', ZH).encode("gbk")
    assert ZH in decode(data)


def test_http_equiv_meta_is_honoured() -> None:
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=GBK">'
    assert ZH in decode(page(meta, ZH).encode("gbk"), "text/html")


def test_header_charset_wins_over_meta() -> None:
    data = page('<meta charset="utf-8">', "café").encode("utf-8")
    assert "cafÃ©" in decode(data, "text/html; charset=ISO-8859-1")


def test_header_charset_that_cannot_decode_falls_back_to_meta() -> None:
    data = page('<meta charset="gbk">', ZH).encode("gbk")
    assert ZH in decode(data, "text/html; charset=utf-8")


def test_bom_overrides_stale_meta_and_is_stripped() -> None:
    data = codecs.BOM_UTF8 + page('<meta charset="gb2312">', ZH).encode("utf-8")
    text = decode(data)
    assert ZH in text and not text.startswith("\ufeff")


def test_undeclared_gb18030_text_decodes() -> None:
    assert decode(ZH.encode("gb18030"), markup=False) == ZH


def test_meta_is_ignored_for_plain_text() -> None:
    text = '<meta charset="gbk"> is how pages declare GBK; this file is UTF-8: 数字'
    assert decode(text.encode("utf-8"), markup=False) == text


@pytest.mark.parametrize("label", ["gb2312", "GBK", "x-gbk", "cp936", "csgb2312"])
def test_gb_family_labels_widen_to_gb18030(label: str) -> None:
    assert normalize_charset(label) == "gb18030"


def test_unknown_label_is_none() -> None:
    assert normalize_charset("no-such-charset") is None
