"""Bytes to text, trusting declared charsets before guessing.

Order of evidence, strongest first:

1. a byte-order mark — it cannot be there by accident, and the WHATWG Encoding standard
   lets it override every label (https://encoding.spec.whatwg.org/#decode);
2. the ``charset`` parameter of Content-Type (RFC 9110 §8.3.2);
3. ``<meta charset>`` / ``<meta http-equiv="Content-Type">`` in the first bytes of HTML;
4. strict UTF-8, then strict GB18030 (the sources are Chinese or English);
5. charset-normalizer's detection; finally UTF-8 with replacement characters.

A declared charset that fails to decode strictly is skipped, not obeyed: Chinese sites
often keep a template's stale ``charset=gb2312`` on UTF-8 pages. GB2312 and GBK labels
decode as GB18030, their superset, so rarer characters in names survive.
"""

from __future__ import annotations

import codecs
import re

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
META_SCAN_BYTES = 8192
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "ascii": "utf-8",  # a page labelled ASCII that is not ASCII is almost always UTF-8
}
# WHATWG labels Python's codec registry does not know.
_LABELS = dict.fromkeys(
    ("x-gbk", "csgb2312", "csgbk", "gb_2312", "gb_2312-80", "windows-936"), "gb18030"
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def normalize_charset(label: str | None) -> str | None:
    """A Python codec name for a charset label, GB2312/GBK widened; None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(_LABELS.get(label, label)).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def charset_from_content_type(content_type: str | None) -> str | None:
    """The codec named by a Content-Type header's charset parameter, if known."""
    match = _HEADER_CHARSET.search(content_type or "")
    return normalize_charset(match.group(1)) if match else None


def charset_from_meta(data: bytes) -> str | None:
    """The codec named by an HTML ``<meta>`` charset declaration near the top, if any."""
    match = _META_CHARSET.search(data[:META_SCAN_BYTES])
    if not match:
        return None
    name = normalize_charset(match.group(1).decode("ascii", "ignore"))
    # A meta tag readable as ASCII cannot be in UTF-16 (WHATWG "prescan" rule).
    return "utf-8" if name and name.startswith("utf-16") else name


def charset_from_bom(data: bytes) -> str | None:
    """The codec a byte-order mark announces (UTF-32 checked before its UTF-16 prefix)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def decode(data: bytes, content_type: str | None = None, *, markup: bool = True) -> str:
    """Decode ``data`` using the evidence listed in the module docstring.

    ``markup`` enables the ``<meta>`` scan; turn it off for plain text files.
    """
    candidates = [
        charset_from_bom(data),
        charset_from_content_type(content_type),
        charset_from_meta(data) if markup else None,
        "utf-8",
        "gb18030",
    ]
    for name in dict.fromkeys(c for c in candidates if c):
        try:
            return data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    return _detect(data)


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode("utf-8", errors="replace")
