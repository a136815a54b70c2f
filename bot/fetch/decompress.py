"""Content-Encoding undone while streaming, never producing more than the caller will keep.

httpx inflates each network chunk in one call, so 64 KiB of a gzip bomb becomes 64 MB in
memory before any size check can run. Here every zlib call is capped (``max_length``), so
output appears in steps of at most :data:`STEP` bytes and the caller can stop counting at
its limit: memory stays within the limit plus one step per coding layer.

Codings (RFC 9110 §8.4.1) are removed in the reverse of the order listed in the header
(``Content-Encoding: deflate, gzip`` means gzip was applied last). ``gzip``/``x-gzip``
may hold several members (RFC 1952 §2.2); ``deflate`` is the zlib format, or raw deflate
from servers that get it wrong (as httpx accepts). ``identity`` and codings the fetcher
never asks for (it sends ``Accept-Encoding: gzip, deflate``) pass through unchanged, as
httpx passes them; a truncated stream yields what it had, also as httpx does.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

STEP = 64 * 1024
ACCEPT_ENCODING = "gzip, deflate"
_GZIP = frozenset({"gzip", "x-gzip"})


class DecodingError(ValueError):
    """The body is not valid data in its declared Content-Encoding."""


def codings(content_encoding: str | None) -> list[str]:
    """The codings to undo, first to last (the header lists them in the order applied)."""
    names = [part.strip().lower() for part in (content_encoding or "").split(",")]
    return [name for name in reversed(names) if name in _GZIP or name == "deflate"]


def decoded_chunks(chunks: Iterable[bytes], content_encoding: str | None) -> Iterator[bytes]:
    """``chunks`` of a body with its Content-Encoding removed, each at most STEP bytes."""
    stream: Iterable[bytes] = chunks
    for name in codings(content_encoding):
        stream = _inflate(stream, gzip=name in _GZIP)
    return iter(stream)


def _inflate(chunks: Iterable[bytes], *, gzip: bool) -> Iterator[bytes]:
    inflater, members = None, 0
    held = b""  # the first byte of a deflate body, until the second tells zlib from raw
    for chunk in chunks:
        data, held = held + chunk, b""
        while data:
            if inflater is None:
                if not gzip and len(data) < 2:
                    held = data
                    break
                inflater = zlib.decompressobj(_wbits(data, gzip=gzip))
            try:
                out = inflater.decompress(data, STEP)
            except zlib.error as exc:
                if members:
                    return  # trailing garbage after a complete member, ignored as gzip(1) does
                raise DecodingError(str(exc)) from None
            if out:
                yield out
            if inflater.eof:
                if not gzip:
                    return  # bytes after a zlib stream are junk, ignored as zlib ignores them
                data, inflater, members = inflater.unused_data, None, members + 1
            else:
                data = inflater.unconsumed_tail
                if not data and out:
                    yield from _drain(inflater)


def _drain(inflater: zlib._Decompress) -> Iterator[bytes]:
    """Output zlib holds back after consuming all input (a long match near the end)."""
    while out := inflater.decompress(b"", STEP):
        yield out


def _wbits(head: bytes, *, gzip: bool) -> int:
    if gzip:
        return zlib.MAX_WBITS | 16
    if len(head) >= 2 and head[0] & 0x0F == 8 and int.from_bytes(head[:2], "big") % 31 == 0:
        return zlib.MAX_WBITS  # zlib header (RFC 1950 §2.2)
    return -zlib.MAX_WBITS  # raw deflate (RFC 1951)
