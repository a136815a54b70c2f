"""Canonical URLs, so the same release reached by two spellings is stored once.

Normalises scheme and host case, a leading ``www.``, default ports, fragments,
tracking parameters (``utm_*``, ``spm``, ``from``…), a trailing slash, and the
``_pc``/``_mobile`` twins that NDA publishes for every article.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = re.compile(r"^(?:utm_\w+|spm|from|source|share\w*|fbclid|gclid|wechat_\w+)$", re.I)
_DEVICE_TWIN = re.compile(r"_(?:pc|mobile|m)(\.s?html?)$")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str | None) -> str | None:
    """A stable key for a web URL; None for anything that is not http(s)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    if parts.port and parts.port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{parts.port}"
    path = _DEVICE_TWIN.sub(r"\1", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)))
    return urlunsplit(("https", host, path, query, ""))


def content_hash(text: str) -> str:
    """SHA-256 of the text with whitespace collapsed: re-wrapped copies hash alike."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
