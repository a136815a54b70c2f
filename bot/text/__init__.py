"""Document text: files, pages and PDFs to text (loader, html, pdf), then clean-up.

The character rules every document kind obeys live here, so the loader, the HTML and PDF
readers and the source adapters (through :func:`bot.text.html.block_text`) share them:

* :func:`strip_controls` — stored text holds no control characters. PostgreSQL refuses NUL
  in text columns ("invalid byte sequence … 0x00"), so one NUL in a release failed its
  ingest on every poll while SQLite stored it; the other C0 and C1 controls are invisible
  junk in Slack and in search. Tab, line feed and carriage return stay; vertical tab, form
  feed and NEL (U+0085) become line feeds (page breaks must not glue words together).
* :func:`readable_problem` — whether decoded text is text at all (rule in its docstring).
"""

from __future__ import annotations

import re

_LINE_CONTROLS = re.compile("[\x0b\x0c\x85]")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_JUNK = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffd\ue000-\uf8ff\U000f0000-\U0010ffff]")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]")  # a letter or digit of any script

JUNK_SHARE = 0.05
"""Most of the non-space characters of decoded text that may be junk (see readable_problem)."""


def strip_controls(text: str) -> str:
    """``text`` without C0/C1 control characters (module docstring); unchanged text is
    returned as is, so the common clean case costs one scan."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub("", _LINE_CONTROLS.sub("\n", text))


def junk_share(text: str) -> float:
    """Share of the non-space characters that are controls (other than tab and line
    breaks), U+FFFD replacement characters or private-use characters."""
    visible = len(_SPACE.sub("", text))
    if not visible:
        return 0.0
    return (len(text) - len(_JUNK.sub("", text))) / visible


def readable_problem(text: str) -> str | None:
    """Why decoded ``text`` is not readable text, or None when it is.

    Text is readable when (1) at most :data:`JUNK_SHARE` (5 %) of its non-space characters
    are junk (:func:`junk_share`) and (2) it holds at least one letter or digit of any
    script. Real releases, English or Chinese, have no junk at all: a stray NUL is stripped,
    not refused. Binary files fail (1) by far: random bytes decoded as UTF-8 with
    replacement are ~57 % junk, and decoded with any single-byte code page still ~12 % (the
    29 control bytes of every 256); executables, images and archives are full of NULs. Empty
    files, whitespace and pages whose body is empty (script-only pages) fail (2). No minimum
    length beyond that: a one-line notice is still a notice. Not caught: printable junk
    such as a base64 blob, which is text, only not prose.
    """
    share = junk_share(text)
    if share > JUNK_SHARE:
        return f"{share:.0%} of its characters are control or replacement characters"
    if not _WORD.search(text):
        return "it has no letters or digits" if text.strip() else "it is empty"
    return None
