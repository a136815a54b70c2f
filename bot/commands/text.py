"""The ``/cdf`` text as the router accepts it: printable, bounded, before any SQL sees it.

* Control characters (NUL and the rest of Unicode's ``Cc``) are dropped: PostgreSQL text
  cannot hold a NUL ("PostgreSQL text fields cannot contain NUL (0x00) bytes"), and none
  means anything in a query. Tabs and newlines count as spaces.
* At most :data:`~bot.constants.MAX_COMMAND_CHARS` characters, and a query (a lookup,
  ``search``, ``commitments``) at most :data:`~bot.constants.MAX_QUERY_WORDS` words: each
  word is a term of the SQL that finds releases, and 1,333 of them overflowed SQLite's
  expression depth ("Expression tree is too large (maximum depth 1000)").
"""

from __future__ import annotations

import unicodedata

from bot.constants import (
    COMMAND_TOO_LONG,
    MAX_COMMAND_CHARS,
    MAX_QUERY_WORDS,
    QUERY_TOO_MANY_WORDS,
)
from bot.errors import CommandError


def printable(text: str) -> str:
    """``text`` without control characters, whitespace runs made one space, trimmed."""
    kept = "".join(
        " " if char.isspace() else char
        for char in text
        if char.isspace() or unicodedata.category(char) != "Cc"
    )
    return " ".join(kept.split())


def check_length(text: str) -> None:
    """CommandError when ``text`` is longer than ``/cdf`` accepts."""
    if len(text) > MAX_COMMAND_CHARS:
        raise CommandError(COMMAND_TOO_LONG.format(chars=len(text), limit=MAX_COMMAND_CHARS))


def check_query(query: str) -> None:
    """CommandError when a query has more words than a lookup takes."""
    words = len(query.split())
    if words > MAX_QUERY_WORDS:
        raise CommandError(QUERY_TOO_MANY_WORDS.format(words=words, limit=MAX_QUERY_WORDS))
